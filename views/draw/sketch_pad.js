// The Draw page's drawing pad (a Streamlit custom component, v2): strokes with a mouse, a finger
// or a pen (pointer events; touch-action: none, so drawing never scrolls the page), and a toolbar of
// Undo, Redo and Clear. After every change it sends {strokes, image, held}: how many strokes are on
// the pad, the pad as a PNG data URL (null when empty), at once, without waiting, and what it holds
// to answer by itself. Given a model (data.model, see views/draw/pad_offer.py) it also answers in the
// browser while the pen moves, at most once per animation frame (a frame that comes while one is
// pending is skipped, never queued): browser/pad_model.js prepares the picture as core does and runs
// the network with TensorFlow.js; the answer (words and gauge, pad_answer.js) shows under the canvas,
// in a polite live region. Without a pointer: the canvas takes the keyboard's focus (Tab), the arrow
// keys move a cursor over a 14×14 grid, Space puts the pen down and lifts it (Enter lifts it too), and
// the stroke counts and is sent like a drawn one. Every word (toolbar, the pad's name and instructions,
// the answer) comes from the server in the session's language (data.words, data.model.words).

const pads = new WeakMap();
const padModel = globalThis.sigmoidLabPadModel;
const { makeAnswer } = globalThis.sigmoidLabPadAnswer;
const GRID = 14; // the keyboard's cursor moves over a 14×14 grid (20 px cells on the 280 px pad)
const STEPS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
// Each run of the server that shows the pad ends with a marker (sketch_pad_done.js) saying which drawing it read
// (its held.seq) and which run it was (data.run). A change no finished run has read within the wait is sent again,
// at most RESENDS times: a message a rerun dropped under load comes back. A run the pad saw start whose marker
// never came is healed the same way: under a class's load Streamlit sometimes drops the unsent rest of a finished
// fragment run when the next run starts (the pad got its new data, the answer and the messages under it stayed the
// old run's: the lost Clear); the pad sends what it holds again, so a new run draws the page once more. The wait is
// RESEND_MS or three times the slowest recent run, whichever is longer (30 s at most): a re-send made while the
// server is merely slow would cost a rerun (tried with a fixed 4 s: under a class's load the re-sends added reruns
// and replaced one-time messages before students saw them).
const RESEND_MS = 4000;
const RESENDS = 3;
// What the page holds across pads and remounts: the runtime (once) and each model version (once).
const live = (globalThis.sigmoidLabPadLive ??= {
  runtime: null,
  runtimeReceived: false,
  models: new Map(),
  page: Math.random().toString(36).slice(2),
  seq: 0,
  slowest: 0, // ms from a change to the end of the run that read it, the slowest recent one (decays by a fifth)
  mounts: [], // each pad Streamlit mounted and unmounted: when, and how many strokes it held as it went
});
live.pads ??= new Map(); // each pad by its key, for its run's end marker
// Per pad key, the last run whose end marker came: {run, ack} (left by sketch_pad_done.js, perhaps before this loads).
live.finished = globalThis.sigmoidLabPadFinished ??= new Map();
live.healed ??= 0; // how many runs never finished in the browser and were drawn again, for a look or a test
const waitMs = () => Math.min(Math.max(RESEND_MS, 3 * live.slowest), 30000); // a lost change is back within 30 s

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

const ICONS = {
  undo: '<path d="M9 14 4 9l5-5"/><path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11"/>',
  redo: '<path d="m15 14 5-5-5-5"/><path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13"/>',
  clear: '<path d="M4 7h16"/><path d="M9 7V4h6v3"/><path d="M6 7l1 13h10l1-13"/>',
};

function button(name, act) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "sp-button";
  b.innerHTML = `<svg viewBox="0 0 24 24" aria-hidden="true">${ICONS[name]}</svg><span></span>`;
  b.addEventListener("click", act);
  return b;
}

