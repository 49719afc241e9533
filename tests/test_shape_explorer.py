"""The shape explorer page agrees with PyTorch, used as a reader uses it.

`cases()` lists several hundred calls of nn.RNN, nn.GRU and nn.LSTM: every combination of
the arguments at small sizes, each with a batched and an unbatched input, without and with an
initial state; the calls the page's "Try these" list talks about; the invalid arguments the
form lets a reader type; what a reader types that Python reads its own way (decimals,
exponents, brackets, zero, negative and very large sizes, deep networks); and random ones
from a fixed seed, many of them invalid. Each call is kept as the text a reader types into
each field. torch's answer to each (shapes, parameters, or the error and its message),
for the fields as Python reads them, is recorded in tests/shape_explorer_torch.json, which
`--update-outputs` rewrites and the portability check re-derives under other CPU kernels.
In Chromium, each call is typed into the page's visible fields (fill, check, select: never
a script), and what the page shows is compared with torch's answer; the code the page shows
is then run here and must do what torch did.
"""

import ast
import json
import random
import re
import time
import warnings
from contextlib import nullcontext
from itertools import product

import pytest
import torch
from torch import nn

from tests import browser as b
from tests.harness import ROOT

RECORDED = ROOT / "tests" / "shape_explorer_torch.json"
MODULES = ("RNN", "GRU", "LSTM")
NUMBERS = ("input_size", "hidden_size", "num_layers", "proj_size")
SHAPES = ("input", "h_0", "c_0")
FLAGS = ("bias", "batch_first", "bidirectional")


def call(module, input_size=3, hidden_size=4, num_layers=1, bias=True, batch_first=False,
         bidirectional=False, proj_size=0, input=(5, 2, 3), h_0=None, c_0=None, meta=False):
    """A call as numbers and shapes (lists), or as the text a reader types (strings). `meta`:
    a valid call whose tensors no machine's memory holds, answered by torch's meta device
    (shapes without data); elsewhere torch runs on the CPU, as the reader's code does, and
    its checks on sizes come before any memory is taken."""
    return {**({"device": "meta"} if meta else {}),
        "module": module, "input_size": input_size, "hidden_size": hidden_size,
        "num_layers": num_layers, "bias": bias, "batch_first": batch_first,
        "bidirectional": bidirectional, "proj_size": proj_size,
        "input": input if isinstance(input, str) else list(input),
        "h_0": h_0 if h_0 is None or isinstance(h_0, str) else list(h_0),
        "c_0": c_0 if c_0 is None or isinstance(c_0, str) else list(c_0),
    }


def typed(c):
    """The text a reader types for each field: a shape as sizes separated by commas."""
    def text(value):
        if value is None or isinstance(value, str):
            return value
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return {key: value if key == "module" or key in FLAGS else text(value) for key, value in c.items()}


def fitting_state(c, size):
    """The state shape the call needs (the generator's guess; torch has the last word)."""
    stack = (2 if c["bidirectional"] else 1) * c["num_layers"]
    if len(c["input"]) == 2:
        return [stack, size]
    return [stack, c["input"][0 if c["batch_first"] else 1], size]


def with_state(c):
    out = c["proj_size"] or c["hidden_size"]
    c = dict(c, h_0=fitting_state(c, out))
    if c["module"] == "LSTM":
        c["c_0"] = fitting_state(c, c["hidden_size"])
    return c


def grid():
    for module, num_layers, bidirectional, batch_first, bias in product(
        MODULES, (1, 2), (False, True), (False, True), (True, False)
    ):
        for proj_size in (0, 2) if module == "LSTM" else (0,):
            for shape in ((5, 2, 3), (5, 3)):
                c = call(module, num_layers=num_layers, bias=bias, batch_first=batch_first,
                         bidirectional=bidirectional, proj_size=proj_size,
                         input=(shape[1], shape[0], 3) if batch_first and len(shape) == 3 else shape)
                yield c
                yield with_state(c)


