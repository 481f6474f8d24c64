// The end marker of a run that showed the drawing pad (views/draw/sketch_pad.py, sketch_pad_done): drawn last in the
// Draw page's fragment, so it reaches the browser only when everything the run drew before it did. It leaves which
// run ended and which drawing it read for the pad (sketch_pad.js, pad.finish), even if the pad's script is not
// loaded yet; it shows nothing.
export default function ({ data }) {
  // A test drops a marker here to stand in for a run whose rest Streamlit dropped (globalThis.sigmoidLabPadDropDone).
  if (globalThis.sigmoidLabPadDropDone?.()) return;
  (globalThis.sigmoidLabPadFinished ??= new Map()).set(data.key, { run: data.run, ack: data.ack });
  globalThis.sigmoidLabPadLive?.pads?.get(data.key)?.finish();
}