// A button's words in the page's language (data.words, from the server).
function label(b, text) {
  b.title = text;
  b.setAttribute("aria-label", text);
  b.querySelector("span").textContent = text;
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
  pad.sent = null; // the last change sent, until a finished run of the server says it read it (its end marker)
  pad.sentAt = 0; // when it was sent (performance.now()), for live.slowest
  pad.resends = 0;
  pad.heals = 0; // runs healed in a row (see heal)
  pad.wait = 0; // the timer that sends pad.sent again, or heals a run whose end marker did not come
  pad.cursor = { col: GRID / 2, row: GRID / 2 }; // the keyboard's cursor, in grid cells
  const paper = document.createElement("div");
  paper.className = "sp-paper";
  const canvas = document.createElement("canvas");
  canvas.className = "sp-canvas";
  canvas.tabIndex = 0; // the keyboard way in: arrows move a cursor, Space puts the pen down and lifts it
  canvas.setAttribute("role", "application"); // a screen reader hands the arrow keys and Space to the pad
  const cursor = document.createElement("div");
  cursor.className = "sp-cursor";
  cursor.setAttribute("aria-hidden", "true");
  paper.append(canvas, cursor);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const bar = document.createElement("div");
  bar.className = "sp-bar";
  const change = (act) => () => {
    act();
    render();
    answerNow();
    send();
  };
  pad.undoButton = button("undo", change(() => pad.strokes.length && pad.undone.push(pad.strokes.pop())));
  pad.redoButton = button("redo", change(() => pad.undone.length && pad.strokes.push(pad.undone.pop())));
  pad.clearButton = button("clear", change(() => { pad.strokes = []; pad.undone = []; }));
  bar.append(pad.undoButton, pad.redoButton, pad.clearButton);
  root.append(bar, paper);
  let answer = null;

  // The browser's own answer for what the canvas shows now (none without a ready model or ink).
  const answerNow = () => {
    if (pad.frame) cancelAnimationFrame(pad.frame);
    pad.frame = 0;
    const model = pad.data && pad.data.model;
    const entry = model && live.models.get(model.key);
    if (!entry || !entry.model || !model.words || (!pad.strokes.length && !pad.current)) {
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
    pad.sent = { strokes: pad.strokes.length, image, held: held() };
    pad.sentAt = performance.now();
    pad.resends = 0;
    deliver();
  };
  const deliver = () => {
    clearTimeout(pad.wait);
    // A test drops a message here to stand in for one a rerun lost (globalThis.sigmoidLabPadDrop, see test_browser_draw).
    if (!globalThis.sigmoidLabPadDrop?.()) pad.setStateValue("drawing", pad.sent);
    pad.wait = setTimeout(resend, waitMs());
  };
  const resend = () => {
    if (!pad.sent || pad.resends >= RESENDS) return;
    pad.resends += 1;
    live.resent = (live.resent || 0) + 1; // how many changes went again, for a look from the console or a test
    pad.sent = { ...pad.sent, held: held() }; // a new seq: the same drawing, a new value for the widget
    deliver();
  };
  const heal = () => {
    if (pad.heals >= RESENDS) return;
    pad.heals += 1;
    live.healed += 1;
    send();
  };
  // The run that showed this data ended in the browser: its change is read (or sent again after a wait), nothing to heal.
  pad.finish = () => {
    const done = live.finished.get(pad.data?.key);
    if (!done || done.run !== pad.data.run) return; // an older run's marker, or this run's still on its way
    clearTimeout(pad.wait);
    live.ack = done.ack ?? null; // the drawing the server's last finished run read
    pad.heals = 0;
    if (!pad.sent) return;
    if (done.ack === pad.sent.held.seq) {
      live.slowest = Math.max(performance.now() - pad.sentAt, 0.8 * live.slowest);
      pad.sent = null;
    } else pad.wait = setTimeout(resend, waitMs());
  };
  // A run of the server started showing the pad: wait for its end marker, and heal the page if it never comes.
  pad.started = () => {
    clearTimeout(pad.wait);
    pad.wait = setTimeout(heal, Math.max(2 * RESEND_MS, waitMs())); // 8 s at least: a slow run is not a lost one
    pad.finish();
  };
  const begin = (id, point) => {
    const d = pad.data;
    pad.current = { id, mode: d.mode, width: d.strokeWidth, color: d.strokeColor, fill: d.fillColor, points: [point] };
    answer?.busy(true); // a screen reader waits for the stroke's end
    render();
    answerSoon();
  };
  // The stroke ends (pen lifted, or Space/Enter on the keyboard): it counts, is answered and sent like any drawing.
  const end = (timeStamp) => {
    pad.strokes.push(pad.current);
    pad.undone = [];
    pad.current = null;
    render();
    answerNow();
    answer?.busy(false);
    if (globalThis.sigmoidLabPadTrace) globalThis.sigmoidLabPadTrace.push({ lifted: timeStamp, answered: performance.now(), shown: answer && !answer.hidden() });
    send();
  };
  const at = (event) => {
    const box = canvas.getBoundingClientRect();
    return { x: ((event.clientX - box.left) * canvas.width) / box.width, y: ((event.clientY - box.top) * canvas.height) / box.height };
  };
  canvas.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    if (pad.current) return; // one pen at a time (a keyboard stroke ends with Space or Enter)
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    begin(event.pointerId, at(event));
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
    if (pad.current && event.pointerId === pad.current.id) end(event.timeStamp);
  };
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointercancel", finish);

  // The keyboard: a cursor over a coarse grid; Space puts the pen down (painting the cell) and lifts it again,
  // Enter lifts it too; with the pen down the arrow keys draw. Circles and squares go from the first cell to the last.
  const cell = () => canvas.width / GRID;
  const centre = () => ({ x: (pad.cursor.col + 0.5) * cell(), y: (pad.cursor.row + 0.5) * cell() });
  const place = () => {
    cursor.style.left = `${pad.cursor.col * cell()}px`;
    cursor.style.top = `${pad.cursor.row * cell()}px`;
    cursor.style.width = cursor.style.height = `${cell()}px`;
    cursor.dataset.pen = pad.current?.id === "keys" ? "down" : "up";
  };
  canvas.addEventListener("keydown", (event) => {
    const step = STEPS[event.key];
    const keys = pad.current?.id === "keys";
    if (step) {
      event.preventDefault(); // the page must not scroll
      pad.cursor.col = Math.min(Math.max(pad.cursor.col + step[0], 0), GRID - 1);
      pad.cursor.row = Math.min(Math.max(pad.cursor.row + step[1], 0), GRID - 1);
      if (keys) {
        pad.current.points.push(centre());
        render();
        answerSoon();
      }
    } else if (event.key === " " || event.key === "Spacebar") {
      event.preventDefault();
      if (keys) end(event.timeStamp);
      else if (!pad.current) begin("keys", centre());
    } else if (event.key === "Enter" && keys) {
      event.preventDefault();
      end(event.timeStamp);
    } else return;
    place();
  });
  canvas.addEventListener("blur", () => {
    if (pad.current?.id === "keys") end(performance.now());
    place();
  });

  pad.update = (data, setStateValue) => {
    pad.setStateValue = setStateValue;
    const resized = !pad.data || pad.data.width !== data.width || pad.data.height !== data.height;
    const run = pad.data?.run;
    pad.data = data;
    live.pads.set(data.key, pad);
    if (data.run !== run) pad.started();
    const words = data.words;
    label(pad.undoButton, words.undo);
    label(pad.redoButton, words.redo);
    label(pad.clearButton, words.clear);
    canvas.setAttribute("aria-label", words.pad);
    answer ??= makeAnswer(root, data.width);
    receive(data.model, answerNow);
    if (resized) {
      canvas.width = data.width;
      canvas.height = data.height;
      canvas.style.width = `${data.width}px`;
      canvas.style.height = `${data.height}px`;
    }
    render();
    place();
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
    pad.mount = { mounted: performance.now(), run: data.run };
    live.mounts.push(pad.mount);
    pads.set(parentElement, pad);
  }
  pad.update(data, setStateValue);
  return () => {
    clearTimeout(pad.wait);
    Object.assign(pad.mount, { unmounted: performance.now(), strokes: pad.strokes.length });
    pads.delete(parentElement);
    if (live.pads.get(pad.data?.key) === pad) live.pads.delete(pad.data.key);
  };
}