def try_these():
    """The calls the page's "Try these" list describes, from its default form."""
    default = call("RNN", input_size=10, hidden_size=20, input=(5, 3, 10))
    yield default
    yield dict(default, batch_first=True)
    yield dict(default, h_0=[1, 3, 20])
    yield dict(default, h_0=[1, 3, 20], batch_first=True)
    yield dict(default, num_layers=2, bidirectional=True)
    yield dict(default, module="LSTM", proj_size=5)
    yield dict(default, input=[5, 10])


def invalid_arguments():
    yield call("RNN", hidden_size=0)
    yield call("GRU", input_size=0)
    yield call("LSTM", num_layers=0)
    yield call("LSTM", proj_size=-1)
    yield call("LSTM", proj_size=4)
    yield call("LSTM", proj_size=7)
    for module in MODULES:
        yield call(module, input=(2, 5, 2, 3))
        yield call(module, input=(3,))
        yield call(module, input=(5, 2, 7))
        yield call(module, input=(5, 3), h_0=(1, 2, 4), c_0=(1, 2, 4))
        yield call(module, input=(5, 2, 3), h_0=(1, 4), c_0=(1, 4))
        yield call(module, input=(5, 2, 3), h_0=(2, 2, 4), c_0=(2, 2, 4))
        yield call(module, input=(5, 2, 3), h_0=(1, 5, 4), c_0=(1, 5, 4))  # the batch_first trap
        yield call(module, input=(2, 5, 3), batch_first=True, h_0=(1, 5, 4), c_0=(1, 5, 4))
        yield call(module, input=(5, 3), h_0=(2, 4), c_0=(2, 4))
    yield call("LSTM", input=(5, 2, 3), h_0=(1, 2, 4), c_0=(1, 2, 3))
    yield call("LSTM", input=(5, 2, 3), h_0=(1, 2, 4), c_0=(1, 2))
    yield call("LSTM", proj_size=2, input=(5, 2, 3), h_0=(1, 2, 4), c_0=(1, 2, 4))


def randomised(count=120, seed=2026):
    rng = random.Random(seed)
    for _ in range(count):
        module = rng.choice(MODULES)
        c = call(
            module,
            input_size=rng.randint(1, 6),
            hidden_size=rng.randint(1, 6),
            num_layers=rng.randint(1, 3),
            bias=rng.random() < 0.7,
            batch_first=rng.random() < 0.5,
            bidirectional=rng.random() < 0.5,
            proj_size=rng.randint(0, 6) if module == "LSTM" and rng.random() < 0.4 else 0,
        )
        rank = rng.choices((1, 2, 3, 4), weights=(1, 4, 12, 1))[0]
        shape = [rng.randint(1, 6) for _ in range(rank)]
        if rng.random() < 0.8:
            shape[-1] = c["input_size"]
        c["input"] = shape
        if rng.random() < 0.6 and rank in (2, 3):
            c = with_state(c)
            if rng.random() < 0.5:  # spoil one state's shape
                key = "c_0" if c["module"] == "LSTM" and rng.random() < 0.5 else "h_0"
                spoiled = list(c[key])
                if rng.random() < 0.3:
                    spoiled = spoiled[1:] if len(spoiled) == 3 else [1, *spoiled]
                else:
                    spoiled[rng.randrange(len(spoiled))] += rng.randint(1, 2)
                c[key] = spoiled
        yield c


