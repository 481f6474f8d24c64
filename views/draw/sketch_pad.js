// The Draw page's drawing pad (a Streamlit custom component, v2): strokes with a mouse, a finger
// or a pen (pointer events; touch-action: none, so drawing never scrolls the page), and a toolbar of
// Undo, Redo and Clear. After every change it sends {strokes, image}: how many strokes are on the
// pad and the pad as a PNG data URL (null when empty), at once, without waiting.

const pads = new WeakMap();
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
  const pad = { strokes: [], undone: [], current: null, data: null, setStateValue: null };
  const canvas = document.createElement("canvas");
  canvas.className = "sp-canvas";
  const ctx = canvas.getContext("2d");
  const bar = document.createElement("div");
  bar.className = "sp-bar";
  const change = (act) => () => {
    act();
    render();
    send();
  };
  pad.undoButton = button("undo", "Undo", change(() => pad.strokes.length && pad.undone.push(pad.strokes.pop())));
  pad.redoButton = button("redo", "Redo", change(() => pad.undone.length && pad.strokes.push(pad.undone.pop())));
  pad.clearButton = button("clear", "Clear", change(() => { pad.strokes = []; pad.undone = []; }));
  bar.append(pad.undoButton, pad.redoButton, pad.clearButton);
  root.append(bar, canvas);

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
    pad.setStateValue("drawing", { strokes: pad.strokes.length, image });
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
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!pad.current || event.pointerId !== pad.current.id) return;
    event.preventDefault();
    const moves = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
    for (const move of moves.length ? moves : [event]) pad.current.points.push(at(move));
    render();
  });
  const finish = (event) => {
    if (!pad.current || event.pointerId !== pad.current.id) return;
    pad.strokes.push(pad.current);
    pad.undone = [];
    pad.current = null;
    render();
    send();
  };
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointercancel", finish);
  pad.update = (data, setStateValue) => {
    pad.setStateValue = setStateValue;
    const resized = !pad.data || pad.data.width !== data.width || pad.data.height !== data.height;
    pad.data = data;
    if (resized) {
      canvas.width = data.width;
      canvas.height = data.height;
      canvas.style.width = `${data.width}px`;
      canvas.style.height = `${data.height}px`;
    }
    render();
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
