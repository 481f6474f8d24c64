// The Draw page's drawing pad (a Streamlit custom component, v2): strokes with a mouse, a finger
// or a pen (pointer events; touch-action: none, so drawing never scrolls the page), and a toolbar of
// Undo, Redo and Clear. After every change it sends {strokes, image, held}: how many strokes are on
// the pad, the pad as a PNG data URL (null when empty), at once, without waiting, and what it holds
// to answer by itself. Given a model (data.model, see views/draw/pad_offer.py) it also answers in the
// browser while the pen moves, at most once per animation frame (a frame that comes while one is
// pending is skipped, never queued): browser/pad_model.js prepares the picture as core does and runs
// the network with TensorFlow.js; the answer (words and gauge) shows under the canvas.

const pads = new WeakMap();
const padModel = globalThis.sigmoidLabPadModel;
// What the page holds across pads and remounts: the runtime (once) and each model version (once).
const live = (globalThis.sigmoidLabPadLive ??= {
  runtime: null,
  runtimeReceived: false,
  models: new Map(),
  page: Math.random().toString(36).slice(2),
  seq: 0,
});

function receive(model, onReady) {
  if (!model) return;
  if (model.runtime && !live.runtimeReceived) {
    live.runtimeReceived = true;
    live.runtime = padModel.loadRuntime(model.runtime).catch(() => {
      live.runtimeReceived = false; // not this browser (no WebAssembly SIMD): the server answers
      return null;
    });
  }
  if (model.weights && !live.models.has(model.key)) {
    const entry = { model: null };
    live.models.set(model.key, entry);
    (live.runtime || Promise.resolve(null))
      .then((tf) => {
        if (!tf) throw new Error("no runtime");
        entry.model = padModel.buildModel(tf, model.weights);
        onReady();
      })
      .catch(() => live.models.delete(model.key));
  }
}

function held() {
  live.seq += 1;
  return { seq: `${live.page}-${live.seq}`, runtime: live.runtimeReceived, models: [...live.models.keys()] };
}

function percent(value) {
  if (value > 0.999) return value <= 0.99999 ? ">99.9%" : ">99.99%";
  if (value < 0.001) return "<0.1%";
  return `${(value * 100).toFixed(1)}%`;
}

// core.prediction.confidence.output_text: four decimals, never a flat 0 or 1.
const outputText = (p) => (p < 0.00005 ? "<0.0001" : p > 0.99995 ? ">0.9999" : p.toFixed(4));

// core.prediction.verdict's headline: "7 · 97.0% sure", or "Not sure: a guess between 7 and 8".
function verdict(outputs, classes, band) {
  const probabilities = outputs.length === 1 ? [1 - outputs[0], outputs[0]] : Array.from(outputs);
  const ranked = probabilities.map((p, i) => [p, i]).sort((a, b) => b[0] - a[0]);
  const [[chance, best], [, second]] = ranked;
  const sure = outputs.length === 1 ? !(band[0] <= outputs[0] && outputs[0] <= band[1]) : chance > band[1];
  const label = classes[best];
  const pair = [label, classes[second]].sort().join(" and ");
  return { probabilities, label, chance, sure, headline: sure ? `${label} · ${percent(chance)} sure` : `Not sure: a guess between ${pair}` };
}

const SVG = "http://www.w3.org/2000/svg";
function svg(name, attributes, parent) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  parent?.append(element);
  return element;
}

