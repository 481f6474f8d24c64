"""The lab's colours: the Okabe–Ito palette (safe for colour-blind eyes), and the roles the charts give them.

Chart marks on white need a contrast of 3:1 and text 4.5:1; every colour below that is used for a
mark or text says so. Meaning never rests on colour alone: a shape, a pattern or a label says it too.
"""

from __future__ import annotations

ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
BLACK = "#000000"
OKABE_ITO = (ORANGE, SKY_BLUE, GREEN, YELLOW, BLUE, VERMILLION, PURPLE, BLACK)

TRACK = "#E4E4E4"  # the gauge's empty track (a background, not a mark)
BAND = "#F5D48A"  # the not-confident band's fill (a background area; it is also labelled and hatched in words)
INK = "#1A1A1A"  # text and thin rules on white: 17:1
MUTED = "#595959"  # grey text or marks on white: 7:1
THIN = "#767676"  # marks for "too few images" on white: 4.5:1
NOW = VERMILLION  # the current value (3.9:1 on white, a mark)
OTHER = BLUE  # a second mark beside NOW (5.1:1 on white)
NOT_SURE = "#A65200"  # "not sure" words on white: 5.5:1 (the words say it too; colour only adds to them)
FOCUS = BLUE  # the keyboard's focus ring around a control, on white: 5.1:1
CURSOR = SKY_BLUE  # the drawing pad's keyboard cursor (dashed) on its black paper: 9.1:1
PEN = ORANGE  # the same cursor with the pen down (solid, thicker) on black: 9.3:1
