"""The shape explorer page agrees with PyTorch.

`cases()` lists a few hundred calls of nn.RNN, nn.GRU and nn.LSTM: every combination of the
arguments at small sizes, each with a batched and an unbatched input, without and with an
initial state; the calls the page's "Try these" list talks about; the invalid arguments
the form lets a reader type; and random ones from a fixed seed, many of them invalid.
torch's answer to each (shapes, parameters, or the error and its message) is recorded in
tests/shape_explorer_torch.json, which `--update-outputs` rewrites and the portability
check re-derives under other CPU kernels. In Chromium, the page's form is set to each case
and what the page shows is compared with torch's answer; the code the page shows is then
run here and must do what torch did.
"""

import json
import random
import re
import warnings
from itertools import product

import pytest
import torch
from torch import nn

from tests import browser as b
from tests.harness import ROOT

RECORDED = ROOT / "tests" / "shape_explorer_torch.json"
MODULES = ("RNN", "GRU", "LSTM")


def call(module, input_size=3, hidden_size=4, num_layers=1, bias=True, batch_first=False,
         bidirectional=False, proj_size=0, input=(5, 2, 3), h_0=None, c_0=None):
    return {
        "module": module, "input_size": input_size, "hidden_size": hidden_size,
        "num_layers": num_layers, "bias": bias, "batch_first": batch_first,
        "bidirectional": bidirectional, "proj_size": proj_size, "input": list(input),
        "h_0": None if h_0 is None else list(h_0), "c_0": None if c_0 is None else list(c_0),
    }


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


def cases():
    seen, unique = set(), []
    for c in [*grid(), *try_these(), *invalid_arguments(), *randomised()]:
        key = json.dumps(c, sort_keys=True)
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique


def error(exception):
    return {"type": type(exception).__name__, "message": str(exception)}


def run_torch(c):
    """What torch returns for the call, or the error it raises: shapes as lists."""
    kwargs = {key: c[key] for key in ("num_layers", "bias", "batch_first", "bidirectional")}
    if c["module"] == "LSTM":
        kwargs["proj_size"] = c["proj_size"]
    try:
        module = getattr(nn, c["module"])(c["input_size"], c["hidden_size"], **kwargs)
    except Exception as exception:
        return {"error": error(exception)}
    result = {"params": [[name, list(p.shape)] for name, p in module.named_parameters()]}
    args = [torch.zeros(c["input"])]
    if c["h_0"] is not None:
        h_0 = torch.zeros(c["h_0"])
        args.append((h_0, torch.zeros(c["c_0"])) if c["module"] == "LSTM" else h_0)
    try:
        with torch.no_grad(), warnings.catch_warnings():
            # "LSTM with projections is not supported with oneDNN": a note on speed, not on shapes.
            warnings.simplefilter("ignore", UserWarning)
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


# Sets the page's form to each call, as a reader would, and reads back what the page shows.
SHOW_EACH = """(calls) => {
  const root = document.getElementById("explorer");
  const form = root.querySelector("form");
  const field = (name) => root.querySelector(`[data-field="${name}"]`);
  const visible = (node) => !node.hidden && !node.closest("[hidden]");
  return calls.map((c) => {
    form.elements.module.value = c.module;
    for (const name of ["input_size", "hidden_size", "num_layers", "proj_size"]) form.elements[name].value = String(c[name]);
    for (const name of ["bias", "batch_first", "bidirectional"]) form.elements[name].checked = c[name];
    form.elements.input.value = c.input.join(", ");
    form.elements.pass_state.checked = c.h_0 !== null;
    form.elements.h_0.value = c.h_0 === null ? "" : c.h_0.join(", ");
    form.elements.c_0.value = c.c_0 === null ? "" : c.c_0.join(", ");
    form.dispatchEvent(new Event("input", { bubbles: true }));
    const shown = { code: field("code").textContent, status: field("status").textContent };
    if (visible(field("params-box"))) {
      shown.params = [...field("params").rows].map((row) => [...row.cells].map((cell) => cell.textContent));
      shown.total = field("total").textContent;
    }
    if (visible(field("error"))) {
      shown.error = { type: field("error-type").textContent, message: field("error-message").textContent };
      shown.hint = field("hint").textContent;
    } else {
      for (const name of ["output", "h_n", "c_n"]) if (visible(field(name))) shown[name] = field(name).textContent;
    }
    return shown;
  });
}"""


def as_tuple(dims):
    return "(" + ", ".join(map(str, dims)) + ("," if len(dims) == 1 else "") + ")"


def differences(torch_result, shown):
    """What the page shows that torch does not say, as sentences."""
    found = []
    if "error" in torch_result:
        if shown.get("error") != torch_result["error"]:
            found.append(f"torch raises {torch_result['error']}, the page shows {shown.get('error')}")
        elif not shown.get("hint"):
            found.append("the page quotes the error but gives no hint")
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
        if page_params != wanted:
            found.append(f"parameters: torch {wanted}, page {page_params}")
        total = sum(torch.Size(shape).numel() for _, shape in params)
        if shown.get("total") != f"{total:,}":
            found.append(f"total: torch {total:,}, page {shown.get('total')}")
    return found


def run_shown_code(code):
    """Run the page's code as a reader would paste it: torch's error, or the shapes."""
    scope = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            exec(code, scope)
    except Exception as exception:
        return {"error": error(exception)}
    result = {"output": list(scope["output"].shape), "h_n": list(scope["h_n"].shape)}
    if "c_n" in scope:
        result["c_n"] = list(scope["c_n"].shape)
    return result


@pytest.mark.parametrize("edition", ["", "ko/"], ids=["English", "Korean"])
def test_the_page_shows_what_torch_returns(book, edition):
    """Both editions: the same shapes, parameters, code and torch's own messages; the
    Korean page gives its hints in Korean."""
    browser, root = book
    results = recorded()
    tab = b.Tab(browser)
    try:
        tab.goto(root + edition + "shape-explorer/")
        shown = tab.page.evaluate(SHOW_EACH, [case["call"] for case in results])
        found = b.empty_report()
        tab.report(edition + "shape-explorer/", found)
        assert not any(found.values()), found
    finally:
        tab.close()
    invalid = sum("error" in case["torch"] for case in results)
    print(f"{len(results)} calls compared, {invalid} of them invalid")
    mismatches = []
    for case, page in zip(results, shown):
        problems = differences(case["torch"], page)
        ran = run_shown_code(page["code"])
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
    assert len(results) >= 300 and invalid >= 50, "the comparison should cover a few hundred calls, many invalid"


def test_try_these_says_what_torch_does():
    """The claims of the page's "Try these" list, one assert each."""
    default, batch_first, state, trap, stacked, projected, unbatched = map(run_torch, try_these())
    assert default["output"] == [5, 3, 20] and "error" not in batch_first
    assert batch_first["output"] == [5, 3, 20] and batch_first["h_n"] == [1, 5, 20]  # 5 sequences of 3 steps
    assert "error" not in state and trap["error"]["message"] == "Expected hidden size (1, 5, 20), got [1, 3, 20]"
    assert stacked["h_n"] == [4, 3, 20] and stacked["output"] == [5, 3, 40]
    assert projected["h_n"] == [1, 3, 5] and projected["c_n"] == [1, 3, 20]
    assert [name for name, _ in projected["params"] if name.startswith("weight_hr")] == ["weight_hr_l0"]
    assert unbatched["h_n"] == [1, 20]