def read_as_python():
    """What a reader types that Python reads its own way: decimals and exponents (floats),
    shapes in brackets, zero, negative and very large sizes, deep networks. A call whose
    tensors would not fit in memory runs on torch's meta device (shapes, no data)."""
    for module in MODULES:
        yield call(module, hidden_size="2.5")
        yield call(module, hidden_size="1e3")
        yield call(module, input_size="3.0")
        yield call(module, num_layers="2.0")
        yield call(module, num_layers="-1.5")
        yield call(module, input_size="-3")
        yield call(module, hidden_size="-0")
        for shape in ("(5, 2, 3)", "[5, 2, 3]", "(5, 3)", "[5, 3,]", "5, 2, 3,", "5", "(5,)", "()", "[]"):
            yield call(module, input=shape)
        yield call(module, input="5, 0, 3")  # a batch of none: torch accepts it
        yield call(module, input="5, 0, 3", h_0="1, 0, 4", c_0="1, 0, 4")
        yield call(module, batch_first=True, input="0, 5, 3")
        yield call(module, input="0, 2, 3")
        yield call(module, input="0, 3")
        yield call(module, input="5, 2, 0")
        yield call(module, input="0, 2, 7")
        yield call(module, input="5, -2, 3")
        yield call(module, input="-5, 3")
        yield call(module, input="5, 2, 3", h_0="1, -2, 4", c_0="1, 2, 4")
        yield call(module, input="5, 2.5, 3")
        yield call(module, input="2.5, 2, 3")
        yield call(module, input="2.5")
        yield call(module, input="5, 2, 3", h_0="1.0, 2, 4", c_0="1, 2, 4")
        yield call(module, input="5, 2, 3", h_0="1, 2.0, 4", c_0="1, 2, 4")
        yield call(module, input=f"5, {2**63}, 3")
        yield call(module, input=f"{2**64}")
        yield call(module, input=f"5, {-2**63 - 1}, 3")
        yield call(module, input=f"{-2**62}, 2, 3")
        yield call(module, input=f"{-2**62 - 1}, 2, 3")
        yield call(module, input=f"{2**61}, 1, 1")
        yield call(module, input=f"{2**62}, 4, 0")
        yield call(module, input=f"0, {2**62}, 3")
        yield call(module, input=f"0, {2**61}, 3")  # x is empty; the default h_0 is not
        yield call(module, input=f"2, {2**61 + 1}, 0")
        yield call(module, input=f"0, {2**61}, 3", h_0=f"1, {2**61}, 4", c_0=f"1, {2**61}, 4")
        yield call(module, input="5, 2, 3", h_0="2, 5, 4", c_0="2, 5, 4")  # not only the batch_first trap
        yield call(module, input="5, 2, 3", h_0=f"1, 2, {2**63}", c_0="1, 2, 4")
        yield call(module, input="5, 2, 3", h_0=f"{2**31}, {2**31}, 4", c_0="1, 2, 4")
        yield call(module, num_layers=2, bidirectional=True, input="3, 2, 3")
        yield call(module, num_layers=5, bias=False, input="3, 2, 3", h_0="5, 2, 4", c_0="5, 2, 4")
        yield call(module, num_layers=40, bidirectional=True, input="3, 2, 3")
        yield call(module, input_size=2**61, input="5, 2, 3")
        yield call(module, hidden_size=10**20, input="5, 2, 3")
        yield call(module, hidden_size=2**61 + 1, input="5, 2, 3")
        yield call(module, input_size=10**9, hidden_size=10**6, input=f"2, 3, {10**9}", meta=True)
        yield call(module, hidden_size=10**6, num_layers=3, bidirectional=True, input="2, 3, 3", h_0=f"6, 3, {10**6}", c_0=f"6, 3, {10**6}", meta=True)
        yield call(module, input=f"5, {10**12}, 3", meta=True)
    yield call("LSTM", proj_size="2.5")
    yield call("LSTM", proj_size="0.0")
    yield call("LSTM", proj_size="0.0", input="5, 2, 3", h_0="1, 2, 4", c_0="1, 2, 4")
    yield call("LSTM", proj_size="-0.5")
    yield call("LSTM", proj_size="4.0")
    yield call("LSTM", proj_size="1e0")
    yield call("LSTM", proj_size=2, input="5, 2, 3", h_0="1, 2, 2", c_0="1, -2, 4")
    yield call("LSTM", proj_size=2, input="5, 2, 3", h_0="1, 2, 2", c_0="2.5, 2, 4")


