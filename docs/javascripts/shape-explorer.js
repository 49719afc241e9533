// The shape explorer (docs/shape-explorer.md): what nn.RNN, nn.LSTM and nn.GRU of PyTorch 2.13
// return for the arguments and the input a reader types, or the error they raise, with the
// same message. tests/test_shape_explorer.py types each recorded case into the form and
// compares what the page shows with what torch itself returned; change this file and that
// test tells you if it still agrees. The explorer speaks the language of its page (<html
// lang>, English or Korean); only its own sentences change: torch's exception types and
// messages and the generated Python are the same in both editions.
//
// Numbers are read as Python reads them, so the page answers the call its code shows: `3` is
// an int, `2.5` and `1e3` are floats (which torch refuses as sizes), and every int is a BigInt,
// exact at any length, as Python's are.
(() => {
  const GATE_BLOCKS = { RNN: 1n, GRU: 3n, LSTM: 4n };
  const INT64_MAX = 2n ** 63n - 1n;
  const INT64_MIN = -(2n ** 63n);
  const UINT64_MAX = 2n ** 64n - 1n;
  // torch keeps a size as a SymInt, which holds an int64 only down to -2^62: below that,
  // torch.randn reports an internal error rather than a negative size.
  const SYMINT_MIN = -(2n ** 62n);
  const FLOAT32_BYTES = 4n;
  // Layers listed one by one in the parameters' table; deeper networks list the first two and
  // the last, and say that the layers between repeat the second (their shapes are the same).
  const LISTED_LAYERS = 4n;

  // Every sentence the explorer writes, by language: the two tables have the same keys in the
  // same order, so a line of one has its translation at the same place in the other.
  const STRINGS = {
    en: {
      sizeAtLeastOne: "input_size and hidden_size are at least 1.",
      layerAtLeastOne: "A network has at least one layer.",
      projectionOff: "proj_size cannot be negative; 0 means no projection.",
      projectionSmaller: "The projection shrinks each h_t from hidden_size to proj_size numbers, so it must be smaller.",
      notInt: (name, typed, whole) => `${name} = ${typed} is a Python float here (a number written with a point or an exponent); sizes are ints${whole === null ? "" : `: write ${whole}, not ${typed}`}.`,
      layersNotInt: "num_layers is a float: the module builds its layers with range(num_layers), which takes only an int.",
      projectionNotInt: "proj_size is a float: it becomes a dimension of the weight_hh matrices, and a dimension is an int.",
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
      noSteps: "A sequence needs at least one step: with L = 0 there is nothing to read. (A batch of N = 0 sequences is allowed.)",
      negativeSize: (name) => `A size counts elements, so it cannot be negative: check the shape of ${name}.`,
      tooManyBytes: (name) => `${name} would take more bytes than a 64-bit integer can count (2^63 − 1), so PyTorch cannot even work out its size.`,
      sizesOverflow: (name) => `${name} would hold no elements (a size is 0), but PyTorch multiplies the sizes in order and the product passes 64 bits before it reaches the 0.`,
      strideOverflow: (name) => `${name} would hold no elements (a size is 0), but the step from one index to the next along its first dimension, counted in elements, passes the largest 64-bit integer (2^63 − 1).`,
      defaultState: (label, shape) => `With no ${label} passed, forward() makes one of zeros, ${shape}, before it checks anything else; that tensor is too large for PyTorch to work out its size.`,
      emptyNumber: (name) => `Type a value for ${name}.`,
      notANumber: (name) => `${name} is not a number.`,
      emptyShape: (name) => `Type the shape of ${name}, such as 5, 3, 10.`,
      notAShape: (name) => `The shape of ${name} must be sizes separated by commas, such as 5, 3, 10 or (5, 3, 10).`,
      noSize: (name) => `The shape of ${name} has no size in it, so the code calls torch.zeros() with none. For a tensor of no dimension, the call would be torch.zeros(()).`,
      noSizeRandn: (name) => `The shape of ${name} has no size in it, so the code calls torch.randn() with none, and PyTorch lists the forms of arguments torch.randn accepts. An RNN needs a 2-D or 3-D input anyway.`,
      floatSize: (name, size) => `${size} in the shape of ${name} is a float: sizes are ints.`,
      floatFirst: (name, size) => `${size}, first in the shape of ${name}, is a float: sizes are ints. With a float first, PyTorch does not recognise the call at all and lists the forms of arguments torch.randn accepts.`,
      hugeSize: (name, size) => `${size} in the shape of ${name} does not fit in the 64-bit integer PyTorch keeps a size in (−2^63 to 2^63 − 1). Below this first line, PyTorch's message goes on with a stack trace of its C++ code.`,
      hugeParameter: (size) => `A weight of this module would have a dimension of ${size}, past the largest 64-bit integer (2^63 − 1). Below this first line, PyTorch's message goes on with a stack trace of its C++ code.`,
      hugeNegative: (name, size) => `${size} in the shape of ${name} is below −2^62, past what PyTorch can hold as a size: it raises a RuntimeError from its internals rather than its usual message for a negative size.`,
      outputTooLarge: "The output would take more bytes than a 64-bit integer can count (2^63 − 1): PyTorch raises an error rather than create it.",
      parametersTooLarge: "No computer can build this module: its parameters take more bytes than a 64-bit machine can address (2^64). torch allocates them layer by layer and runs out of memory long before the last.",
      raises: (type, message) => `PyTorch raises ${type}: ${message}`,
      refuses: (type, reason) => `PyTorch raises ${type}. ${reason}`,
      readBatched: (read, length, batch, features) =>
        `The input is read as ${read}: L = ${length} steps, N = ${batch} sequences, H_in = ${features} features.`,
      readUnbatched: (length, features) => `The input is one sequence, (L, H_in): L = ${length} steps, H_in = ${features} features.`,
      picture: (dims) => `The output tensor, ${dims}.`,
      sameAsSecond: (first, last) => `layers ${first} to ${last}: the same names and shapes as layer 1, with its number`,
      bytes: (size) => `(${size} as float32)`,
      byteUnit: " bytes",  // with its space: Korean writes a number and its unit together
      batchFirstInput: "(N, L, H_in) with batch_first=True",
    },
    ko: {
      sizeAtLeastOne: "input_size와 hidden_size는 1 이상이어야 합니다.",
      layerAtLeastOne: "신경망에는 층이 적어도 하나 있어야 합니다.",
      projectionOff: "proj_size는 음수일 수 없습니다. 0은 투영을 하지 않는다는 뜻입니다.",
      projectionSmaller: "투영은 각 h_t를 hidden_size개의 수에서 proj_size개의 수로 줄이므로, proj_size가 hidden_size보다 작아야 합니다.",
      notInt: (name, typed, whole) => `여기서 ${name}에 넣은 값(${typed})은 Python float(소수점이나 지수 표기로 쓴 수)입니다. 크기는 int여야 합니다${whole === null ? "" : `. ${typed} 대신 ${whole}처럼 쓰십시오`}.`,
      layersNotInt: "num_layers가 float입니다. 모듈은 range(num_layers)로 층을 만드는데, range는 int만 받습니다.",
      projectionNotInt: "proj_size가 float입니다. proj_size는 weight_hh 행렬의 한 차원이 되는데, 차원의 크기는 int여야 합니다.",
      inputRank: (batchedInput) => `배치는 3차원이고 모양은 ${batchedInput}입니다. 배치 없이 시퀀스 하나만 주면 2차원 (L, H_in)입니다.`,
      stateBatched: "배치 입력이면 상태는 3차원이며, 모양은 (D·num_layers, N, H_out)입니다.",
      stateUnbatched: "시퀀스 하나(2차원 입력)만 주면 상태에서도 배치 차원이 빠져, 모양은 (D·num_layers, H_out)입니다.",
      features: "입력의 마지막 차원은 단계마다의 특성 수이며, input_size와 같아야 합니다.",
      batchFirstTrap: (read, n, label, given, meant, fix) =>
        `batch_first 함정입니다. 모듈은 입력을 ${read} 순서로 읽으므로 배치 크기는 N = ${n}입니다. ` +
        `그런데 ${label}의 배치 크기는 N = ${given}, 곧 입력의 다른 쪽 차원에 맞춰져 있습니다. ` +
        `입력이 ${meant} 순서라면 ${fix}로 설정하십시오(5장).`,
      stateFirstDimension: (label, n) => `${label}의 첫 번째 차원은 D·num_layers = ${n}입니다. 층과 방향마다 상태가 하나씩 있습니다.`,
      stateMiddleDimension: (label, n) => `${label}의 가운데 차원은 배치 크기로, 입력과 같은 N = ${n}입니다.`,
      stateLastDimension: (label, size, n) => `${label}의 마지막 차원은 ${size} = ${n}입니다.`,
      noSteps: "시퀀스에는 단계가 적어도 하나 있어야 합니다. L = 0이면 읽을 것이 없습니다(시퀀스가 0개인 배치, 곧 N = 0은 허용됩니다).",
      negativeSize: (name) => `크기는 원소의 개수이므로 음수일 수 없습니다. ${name}의 모양을 확인하십시오.`,
      tooManyBytes: (name) => `${name}에 필요한 바이트 수가 64비트 정수의 최댓값(2^63 − 1)을 넘으므로, PyTorch는 그 크기조차 계산하지 못합니다.`,
      sizesOverflow: (name) => `${name} 텐서에는 원소가 하나도 없게 되지만(크기 하나가 0), PyTorch는 크기를 앞에서부터 차례로 곱하므로 0에 이르기 전에 곱이 64비트를 넘어 버립니다.`,
      strideOverflow: (name) => `${name} 텐서에는 원소가 하나도 없게 되지만(크기 하나가 0), 첫 번째 차원을 따라 한 인덱스에서 다음 인덱스로 가는 간격(원소 개수로 센 값)이 64비트 정수의 최댓값(2^63 − 1)을 넘습니다.`,
      defaultState: (label, shape) => `${label} 텐서를 넘기지 않으면 forward()는 다른 것을 검사하기 전에 먼저 0으로 채운 ${shape} 모양의 텐서를 만듭니다. 그런데 이 텐서는 PyTorch가 크기를 계산할 수 없을 만큼 큽니다.`,
      emptyNumber: (name) => `${name}에 값을 넣어 주십시오.`,
      notANumber: (name) => `${name}의 값이 수가 아닙니다.`,
      emptyShape: (name) => `${name}의 모양을 5, 3, 10처럼 넣어 주십시오.`,
      notAShape: (name) => `${name}의 모양은 5, 3, 10이나 (5, 3, 10)처럼 쉼표로 구분한 크기들이어야 합니다.`,
      noSize: (name) => `${name}의 모양에 크기가 하나도 없어서, 코드가 torch.zeros()를 인수 없이 호출합니다. 차원이 없는(0차원) 텐서를 만들려면 torch.zeros(())라고 씁니다.`,
      noSizeRandn: (name) => `${name}의 모양에 크기가 하나도 없어서, 코드가 torch.randn()을 인수 없이 호출합니다. 그러면 PyTorch는 torch.randn이 받아들이는 인수 형식을 나열합니다. 어차피 RNN의 입력은 2차원이나 3차원이어야 합니다.`,
      floatSize: (name, size) => `${name}의 모양에 float 값(${size})이 있습니다. 크기는 int여야 합니다.`,
      floatFirst: (name, size) => `${name}의 모양 맨 앞에 float 값(${size})이 있습니다. 크기는 int여야 합니다. 첫 인수가 float이면 PyTorch는 호출 자체를 아예 알아보지 못하고, torch.randn이 받아들이는 인수 형식을 나열합니다.`,
      hugeSize: (name, size) => `${name}의 모양에 있는 크기 하나(${size})는 PyTorch가 크기를 저장하는 64비트 정수의 범위(−2^63 ~ 2^63 − 1)를 벗어납니다. PyTorch의 메시지는 이 첫 줄 뒤에 C++ 코드의 스택 추적으로 이어집니다.`,
      hugeParameter: (size) => `이 모듈의 가중치 가운데 하나는 차원 하나의 크기가 64비트 정수의 최댓값(2^63 − 1)보다 큰 ${size}입니다. PyTorch의 메시지는 이 첫 줄 뒤에 C++ 코드의 스택 추적으로 이어집니다.`,
      hugeNegative: (name, size) => `${name}의 모양에 있는 크기 하나(${size})는 −2^62보다 작아 PyTorch가 크기로 담을 수 있는 범위를 벗어납니다. 그래서 음수 크기에 대한 평소 메시지 대신 내부에서 RuntimeError를 일으킵니다.`,
      outputTooLarge: "output 텐서에 필요한 바이트 수가 64비트 정수의 최댓값(2^63 − 1)을 넘습니다. PyTorch는 이 텐서를 만드는 대신 오류를 일으킵니다.",
      parametersTooLarge: "어떤 컴퓨터도 이 모듈을 만들 수 없습니다. 매개변수가 차지하는 바이트 수가 64비트 컴퓨터가 주소로 지정할 수 있는 범위(2^64바이트)를 넘습니다. PyTorch는 층마다 차례로 메모리를 할당하다가 마지막 층에 이르기 훨씬 전에 메모리가 바닥납니다.",
      raises: (type, message) => `PyTorch가 일으키는 ${type} 예외: ${message}`,
      refuses: (type, reason) => `PyTorch가 ${type} 예외를 일으킵니다. ${reason}`,
      readBatched: (read, length, batch, features) =>
        `입력은 ${read} 순서로 읽힙니다. 단계 L = ${length}개, 시퀀스 N = ${batch}개, 특성 H_in = ${features}개.`,
      readUnbatched: (length, features) => `입력은 시퀀스 하나, (L, H_in)입니다. 단계 L = ${length}개, 특성 H_in = ${features}개.`,
      picture: (dims) => `output 텐서: ${dims}.`,
      sameAsSecond: (first, last) => `층 ${first}부터 층 ${last}까지: 이름과 모양이 층 1과 같고, 이름의 층 번호만 다릅니다`,
      bytes: (size) => `(float32 기준 ${size})`,
      byteUnit: "바이트",
      batchFirstInput: "batch_first=True일 때의 (N, L, H_in)",
    },
  };

  // The page's language, read when the explorer starts: instant navigation can bring a page
  // of the other edition without loading this script again.
  const pageLanguage = () => ((document.documentElement.lang || "").toLowerCase().startsWith("ko") ? "ko" : "en");

  // A number written with a point or an exponent: Python reads it as a float. Its text is
  // kept, so that the code the page shows is what the reader typed.
  class PyFloat {
    constructor(text) {
      this.text = text;
      this.value = Number(text);
    }
    toString() {
      return this.text;
    }
  }
  const isFloat = (value) => value instanceof PyFloat;
  const numeric = (value) => (isFloat(value) ? value.value : value);
  const isZero = (value) => Number(numeric(value)) === 0;

  const INT = /^[+-]?\d+$/;
  const FLOAT = /^[+-]?(\d+\.\d*|\.\d+|\d+(?=e))(e[+-]?\d+)?$/i;

  // A literal as Python reads it: an int (a BigInt), a float, or null.
  function readNumber(text) {
    const literal = text.trim();
    if (INT.test(literal)) return BigInt(literal);
    if (FLOAT.test(literal)) return new PyFloat(literal);
    return null;
  }

  // A shape as the page and Python print it: `5, 3, 10`, `(5, 3, 10)` or `[5, 3, 10]`, a
  // trailing comma allowed; `()` is a tensor of no dimension. Returns the sizes, or null.
  function readShape(text) {
    let inside = text.trim();
    const bracketed = /^\((.*)\)$/s.exec(inside) || /^\[(.*)\]$/s.exec(inside);
    if (bracketed) inside = bracketed[1].trim();
    if (inside === "") return bracketed ? [] : null;
    const parts = inside.split(",");
    if (parts.length > 1 && parts[parts.length - 1].trim() === "") parts.pop();
    const sizes = parts.map(readNumber);
    return sizes.includes(null) ? null : sizes;
  }

  const pyTuple = (dims) => `(${dims.join(", ")}${dims.length === 1 ? "," : ""})`;
  const pyList = (dims) => `[${dims.join(", ")}]`;
  const sameDims = (a, b) => a.length === b.length && a.every((d, i) => d === b[i]);
  const product = (dims) => dims.reduce((a, b) => a * b, 1n);

  function failure(type, message, hint) {
    return { error: { type, message }, hint };
  }

  // torch's answer where it is not a sentence the page can quote (it depends on where a float
  // sits, or ends in a C++ stack trace): the exception type, and why, in the page's words.
  function refusal(type, reason) {
    return { error: { type, message: null }, hint: reason };
  }

  // c10's check before allocating: the running product of the sizes must fit 64 unsigned
  // bits and the bytes (4 per float32) 63; a size of 0 met after an overflow does not help.
  function storageOverflows(dims) {
    let running = 1n;
    for (const size of dims) {
      running *= size;
      if (running > UINT64_MAX) return true;
    }
    return running * FLOAT32_BYTES > INT64_MAX;
  }

  // torch.randn called with sizes it does not take for a size: its message lists its forms.
  function unrecognisedRandn(dims) {
    const rest = "torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)";
    return (
      `randn() received an invalid combination of arguments - got (${dims.map((d) => (isFloat(d) ? "float" : "int")).join(", ")}), but expected one of:\n` +
      ` * (tuple of ints size, *, torch.Generator generator, Tensor out = None, ${rest}\n` +
      ` * (tuple of ints size, *, Tensor out = None, ${rest}\n`
    );
  }

  // What torch.randn(*dims) or torch.zeros(*dims) raises in the reader's code, or null. The
  // sizes are unpacked one by one first, then checked for a sign, then for the bytes they need.
  function creationError(fn, name, dims, t) {
    if (dims.length === 0) {
      // `torch.randn()`: no size at all. (A tensor of no dimension is torch.randn(()).)
      if (fn === "zeros") return failure("TypeError", 'zeros() missing 1 required positional arguments: "size"', t.noSize(name));
      return failure("TypeError", unrecognisedRandn([]), t.noSizeRandn(name));
    }
    for (const [index, size] of dims.entries()) {
      if (isFloat(size)) {
        const hint = t.floatSize(name, size);
        if (dims.length === 1) return failure("TypeError", `${fn}(): argument 'size' (position 1) must be tuple of ints, not float`, hint);
        if (index > 0) {
          return failure("TypeError", `${fn}(): argument 'size' failed to unpack the object at pos ${index + 1} with error "type must be tuple of ints,but got float"`, hint);
        }
        // A float first: torch takes the call for another of its forms.
        if (fn === "zeros") return failure("TypeError", `zeros() takes 1 positional argument but ${dims.length} were given`, hint);
        return failure("TypeError", unrecognisedRandn(dims), t.floatFirst(name, size));
      }
      if (size > INT64_MAX || size < INT64_MIN) {
        return failure("TypeError", `${fn}(): argument 'size' failed to unpack the object at pos ${index + 1} with error "Overflow when unpacking long long`, t.hugeSize(name, size));
      }
    }
    const symbolic = dims.find((size) => size < SYMINT_MIN);
    if (fn === "randn" && symbolic !== undefined) return refusal("RuntimeError", t.hugeNegative(name, symbolic));
    const negative = dims.find((size) => size < 0n);
    if (negative !== undefined) {
      if (fn === "zeros") return failure("RuntimeError", "zeros: Dimension size must be non-negative.", t.negativeSize(name));
      return failure("RuntimeError", `Trying to create tensor with negative dimension ${negative}: ${pyList(dims)}`, t.negativeSize(name));
    }
    if (storageOverflows(dims)) {
      const hint = dims.includes(0n) ? t.sizesOverflow(name) : t.tooManyBytes(name);
      return failure("RuntimeError", `Storage size calculation overflowed with sizes=${pyList(dims)}`, hint);
    }
    if (strideOverflows(dims)) return failure("RuntimeError", "Stride calculation overflowed", t.strideOverflow(name));
    return null;
  }

  // A size of 0 lets the bytes pass, but each dimension's stride (the elements one step in it
  // skips, counting a 0 after it as 1) must still fit 63 bits.
  function strideOverflows(dims) {
    let stride = 1n;
    for (const size of dims.slice(1).reverse()) {
      stride *= size > 1n ? size : 1n;
      if (stride > INT64_MAX) return true;
    }
    return false;
  }

  // The shapes of one layer's parameters, in the order nn.RNNBase creates them (the biases
  // are created even with bias=False, and then left out of the module).
  function layerShapes(c, layer) {
    const blocks = GATE_BLOCKS[c.module] * c.hidden_size;
    const directions = c.bidirectional ? 2n : 1n;
    const out = numeric(c.proj_size) > 0 ? c.proj_size : c.hidden_size;
    const shapes = [
      ["weight_ih", [blocks, layer === 0n ? c.input_size : directions * out]],
      ["weight_hh", [blocks, out]],
      ["bias_ih", [blocks]],
      ["bias_hh", [blocks]],
    ];
    if (!isZero(c.proj_size)) shapes.push(["weight_hr", [c.proj_size, c.hidden_size]]);
    return shapes;
  }

  // The checks of nn.RNNBase.__init__, in its order: Python's own, then each weight's
  // allocation (torch.empty). Only layers 0 and 1 can fail: later layers repeat layer 1.
  function constructorError(c, t) {
    for (const name of ["input_size", "hidden_size"]) {
      if (isFloat(c[name])) {
        const whole = Number.isSafeInteger(c[name].value) ? String(c[name].value) : null;
        return failure("TypeError", `${name} should be of type int, got: float`, t.notInt(name, c[name].text, whole));
      }
      if (c[name] <= 0n) return failure("ValueError", `${name} must be greater than zero`, t.sizeAtLeastOne);
    }
    if (numeric(c.num_layers) <= 0) return failure("ValueError", "num_layers must be greater than zero", t.layerAtLeastOne);
    if (numeric(c.proj_size) < 0) {
      return failure("ValueError", "proj_size should be a positive integer or zero to disable projections", t.projectionOff);
    }
    if (numeric(c.proj_size) >= c.hidden_size) {
      return failure("ValueError", "proj_size has to be smaller than hidden_size", t.projectionSmaller);
    }
    if (isFloat(c.num_layers)) return failure("TypeError", "'float' object cannot be interpreted as an integer", t.layersNotInt);
    for (const layer of c.num_layers > 1n ? [0n, 1n] : [0n]) {
      for (const [name, dims] of layerShapes(c, layer)) {
        if (layer === 1n && name !== "weight_ih") continue;
        // Only proj_size can be a float here, and weight_hh takes it second.
        const float = dims.findIndex(isFloat);
        if (float >= 0) {
          return failure(
            "TypeError",
            `empty(): argument 'size' failed to unpack the object at pos ${float + 1} with error "type must be tuple of ints,but got float"`,
            t.projectionNotInt
          );
        }
        const huge = dims.findIndex((size) => size > INT64_MAX);
        if (huge >= 0) {
          return failure("TypeError", `empty(): argument 'size' failed to unpack the object at pos ${huge + 1} with error "Overflow when unpacking long long`, t.hugeParameter(dims[huge]));
        }
        if (storageOverflows(dims)) {
          return failure("RuntimeError", `Storage size calculation overflowed with sizes=${pyList(dims)}`, t.tooManyBytes(name));
        }
      }
    }
    return null;
  }

  // The module's parameters as the table lists them, named as named_parameters() names them,
  // with their number: a deep network's middle layers as one row, so that the page's work does
  // not grow with num_layers.
  function parameters(c) {
    const directions = c.bidirectional ? 2n : 1n;
    const kept = ([name]) => c.bias || !name.startsWith("bias");
    const ofLayer = (layer) => {
      const rows = [];
      for (let direction = 0n; direction < directions; direction++) {
        for (const [name, dims] of layerShapes(c, layer).filter(kept)) {
          rows.push([`${name}_l${layer}${direction ? "_reverse" : ""}`, dims]);
        }
      }
      return rows;
    };
    const count = (rows) => rows.reduce((sum, [, dims]) => sum + product(dims), 0n);
    const first = ofLayer(0n);
    if (c.num_layers === 1n) return { rows: first, total: count(first) };
    const second = ofLayer(1n);
    const total = count(first) + (c.num_layers - 1n) * count(second);
    if (c.num_layers <= LISTED_LAYERS) {
      const rows = [first, second];
      for (let layer = 2n; layer < c.num_layers; layer++) rows.push(ofLayer(layer));
      return { rows: rows.flat(), total };
    }
    const last = c.num_layers - 1n;
    return { rows: [...first, ...second, { from: 2n, to: last - 1n }, ...ofLayer(last)], total };
  }

  // The shapes everything has, once the arguments are known: what forward() expects and returns.
  function layoutOf(c) {
    const x = c.input;
    const batched = x.length === 3;
    const directions = c.bidirectional ? 2n : 1n;
    const out = numeric(c.proj_size) > 0 ? c.proj_size : c.hidden_size;
    const stack = directions * c.num_layers;
    const [length, batch] = !batched ? [x[0], 1n] : c.batch_first ? [x[1], x[0]] : [x[0], x[1]];
    const features = x[x.length - 1];
    return {
      batched,
      length,
      batch,
      features,
      hidden: [stack, batch, out],
      cell: [stack, batch, c.hidden_size],
      output: !batched ? [length, directions * out] : c.batch_first ? [batch, length, directions * out] : [length, batch, directions * out],
      h_n: batched ? [stack, batch, out] : [stack, out],
      c_n: batched ? [stack, batch, c.hidden_size] : [stack, c.hidden_size],
    };
  }

  // The checks forward() makes, in its order, after the tensors exist. Returns the error, or null.
  function forwardError(c, t) {
    const { module: name, input: x } = c;
    const batchedInput = c.batch_first ? t.batchFirstInput : "(L, N, H_in)";
    if (x.length !== 2 && x.length !== 3) {
      const what = name === "RNN" ? `${x.length}D tensor` : `${x.length}D`;
      return failure("ValueError", `${name}: Expected input to be 2D or 3D, got ${what} instead`, t.inputRank(batchedInput));
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
      return failure("RuntimeError", `For ${kind} input, hx should also be ${wanted}-D but got ${c.h_0.length}-D tensor`, stateHint);
    }
    const layout = layoutOf(c);
    if (!c.h_0) {
      // forward() makes the state it was not given, h_0 (and an LSTM's c_0) of zeros, first.
      const made = name === "LSTM" ? [["h_0", layout.hidden], ["c_0", layout.cell]] : [["h_0", layout.hidden]];
      for (const [label, dims] of made) {
        const failed = creationError("zeros", label, dims, t);
        if (failed) return { ...failed, hint: t.defaultState(label, pyTuple(dims)) };
      }
    }
    if (layout.features !== c.input_size) {
      return failure(
        "RuntimeError",
        `input.size(-1) must be equal to input_size. Expected ${c.input_size}, got ${layout.features}`,
        t.features
      );
    }
    // An unbatched state is checked as a batch of one: torch inserts the batch dimension.
    const asBatch = (state) => (batched ? state : [state[0], 1n, state[1]]);
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
    if (layout.length === 0n) return failure("RuntimeError", "Expected sequence length to be larger than 0 in RNN", t.noSteps);
    return null;
  }

  // Why a state has the wrong shape, said the way a learner would fix it.
  function wrongStateHint(label, given, expected, c, layout, t) {
    const onlyBatch = given[0] === expected[0] && given[2] === expected[2];
    if (onlyBatch && given[1] !== expected[1] && c.input.length === 3 && given[1] === layout.length) {
      const fix = c.batch_first ? "batch_first=False" : "batch_first=True";
      const read = c.batch_first ? "(N, L, H_in)" : "(L, N, H_in)";
      const meant = c.batch_first ? "(L, N, H_in)" : "(N, L, H_in)";
      return t.batchFirstTrap(read, expected[1], label, given[1], meant, fix);
    }
    if (given[0] !== expected[0]) return t.stateFirstDimension(label, expected[0]);
    if (given[1] !== expected[1]) return t.stateMiddleDimension(label, expected[1]);
    const size = label === "c_0" ? "hidden_size" : numeric(c.proj_size) > 0 ? "proj_size" : "hidden_size";
    return t.stateLastDimension(label, size, expected[2]);
  }

  // The reader's code, step by step as Python runs it: the module, then x, h_0 and c_0, then
  // the call. `lang` picks the language of the hints ("en" or "ko"); torch's words are the
  // same in both.
  function explore(c, lang = "en") {
    const t = STRINGS[lang] || STRINGS.en;
    const wrong = constructorError(c, t);
    if (wrong) return wrong;
    const { rows, total } = parameters(c);
    // torch allocates the weights layer by layer: past what a 64-bit machine can address, no
    // computer finishes building the module, and nothing after it happens.
    if (total * FLOAT32_BYTES > UINT64_MAX) return { impossible: t.parametersTooLarge, params: rows, total };
    const tensors = [["randn", "x", c.input]];
    if (c.h_0) tensors.push(["zeros", "h_0", c.h_0]);
    if (c.c_0) tensors.push(["zeros", "c_0", c.c_0]);
    for (const [fn, name, dims] of tensors) {
      const failed = creationError(fn, name, dims, t);
      if (failed) return { ...failed, params: rows, total };
    }
    const failed = forwardError(c, t);
    if (failed) return { ...failed, params: rows, total };
    const layout = layoutOf(c);
    if (storageOverflows(layout.output)) return { impossible: t.outputTooLarge, params: rows, total };
    const result = { output: layout.output, h_n: layout.h_n, params: rows, total, layout };
    if (c.module === "LSTM") result.c_n = layout.c_n;
    return result;
  }

  // The Python a reader can paste to get the same result.
  function code(c) {
    const args = [String(c.input_size), String(c.hidden_size)];
    if (c.num_layers !== 1n) args.push(`num_layers=${c.num_layers}`);
    if (!c.bias) args.push("bias=False");
    if (c.batch_first) args.push("batch_first=True");
    if (c.bidirectional) args.push("bidirectional=True");
    if (c.module === "LSTM" && c.proj_size !== 0n) args.push(`proj_size=${c.proj_size}`);
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

  // A number of bytes the way a reader reads it: three significant digits and a unit.
  function formatBytes(bytes, byteUnit) {
    const units = [byteUnit, "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    if (bytes < 1000n) return `${bytes}${byteUnit}`;
    const digits = bytes.toString().length;
    const power = Math.min(Math.floor((digits - 1) / 3), units.length - 1);
    const scaled = Number(bytes / 10n ** BigInt(Math.max(power * 3 - 3, 0))) / (power ? 1000 : 1);
    return `${Number(scaled.toPrecision(3)).toLocaleString("en-US", { maximumFractionDigits: 2 })} ${units[power]}`;
  }

  // ---- The page: read the form, show the result. ----

  // Reads the form as Python would read the call it describes. Returns the call, and the
  // fields that cannot be read with why (the page then shows no result at all).
  function readForm(form, t) {
    const value = (name) => form.elements[name].value;
    const module = value("module");
    const lstm = module === "LSTM";
    const withState = form.elements.pass_state.checked;
    const problems = [];
    const number = (name) => {
      const field = form.elements[name];
      if (field.validity.badInput) return problems.push([name, t.notANumber(name)]), null;
      if (field.value.trim() === "") return problems.push([name, t.emptyNumber(name)]), null;
      return readNumber(field.value) ?? (problems.push([name, t.notANumber(name)]), null);
    };
    const shape = (name, label) => {
      const text = value(name);
      if (text.trim() === "") return problems.push([name, t.emptyShape(label)]), null;
      return readShape(text) ?? (problems.push([name, t.notAShape(label)]), null);
    };
    const config = {
      module,
      input_size: number("input_size"),
      hidden_size: number("hidden_size"),
      num_layers: number("num_layers"),
      proj_size: lstm ? number("proj_size") : 0n,
      bias: form.elements.bias.checked,
      batch_first: form.elements.batch_first.checked,
      bidirectional: form.elements.bidirectional.checked,
      input: shape("input", "x"),
      h_0: withState ? shape("h_0", "h_0") : null,
      c_0: withState && lstm ? shape("c_0", "c_0") : null,
    };
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
    const [depth, rows, columns] = dims.length === 3 ? dims : [1n, ...dims];
    const [depthName, rowName, columnName] = names.length === 3 ? names : [null, ...names];
    const w = 150, h = 90;
    const shown = depthName ? Number(depth < 6n ? depth : 6n) : 1;
    const step = depthName && shown > 0 ? Math.min(7, 42 / shown) : 0;
    const x0 = 90, y0 = 30 + Math.max(shown - 1, 0) * step;
    for (let i = shown - 1; i >= 0; i--) {
      svg.append(element("rect", { x: x0 + i * step, y: y0 - i * step, width: w, height: h, class: "shape-explorer__sheet" }));
    }
    svg.append(element("text", { x: x0 + w / 2, y: y0 + h + 22, "text-anchor": "middle" }, `${columnName} = ${columns}`));
    svg.append(element("text", { x: x0 - 8, y: y0 + h / 2, "text-anchor": "end", "dominant-baseline": "middle" }, `${rowName} = ${rows}`));
    if (depthName) {
      const corner = Math.max(shown - 1, 0) * step;
      svg.append(element("text", { x: x0 + w + corner + 8, y: y0 - corner + 4, "dominant-baseline": "hanging" }, `${depthName} = ${depth}`));
    }
  }

  function fillParameters(table, rows, t) {
    table.replaceChildren();
    for (const row of rows) {
      const tr = table.insertRow();
      if (!Array.isArray(row)) {
        // Layers 2 to n − 2 of a deep network: one row, in the table's words.
        const cell = tr.insertCell();
        cell.colSpan = 2;
        cell.dataset.repeat = `${row.from} ${row.to}`;
        cell.textContent = `⋮ ${t.sameAsSecond(row.from, row.to)}`;
        continue;
      }
      const [name, dims] = row;
      for (const text of [name, pyTuple(dims)]) {
        const code = document.createElement("code");
        code.textContent = text;
        tr.insertCell().append(code);
      }
    }
  }

  function render(root, lang) {
    const t = STRINGS[lang];
    const form = root.querySelector("form");
    const field = (name) => root.querySelector(`[data-field="${name}"]`);
    const { config, problems } = readForm(form, t);
    const lstm = config.module === "LSTM";
    const withState = form.elements.pass_state.checked;
    for (const node of root.querySelectorAll("[data-lstm-only]")) node.hidden = !lstm;
    for (const node of root.querySelectorAll("[data-state-only]")) node.hidden = !withState;
    for (const node of root.querySelectorAll("[data-c0]")) node.hidden = !lstm || !withState;
    for (const input of form.querySelectorAll("input, select")) {
      if (problems.some(([name]) => name === input.name)) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }

    const status = field("status");
    const shapes = field("shapes");
    const errorBox = field("error");
    const paramsBox = field("params-box");
    const codeBox = field("code-box");
    if (problems.length) {
      // Nothing of an earlier call stays on screen: it would answer a question not asked.
      status.textContent = problems.map(([, why]) => why).join(" ");
      shapes.hidden = errorBox.hidden = paramsBox.hidden = codeBox.hidden = true;
      return;
    }
    const result = explore(config, lang);
    codeBox.hidden = false;
    field("code").textContent = code(config);
    paramsBox.hidden = !result.params;
    if (result.params) {
      fillParameters(field("params"), result.params, t);
      field("total").textContent = result.total.toLocaleString("en-US");
      field("bytes").textContent = t.bytes(formatBytes(result.total * FLOAT32_BYTES, t.byteUnit));
    }
    if (result.error) {
      shapes.hidden = true;
      errorBox.hidden = false;
      field("error-type").textContent = result.error.type;
      field("error-message").textContent = result.error.message ?? "";
      field("error-message").closest("pre").hidden = result.error.message === null;
      field("hint").textContent = result.hint;
      status.textContent = result.error.message === null
        ? t.refuses(result.error.type, result.hint)
        : t.raises(result.error.type, result.error.message);
      return;
    }
    errorBox.hidden = true;
    if (result.impossible) {
      shapes.hidden = true;
      status.textContent = result.impossible;
      return;
    }
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

  // Instant navigation swaps pages without reloading scripts: the theme's document$ says when.
  if (typeof document$ !== "undefined") document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
