// The Draw page's model in the browser: core's MNIST preprocessing and the forward pass, for the pad.
//
// prepareDigit() is core/prediction/preprocess.py's to_mnist_input (with core/prediction/ink.py) for a
// clean canvas: polarity from the border, the canvas cropped to its ink, shrunk (box filter), ink on
// black, specks dropped, cropped again, the longer side to 20 px (Pillow's Lanczos, ported), padded to
// 28×28 and shifted so the centre of mass sits in the middle. When the cropped ink comes near its
// border, core estimates the background with a grey-level opening and the noise from the border:
// ported too (scipy's reflect-mode filters, numpy's median and percentile).
// buildModel() turns core/prediction/browser_model.py's export into TensorFlow.js ops; loadRuntime()
// starts TensorFlow.js (tfjs-core + its WASM backend, sent once by the server). Everything is a plain
// function on globalThis.sigmoidLabPadModel, so the pad and the tests call the same code.

(() => {
  const f32 = Math.fround;
  const WORKING_SIDE = 160;
  const CLEAN_SIDE = 96;
  const MNIST_BOX = 20;
  const MNIST_SIDE = 28;
  const OPAQUE = 250;
  const MIN_CONTRAST = 0.1;
  const MIN_PART_AREA = 0.0005;

  // Python's round(): halves go to the even neighbour.
  const roundEven = (x) => {
    const r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  };

  const image = (width, height, data = new Float32Array(width * height)) => ({ width, height, data });

  function crop(img, top, bottom, left, right) {
    const out = image(right - left, bottom - top);
    for (let y = top; y < bottom; y++) out.data.set(img.data.subarray(y * img.width + left, y * img.width + right), (y - top) * out.width);
    return out;
  }

  // The pixels within `width` of the edge, as numpy's _ring concatenates them (corners twice).
  function ring(img, width) {
    const { width: w, height: h, data } = img;
    const out = [];
    for (let y = 0; y < width; y++) for (let x = 0; x < w; x++) out.push(data[y * w + x]);
    for (let y = h - width; y < h; y++) for (let x = 0; x < w; x++) out.push(data[y * w + x]);
    for (let y = 0; y < h; y++) for (let x = 0; x < width; x++) out.push(data[y * w + x]);
    for (let y = 0; y < h; y++) for (let x = w - width; x < w; x++) out.push(data[y * w + x]);
    return out;
  }

  function median(values) {
    const sorted = Float32Array.from(values).sort();
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : f32((sorted[middle - 1] + sorted[middle]) / 2);
  }

  const range = (values) => {
    let low = Infinity;
    let high = -Infinity;
    for (const v of values) {
      if (v < low) low = v;
      if (v > high) high = v;
    }
    return f32(high - low);
  };

  // Pillow's resampling (Resample.c): filter weights per output pixel, horizontal pass then vertical.
  const FILTERS = {
    box: { support: 0.5, at: (x) => (x > -0.5 && x <= 0.5 ? 1 : 0) },
    bilinear: { support: 1, at: (x) => (Math.abs(x) < 1 ? 1 - Math.abs(x) : 0) },
    lanczos: {
      support: 3,
      at: (x) => {
        const sinc = (v) => (v === 0 ? 1 : Math.sin(v * Math.PI) / (v * Math.PI));
        return x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0;
      },
    },
  };

  function coefficients(inSize, outSize, filter) {
    const scale = inSize / outSize;
    const filterScale = Math.max(scale, 1);
    const support = filter.support * filterScale;
    const bounds = [];
    for (let xx = 0; xx < outSize; xx++) {
      const center = (xx + 0.5) * scale;
      const xmin = Math.max(0, Math.trunc(center - support + 0.5));
      const xmax = Math.min(inSize, Math.trunc(center + support + 0.5)) - xmin;
      const weights = new Float64Array(Math.max(xmax, 0));
      let total = 0;
      for (let x = 0; x < xmax; x++) {
        weights[x] = filter.at((x + xmin - center + 0.5) / filterScale);
        total += weights[x];
      }
      if (total !== 0) for (let x = 0; x < xmax; x++) weights[x] /= total;
      bounds.push({ start: xmin, weights });
    }
    return bounds;
  }

  function resize(img, width, height, filterName) {
    const filter = FILTERS[filterName];
    let current = img;
    if (width !== img.width) {
      const cols = coefficients(img.width, width, filter);
      const out = image(width, img.height);
      for (let y = 0; y < img.height; y++) {
        const row = y * img.width;
        for (let x = 0; x < width; x++) {
          const { start, weights } = cols[x];
          let sum = 0;
          for (let k = 0; k < weights.length; k++) sum += img.data[row + start + k] * weights[k];
          out.data[y * width + x] = sum;
        }
      }
      current = out;
    }
    if (height !== img.height) {
      const rows = coefficients(img.height, height, filter);
      const out = image(current.width, height);
      for (let y = 0; y < height; y++) {
        const { start, weights } = rows[y];
        for (let x = 0; x < current.width; x++) {
          let sum = 0;
          for (let k = 0; k < weights.length; k++) sum += current.data[(start + k) * current.width + x] * weights[k];
          out.data[y * current.width + x] = sum;
        }
      }
      current = out;
    }
    return current === img ? image(img.width, img.height, img.data.slice()) : current;
  }

  // read_gray: real transparency makes alpha the ink; else Pillow's RGBA → L.
  function toGray(rgba, width, height) {
    const n = width * height;
    const out = image(width, height);
    let transparent = false;
    for (let i = 0; i < n; i++) if (rgba[4 * i + 3] < OPAQUE) transparent = true;
    const unit = f32(1 / 255);
    for (let i = 0; i < n; i++) {
      const value = transparent ? rgba[4 * i + 3] : (rgba[4 * i] * 19595 + rgba[4 * i + 1] * 38470 + rgba[4 * i + 2] * 7471 + 0x8000) >> 16;
      out.data[i] = f32(value * unit);
    }
    return { gray: out, fromAlpha: transparent };
  }

  // ink.clean_crop: on a uniform border, the part holding ink plus a margin (null: keep the whole picture).
  function cleanCrop(gray) {
    if (range(ring(gray, 1)) > 2 / 255) return null;
    const background = gray.data[0];
    const { width: w, height: h, data } = gray;
    const differs = (v) => f32(v - background) > 0.05 || f32(background - v) > 0.05;
    let top = h;
    let bottom = -1;
    let left = w;
    let right = -1;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (differs(data[y * w + x])) {
          if (y < top) top = y;
          if (y > bottom) bottom = y;
          if (x < left) left = x;
          if (x > right) right = x;
        }
      }
    }
    if (bottom < 0) return null;
    const margin = Math.max(4, roundEven(0.04 * Math.max(h, w)));
    return crop(gray, Math.max(0, top - margin), Math.min(h, bottom + margin + 1), Math.max(0, left - margin), Math.min(w, right + margin + 1));
  }

  function shrink(gray, longest) {
    const scale = longest / Math.max(gray.width, gray.height);
    if (scale >= 1) return gray;
    return resize(gray, Math.max(1, roundEven(gray.width * scale)), Math.max(1, roundEven(gray.height * scale)), "box");
  }

  class Blank extends Error {}

  // ink.ink_on_black for strokes (digits).
  function inkOnBlack(gray, fromAlpha) {
    const width = Math.max(1, Math.floor(Math.min(gray.width, gray.height) / 20));
    let border = ring(gray, width);
    let level = median(border);
    let data = gray.data;
    if (!fromAlpha && level > 0.5) {
      data = data.map((v) => f32(1 - v));
      level = f32(1 - level);
      border = border.map((v) => f32(1 - v));
    }
    const clean = range(border) <= 2 / 255;
    let residual;
    let floor = 0.04;
    let peak = 0;
    if (clean) {
      residual = data.map((v) => Math.max(f32(v - level), 0));
      for (const v of residual) if (v > peak) peak = v;
    } else {
      const background = backgroundOf(image(gray.width, gray.height, data));
      residual = data.map((v, i) => Math.max(f32(v - background[i]), 0));
      const sample = Float32Array.from(ring(image(gray.width, gray.height, residual), width));
      const middle = median(sample);
      floor = Math.max(0.04, 4 * (1.4826 * median(sample.map((v) => Math.abs(f32(v - middle))))));
      const strong = residual.filter((v) => v > f32(floor));
      if (!strong.length) throw new Blank("no ink");
      peak = percentile(strong, 99.5);
    }
    if (peak - floor < MIN_CONTRAST) throw new Blank("no ink");
    const low = f32(floor);
    const spread = f32(peak - floor);
    const ink = residual.map((v) => Math.min(Math.max(f32(f32(v - low) / spread), 0), 1));
    return dropSpecks(image(gray.width, gray.height, ink), clean);
  }

  // numpy's percentile (linear between the two nearest ranks).
  function percentile(values, q) {
    const sorted = Float32Array.from(values).sort();
    const at = (q / 100) * (sorted.length - 1);
    const below = Math.floor(at);
    const above = Math.min(below + 1, sorted.length - 1);
    return f32(sorted[below] + (sorted[above] - sorted[below]) * (at - below));
  }

  // scipy.ndimage's reflect mode (d c b a | a b c d | d c b a).
  const reflect = (i, n) => {
    const period = 2 * n;
    let j = ((i % period) + period) % period;
    return j < n ? j : period - 1 - j;
  };

  // One scipy 1-D filter along rows (axis 1) or columns (axis 0): window [i - size//2 - origin, ...+size).
  function filter1d(img, size, axis, origin, reduce) {
    const { width: w, height: h, data } = img;
    const out = new Float32Array(w * h);
    const n = axis === 1 ? w : h;
    const line = new Float64Array(n);
    const start = -Math.floor(size / 2) - origin;
    for (let other = 0; other < (axis === 1 ? h : w); other++) {
      const index = (i) => (axis === 1 ? other * w + i : i * w + other);
      for (let i = 0; i < n; i++) line[i] = data[index(i)];
      for (let i = 0; i < n; i++) {
        const values = [];
        for (let k = 0; k < size; k++) values.push(line[reflect(i + start + k, n)]);
        out[index(i)] = reduce(values);
      }
    }
    return image(w, h, out);
  }

  const lowest = (values) => Math.min(...values);
  const highest = (values) => Math.max(...values);
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

  // ink.ink_on_black's background: a grey-level opening wider than a stroke, smoothed, at 64 px, then enlarged.
  function backgroundOf(gray) {
    const small = shrink(gray, 64);
    const window = Math.max(3, roundEven(Math.max(small.width, small.height) / 3));
    const dilationOrigin = window % 2 ? 0 : -1; // scipy's grey_dilation mirrors the window of an even size
    let opened = filter1d(filter1d(small, window, 0, 0, lowest), window, 1, 0, lowest);
    opened = filter1d(filter1d(opened, window, 0, dilationOrigin, highest), window, 1, dilationOrigin, highest);
    const smooth = filter1d(filter1d(opened, window, 0, 0, mean), window, 1, 0, mean);
    return resize(smooth, gray.width, gray.height, "bilinear").data;
  }

  // ink._drop_specks: keep parts with ≥ 3 % of the ink and a few pixels, plus a 2-pixel margin.
  function dropSpecks(ink, onePartIsClean) {
    const { width: w, height: h, data } = ink;
    const labels = new Int32Array(w * h);
    const masses = [0];
    const areas = [0];
    const stack = [];
    for (let start = 0; start < w * h; start++) {
      if (labels[start] || !(data[start] > 0.25)) continue;
      const label = masses.length;
      let mass = 0;
      let area = 0;
      labels[start] = label;
      stack.push(start);
      while (stack.length) {
        const i = stack.pop();
        mass += data[i];
        area += 1;
        const y = (i / w) | 0;
        const x = i - y * w;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const yy = y + dy;
            const xx = x + dx;
            if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
            const j = yy * w + xx;
            if (!labels[j] && data[j] > 0.25) {
              labels[j] = label;
              stack.push(j);
            }
          }
        }
      }
      masses.push(mass);
      areas.push(area);
    }
    const count = masses.length - 1;
    if (count === 0) throw new Blank("no ink");
    if (count === 1 && onePartIsClean && areas[1] >= 4) return ink;
    const total = masses.reduce((a, b) => a + b, 0);
    const keep = masses.map((m, i) => i > 0 && m >= 0.03 * total && areas[i] >= Math.max(4, MIN_PART_AREA * w * h));
    if (!keep.some(Boolean)) throw new Blank("no ink");
    const out = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let kept = false;
        for (let yy = Math.max(0, y - 2); yy <= Math.min(h - 1, y + 2) && !kept; yy++) {
          for (let xx = Math.max(0, x - 2); xx <= Math.min(w - 1, x + 2); xx++) {
            if (keep[labels[yy * w + xx]]) {
              kept = true;
              break;
            }
          }
        }
        out[y * w + x] = kept ? data[y * w + x] : 0;
      }
    }
    return image(w, h, out);
  }

  function inkBox(img, threshold) {
    const { width: w, height: h, data } = img;
    let top = h;
    let bottom = -1;
    let left = w;
    let right = -1;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (data[y * w + x] > threshold) {
          if (y < top) top = y;
          if (y > bottom) bottom = y;
          if (x < left) left = x;
          if (x > right) right = x;
        }
      }
    }
    return { top, bottom: bottom + 1, left, right: right + 1 };
  }

  /**
   * core's to_mnist_input for the pad's pixels.
   * @param {Uint8ClampedArray} rgba RGBA pixels, row by row.
   * @param {number} width
   * @param {number} height
   * @returns {{input: Uint8Array}|{blank: true}} The 28×28 uint8 model input, or blank (no ink).
   */
  function prepareDigit(rgba, width, height) {
    try {
      const { gray, fromAlpha } = toGray(rgba, width, height);
      const early = cleanCrop(gray);
      const ink = inkOnBlack(shrink(early || gray, early ? CLEAN_SIDE : WORKING_SIDE), fromAlpha);
      const box = inkBox(ink, 0.05);
      const cropped = crop(ink, box.top, box.bottom, box.left, box.right);
      const scale = MNIST_BOX / Math.max(cropped.width, cropped.height);
      const sw = Math.max(1, roundEven(cropped.width * scale));
      const sh = Math.max(1, roundEven(cropped.height * scale));
      const boxed = resize(cropped, sw, sh, "lanczos");
      const field = new Float32Array(MNIST_SIDE * MNIST_SIDE);
      const top = Math.floor((MNIST_SIDE - sh) / 2);
      const left = Math.floor((MNIST_SIDE - sw) / 2);
      let mass = 0;
      let my = 0;
      let mx = 0;
      for (let y = 0; y < sh; y++) {
        for (let x = 0; x < sw; x++) {
          const v = Math.min(Math.max(boxed.data[y * sw + x], 0), 1);
          field[(top + y) * MNIST_SIDE + left + x] = v;
          mass += v;
          my += v * (top + y);
          mx += v * (left + x);
        }
      }
      const clip = (v, low, high) => Math.min(Math.max(v, low), high);
      const dy = clip(roundEven((MNIST_SIDE - 1) / 2 - my / mass), -top, MNIST_SIDE - top - sh);
      const dx = clip(roundEven((MNIST_SIDE - 1) / 2 - mx / mass), -left, MNIST_SIDE - left - sw);
      let peak = 0;
      for (const v of field) if (v > peak) peak = v;
      const input = new Uint8Array(MNIST_SIDE * MNIST_SIDE);
      for (let y = 0; y < MNIST_SIDE; y++) {
        for (let x = 0; x < MNIST_SIDE; x++) {
          const sy = y - dy;
          const sx = x - dx;
          if (sy < 0 || sy >= MNIST_SIDE || sx < 0 || sx >= MNIST_SIDE) continue;
          input[y * MNIST_SIDE + x] = roundEven(f32(f32(field[sy * MNIST_SIDE + sx] / peak) * 255));
        }
      }
      return { input };
    } catch (problem) {
      if (problem instanceof Blank) return { blank: true };
      throw problem;
    }
  }

  function decodeBase64(text) {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  let runtime = null;

  /**
   * Starts TensorFlow.js once per page: the runtime's script, then its WASM backend.
   * @param {{js: string, wasm: string}} bundle The scripts (tfjs-core, tfjs-backend-wasm) and the SIMD binary (base64).
   * @returns {Promise<object>} The `tf` namespace, on the WASM backend.
   */
  function loadRuntime(bundle) {
    if (!runtime) {
      runtime = (async () => {
        if (!globalThis.tf || !globalThis.tf.wasm) {
          const script = URL.createObjectURL(new Blob([bundle.js], { type: "text/javascript" }));
          await import(script);
          URL.revokeObjectURL(script);
        }
        const tf = globalThis.tf;
        const wasm = URL.createObjectURL(new Blob([decodeBase64(bundle.wasm)], { type: "application/wasm" }));
        const names = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"];
        tf.wasm.setWasmPaths(Object.fromEntries(names.map((name) => [name, wasm])));
        if (!(await tf.setBackend("wasm"))) throw new Error("TensorFlow.js could not start its WASM backend.");
        await tf.ready();
        return tf;
      })();
      runtime.catch(() => {
        runtime = null;
      });
    }
    return runtime;
  }

  function activate(tf, x, name) {
    switch (name) {
      case "linear":
        return x;
      case "relu":
        return tf.relu(x);
      case "sigmoid":
        return tf.sigmoid(x);
      case "tanh":
        return tf.tanh(x);
      case "elu":
        return tf.elu(x);
      case "gelu":
        return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
      case "softmax":
        return tf.softmax(x);
      default:
        throw new Error(`The pad has no ${name} activation.`);
    }
  }

  /**
   * A browser model from core/prediction/browser_model.py's export.
   * @param {object} tf The TensorFlow.js namespace.
   * @param {{layers: object[], weights: string, input_shape: number[]}} exported
   * @returns {{predict: (input: Uint8Array) => Float32Array, dispose: () => void}}
   */
  function buildModel(tf, exported) {
    const bytes = decodeBase64(exported.weights);
    const values = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    const tensors = [];
    const tensor = (slice, shape) => {
      const t = tf.tensor(values.slice(slice[0], slice[0] + slice[1]), shape, "float32");
      tensors.push(t);
      return t;
    };
    const steps = exported.layers.map((layer) => {
      if (layer.kind === "rescale") return (x) => tf.add(tf.mul(x, layer.scale), layer.offset);
      if (layer.kind === "conv2d") {
        const kernel = tensor(layer.kernel, layer.shape);
        const bias = layer.bias && tensor(layer.bias, [layer.shape[3]]);
        return (x) => activate(tf, bias ? tf.add(tf.conv2d(x, kernel, layer.strides, layer.padding), bias) : tf.conv2d(x, kernel, layer.strides, layer.padding), layer.activation);
      }
      if (layer.kind === "maxpool") return (x) => tf.maxPool(x, layer.size, layer.strides, layer.padding);
      if (layer.kind === "avgpool") return (x) => tf.avgPool(x, layer.size, layer.strides, layer.padding);
      if (layer.kind === "flatten") return (x) => tf.reshape(x, [x.shape[0], -1]);
      if (layer.kind === "dense") {
        const kernel = tensor(layer.kernel, layer.shape);
        const bias = layer.bias && tensor(layer.bias, [layer.shape[1]]);
        return (x) => activate(tf, bias ? tf.add(tf.matMul(x, kernel), bias) : tf.matMul(x, kernel), layer.activation);
      }
      if (layer.kind === "activation") return (x) => activate(tf, x, layer.activation);
      throw new Error(`The pad cannot run a ${layer.kind} layer.`);
    });
    const shape = exported.input_shape;
    const size = shape.reduce((a, b) => a * b, 1);
    return {
      predict(input) {
        const count = input.length / size;
        return tf.tidy(() => {
          let x = tf.tensor(Float32Array.from(input), [count, ...shape], "float32");
          for (const step of steps) x = step(x);
          return x.dataSync();
        });
      },
      dispose() {
        for (const t of tensors) t.dispose();
      },
    };
  }

  globalThis.sigmoidLabPadModel = { prepareDigit, loadRuntime, buildModel, resize, roundEven };
})();