def cases():
    seen, unique = set(), []
    for c in [*grid(), *try_these(), *invalid_arguments(), *read_as_python(), *randomised()]:
        c = typed(c)
        key = json.dumps(c, sort_keys=True)
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique


def error(exception):
    """torch's exception: its type and message, only the message's first line where a stack
    trace of torch's C++ code follows (it names the paths of the machine torch was built on)."""
    message = str(exception)
    if "Exception raised from" not in message:
        return {"type": type(exception).__name__, "message": message}
    return {"type": type(exception).__name__, "message": message.split("\n")[0], "continues": True}


def as_python(c):
    """The call's fields as Python reads the text typed into them."""
    def dims(text):
        value = ast.literal_eval(text)
        return list(value) if isinstance(value, (tuple, list)) else [value]
    python = {key: ast.literal_eval(c[key]) for key in NUMBERS}
    python.update({key: None if c[key] is None else dims(c[key]) for key in SHAPES})
    return python


def device(c):
    return torch.device("meta") if c.get("device") == "meta" else nullcontext()


def run_torch(c):
    """What torch returns for the call, or the error it raises: shapes as lists. The steps
    are those of the page's code: the module, x = torch.randn(...), the states with
    torch.zeros(...), the call."""
    p = as_python(c)
    kwargs = {"num_layers": p["num_layers"], **{key: c[key] for key in FLAGS}}
    if c["module"] == "LSTM":
        kwargs["proj_size"] = p["proj_size"]
    with device(c), warnings.catch_warnings():
        # "LSTM with projections is not supported with oneDNN": a note on speed, not on shapes.
        warnings.simplefilter("ignore", UserWarning)
        try:
            module = getattr(nn, c["module"])(p["input_size"], p["hidden_size"], **kwargs)
        except Exception as exception:
            return {"error": error(exception)}
        result = {"params": [[name, list(w.shape)] for name, w in module.named_parameters()]}
        try:
            args = [torch.randn(*p["input"])]
            if p["h_0"] is not None:
                h_0 = torch.zeros(*p["h_0"])
                args.append((h_0, torch.zeros(*p["c_0"])) if c["module"] == "LSTM" else h_0)
            with torch.no_grad():
                output, state = module(*args)
        except Exception as exception:
            return {**result, "error": error(exception)}
    result["output"] = list(output.shape)
    if c["module"] == "LSTM":
        result["h_n"], result["c_n"] = list(state[0].shape), list(state[1].shape)
    else:
        result["h_n"] = list(state.shape)
    return result


def torch_results():
    return [{"call": c, "torch": run_torch(c)} for c in cases()]


def recorded():
    return json.loads(RECORDED.read_text(encoding="utf-8"))


def test_recorded_results_are_what_torch_returns(request):
    results = torch_results()
    if request.config.getoption("update_outputs"):
        # One call per line: a change in torch shows as a readable diff.
        RECORDED.write_text("[\n" + ",\n".join(map(json.dumps, results)) + "\n]\n", encoding="utf-8")
    assert RECORDED.is_file(), f"{RECORDED.name} is missing: run the tests with --update-outputs"
    differ = [
        f"{json.dumps(now['call'])}: recorded {then['torch']}, torch now {now['torch']}"
        for now, then in zip(results, recorded())
        if now != then
    ]
    assert len(results) == len(recorded()) and not differ, (
        f"torch no longer returns what {RECORDED.name} recorded (or the cases changed); "
        "check the page, then run with --update-outputs:\n" + "\n".join(differ[:20])
    )


FIELD_IDS = {"input_size": "se-input-size", "hidden_size": "se-hidden-size", "num_layers": "se-num-layers",
             "proj_size": "se-proj-size", "input": "se-input", "h_0": "se-h0", "c_0": "se-c0"}

# The controls a case needs that are not on screen (none, if the page is right).
NOT_VISIBLE = """(selectors) => selectors.filter((selector) => {
  const node = document.querySelector(selector);
  const box = node?.getBoundingClientRect();
  return !node || !box.width || !box.height || getComputedStyle(node).visibility !== "visible";
})"""

