"""Terminal tables: aligned by display width, one number of decimals per column."""

from __future__ import annotations

import pytest

from capex.io.texttable import amount_texts, display_width, pad, render, shown_decimals
from capex.model.money import WAN, Money


@pytest.mark.parametrize(
    ("text", "width"),
    [("abc", 3), ("鲁迅小学", 8), ("（暂名）", 8), ("a鲁b", 4), ("e\u0301", 1), ("", 0)],
)
def test_display_width_counts_as_a_terminal_does(text: str, width: int) -> None:
    assert display_width(text) == width


def test_columns_line_up_after_chinese_names() -> None:
    rows = [["1", "鲁迅小学教育集团凤鸣校区", "1.5000"], ["23", "school", "13.0000"]]
    lines = render(["id", "name", "total"], rows, align="llr").splitlines()
    assert len({display_width(line) for line in lines}) == 1
    starts = [display_width(line[: line.index(word)]) for line, word in zip(lines[1:], ("鲁", "s"))]
    assert starts[0] == starts[1]  # the names start in the same column
    assert pad("鲁迅", 6, "r") == "  鲁迅"


@pytest.mark.parametrize(
    ("amounts", "unit", "decimals"),
    [
        ([778_000, 483_900], "亿元", 2),
        ([15_000, 3], "亿元", 4),  # 0.0003 亿元 needs all four
        ([15_000, 100], "亿元", 2),  # 0.01 亿元 fits in two
        ([15_000, 10], "亿元", 4),
        ([778_000], "万元", 0),
    ],
)
def test_decimals_are_chosen_for_the_whole_column(amounts, unit, decimals) -> None:
    assert shown_decimals(amounts, WAN, unit) == decimals


def test_amount_texts() -> None:
    assert amount_texts([10_000, 3, 0, None, -5_000], WAN) == [
        "1.0000",
        "0.0003",
        "-",
        "",
        "-0.5000",
    ]
    assert amount_texts([778_000_000, 0], WAN, zero="0") == ["77,800.00", "0"]
    assert amount_texts([12_345], Money("USD", "cent")) == ["123.45"]
