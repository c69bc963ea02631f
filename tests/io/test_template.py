"""The input template: headings, units, validation, an example row; filled in, it loads."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import capex
from capex.cli import main
from capex.io.template import TemplateError


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_template_filled_in_by_hand_loads_back(tmp_path: Path, lang: str) -> None:
    path = capex.write_template(tmp_path / "projects.xlsx", lang=lang)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    yes, no = ("是", "否") if lang == "zh" else ("yes", "no")
    # a finance officer replaces the example and adds a second project
    sheet["B2"] = "鲁迅小学教育集团凤鸣校区"
    sheet.append(
        [
            2,
            "建功中学教育集团迪荡湖校区",
            2019,
            2021,
            "迪荡街道",
            "30班",
            2.92,
            1.42,
            "迪荡中学",
            no,
        ]
    )
    sheet.append([3, "柯灵小学", 2025, 2027, None, None, 2.31, 0.5, None, yes])
    book.save(path)
    portfolio = capex.load_projects(path)
    assert portfolio.plan_period == (2021, 2025)
    assert portfolio.frame["name"].tolist() == [
        "鲁迅小学教育集团凤鸣校区", "建功中学教育集团迪荡湖校区", "柯灵小学",
    ]  # fmt: skip
    assert portfolio.frame["total_minor"].tolist() == [15_000, 29_200, 23_100]
    assert portfolio.frame["government_investment"].tolist() == [True, False, True]
    assert capex.reconcile(portfolio).totals["computed"].iloc[0] == 6.73


def test_the_template_has_units_validation_an_example_and_frozen_headings(
    tmp_path: Path,
) -> None:
    path = capex.write_template(
        tmp_path / "t.xlsx", lang="zh", plan_period=(2026, 2030), unit="万元"
    )
    book = openpyxl.load_workbook(path)
    sheet = book["项目表"]
    headings = [cell.value for cell in sheet[1]]
    assert headings[:4] == ["序号", "项目名称", "开工年份", "竣工年份"]
    assert "总投资（万元）" in headings and "2026-2030年投资（万元）" in headings
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 2  # one example row
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    assert rules["C2:C5000"].type == "whole" and rules["C2:C5000"].formula1 == "1900"
    assert rules["J2:J5000"].type == "list" and rules["J2:J5000"].formula1 == '"是,否"'
    assert rules["G2:G5000"].type == "decimal"
    notes = book["填表说明"]
    assert "万元" in notes["A1"].value
    # the example row is never loaded as a project; one filled in is, and the heading gives
    # the plan period
    with pytest.raises(capex.DataError, match="the table has no projects"):
        capex.load_projects(path)
    sheet.append([7, "新建小学", 2026, 2028, None, None, 3000, 3000, None, "是"])
    book.save(path)
    loaded = capex.load_projects(path)
    assert loaded.plan_period == (2026, 2030) and loaded.ids.tolist() == [7]


def test_an_existing_workbook_is_never_replaced_without_asking(tmp_path: Path) -> None:
    path = tmp_path / "mine.xlsx"
    path.write_bytes(b"a workbook already filled in")
    with pytest.raises(TemplateError, match="exists"):
        capex.write_template(path)
    assert path.read_bytes() == b"a workbook already filled in"
    capex.write_template(path, overwrite=True)
    assert openpyxl.load_workbook(path).active.max_row == 2  # the headings and the example
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.xlsx"]  # no temporary left


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"the old file")

    def fail(self: object, filename: str) -> None:
        Path(filename).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", fail)
    with pytest.raises(TemplateError, match="No space left"):
        capex.write_template(path, overwrite=True)
    assert path.read_bytes() == b"the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.xlsx"]


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"lang": "fr"}, "unknown language"),
        ({"unit": "两"}, "unknown unit"),
        ({"plan_period": (2025, 2021)}, "ends before it starts"),
    ],
)
def test_bad_template_arguments(tmp_path: Path, kwargs: dict[str, object], words: str) -> None:
    with pytest.raises(capex.CapexError, match=words):
        capex.write_template(tmp_path / "t.xlsx", **kwargs)  # type: ignore[arg-type]
    with pytest.raises(TemplateError, match=r"\.xlsx workbook"):
        capex.write_template(tmp_path / "t.csv")


def test_capex_template_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "projects.xlsx"
    assert main(["template", str(path), "--lang", "zh"]) == 0
    assert f"已写入{path}" in capsys.readouterr().out  # said in the language asked for
    assert main(["template", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: capex template:") and "--force" in err
    assert main(["template", str(path), "--force", "--plan-period", "2026-2030"]) == 0
    assert "2026-2030" in str(openpyxl.load_workbook(path).active["H1"].value)
    assert main(["reconcile", str(path)]) == 2  # the example row alone: no projects
    assert main(["template", str(tmp_path / "x.xlsx"), "--plan-period", "soon"]) == 2