# What the page shows, read off the screen: only what is visible counts.
SHOWN = """() => {
  const root = document.getElementById("explorer");
  const field = (name) => root.querySelector(`[data-field="${name}"]`);
  const visible = (node) => !!node && node.getClientRects().length > 0;
  const shown = { status: field("status").textContent };
  if (visible(field("code"))) shown.code = field("code").textContent;
  if (visible(field("params-box"))) {
    shown.params = [...field("params").rows].map((row) =>
      row.cells[0].dataset.repeat ? { repeat: row.cells[0].dataset.repeat.split(" ").map(Number), text: row.textContent }
        : [...row.cells].map((cell) => cell.textContent));
    shown.total = field("total").textContent;
  }
  if (visible(field("error"))) {
    shown.error = { type: field("error-type").textContent };
    if (visible(field("error-message"))) shown.error.message = field("error-message").textContent;
    shown.hint = field("hint").textContent;
  } else {
    for (const name of ["output", "h_n", "c_n"]) if (visible(field(name))) shown[name] = field(name).textContent;
  }
  return shown;
}"""


class Form:
    """The explorer's form, driven as a reader drives it: select, fill and check on visible
    controls, each changed only when the next call needs a different value."""

    def __init__(self, page):
        self.page, self.now = page, {}

    def enter(self, c):
        """Types the call into the form. Returns the controls it needed that were not visible."""
        lstm = c["module"] == "LSTM"
        needed = ["#se-module", *(f"#{FIELD_IDS[name]}" for name in NUMBERS if lstm or name != "proj_size"),
                  *(f"#explorer input[name={flag}]" for flag in FLAGS), "#se-input", "#explorer input[name=pass_state]"]
        self.set("module", c["module"], lambda: self.page.select_option("#se-module", c["module"]))
        with_state = c["h_0"] is not None
        self.set("pass_state", with_state, lambda: self.page.locator("#explorer input[name=pass_state]").set_checked(with_state))
        if with_state:
            needed += ["#se-h0"] + (["#se-c0"] if lstm else [])
        missing = self.page.evaluate(NOT_VISIBLE, needed)
        if missing:
            self.now.clear()  # what the page holds is no longer known
            return missing
        for flag in FLAGS:
            self.set(flag, c[flag], lambda: self.page.locator(f"#explorer input[name={flag}]").set_checked(c[flag]))
        for name in (*NUMBERS, *SHAPES):
            if c[name] is not None and (name != "proj_size" or lstm) and (name != "c_0" or lstm):
                self.set(name, c[name], lambda: self.page.fill(f"#{FIELD_IDS[name]}", c[name]))
        return []

    def set(self, key, value, act):
        if self.now.get(key) != value:
            act()
            self.now[key] = value


def as_tuple(dims):
    return "(" + ", ".join(map(str, dims)) + ("," if len(dims) == 1 else "") + ")"


def listed_parameters(shown):
    """The page's parameter rows, with a row that stands for layers a to b written out: the
    rows of layer 1, renumbered."""
    rows = []
    for row in shown:
        if isinstance(row, dict):
            first, last = row["repeat"]
            second = [[name, shape] for name, shape in rows if re.search(r"_l1(_reverse)?$", name)]
            for layer in range(first, last + 1):
                rows += [[re.sub(r"_l1(_reverse)?$", rf"_l{layer}\1", name), shape] for name, shape in second]
        else:
            rows.append(row)
    return rows


