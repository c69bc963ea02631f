"""Each piece of arithmetic has one home: clipping a window to a range of years
(:mod:`capex.model.windows`), Hall's interval condition (:mod:`capex.solvers.hall`) and converting amounts
between units (:mod:`capex.model.money`). A second copy is a bug waiting for its first divergence, so
the package's code is searched for hand-written ones (the solvers keep their own models)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import capex

PACKAGE = Path(capex.__file__).resolve().parent

_START, _END = r"[a-z_]*start[a-z_]*", r"[a-z_]*end[a-z_]*"
_FIRST, _LAST = r"[a-z_]*(?:first|as_of)[a-z_]*(?:[ \t]*\+[ \t]*1)?", r"[a-z_]*last[a-z_]*"


def _call(names: tuple[str, ...], a: str, b: str) -> str:
    functions = "|".join(names)
    return rf"\b(?:np\.)?(?:{functions})\([ \t]*{a}[ \t]*,[ \t]*{b}[ \t]*\)"


HAND_WRITTEN = {
    # max(start, first), np.minimum(end, last), max(first_plan, as_of + 1) ...
    "capex/model/windows.py": re.compile(
        "|".join(
            [
                _call(("max", "maximum"), _START, _FIRST),
                _call(("max", "maximum"), _FIRST, _START),
                _call(("max", "maximum"), _FIRST, _FIRST),
                _call(("min", "minimum"), _END, _LAST),
                _call(("min", "minimum"), _LAST, _END),
            ]
        )
    ),
    "capex/solvers/hall.py": re.compile(r"cumsum\(\s*np\.cumsum\("),
    "capex/model/money.py": re.compile(
        r"[/*]\s*10_?000\b|WAN_PER_YI|float\(\s*[\w.]*per\(|\*\s*int\(\s*1\s*/\s*per\b"
        r"|\.per\([^)]*\)[ \t]*for\b|Decimal\([^)]*\)[ \t]*/[ \t]*[\w.]*per\("
    ),
}


def _sources() -> list[tuple[str, str]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE.parent).as_posix()
        if not name.startswith("capex/solvers/"):
            out.append((name, path.read_text(encoding="utf-8")))
    return out


@pytest.mark.parametrize("home", list(HAND_WRITTEN))
def test_the_arithmetic_lives_only_in_its_home(home):
    pattern = HAND_WRITTEN[home]
    found = [
        f"{name}:{text[: match.start()].count(chr(10)) + 1}: {match.group(0)}"
        for name, text in _sources()
        if name != home
        for match in pattern.finditer(text)
    ]
    assert found == [], f"written by hand instead of through {home}"


@pytest.mark.parametrize(
    ("home", "example"),
    [
        ("capex/model/windows.py", "new_start = np.maximum(start, first)"),
        ("capex/model/windows.py", "years = range(max(first_plan, as_of + 1), last_plan + 1)"),
        ("capex/model/windows.py", "hi = np.minimum(end_year, last)"),
        ("capex/solvers/hall.py", "np.cumsum(np.cumsum(cells[::-1], axis=0)[::-1], axis=1)"),
        ("capex/model/money.py", "values / float(self.money.per(unit))"),
        ("capex/model/money.py", "total / 10_000"),
        ("capex/model/money.py", "[abs(v) * base.per(written) for row in numbers for v in row]"),
        ("capex/model/money.py", "as_written = Decimal(highest) / money.per(written)"),
    ],
)
def test_the_search_finds_what_it_looks_for(home, example):
    assert HAND_WRITTEN[home].search(example)


@pytest.mark.parametrize(
    ("home", "example"),
    [
        ("capex/model/windows.py", "end = np.maximum(end, start)  # a window made valid"),
        ("capex/model/windows.py", "low = max(first, offset) - offset  # draws of a block"),
        ("capex/model/money.py", "step = money.per(unit) / Decimal(10) ** base"),
    ],
)
def test_the_search_leaves_other_arithmetic_alone(home, example):
    assert not HAND_WRITTEN[home].search(example)