// The live answer under the canvas: the headline and a gauge (two classes) or one bar per class.
function makeAnswer(root, width) {
  const box = document.createElement("div");
  box.className = "sp-live";
  box.hidden = true;
  const head = document.createElement("div");
  head.className = "sp-live-head";
  const picture = svg("svg", { width, height: 54, viewBox: `0 0 ${width} 54`, role: "img" });
  box.append(head, picture);
  root.append(box);
  let shape = "";
  let parts = null;
  const build = (classes, band) => {
    picture.replaceChildren();
    const margin = 10;
    const span = width - 2 * margin;
    if (classes.length === 2) {
      svg("rect", { x: margin, y: 14, width: span, height: 10, rx: 5, class: "sp-track" }, picture);
      svg("rect", { x: margin + band[0] * span, y: 14, width: (band[1] - band[0]) * span, height: 10, class: "sp-band" }, picture);
      const marker = svg("circle", { cx: margin, cy: 19, r: 7, class: "sp-marker" }, picture);
      const value = svg("text", { x: width / 2, y: 10, "text-anchor": "middle", class: "sp-text" }, picture);
      svg("text", { x: margin, y: 40, class: "sp-text" }, picture).textContent = `0 · ${classes[0]}`;
      svg("text", { x: width - margin, y: 40, "text-anchor": "end", class: "sp-text" }, picture).textContent = `${classes[1]} · 1`;
      parts = { marker, value, margin, span };
    } else {
      const step = span / classes.length;
      const bars = classes.map((name, i) => {
        svg("text", { x: margin + (i + 0.5) * step, y: 52, "text-anchor": "middle", class: "sp-text" }, picture).textContent = name;
        return svg("rect", { x: margin + i * step + 2, y: 40, width: step - 4, height: 0, class: "sp-bar-value" }, picture);
      });
      parts = { bars };
    }
  };
  return {
    show(outputs, model) {
      if (!outputs) {
        box.hidden = true;
        return;
      }
      const key = `${model.classes.join("|")}:${model.band.join("|")}`;
      if (key !== shape) {
        build(model.classes, model.band);
        shape = key;
      }
      const answer = verdict(outputs, model.classes, model.band);
      head.textContent = answer.headline;
      box.dataset.sure = answer.sure ? "sure" : "not sure";
      if (parts.marker) {
        parts.marker.setAttribute("cx", parts.margin + outputs[0] * parts.span);
        parts.value.textContent = `P(${model.classes[1]}) = ${outputText(outputs[0])}`;
      } else {
        answer.probabilities.forEach((p, i) => {
          parts.bars[i].setAttribute("y", 40 - 36 * p);
          parts.bars[i].setAttribute("height", 36 * p);
        });
      }
      box.dataset.answer = JSON.stringify({ label: answer.label, outputs: Array.from(outputs) });
      box.hidden = false;
    },
  };
}
const ICONS = {
  undo: '<path d="M9 14 4 9l5-5"/><path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11"/>',
  redo: '<path d="m15 14 5-5-5-5"/><path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13"/>',
  clear: '<path d="M4 7h16"/><path d="M9 7V4h6v3"/><path d="M6 7l1 13h10l1-13"/>',
};

function button(name, label, act) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "sp-button";
  b.title = label;
  b.setAttribute("aria-label", label);
  b.innerHTML = `<svg viewBox="0 0 24 24" aria-hidden="true">${ICONS[name]}</svg><span>${label}</span>`;
  b.addEventListener("click", act);
  return b;
}

function paint(ctx, mark) {
  const [first, last] = [mark.points[0], mark.points[mark.points.length - 1]];
  ctx.fillStyle = mark.fill;
  ctx.strokeStyle = mark.color;
  ctx.beginPath();
  if (mark.mode === "circle") {
    ctx.arc(first.x, first.y, Math.max(Math.hypot(last.x - first.x, last.y - first.y), 1), 0, 2 * Math.PI);
    ctx.fill();
  } else if (mark.mode === "rect") {
    ctx.rect(first.x, first.y, last.x - first.x, last.y - first.y);
    ctx.fill();
  } else if (mark.points.length === 1) {
    ctx.fillStyle = mark.color;
    ctx.arc(first.x, first.y, mark.width / 2, 0, 2 * Math.PI);
    ctx.fill();
  } else {
    ctx.lineWidth = mark.width;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.moveTo(first.x, first.y);
    for (const p of mark.points.slice(1)) ctx.lineTo(p.x, p.y);
    ctx.stroke();
  }
}

