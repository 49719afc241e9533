"""The Korean edition is the English book in Korean, from the same code (hooks/editions.py).

- Every page has its twin (the build fails otherwise; here each missing one is named).
- A Korean page runs the same examples in the same order as its English page, except
  examples marked `<!-- ko-only -->` on the line before their fence, which only the Korean
  page has. Every block runs and is compared like any other (tests/harness.py collects
  `X.ko.md` as it collects `X.md`).
- Its headings carry the English ids, so links and anchors are the same in both.
- One Korean term per concept (docs/glossary.yml): the first use of a term on a page gives
  the English in parentheses, and no page uses another word for it.
- A lab's Korean text covers every Markdown cell and plot, and the Korean notebook's code is
  the English notebook's, cell for cell.
- In the built site: the same pages under / and /ko/, `<html lang>` right, and a language
  switch on every page that leads to the same page in the other edition.
"""

import re

import markdown
import nbformat
import pytest
import yaml
from mkdocs.exceptions import PluginError

from tests.harness import INCLUDE, ROOT, load_hook, relative

DOCS = ROOT / "docs"
editions = load_hook("editions")
notebooks = load_hook("notebooks")
ENGLISH = sorted(p for p in DOCS.rglob("*.md") if not p.name.endswith(editions.KOREAN))
CHAPTERS = [p for p in ENGLISH if p.with_suffix(editions.KOREAN).is_file()]
LABS = sorted((DOCS / "labs").glob("*.ipynb"))
GLOSSARY = yaml.safe_load((DOCS / editions.GLOSSARY).read_text(encoding="utf-8"))
KO_ONLY = "<!-- ko-only -->"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
HEADING_ID = re.compile(r'<h[1-6] id="([^"]+)"')
ATX_HEADING = re.compile(r"^#{1,6} ")


def korean(path):
    """docs/X.md or docs/labs/X.ipynb -> its Korean twin X.ko.md."""
    return path.with_suffix(editions.KOREAN)


def name(path):
    return relative(path)


@pytest.mark.parametrize("path", ENGLISH + LABS, ids=name)
def test_every_page_has_its_korean_twin(path):
    assert korean(path).is_file(), f"{name(path)}: write its Korean twin {name(korean(path))}"


@pytest.mark.parametrize("path", sorted(DOCS.rglob(f"*{editions.KOREAN}")), ids=name)
def test_every_korean_page_has_its_english_twin(path):
    stem = path.name[: -len(editions.KOREAN)]
    assert any((path.parent / (stem + ext)).is_file() for ext in (".md", ".ipynb")), f"{name(path)}: no English page beside it"


def prose_lines(path):
    """(line number, text) of a page's Markdown outside fences, in order."""
    text = path.read_text(encoding="utf-8").splitlines()
    inside, lines = None, []
    for number, line in enumerate(text, 1):
        fence = re.match(r"\s*(`{3,}|~{3,})", line)
        if fence and inside is None:
            inside = fence.group(1)
        elif fence and line.strip().startswith(inside) and not line.strip()[len(inside):].strip():
            inside = None
        elif inside is None:
            lines.append((number, line))
    return lines


def examples(path):
    """The files a page includes, in order, each with whether it is marked Korean-only."""
    found, marked, previous = [], False, ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(r"\s*```+\s*\S", line):
            # A marked fence and the output fence that follows it are Korean-only.
            marked = previous.strip() == KO_ONLY or (marked and "expected-output" in previous)
        include = INCLUDE.match(line)
        if include:
            found.append((include.group(1), marked, number))
        if line.strip():
            previous = line
    return found


@pytest.mark.parametrize("path", CHAPTERS, ids=name)
def test_korean_page_runs_the_same_examples_in_the_same_order(path):
    english = [include for include, _, _ in examples(path)]
    ko = examples(korean(path))
    shared = [include for include, marked, _ in ko if not marked]
    assert shared == english, (
        f"{name(korean(path))} must include the examples of {name(path)} in the same order "
        f"(a Korean-only example is marked {KO_ONLY} on the line before its fence):\n"
        f"  English: {english}\n  Korean:  {shared}"
    )
    for include, marked, line in ko:
        if marked:
            assert include not in english, f"{name(korean(path))}:{line}: {include} is marked Korean-only but the English page shows it"


