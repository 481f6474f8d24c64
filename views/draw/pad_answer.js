// The drawing pad's own answer under the canvas (see sketch_pad.js): the verdict in the page's language and a gauge
// (two classes) or one bar per class. Every word comes from the server in the session's language (data.model.words,
// made by core.prediction.verdict.pad_words): the headline ("7 · 97% sure" / "Not sure: a guess between 7 and 8"),
// what a screen reader hears ("Looks like a 7, 97% sure") and the gauge's name. The box is a polite live region
// (role="status"), busy while the pen is down so a screen reader reads the answer once the stroke ends.
// Defines globalThis.sigmoidLabPadAnswer = {verdict, makeAnswer}.

(() => {
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));

  // core.i18n.percent: at most one decimal, never a flat 100% or 0%, in the page's language (words.percent).
  function percent(value, words) {
    const { pattern, decimal, above, below } = words.percent;
    if (value >= 0.9995 && value < 1) return above;
    if (value > 0 && value < 0.0005) return below;
    const n = (Math.round(value * 1000) / 10).toString().replace(".", decimal);
    return fill(pattern, { n });
  }

  // core.prediction.confidence.output_text: four decimals, never a flat 0 or 1.
  function outputText(p, words) {
    const text = p < 0.00005 ? "<0.0001" : p > 0.99995 ? ">0.9999" : p.toFixed(4);
    return text.replace(".", words.percent.decimal);
  }

  // core.prediction.verdict: the headline and the status, "sure" only outside the band.
  function verdict(outputs, model) {
    const { classes, band, words } = model;
    const probabilities = outputs.length === 1 ? [1 - outputs[0], outputs[0]] : Array.from(outputs);
    const ranked = probabilities.map((p, i) => [p, i]).sort((a, b) => b[0] - a[0]);
    const [[chance, best], [, second]] = ranked;
    const sure = outputs.length === 1 ? !(band[0] <= outputs[0] && outputs[0] <= band[1]) : chance > band[1];
    const label = classes[best];
    const [first, last] = [label, classes[second]].sort();
    const values = { chance: percent(chance, words), first, second: last };
    return {
      probabilities,
      label,
      chance,
      sure,
      headline: fill(sure ? words.sure[best] : words.notSure, values),
      status: fill(sure ? words.sureStatus[best] : words.notSureStatus, values),
    };
  }

  const SVG = "http://www.w3.org/2000/svg";
  function svg(name, attributes, parent) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    parent?.append(element);
    return element;
  }

  // The live answer under the canvas: the polite live region (always there, so a reader hears its first answer),
  // and inside it the visible answer (.sp-live, hidden while there is none): headline, gauge or bars.
  function makeAnswer(root, width) {
    const region = document.createElement("div");
    region.className = "sp-answer";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    region.setAttribute("aria-atomic", "true");
    const said = document.createElement("span");
    said.className = "sp-said";
    const box = document.createElement("div");
    box.className = "sp-live";
    box.hidden = true;
    const head = document.createElement("div");
    head.className = "sp-live-head";
    head.setAttribute("aria-hidden", "true"); // the reader hears the status sentence instead
    const picture = svg("svg", { width, height: 54, viewBox: `0 0 ${width} 54`, role: "img", focusable: "false" });
    const name = svg("title", {}, picture);
    const drawing = svg("g", { "aria-hidden": "true" }, picture);
    box.append(head, picture);
    region.append(said, box);
    root.append(region);
    let shape = "";
    let parts = null;
    const build = (classes, band) => {
      drawing.replaceChildren();
      const margin = 10;
      const span = width - 2 * margin;
      if (classes.length === 2) {
        svg("rect", { x: margin, y: 14, width: span, height: 10, rx: 5, class: "sp-track" }, drawing);
        svg("rect", { x: margin + band[0] * span, y: 14, width: (band[1] - band[0]) * span, height: 10, class: "sp-band" }, drawing);
        const marker = svg("circle", { cx: margin, cy: 19, r: 7, class: "sp-marker" }, drawing);
        const value = svg("text", { x: width / 2, y: 10, "text-anchor": "middle", class: "sp-text" }, drawing);
        svg("text", { x: margin, y: 40, class: "sp-text" }, drawing).textContent = `0 · ${classes[0]}`;
        svg("text", { x: width - margin, y: 40, "text-anchor": "end", class: "sp-text" }, drawing).textContent = `${classes[1]} · 1`;
        parts = { marker, value, margin, span };
      } else {
        const step = span / classes.length;
        const bars = classes.map((label, i) => {
          svg("text", { x: margin + (i + 0.5) * step, y: 52, "text-anchor": "middle", class: "sp-text" }, drawing).textContent = label;
          return svg("rect", { x: margin + i * step + 2, y: 40, width: step - 4, height: 0, class: "sp-bar-value" }, drawing);
        });
        parts = { bars };
      }
    };
    return {
      hidden: () => box.hidden,
      busy(on) {
        region.setAttribute("aria-busy", on ? "true" : "false");
      },
      show(outputs, model) {
        if (!outputs) {
          box.hidden = true;
          said.textContent = "";
          return;
        }
        const key = `${model.classes.join("|")}:${model.band.join("|")}`;
        if (key !== shape) {
          build(model.classes, model.band);
          shape = key;
        }
        const answer = verdict(outputs, model);
        head.textContent = answer.headline;
        said.textContent = answer.status;
        box.dataset.sure = answer.sure ? "sure" : "not sure";
        const words = model.words;
        if (parts.marker) {
          parts.marker.setAttribute("cx", parts.margin + outputs[0] * parts.span);
          parts.value.textContent = `P(${model.classes[1]}) = ${outputText(outputs[0], words)}`;
          name.textContent = fill(words.gauge, { value: outputText(outputs[0], words) });
        } else {
          answer.probabilities.forEach((p, i) => {
            parts.bars[i].setAttribute("y", 40 - 36 * p);
            parts.bars[i].setAttribute("height", 36 * p);
          });
          name.textContent = fill(words.bars, { label: answer.label, chance: percent(answer.chance, words) });
        }
        picture.setAttribute("aria-label", name.textContent);
        box.dataset.answer = JSON.stringify({ label: answer.label, outputs: Array.from(outputs) });
        box.hidden = false;
      },
    };
  }

  globalThis.sigmoidLabPadAnswer = { verdict, makeAnswer, percent };
})();
