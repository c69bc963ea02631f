"""A project's stable code (项目代码): read from its own column, kept by the portfolio."""

from __future__ import annotations

import pandas as pd
import pytest

import capex
from capex.errors import DataError


def _table(**columns: list) -> pd.DataFrame:
    base = {
        "项目名称": ["甲小学", "乙中学"],
        "开工年份": [2021, 2022],
        "竣工年份": [2022, 2023],
        "总投资（亿元）": ["1", "2"],
        "2021-2025年投资额（亿元）": ["1", "2"],
    }
    return pd.DataFrame({**columns, **base})


@pytest.mark.parametrize("heading", ["项目代码", "项目编码", "project code", "code"])
def test_a_code_column_is_read_beside_the_id(heading):
    portfolio = capex.load_projects(_table(序号=[1, 2], **{heading: ["2021-330602-01", "A-2"]}))
    assert portfolio.ids.tolist() == [1, 2]
    assert portfolio.frame["code"].tolist() == ["2021-330602-01", "A-2"]


def test_a_table_keyed_by_its_code_alone_reads_it_as_the_id_too():
    portfolio = capex.load_projects(_table(项目代码=["P-1", "P-2"]))
    assert portfolio.ids.tolist() == ["P-1", "P-2"]
    assert portfolio.frame["code"].tolist() == ["P-1", "P-2"]


def test_without_a_code_column_the_codes_are_empty(yuecheng):
    assert (yuecheng.frame["code"] == "").all()
    assert list(yuecheng.frame.columns)[-1] == "code"


def test_a_code_given_twice_is_an_error_naming_the_row():
    with pytest.raises(
        DataError, match=r"row 2.*column '项目代码'.*value 'X': duplicate project code"
    ):
        capex.load_projects(_table(序号=[1, 2], 项目代码=["X", "X"]))


def test_codes_survive_a_csv_round_trip_and_from_arrays(tmp_path, yuecheng):
    coded = yuecheng.replace(frame=yuecheng.frame.assign(code=[f"C{i}" for i in yuecheng.ids]))
    again = capex.load_projects(capex.io.write_projects(coded, tmp_path / "p.csv"))
    assert again.frame["code"].tolist() == coded.frame["code"].tolist()
    made = capex.Portfolio.from_arrays(
        start_year=yuecheng.column("start_year"),
        end_year=yuecheng.column("end_year"),
        total_minor=yuecheng.column("total_minor"),
        plan_minor=yuecheng.column("plan_minor"),
        plan_period=(2021, 2025),
        codes=[f"C{i}" for i in range(35)],
    )
    assert made.frame["code"].iloc[3] == "C3"
    with pytest.raises(DataError, match="duplicate project code"):
        capex.Portfolio.from_arrays(
            start_year=[2021, 2021],
            end_year=[2022, 2022],
            total_minor=[1, 1],
            plan_minor=[1, 1],
            plan_period=(2021, 2025),
            codes=["X", "X"],
        )