def heading_ids(path):
    headings = [line for _, line in prose_lines(path) if ATX_HEADING.match(line)]
    html = markdown.markdown("\n\n".join(headings), extensions=["toc", "attr_list"])
    return HEADING_ID.findall(html)


@pytest.mark.parametrize("path", CHAPTERS, ids=name)
def test_korean_headings_keep_the_english_ids(path):
    ko = korean(path)
    missing = [f"{name(ko)}:{n}: {line.strip()}" for n, line in prose_lines(ko) if ATX_HEADING.match(line) and "{#" not in line]
    assert not missing, "give each Korean heading its English id, `## 제목 {#english-id}`:\n" + "\n".join(missing)
    assert heading_ids(ko) == heading_ids(path), f"{name(ko)}: heading ids differ from {name(path)}"


def test_glossary_entries_are_unique_and_point_at_real_sections():
    problems = []
    for key in ("ko", "en"):
        seen = [entry[key] for entry in GLOSSARY]
        problems += [f"{key} {term!r} appears twice" for term in sorted({t for t in seen if seen.count(t) > 1})]
    for entry in GLOSSARY:
        page, _, anchor = entry["page"].partition("#")
        source = DOCS / page
        if not source.is_file():
            problems.append(f"{entry['ko']}: no page docs/{page}")
        elif anchor and anchor not in heading_ids(source):
            problems.append(f"{entry['ko']}: docs/{page} has no heading #{anchor}")
        variants = set(entry.get("avoid", []))
        problems += [f"{entry['ko']}: avoids {other['ko']!r}, another entry" for other in GLOSSARY if other["ko"] in variants]
        means = entry.get("means", {})
        for lang in ("en", "ko"):
            line = means.get(lang, "")
            if not line.endswith(".") or "\n" in line or "|" in line:
                problems.append(f"{entry['ko']}: means.{lang} should be one sentence or two on one line, ending with a full stop (no |): {line!r}")
        problems += [f"{entry['ko']}: means.ko uses {variant!r}; the book says {other['ko']!r}" for other in GLOSSARY for variant in other.get("avoid", []) if variant in means.get("ko", "")]
        problems += [f"{entry['ko']}: means.ko: {advice}" for rule, advice in KOREAN_STYLE if rule.search(re.sub(r"`[^`]*`", " ", means.get("ko", "")))]
    assert not problems, "docs/glossary.yml:\n" + "\n".join(problems)


def korean_prose():
    """Every Korean text a reader sees: the pages, the labs' cell texts, the figures' words."""
    return sorted(DOCS.rglob(f"*{editions.KOREAN}")) + sorted((DOCS / "img").glob(f"*{editions.FIGURE_WORDS}"))


# What a line holds that is not prose: formulas, inline code, link targets.
NOT_PROSE = re.compile(r"\\\(.*?\\\)|\$[^$]+\$|`[^`]*`|\]\([^)]*\)")


def body(path):
    """(line number, text) of a page's prose where a term's first use must give the English:
    not headings, admonition titles, comments, includes or formulas."""
    lines = []
    for number, line in prose_lines(path):
        stripped = line.strip()
        if ATX_HEADING.match(stripped) or stripped.startswith(("<!--", "!!!", "???", "--8<--")):
            continue
        line = NOT_PROSE.sub(" ", line)
        line = line.replace("*", "")  # emphasis is markup: **잡음 하한**(noise floor) glosses its term
        # A quotation is someone else's words: the English goes with the term's own first use.
        line = re.sub(r'"[^"]*"|“[^”]*”', lambda quote: " " * len(quote[0]), line)
        lines.append((number, line))
    return lines


def spaced(term):
    """A pattern for `term` that also finds it wrapped across lines ("테스트\n모음")."""
    return r"\s+".join(map(re.escape, term.split()))