function makePad(root) {
  const pad = { strokes: [], undone: [], current: null, data: null, setStateValue: null, frame: 0, busy: 0, move: null };
  const canvas = document.createElement("canvas");
  canvas.className = "sp-canvas";
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const bar = document.createElement("div");
  bar.className = "sp-bar";
  const change = (act) => () => {
    act();
    render();
    answerNow();
    send();
  };
  pad.undoButton = button("undo", "Undo", change(() => pad.strokes.length && pad.undone.push(pad.strokes.pop())));
  pad.redoButton = button("redo", "Redo", change(() => pad.undone.length && pad.strokes.push(pad.undone.pop())));
  pad.clearButton = button("clear", "Clear", change(() => { pad.strokes = []; pad.undone = []; }));
  bar.append(pad.undoButton, pad.redoButton, pad.clearButton);
  root.append(bar, canvas);
  let answer = null;

  // The browser's own answer for what the canvas shows now (none without a ready model or ink).
  const answerNow = () => {
    if (pad.frame) cancelAnimationFrame(pad.frame);
    pad.frame = 0;
    const model = pad.data && pad.data.model;
    const entry = model && live.models.get(model.key);
    if (!entry || !entry.model || (!pad.strokes.length && !pad.current)) {
      answer?.show(null);
      return;
    }
    const prepared = padModel.prepareDigit(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
    answer.show(prepared.input ? entry.model.predict(prepared.input) : null, model);
    if (pad.move && globalThis.sigmoidLabPadTrace) globalThis.sigmoidLabPadTrace.push({ ...pad.move, answered: performance.now() });
    pad.move = null;
    if (!pad.busy) pad.busy = requestAnimationFrame(() => { pad.busy = 0; });
  };
  // At most one answer per frame, never a queue: the first pen move of a frame is answered at once (so the
  // answer shows in the same frame as the ink); the moves after it in that frame share one answer at the next.
  const answerSoon = () => {
    if (pad.frame) return;
    if (pad.busy) pad.frame = requestAnimationFrame(answerNow);
    else answerNow();
  };

  const render = () => {
    const d = pad.data;
    ctx.fillStyle = d.background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    for (const mark of pad.current ? [...pad.strokes, pad.current] : pad.strokes) paint(ctx, mark);
    pad.undoButton.disabled = !pad.strokes.length;
    pad.redoButton.disabled = !pad.undone.length;
    pad.clearButton.disabled = !pad.strokes.length && !pad.undone.length;
  };
  const send = () => {
    const image = pad.strokes.length ? canvas.toDataURL("image/png") : null;
    pad.setStateValue("drawing", { strokes: pad.strokes.length, image, held: held() });
  };
  const at = (event) => {
    const box = canvas.getBoundingClientRect();
    return { x: ((event.clientX - box.left) * canvas.width) / box.width, y: ((event.clientY - box.top) * canvas.height) / box.height };
  };
  canvas.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    const d = pad.data;
    pad.current = { id: event.pointerId, mode: d.mode, width: d.strokeWidth, color: d.strokeColor, fill: d.fillColor, points: [at(event)] };
    render();
    answerSoon();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!pad.current || event.pointerId !== pad.current.id) return;
    event.preventDefault();
    const moves = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
    const handled = performance.now();
    for (const move of moves.length ? moves : [event]) pad.current.points.push(at(move));
    render();
    if (globalThis.sigmoidLabPadTrace) pad.move = { input: event.timeStamp, handled, redrawn: performance.now() };
    answerSoon();
  });
  const finish = (event) => {
    if (!pad.current || event.pointerId !== pad.current.id) return;
    pad.strokes.push(pad.current);
    pad.undone = [];
    pad.current = null;
    render();
    answerNow();
    send();
  };
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointercancel", finish);
  pad.update = (data, setStateValue) => {
    pad.setStateValue = setStateValue;
    const resized = !pad.data || pad.data.width !== data.width || pad.data.height !== data.height;
    pad.data = data;
    answer ??= makeAnswer(root, data.width);
    receive(data.model, answerNow);
    if (resized) {
      canvas.width = data.width;
      canvas.height = data.height;
      canvas.style.width = `${data.width}px`;
      canvas.style.height = `${data.height}px`;
    }
    render();
    answerNow();
  };
  return pad;
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const root = parentElement.querySelector(".sp-root");
  let pad = pads.get(parentElement);
  if (!pad) {
    pad = makePad(root);
    pads.set(parentElement, pad);
  }
  pad.update(data, setStateValue);
  return () => pads.delete(parentElement);
}
