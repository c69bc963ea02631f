"""Text cells that spreadsheets run as formulas are written as text, and read back the same."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import capex
from capex.io.safe_text import (
    FORMULA_STARTS,
    frame_from_csv_text,
    frame_to_csv_text,
    from_csv_text,
    looks_like_formula,
    to_csv_text,
)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=1", "''=1"),  # an apostrophe of the user's own survives the round trip
        ("鲁迅小学", "鲁迅小学"),
        ("x=1", "x=1"),
        ("'quoted'", "'quoted'"),
        ("", ""),
    ],
)
def test_formula_like_text_gets_an_apostrophe(text: str, written: str) -> None:
    assert to_csv_text(text) == written
    assert from_csv_text(written) == text
    assert not looks_like_formula(written)


@pytest.mark.slow
@given(st.text())
def test_any_text_reads_back_as_written(text: str) -> None:
    assert from_csv_text(to_csv_text(text)) == text
    assert not to_csv_text(text).startswith(FORMULA_STARTS)


def test_frames_escape_text_only() -> None:
    frame = pd.DataFrame({"name": ["=1+2", "school"], "amount": [-5, 3], "=head": ["a", "b"]})
    written = frame_to_csv_text(frame)
    assert written["name"].tolist() == ["'=1+2", "school"]
    assert written["amount"].tolist() == [-5, 3]  # numbers are never text
    assert list(written.columns) == ["name", "amount", "'=head"]
    assert frame["name"].tolist() == ["=1+2", "school"]  # the caller's frame is untouched
    back = frame_from_csv_text(written.astype(str))
    assert back["name"].tolist() == ["=1+2", "school"]


HOSTILE_NAMES = ['=HYPERLINK("http://example.invalid")', "+1+1", "-2+3", "@SUM(A1:A2)"]


def test_a_portfolio_saved_as_csv_is_safe_in_a_spreadsheet_and_loads_back_the_same(
    tmp_path: Path,
) -> None:
    from conftest import tiny_frame

    frame = tiny_frame()
    frame["name"] = HOSTILE_NAMES
    frame["street"] = ["=x", "'=y", "-z", "街"]
    portfolio = capex.load_projects(frame, plan_period=(2021, 2023))
    path = capex.io.write_projects(portfolio, tmp_path / "p.csv")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert raw["name"].tolist() == [f"'{name}" for name in HOSTILE_NAMES]
    assert not any(looks_like_formula(v) for v in raw.to_numpy().ravel())
    again = capex.load_projects(path)
    assert again.frame["name"].tolist() == HOSTILE_NAMES
    assert again.frame["street"].tolist() == ["=x", "'=y", "-z", "街"]
    assert again.frame["total_minor"].tolist() == portfolio.frame["total_minor"].tolist()