def occurrences(text):
    """(start, entry) of each glossary term in `text`, longest terms first, a term inside a
    longer one (시퀀스 in 시퀀스 길이) or inside a word (층 in 다층) not counted."""
    taken, found = [], []
    for entry in sorted(GLOSSARY, key=lambda e: -len(e["ko"])):
        for match in re.finditer(spaced(entry["ko"]), text):
            start, end = match.span()
            if start and HANGUL.match(text[start - 1]):
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            found.append((start, end, entry))
    return sorted(found, key=lambda item: item[0])


@pytest.mark.parametrize("path", [p for p in korean_prose() if p.suffix == ".md" and "glossary" not in p.name], ids=name)
def test_first_use_of_a_term_gives_the_english(path):
    lines = body(path)
    text = "\n".join(line for _, line in lines)
    starts = [0]
    for _, line in lines:
        starts.append(starts[-1] + len(line) + 1)
    first, problems = set(), []
    for start, end, entry in occurrences(text):
        if entry["ko"] in first:
            continue
        first.add(entry["ko"])
        after = text[end : end + len(entry["en"]) + 2].lower()
        if not after.startswith("(" + entry["en"].lower()):
            line_number = lines[max(i for i, s in enumerate(starts[:-1]) if s <= start)][0]
            problems.append(f"{name(path)}:{line_number}: first {entry['ko']} should read {entry['ko']}({entry['en']})")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", korean_prose(), ids=name)
def test_one_korean_term_per_concept(path):
    text = path.read_text(encoding="utf-8")
    problems = []
    for entry in GLOSSARY:
        for variant in entry.get("avoid", []):
            for match in re.finditer(spaced(variant), text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{name(path)}:{line}: {variant!r}; the book says {entry['ko']!r} ({entry['en']})")
    assert not problems, "\n".join(problems)


# The Korean style rules that can be checked (CONTRIBUTING.md, "한국어판 문체 규칙"), each
# with what to write instead. Checked in prose: code, formulas and links are blanked first.
KOREAN_STYLE = [
    (re.compile(r"(?:다|요|오|까|죠)[)*]*:\s*$"), "a Korean sentence ends with a full stop, not a colon (\"다음과 같습니다.\")"),
    (re.compile(r"세요[.!?]|하라[.!?]"), "합니다체: \"-십시오\", not \"-세요\" or \"-하라\""),
    (re.compile(r"\d (?:단계|스텝|에포크|개|번|층|차원|배|글자|문자|줄|초|분)(?![\uac00-\ud7a3])"), "a number and its unit are written together (\"5단계\", \"100스텝\")"),
    (re.compile(r"\d\s*시간 단계"), "\"4 시간 단계\" reads as four hours: \"4단계\" or \"시간 단계 4개\""),
    (re.compile(r"파이썬"), "\"Python\", in Latin letters"),
    (re.compile(r"^#+ 정리"), "a chapter's closing section is \"요약\""),
]
ENGLISH_WORD_IN_FORMULA = re.compile(r"\\text\{([^}]*)\}")


def style_problems(path):
    problems = []
    for number, line in prose_lines(path):
        for text in ENGLISH_WORD_IN_FORMULA.findall(line):
            # Code names (num_layers) and acronyms (RNN) are not English words.
            words = [w for w in re.findall(r"[A-Za-z]+(?:\\?_[A-Za-z]+)*", text) if "_" not in w and not w.isupper()]
            if words:
                problems.append(f"{name(path)}:{number}: \\text{{{text}}} in a Korean formula: write {words} in Korean")
        prose = re.sub(r"<[^>]+>", " ", NOT_PROSE.sub(" ", line))
        problems += [f"{name(path)}:{number}: {advice}: {line.strip()[:60]}" for rule, advice in KOREAN_STYLE if rule.search(prose)]
    return problems + stacked_glosses(path)


GLOSS = re.compile(r"[\uac00-\ud7a3*]\([A-Za-z][^)]*\)")
MOST_GLOSSES = 3  # in one sentence; a fourth makes the sentence a list of parentheses


def stacked_glosses(path):
    """Sentences of running text (not tables) that carry more than MOST_GLOSSES glosses."""
    problems, paragraph = [], []
    for number, line in prose_lines(path) + [(0, "")]:
        if line.strip() and not line.lstrip().startswith(("|", "#", "<!--")):
            paragraph.append((number, line.strip()))
            continue
        text = " ".join(part for _, part in paragraph)
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            glosses = len(GLOSS.findall(sentence))
            if glosses > MOST_GLOSSES:
                problems.append(f"{name(path)}:{paragraph[0][0]}: {glosses} glosses in one sentence; split it: {sentence[:60]}")
        paragraph = []
    return problems


@pytest.mark.parametrize("path", korean_prose(), ids=name)
def test_korean_style(path):
    problems = style_problems(path)
    assert not problems, "CONTRIBUTING.md, \"한국어판 문체 규칙\":\n" + "\n".join(problems)


def test_korean_style_rules_catch_what_they_name(tmp_path):
    page = tmp_path / "page.ko.md"
    page.write_text(
        "모양은 다음과 같습니다:\n직접 실행해 보세요.\n100 스텝 학습합니다.\n입력은 4 시간 단계입니다.\n"
        "파이썬으로 씁니다.\n## 정리\n\\(\\text{if } t > 0\\)\n\\(\\text{num\\_layers}\\) 그리고 `a: b` 예: 이것.\n\n"
        "셀(cell)과 층(layer)과 배치(batch)와\n시퀀스(sequence)를 봅니다. 셀(cell)과 층(layer)과 배치(batch)는 됩니다.\n",
        encoding="utf-8",
    )
    assert [problem.split(":")[1] for problem in style_problems(page)] == [str(n) for n in (1, 2, 3, 4, 5, 6, 7, 10)]


@pytest.mark.parametrize("path", LABS, ids=name)
def test_korean_lab_is_the_english_code_with_korean_text(path):
    english = nbformat.read(path, as_version=4)
    try:
        ko = notebooks.translate(nbformat.read(path, as_version=4), korean(path))
    except PluginError as error:
        pytest.fail(str(error))
    assert [c.cell_type for c in ko.cells] == [c.cell_type for c in english.cells]
    for index, (en_cell, ko_cell) in enumerate(zip(english.cells, ko.cells)):
        if en_cell.cell_type == "code":
            assert ko_cell.source == en_cell.source, f"{name(path)}: code cell {index} differs between the editions"
        else:
            assert HANGUL.search(ko_cell.source), f"{name(korean(path))}: cell {en_cell.id} is not in Korean"


@pytest.mark.parametrize("figure", sorted((DOCS / "img").glob("*.svg")), ids=name)
def test_every_word_of_a_figure_has_its_korean(figure):
    class Figure:
        abs_src_path = str(figure)
        src_uri = figure.relative_to(DOCS).as_posix()

    try:
        svg = editions.korean_figure(Figure)
    except PluginError as error:
        pytest.fail(str(error))
    assert HANGUL.search(svg), f"{name(figure)}: the Korean copy has no Korean in it"


def built_pages(site):
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("ko/")}


