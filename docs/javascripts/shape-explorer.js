// The shape explorer (docs/shape-explorer.md): what nn.RNN, nn.LSTM and nn.GRU of PyTorch 2.13
// return for the arguments and the input a reader picks, or the error they raise, with the
// same message. tests/test_shape_explorer.py checks the page against torch itself, case by
// case, through the form a reader uses; change this file and that test tells you if it still
// agrees. The explorer speaks the language of its page (<html lang>, English or Korean); only
// its own sentences change: torch's exception types and messages and the generated Python are
// the same in both editions.
(() => {
  const GATE_BLOCKS = { RNN: 1, GRU: 3, LSTM: 4 };

  // Every sentence the explorer writes, by language: the two tables have the same keys in the
  // same order, so a line of one has its translation at the same place in the other.
  const STRINGS = {
    en: {
      sizeAtLeastOne: "Every size is at least 1.",
      layerAtLeastOne: "A network has at least one layer.",
      projectionOff: "proj_size = 0 means no projection.",
      projectionSmaller: "The projection shrinks each h_t from hidden_size to proj_size numbers, so it must be smaller.",
      inputRank: (batchedInput) => `A batch is 3-D, ${batchedInput}; one sequence on its own is 2-D, (L, H_in).`,
      stateBatched: "With a batch, the state has three dimensions: (D·num_layers, N, H_out).",
      stateUnbatched: "With one sequence (2-D input), the state drops the batch dimension: (D·num_layers, H_out).",
      features: "The last dimension of the input is the number of features per step; it must equal input_size.",
      batchFirstTrap: (read, n, label, given, meant, fix) =>
        `The batch_first trap: the module reads the input as ${read}, so its batch size is N = ${n}, ` +
        `but ${label} was made for N = ${given}, the other dimension. If the input is ${meant}, set ${fix} (chapter 5).`,
      stateFirstDimension: (label, n) => `The first dimension of ${label} is D·num_layers = ${n}: one state per layer and direction.`,
      stateMiddleDimension: (label, n) => `The middle dimension of ${label} is the batch size, N = ${n}, as in the input.`,
      stateLastDimension: (label, size, n) => `The last dimension of ${label} is ${size} = ${n}.`,
      notWholeNumber: (name) => `${name} must be a whole number.`,
      notAShape: (name) => `The shape of ${name} must be whole numbers separated by commas, such as 5, 3, 10.`,
      zeroSize: (name) => `Give ${name} sizes of at least 1.`,
      raises: (type, message) => `PyTorch raises ${type}: ${message}`,
      readBatched: (read, length, batch, features) =>
        `The input is read as ${read}: L = ${length} steps, N = ${batch} sequences, H_in = ${features} features.`,
      readUnbatched: (length, features) => `The input is one sequence, (L, H_in): L = ${length} steps, H_in = ${features} features.`,
      picture: (dims) => `The output tensor, ${dims}.`,
    },
    ko: {
      sizeAtLeastOne: "크기는 모두 1 이상이어야 합니다.",
      layerAtLeastOne: "신경망에는 층이 적어도 하나 있어야 합니다.",
      projectionOff: "proj_size = 0은 투영을 하지 않는다는 뜻입니다.",
      projectionSmaller: "투영은 각 h_t를 hidden_size개의 수에서 proj_size개의 수로 줄이므로, proj_size가 hidden_size보다 작아야 합니다.",
      inputRank: (batchedInput) => `배치는 3차원 ${batchedInput}이고, 배치 없이 시퀀스 하나만 주면 2차원 (L, H_in)입니다.`,
      stateBatched: "배치 입력이면 상태는 3차원입니다: (D·num_layers, N, H_out).",
      stateUnbatched: "시퀀스 하나(2차원 입력)만 주면 상태에서도 배치 차원이 빠집니다: (D·num_layers, H_out).",
      features: "입력의 마지막 차원은 단계마다의 특성 수이며, input_size와 같아야 합니다.",
      batchFirstTrap: (read, n, label, given, meant, fix) =>
        `batch_first 함정입니다. 모듈은 입력을 ${read} 순서로 읽으므로 배치 크기는 N = ${n}입니다. ` +
        `그런데 ${label}의 배치 크기는 N = ${given}, 곧 입력의 다른 쪽 차원에 맞춰져 있습니다. ` +
        `입력이 ${meant} 순서라면 ${fix}로 설정하십시오(5장).`,
      stateFirstDimension: (label, n) => `${label}의 첫 번째 차원은 D·num_layers = ${n}입니다. 층과 방향마다 상태가 하나씩 있습니다.`,
      stateMiddleDimension: (label, n) => `${label}의 가운데 차원은 배치 크기로, 입력과 같은 N = ${n}입니다.`,
      stateLastDimension: (label, size, n) => `${label}의 마지막 차원은 ${size} = ${n}입니다.`,
      notWholeNumber: (name) => `${name}에는 정수를 넣어야 합니다.`,
      notAShape: (name) => `${name}의 모양은 5, 3, 10처럼 쉼표로 구분한 정수여야 합니다.`,
      zeroSize: (name) => `${name}의 크기는 모두 1 이상이어야 합니다.`,
      raises: (type, message) => `PyTorch가 ${type} 예외를 일으킵니다: ${message}`,
      readBatched: (read, length, batch, features) =>
        `입력은 ${read} 순서로 읽힙니다: 단계 L = ${length}개, 시퀀스 N = ${batch}개, 특성 H_in = ${features}개.`,
      readUnbatched: (length, features) => `입력은 시퀀스 하나, (L, H_in)입니다: 단계 L = ${length}개, 특성 H_in = ${features}개.`,
      picture: (dims) => `output 텐서: ${dims}.`,
    },
  };

  // The page's language, read when the explorer starts: instant navigation can bring a page
  // of the other edition without loading this script again.
  const pageLanguage = () => ((document.documentElement.lang || "").toLowerCase().startsWith("ko") ? "ko" : "en");

  const pyTuple = (dims) => `(${dims.join(", ")}${dims.length === 1 ? "," : ""})`;
  const pyList = (dims) => `[${dims.join(", ")}]`;
  const sameDims = (a, b) => a.length === b.length && a.every((d, i) => d === b[i]);

  function failure(type, message, hint) {
    return { error: { type, message }, hint };
  }

  // The checks nn.RNN, nn.GRU and nn.LSTM make, in the order they make them: first the
  // constructor's, then forward()'s. Returns the error, or null. `t` is a table of STRINGS.
  function constructorError(c, t) {
    if (c.input_size <= 0) {
      return failure("ValueError", "input_size must be greater than zero", t.sizeAtLeastOne);
    }
    if (c.hidden_size <= 0) {
      return failure("ValueError", "hidden_size must be greater than zero", t.sizeAtLeastOne);
    }
    if (c.num_layers <= 0) {
      return failure("ValueError", "num_layers must be greater than zero", t.layerAtLeastOne);
    }
    if (c.proj_size < 0) {
      return failure("ValueError", "proj_size should be a positive integer or zero to disable projections", t.projectionOff);
    }
    if (c.proj_size >= c.hidden_size) {
      return failure("ValueError", "proj_size has to be smaller than hidden_size", t.projectionSmaller);
    }
    return null;
  }

  function forwardError(c, layout, t) {
    const { module: name, input: x } = c;
    if (x.length !== 2 && x.length !== 3) {
      const what = name === "RNN" ? `${x.length}D tensor` : `${x.length}D`;
      return failure(
        "ValueError",
        `${name}: Expected input to be 2D or 3D, got ${what} instead`,
        t.inputRank(layout.batchedInput)
      );
    }
    const batched = x.length === 3;
    const wanted = batched ? 3 : 2;
    const kind = batched ? "batched 3-D" : "unbatched 2-D";
    const stateHint = batched ? t.stateBatched : t.stateUnbatched;
    if (name === "LSTM" && c.h_0) {
      if (c.h_0.length !== wanted || c.c_0.length !== wanted) {
        return failure(
          "RuntimeError",
          `For ${kind} input, hx and cx should also be ${wanted}-D but got (${c.h_0.length}-D, ${c.c_0.length}-D) tensors`,
          stateHint
        );
      }
    } else if (c.h_0 && c.h_0.length !== wanted) {
      return failure(
        "RuntimeError",
        `For ${kind} input, hx should also be ${wanted}-D but got ${c.h_0.length}-D tensor`,
        stateHint
      );
    }
    if (layout.features !== c.input_size) {
      return failure(
        "RuntimeError",
        `input.size(-1) must be equal to input_size. Expected ${c.input_size}, got ${layout.features}`,
        t.features
      );
    }
    // An unbatched state is checked as a batch of one: torch inserts the batch dimension.
    const asBatch = (state) => (batched ? state : [state[0], 1, state[1]]);
    const states = name === "LSTM" ? [["h_0", c.h_0, layout.hidden], ["c_0", c.c_0, layout.cell]] : [["h_0", c.h_0, layout.hidden]];
    for (const [index, [label, given, expected]] of states.entries()) {
      if (!given || sameDims(asBatch(given), expected)) continue;
      const which = name === "LSTM" ? `hidden[${index}] size` : "hidden size";
      return failure(
        "RuntimeError",
        `Expected ${which} ${pyTuple(expected)}, got ${pyList(asBatch(given))}`,
        wrongStateHint(label, asBatch(given), expected, c, layout, t)
      );
    }
    return null;
  }

  // Why a state has the wrong shape, said the way a learner would fix it.
  function wrongStateHint(label, given, expected, c, layout, t) {
    if (given[1] !== expected[1] && c.input.length === 3 && given[1] === layout.length) {
      const fix = c.batch_first ? "batch_first=False" : "batch_first=True";
      const read = c.batch_first ? "(N, L, H_in)" : "(L, N, H_in)";
      const meant = c.batch_first ? "(L, N, H_in)" : "(N, L, H_in)";
      return t.batchFirstTrap(read, expected[1], label, given[1], meant, fix);
    }
    if (given[0] !== expected[0]) {
      return t.stateFirstDimension(label, expected[0]);
    }
    if (given[1] !== expected[1]) {
      return t.stateMiddleDimension(label, expected[1]);
    }
    const size = label === "c_0" ? "hidden_size" : c.proj_size > 0 ? "proj_size" : "hidden_size";
    return t.stateLastDimension(label, size, expected[2]);
  }

  function parameters(c) {
    const blocks = GATE_BLOCKS[c.module] * c.hidden_size;
    const directions = c.bidirectional ? 2 : 1;
    const out = c.proj_size > 0 ? c.proj_size : c.hidden_size;
    const list = [];
    for (let layer = 0; layer < c.num_layers; layer++) {
      for (let direction = 0; direction < directions; direction++) {
        const suffix = `l${layer}${direction ? "_reverse" : ""}`;
        list.push([`weight_ih_${suffix}`, [blocks, layer === 0 ? c.input_size : directions * out]]);
        list.push([`weight_hh_${suffix}`, [blocks, out]]);
        if (c.bias) {
          list.push([`bias_ih_${suffix}`, [blocks]]);
          list.push([`bias_hh_${suffix}`, [blocks]]);
        }
        if (c.proj_size > 0) list.push([`weight_hr_${suffix}`, [c.proj_size, c.hidden_size]]);
      }
    }
    return list;
  }

  // The shapes everything has, once the arguments are known: what forward() expects and returns.
  function layoutOf(c) {
    const x = c.input;
    const batched = x.length === 3;
    const directions = c.bidirectional ? 2 : 1;
    const out = c.proj_size > 0 ? c.proj_size : c.hidden_size;
    const stack = directions * c.num_layers;
    const [length, batch] = !batched ? [x[0], 1] : c.batch_first ? [x[1], x[0]] : [x[0], x[1]];
    const features = x[x.length - 1];
    return {
      batched,
      length,
      batch,
      features,
      batchedInput: c.batch_first ? "(N, L, H_in) with batch_first=True" : "(L, N, H_in)",
      hidden: [stack, batch, out],
      cell: [stack, batch, c.hidden_size],
      output: !batched ? [length, directions * out] : c.batch_first ? [batch, length, directions * out] : [length, batch, directions * out],
      h_n: batched ? [stack, batch, out] : [stack, out],
      c_n: batched ? [stack, batch, c.hidden_size] : [stack, c.hidden_size],
    };
  }

  // `lang` picks the language of the hints ("en" or "ko"); torch's words are the same in both.
  function explore(c, lang = "en") {
    const t = STRINGS[lang] || STRINGS.en;
    const wrong = constructorError(c, t);
    if (wrong) return wrong;
    const params = parameters(c);
    const total = params.reduce((sum, [, shape]) => sum + shape.reduce((a, b) => a * b, 1), 0);
    const layout = c.input.length === 2 || c.input.length === 3 ? layoutOf(c) : null;
    const failed = forwardError(c, layout || { batchedInput: c.batch_first ? "(N, L, H_in)" : "(L, N, H_in)" }, t);
    if (failed) return { ...failed, params, total };
    const result = { output: layout.output, h_n: layout.h_n, params, total, layout };
    if (c.module === "LSTM") result.c_n = layout.c_n;
    return result;
  }

  // The Python a reader can paste to get the same result.
  function code(c) {
    const args = [String(c.input_size), String(c.hidden_size)];
    if (c.num_layers !== 1) args.push(`num_layers=${c.num_layers}`);
    if (!c.bias) args.push("bias=False");
    if (c.batch_first) args.push("batch_first=True");
    if (c.bidirectional) args.push("bidirectional=True");
    if (c.module === "LSTM" && c.proj_size !== 0) args.push(`proj_size=${c.proj_size}`);
    const variable = c.module.toLowerCase();
    const lines = ["import torch", "from torch import nn", "", `${variable} = nn.${c.module}(${args.join(", ")})`];
    lines.push(`x = torch.randn(${c.input.join(", ")})`);
    if (!c.h_0) {
      lines.push(c.module === "LSTM" ? `output, (h_n, c_n) = ${variable}(x)` : `output, h_n = ${variable}(x)`);
    } else if (c.module === "LSTM") {
      lines.push(`h_0 = torch.zeros(${c.h_0.join(", ")})`, `c_0 = torch.zeros(${c.c_0.join(", ")})`);
      lines.push(`output, (h_n, c_n) = ${variable}(x, (h_0, c_0))`);
    } else {
      lines.push(`h_0 = torch.zeros(${c.h_0.join(", ")})`, `output, h_n = ${variable}(x, h_0)`);
    }
    return lines.join("\n");
  }

  // ---- The page: read the form, show the result. ----

  const SHAPE = /^\s*\d+(\s*,\s*\d+)*\s*,?\s*$/;

  function readShape(text) {
    if (!SHAPE.test(text)) return null;
    return text.split(",").map((part) => part.trim()).filter(Boolean).map(Number);
  }

  function readForm(form, t) {
    const value = (name) => form.elements[name].value;
    const number = (name) => Number.parseInt(value(name), 10);
    const module = value("module");
    const config = {
      module,
      input_size: number("input_size"),
      hidden_size: number("hidden_size"),
      num_layers: number("num_layers"),
      proj_size: module === "LSTM" ? number("proj_size") : 0,
      bias: form.elements.bias.checked,
      batch_first: form.elements.batch_first.checked,
      bidirectional: form.elements.bidirectional.checked,
      input: readShape(value("input")),
      h_0: form.elements.pass_state.checked ? readShape(value("h_0")) : null,
      c_0: module === "LSTM" && form.elements.pass_state.checked ? readShape(value("c_0")) : null,
    };
    const problems = [];
    for (const name of ["input_size", "hidden_size", "num_layers", "proj_size"]) {
      if (!Number.isInteger(config[name])) problems.push(t.notWholeNumber(name));
    }
    for (const [name, shape] of [["x", config.input], ["h_0", config.h_0], ["c_0", config.c_0]]) {
      const asked = name === "x" || (form.elements.pass_state.checked && (name === "h_0" || module === "LSTM"));
      if (asked && !shape) problems.push(t.notAShape(name));
      else if (asked && shape.includes(0)) problems.push(t.zeroSize(name));
    }
    return { config, problems };
  }

  const SVG = "http://www.w3.org/2000/svg";

  function element(name, attributes, text) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The output tensor as a box: its last dimension across, the one before it down, and a
  // first dimension (if any) as depth. Sizes are drawn to a fixed scale, names are what count.
  function drawLayout(svg, names, dims) {
    svg.replaceChildren();
    const [depth, rows, columns] = dims.length === 3 ? dims : [1, ...dims];
    const [depthName, rowName, columnName] = names.length === 3 ? names : [null, ...names];
    const w = 150, h = 90, step = depthName ? Math.min(7, 42 / depth) : 0;
    const shown = depthName ? Math.min(depth, 6) : 1;
    const x0 = 90, y0 = 30 + (shown - 1) * step;
    for (let i = shown - 1; i >= 0; i--) {
      svg.append(element("rect", { x: x0 + i * step, y: y0 - i * step, width: w, height: h, class: "shape-explorer__sheet" }));
    }
    svg.append(element("text", { x: x0 + w / 2, y: y0 + h + 22, "text-anchor": "middle" }, `${columnName} = ${columns}`));
    svg.append(element("text", { x: x0 - 8, y: y0 + h / 2, "text-anchor": "end", "dominant-baseline": "middle" }, `${rowName} = ${rows}`));
    if (depthName) {
      svg.append(
        element("text", { x: x0 + w + (shown - 1) * step + 8, y: y0 - (shown - 1) * step + 4, "dominant-baseline": "hanging" }, `${depthName} = ${depth}`)
      );
    }
  }

  function render(root, lang) {
    const t = STRINGS[lang];
    const form = root.querySelector("form");
    const field = (name) => root.querySelector(`[data-field="${name}"]`);
    const { config, problems } = readForm(form, t);
    const lstm = config.module === "LSTM";
    for (const node of root.querySelectorAll("[data-lstm-only]")) node.hidden = !lstm;
    for (const node of root.querySelectorAll("[data-state-only]")) node.hidden = !form.elements.pass_state.checked;
    root.querySelector("[data-c0]").hidden = !lstm || !form.elements.pass_state.checked;

    const status = field("status");
    const shapes = field("shapes");
    const errorBox = field("error");
    if (problems.length) {
      status.textContent = problems.join(" ");
      shapes.hidden = errorBox.hidden = true;
      return;
    }
    const result = explore(config, lang);
    field("code").textContent = code(config);
    const table = field("params");
    table.replaceChildren();
    for (const [name, shape] of result.params || []) {
      const row = table.insertRow();
      for (const text of [name, pyTuple(shape)]) {
        const code = document.createElement("code");
        code.textContent = text;
        row.insertCell().append(code);
      }
    }
    field("total").textContent = result.total === undefined ? "" : result.total.toLocaleString("en-US");
    field("params-box").hidden = !result.params;
    if (result.error) {
      shapes.hidden = true;
      errorBox.hidden = false;
      field("error-type").textContent = result.error.type;
      field("error-message").textContent = result.error.message;
      field("hint").textContent = result.hint;
      status.textContent = t.raises(result.error.type, result.error.message);
      return;
    }
    errorBox.hidden = true;
    shapes.hidden = false;
    field("output").textContent = pyTuple(result.output);
    field("h_n").textContent = pyTuple(result.h_n);
    field("c_n").textContent = lstm ? pyTuple(result.c_n) : "";
    const { layout } = result;
    const outName = config.bidirectional ? "D·H_out" : "H_out";
    const names = !layout.batched ? ["L", outName] : config.batch_first ? ["N", "L", outName] : ["L", "N", outName];
    field("reading").textContent = layout.batched
      ? t.readBatched(config.batch_first ? "(N, L, H_in)" : "(L, N, H_in)", layout.length, layout.batch, layout.features)
      : t.readUnbatched(layout.length, layout.features);
    drawLayout(field("picture"), names, result.output);
    field("picture").setAttribute("aria-label", t.picture(names.map((n, i) => `${n} = ${result.output[i]}`).join(", ")));
    status.textContent = `output ${pyTuple(result.output)}, h_n ${pyTuple(result.h_n)}${lstm ? `, c_n ${pyTuple(result.c_n)}` : ""}.`;
  }

  function start() {
    const root = document.getElementById("explorer");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "true";
    const lang = pageLanguage();
    const form = root.querySelector("form");
    form.addEventListener("input", () => render(root, lang));
    form.addEventListener("change", () => render(root, lang));
    form.addEventListener("submit", (event) => event.preventDefault());
    render(root, lang);
  }

  globalThis.shapeExplorer = { explore, code };
  // Instant navigation swaps pages without reloading scripts: the theme's document$ says when.
  if (typeof document$ !== "undefined") document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