def differences(torch_result, shown):
    """What the page shows that torch does not say, as sentences."""
    found = []
    if "error" in torch_result:
        wanted, page = torch_result["error"], shown.get("error") or {}
        if page.get("type") != wanted["type"]:
            found.append(f"torch raises {wanted['type']}: {wanted['message']}, the page shows {page or 'no error'}")
        elif "message" in page and page["message"] != wanted["message"]:
            found.append(f"torch's message is {wanted['message']!r}, the page shows {page['message']!r}")
        elif "message" not in page and not (wanted.get("continues") or re.search(r"\.cpp:\d+", wanted["message"])):
            found.append(f"the page does not quote torch's message, {wanted['message']!r}, which it could")
        elif not shown.get("hint"):
            found.append("the page names the error but says nothing about it")
    else:
        for name in ("output", "h_n", "c_n"):
            expected = as_tuple(torch_result[name]) if name in torch_result else None
            if shown.get(name) != expected:
                found.append(f"{name}: torch {expected}, page {shown.get(name)}")
    params = torch_result.get("params")
    page_params = shown.get("params")
    if params is None:
        if page_params is not None:
            found.append("the page lists parameters although the module cannot be built")
    else:
        wanted = [[name, as_tuple(shape)] for name, shape in params]
        if page_params is None or listed_parameters(page_params) != wanted:
            found.append(f"parameters: torch {wanted[:12]}, page {page_params and page_params[:12]}")
        total = sum(torch.Size(shape).numel() for _, shape in params)
        if shown.get("total") != f"{total:,}":
            found.append(f"total: torch {total:,}, page {shown.get('total')}")
    return found


def run_shown_code(code, c):
    """Run the page's code as a reader would paste it: torch's error, or the shapes."""
    scope = {}
    try:
        with device(c), warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            exec(code, scope)
    except Exception as exception:
        return {"error": error(exception)}
    result = {"output": list(scope["output"].shape), "h_n": list(scope["h_n"].shape)}
    if "c_n" in scope:
        result["c_n"] = list(scope["c_n"].shape)
    return result


def open_explorer(browser, root, edition, **options):
    tab = b.Tab(browser, **options)
    tab.goto(root + edition + "shape-explorer/")
    return tab


EDITIONS = pytest.mark.parametrize("edition", ["", "ko/"], ids=["English", "Korean"])


@EDITIONS
def test_the_page_shows_what_torch_returns(book, edition):
    """Both editions, every recorded call typed in: the same shapes, parameters, code and
    torch's own messages; the Korean page gives its hints in Korean."""
    browser, root = book
    results = recorded()
    tab = open_explorer(browser, root, edition)
    started = time.perf_counter()
    try:
        form, shown = Form(tab.page), []
        for case in results:
            missing = form.enter(case["call"])
            shown.append({"missing": missing} if missing else tab.page.evaluate(SHOWN))
        found = b.empty_report()
        tab.report(edition + "shape-explorer/", found)
        assert not any(found.values()), found
    finally:
        tab.close()
    invalid = sum("error" in case["torch"] for case in results)
    print(f"{len(results)} calls typed in ({invalid} of them invalid) in {time.perf_counter() - started:.1f} s")
    mismatches = []
    for case, page in zip(results, shown):
        if "missing" in page:
            mismatches.append(f"{json.dumps(case['call'])}:\n  not visible, so a reader cannot type the call: {', '.join(page['missing'])}")
            continue
        problems = differences(case["torch"], page)
        ran = run_shown_code(page.get("code", ""), case["call"])
        expected = {key: case["torch"][key] for key in ("error", "output", "h_n", "c_n") if key in case["torch"]}
        if "error" in expected:
            expected = {"error": expected["error"]}
        if ran != expected:
            problems.append(f"the page's code gives {ran}, torch gave {expected}")
        if edition and "error" in expected and not re.search("[\uac00-\ud7a3]", page.get("hint") or ""):
            problems.append(f"the Korean page's hint is not in Korean: {page.get('hint')!r}")
        if problems:
            mismatches.append(f"{json.dumps(case['call'])}:\n  " + "\n  ".join(problems))
    assert not mismatches, f"{len(mismatches)} of {len(results)} calls differ:\n" + "\n".join(mismatches[:15])
    assert len(results) >= 400 and invalid >= 150, "the comparison should cover several hundred calls, many invalid"