def test_both_editions_have_the_same_pages(site):
    english = built_pages(site)
    ko = built_pages(site / "ko")
    assert english == ko, f"only English: {sorted(english - ko)}; only Korean: {sorted(ko - english)}"
    assert len(english) >= 10


SWITCH = re.compile(r'<a href="([^"]+)" hreflang="(en|ko)" lang="\2"')


@pytest.mark.parametrize("edition", ["", "ko/"])
def test_every_page_switches_to_itself_in_the_other_language(site, edition):
    problems = []
    for page in sorted(built_pages(site / edition) if edition else built_pages(site)):
        html = (site / edition / page).read_text(encoding="utf-8")
        lang = re.search(r'<html lang="([^"]+)"', html).group(1)
        if lang != (edition.rstrip("/") or "en"):
            problems.append(f"{edition}{page}: <html lang={lang!r}>")
        if page == "404.html":
            continue
        links = dict((hreflang, href) for href, hreflang in SWITCH.findall(html))
        for hreflang, prefix in (("en", ""), ("ko", "ko/")):
            target = (site / edition / page).parent / links.get(hreflang, "missing/")
            expected = site / prefix / page
            if (target / "index.html").resolve() != expected.resolve():
                problems.append(f"{edition}{page}: the {hreflang} link {links.get(hreflang)} leads to {target}, not {prefix}{page}")
    assert not problems, "\n".join(problems)
