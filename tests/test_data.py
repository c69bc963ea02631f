"""The bundled data against the seed document, field by field.

The CSV is read with the standard library and the seed with ``seed_table`` (which knows
nothing of capex), so these tests check the transcription, not the loader.
"""

from __future__ import annotations

import csv
import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
import seed_table

import capex

DATA = Path(__file__).resolve().parent.parent / "data"
CSV_PATH = DATA / "major_projects.csv"

SEED_ROWS = seed_table.project_rows()
with CSV_PATH.open(encoding="utf-8", newline="") as _file:
    CSV_ROWS = list(csv.DictReader(_file))
BY_ID = {row["id"]: row for row in CSV_ROWS}

IDS = [row["id"] for row in SEED_ROWS]


def test_the_seed_has_35_projects_and_so_has_the_csv() -> None:
    assert len(SEED_ROWS) == 35
    assert IDS == [str(i) for i in range(1, 36)]
    assert [row["id"] for row in CSV_ROWS] == IDS


def test_the_csv_is_utf8_with_the_documented_columns() -> None:
    CSV_PATH.read_bytes().decode("utf-8")  # raises if not UTF-8
    required = {
        "id", "name", "start_year", "end_year", "street", "scope", "classes", "site_area_m2",
        "floor_area_m2", "total_investment", "plan_investment", "builder",
        "government_investment", "note",
    }  # fmt: skip
    assert required <= set(CSV_ROWS[0])


@pytest.mark.parametrize("seed", SEED_ROWS, ids=IDS)
def test_every_field_matches_the_seed(seed: dict[str, str]) -> None:
    row = BY_ID[seed["id"]]
    start, end = seed["window"].split("-")
    assert row["name"] == seed["name"]
    assert (row["start_year"], row["end_year"]) == (start, end)
    assert row["street"] == seed["street"]
    assert row["scope"] == seed["scope"]  # the seed's text as it is
    # amounts as written in the seed (亿元), text for text
    assert row["total_investment"] == seed["total_investment"]
    assert row["plan_investment"] == seed["plan_investment"]
    assert row["builder"] == seed["builder"]
    assert row["government_investment"] == {"是": "yes", "否": "no"}[seed["government_investment"]]
    assert row["note"] == seed["note"]


# -- what is parsed from the scope text, re-derived here by an independent reading ----------
_NUMBER = r"(约)?(\d+(?:\.\d+)?)(平米|平方)"
_SITE = re.compile(r"用地(?:面积)?" + _NUMBER)
_FLOOR = re.compile(r"(?:建筑面积|扩建校舍)" + _NUMBER)
_CLASSES = re.compile(r"^扩?(\d+)班")


def _scope_reading(scope: str) -> dict[str, object]:
    site, floor, classes = _SITE.search(scope), _FLOOR.search(scope), _CLASSES.search(scope)
    units = [m.group(3) for m in (site, floor) if m]
    return {
        "classes": classes.group(1) if classes else "",
        "site_area_m2": site.group(2) if site else "",
        "floor_area_m2": floor.group(2) if floor else "",
        "area_unit": "/".join(dict.fromkeys(units)),
        "area_approximate": "yes" if any(m and m.group(1) for m in (site, floor)) else "no",
    }


@pytest.mark.parametrize("seed", SEED_ROWS, ids=IDS)
def test_parsed_scope_columns_match_the_scope_text(seed: dict[str, str]) -> None:
    row = BY_ID[seed["id"]]
    expected = _scope_reading(seed["scope"])
    for column in ("classes", "site_area_m2", "floor_area_m2"):
        assert _same_number(row[column], expected[column]), column
    assert row["area_approximate"] == expected["area_approximate"]
    # project 11 writes its added land in 平米 and its extension in 平方
    assert set(row["area_unit"].split("/")) == set(str(expected["area_unit"]).split("/"))


def _same_number(written: str, parsed: object) -> bool:
    if written == "" or parsed == "":
        return written == parsed
    return Decimal(written) == Decimal(str(parsed))


def test_both_square_metre_spellings_and_the_approximate_row_are_in_the_seed() -> None:
    scopes = " ".join(row["scope"] for row in SEED_ROWS)
    assert "平米" in scopes and "平方" in scopes
    assert [row["id"] for row in SEED_ROWS if "约" in row["scope"]] == ["32"]


# -- the published totals ----------------------------------------------------------------
def test_the_metadata_holds_the_seed_headline_and_plan_period() -> None:
    meta = tomllib.loads((DATA / "major_projects.toml").read_text(encoding="utf-8"))
    total, plan = seed_table.headline()
    assert (meta["published"]["total_investment"], meta["published"]["plan_investment"]) == (
        total,
        plan,
    )
    assert meta["plan_period"] == [2021, 2025]  # the 14th five-year plan, "2021-2025年投资额"


def test_the_seed_rows_add_up_to_the_headline_exactly() -> None:
    total, plan = seed_table.headline()
    assert (
        sum(Decimal(r["total_investment"]) for r in SEED_ROWS) == Decimal(total) == Decimal("77.8")
    )
    assert (
        sum(Decimal(r["plan_investment"]) for r in SEED_ROWS) == Decimal(plan) == Decimal("48.39")
    )


def test_the_loaded_totals_are_exact_integers_of_wan() -> None:
    portfolio = capex.load_projects()
    # 77.8 亿元 = 778,000 万元 and 48.39 亿元 = 483,900 万元 (1 亿元 = 10,000 万元)
    assert portfolio.total_minor == 778_000
    assert portfolio.plan_minor == 483_900
    frame = portfolio.frame
    assert frame["total_minor"].dtype.kind == "i" and frame["plan_minor"].dtype.kind == "i"
    assert (portfolio.published.total_minor, portfolio.published.plan_minor) == (778_000, 483_900)