def test_try_these_says_what_torch_does():
    """The claims of the page's "Try these" list, one assert each."""
    default, batch_first, state, trap, stacked, projected, unbatched = (run_torch(typed(c)) for c in try_these())
    assert default["output"] == [5, 3, 20] and "error" not in batch_first
    assert batch_first["output"] == [5, 3, 20] and batch_first["h_n"] == [1, 5, 20]  # 5 sequences of 3 steps
    assert "error" not in state and trap["error"]["message"] == "Expected hidden size (1, 5, 20), got [1, 3, 20]"
    assert stacked["h_n"] == [4, 3, 20] and stacked["output"] == [5, 3, 40]
    assert projected["h_n"] == [1, 3, 5] and projected["c_n"] == [1, 3, 20]
    assert [name for name, _ in projected["params"] if name.startswith("weight_hr")] == ["weight_hr_l0"]
    assert unbatched["h_n"] == [1, 20]


def explorer_form(browser, root, edition, **options):
    tab = open_explorer(browser, root, edition, **options)
    return tab, Form(tab.page)


@EDITIONS
def test_copy_copies_the_block_it_sits_on(book, edition):
    """After an error is shown and the call is fixed, Copy under the code copies the code,
    and Copy on the error copies the error: each button its own block, read back from the
    clipboard as a reader's paste would."""
    browser, root = book
    tab, form = explorer_form(browser, root, edition, permissions=["clipboard-read", "clipboard-write"])
    page = tab.page

    def copied(pre):
        # The theme adds a block's copy button as the block comes into view (content.lazy).
        page.locator(pre).scroll_into_view_if_needed()
        page.locator(f"{pre} button[data-md-type=copy]").click()
        return page.evaluate("navigator.clipboard.readText()")

    try:
        form.enter(typed(call("LSTM", input=(5, 2, 7))))
        error = page.locator("[data-field=error-message]").inner_text()
        assert copied("#explorer .shape-explorer__message") == error
        form.enter(typed(call("LSTM", input=(5, 2, 3))))
        code = page.locator("[data-field=code]").inner_text()
        assert code.startswith("import torch") and copied("#explorer .shape-explorer__code") == code
    finally:
        tab.close()


# Readers' slips: each leaves a field the page cannot read as Python would.
SLIPS = [
    ("hidden_size", "", "Type a value for hidden_size."),
    ("input", "", "Type the shape of x, such as 5, 3, 10."),
    ("input", "5; 3; 10", "The shape of x must be sizes separated by commas"),
    ("input", "(5, 3", "The shape of x must be sizes separated by commas"),
]


@EDITIONS
def test_a_field_the_page_cannot_read_leaves_no_earlier_answer(book, edition):
    """With a field empty, not a number or not a shape, the status says why, the field is
    marked, and nothing of the last valid call (shapes, parameters, total, code) stays."""
    browser, root = book
    tab, form = explorer_form(browser, root, edition)
    page = tab.page
    visible = lambda field: page.locator(f"#explorer [data-field={field}]").is_visible()
    try:
        for name, text, english in [*SLIPS, ("num_layers", "1e", "num_layers is not a number.")]:
            form.enter(typed(call("GRU")))
            assert visible("shapes") and visible("params-box") and visible("code-box")
            field = page.locator(f"#{FIELD_IDS[name]}")
            if name == "num_layers":
                # An unfinished exponent: a number field holds no value, only `badInput`.
                field.fill("")
                field.press_sequentially(text)
            else:
                field.fill(text)
            form.now.clear()
            status = page.locator("#explorer [data-field=status]").inner_text()
            left = [f for f in ("shapes", "error", "params-box", "code-box") if visible(f)]
            assert not left, f"typing {text!r} into {name}: still on screen: {left}"
            assert field.get_attribute("aria-invalid") == "true", f"{name} is not marked invalid"
            assert status and (edition or english in status), f"typing {text!r} into {name}: status {status!r}"
    finally:
        tab.close()


def test_a_deep_network_is_answered_at_once(book):
    """A bidirectional LSTM of 10^6 layers, then 10^21: the page answers each in well under
    a second (it froze the tab for 7.6 s at 5,000 layers when it had a row per parameter),
    with the exact total and the middle layers listed as one row; and for 10^21 layers, whose
    weights no 64-bit machine can address, it says so instead of showing shapes that torch,
    still building layer after layer, would never reach."""
    browser, root = book
    tab, form = explorer_form(browser, root, "")
    answers = {}
    try:
        form.enter(typed(call("LSTM", input_size=10, hidden_size=20, bidirectional=True, input=(5, 3, 10))))
        for layers in (10**6, 10**21):
            started = time.perf_counter()
            tab.page.fill("#se-num-layers", str(layers))
            answers[layers] = tab.page.evaluate(SHOWN), time.perf_counter() - started
    finally:
        tab.close()
    per_layer = lambda inputs: 2 * (80 * inputs + 80 * 20 + 80 + 80)
    assert all(seconds < 1 for _, seconds in answers.values()), answers
    deep, _ = answers[10**6]
    assert deep["total"] == f"{per_layer(10) + (10**6 - 1) * per_layer(40):,}" and deep["h_n"] == "(2000000, 3, 20)"
    assert len(deep["params"]) <= 25 and any(isinstance(row, dict) for row in deep["params"])
    deeper, _ = answers[10**21]
    assert deeper["total"] == f"{per_layer(10) + (10**21 - 1) * per_layer(40):,}"
    assert "2^64" in deeper["status"] and not {"error", "output", "h_n"} & set(deeper), deeper


# The control that has keyboard focus: whether it draws a ring, and the ring's contrast with
# the page's background (WCAG's 3:1 for what is not text).
FOCUS_RING = r"""() => {
  const channels = (color) => color.match(/[\d.]+/g).slice(0, 3).map(Number);
  const luminance = (color) => {
    const [r, g, b] = channels(color).map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const node = document.activeElement;
  const style = getComputedStyle(node);
  const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const background = getComputedStyle(document.body).backgroundColor;
  return {
    inside: !!node.closest("#explorer"),
    name: node.name || node.id || node.tagName.toLowerCase(),
    ring,
    contrast: ring ? contrast(style.outlineColor, background) : 0,
  };
}"""


@EDITIONS
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_shows_on_every_control(book, edition, scheme):
    """From the first control, Tab walks every control of the explorer (an LSTM with a
    state, so every field is shown), and each draws a focus ring of 3:1 contrast or more;
    a field with a decimal where a whole number is asked is drawn as invalid."""
    browser, root = book
    tab, form = explorer_form(browser, root, edition, color_scheme=scheme)
    page = tab.page
    try:
        form.enter(typed(call("LSTM", h_0=(1, 2, 4), c_0=(1, 2, 4))))
        controls = page.locator("#explorer :is(input, select)").evaluate_all(
            "(nodes) => nodes.filter((n) => n.getClientRects().length).map((n) => n.name || n.id)"
        )
        # Into the form by a click, then back out and in with the keyboard, so that focus
        # is the keyboard's (a click's focus draws no ring, by design).
        page.locator("label[for=se-module]").click()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        reached, problems = [], []
        for _ in range(len(controls) + 5):
            focus = page.evaluate(FOCUS_RING)
            if not focus["inside"]:
                break
            reached.append(focus["name"])
            if not focus["ring"] or focus["contrast"] < 3:
                problems.append(f"{focus['name']}: ring {focus['ring']}, contrast {focus['contrast']:.2f}")
            page.keyboard.press("Tab")
        assert not problems, problems
        assert set(controls) <= set(reached), f"never focused: {set(controls) - set(reached)}"
        border = lambda: page.locator("#se-hidden-size").evaluate("(n) => getComputedStyle(n).borderTopColor")
        valid = border()
        page.fill("#se-hidden-size", "2.5")
        assert border() != valid, "a decimal in hidden_size leaves the field's frame as it was"
    finally:
        tab.close()
