"""Scenarios: changes to a base portfolio, running them, and their files."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from chinese_errors import check_error

import capex
from capex.errors import DataError
from capex.model.budget import BudgetLine
from capex.model.money import WAN
from capex.solvers.scenario import Scenario, ScenarioError


def test_a_scenario_is_immutable() -> None:
    scenario = Scenario("later", shifts={19: 1})
    with pytest.raises(dataclasses.FrozenInstanceError):
        scenario.name = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        scenario.shifts[19] = 2  # type: ignore[index]


def test_shifting_two_named_projects_moves_their_money(yuecheng: capex.Portfolio) -> None:
    base = Scenario("base").run(yuecheng)
    later = Scenario("later", shifts={19: 1, 20: 1}).run(yuecheng)
    assert later.scenario == "later"
    assert tuple(map(str, later.changes)) == (
        "shift 19 (北海小学易地新建) by +1 year(s)",
        "shift 20 (绍初教育集团凤林校区（暂名）) by +1 year(s)",
    )
    moves = capex.compare(base, later).moves
    assert set(moves["id"]) == {19, 20}
    by_year = moves[moves["id"] == 19].set_index("year")["change_minor"].to_dict()
    # project 19: 2023-2025, 3.5 亿元, all in the plan, uniform: 11667 + 11667 + 11666 万元.
    # A year later its last third (11666) falls in 2026, after the plan; the plan keeps
    # 23334 万元 over 2024-2025, split 11667 + 11667: 2023 loses 11667, 2025 gains 1.
    assert by_year == {2023: -11667, 2025: 1, 2026: 11666}
    # nothing is created or lost by a shift, to the 万元
    assert moves.groupby("id")["change_minor"].sum().to_dict() == {19: 0, 20: 0}


def test_the_changes_are_said_in_chinese_in_a_chinese_summary(yuecheng: capex.Portfolio) -> None:
    scenario = Scenario("cut", shifts={19: 1}, drop=[23], escalation=0.03, ceiling_scale=0.9)
    result = scenario.run(yuecheng, dict.fromkeys(range(2021, 2026), 11))
    chinese = result.summary(lang="zh")
    for sentence in (
        "变动：取消23 (未来社区配套小学)",
        "变动：19 (北海小学易地新建)推迟+1年",
        "变动：推迟的项目每推迟一年投资上涨0.03",
        "变动：预算上限×0.9",
    ):
        assert sentence in chinese, chinese
    assert "shift 19" not in chinese and "shift 19" in result.summary()


def test_escalation_costs_the_years_moved(yuecheng: capex.Portfolio) -> None:
    changed = Scenario("later", shifts={19: 2}, escalation=0.03).apply(yuecheng)
    # 35000 万元 x 1.03 ** 2 = 37131.5, rounded half up
    assert changed.frame.at[19, "total_minor"] == 37132
    assert changed.frame.at[19, "start_year"] == 2025 and changed.frame.at[19, "end_year"] == 2027
    assert changed.frame.at[20, "total_minor"] == yuecheng.frame.at[20, "total_minor"]  # not moved
    earlier = Scenario("earlier", shifts={20: -1}, escalation=0.03).apply(yuecheng)
    # 35000 / 1.03 = 33980.58...
    assert earlier.frame.at[20, "total_minor"] == 33981


def test_drop_add_and_profiles(yuecheng: capex.Portfolio) -> None:
    new = pd.DataFrame(
        {
            "id": [36],
            "name": ["新校区"],
            "start_year": [2024],
            "end_year": [2025],
            "total_investment": ["1.2"],
            "plan_investment": ["1.2"],
        }
    )
    changed = Scenario("mix", drop=[35, 34], add=new, profiles={10: "front"}).apply(yuecheng)
    assert 35 not in changed.ids and 34 not in changed.ids and 36 in changed.ids
    assert changed.frame.at[36, "total_minor"] == 12_000
    assert changed.frame.at[10, "profile"] == "front"
    assert len(yuecheng) == 35  # the base is unchanged


def test_unknown_projects_are_named(yuecheng: capex.Portfolio) -> None:
    with pytest.raises(DataError, match="99"):
        Scenario("bad", shifts={99: 1}).apply(yuecheng)
    taken = pd.DataFrame(
        {
            "id": [1],
            "name": ["x"],
            "start_year": [2022],
            "end_year": [2022],
            "total_investment": [1],
            "plan_investment": [1],
        }
    )
    with pytest.raises(DataError, match="taken"):
        Scenario("clash", add=taken).apply(yuecheng)


def test_ceilings_are_replaced_then_scaled(yuecheng: capex.Portfolio) -> None:
    scenario = Scenario("cut", ceiling_scale=0.9)
    assert scenario.ceilings_for({2021: 12, 2022: "10.5"}) == {
        2021: Decimal("10.8"),
        2022: Decimal("9.45"),
    }
    own = Scenario("own", ceilings={2021: 11}, ceiling_scale=0.5)
    assert own.ceilings_for({2021: 12}) == {2021: Decimal("5.5")}
    line = BudgetLine("all", {2021: "10"})
    assert scenario.ceilings_for([line])[0].ceilings_minor(WAN) == {2021: 90_000}
    lined = yuecheng.replace(budget_lines=(line,))
    assert scenario.apply(lined).budget_lines[0].ceilings_minor(WAN) == {2021: 90_000}


def test_run_by_shift_records_the_scenario(yuecheng: capex.Portfolio) -> None:
    annual = capex.cash_flow(yuecheng).flows_minor.sum(axis=0)
    ceilings = {year: Decimal(int(annual[year])) / 10_000 for year in yuecheng.plan_years}
    result = Scenario("cut", ceiling_scale=0.9, method="shift").run(
        yuecheng, ceilings, time_limit=None
    )
    assert isinstance(result, capex.results.ShiftResult)
    assert result.scenario == "cut" and tuple(map(str, result.changes)) == ("ceilings x 0.9",)
    assert result.status == capex.solvers.result.Status.OPTIMAL
    totals = result.schedule_minor.sum(axis=0)
    for year in yuecheng.plan_years:
        assert totals[year] <= int(annual[year]) * 9 // 10


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_file_round_trip(tmp_path: Path, suffix: str) -> None:
    add = pd.DataFrame(
        {
            "id": [36],
            "name": ["新校区"],
            "start_year": [2024],
            "end_year": [2025],
            "total_investment": ["1.2"],
            "plan_investment": ["1.2"],
        }
    )
    scenario = Scenario(
        "十四五 调整",
        shifts={19: 1, 20: -1},
        ceilings={2021: "10.5", 2022: None},
        ceiling_scale=0.9,
        profile="s-curve(a=2, b=4)",
        profiles={3: "front"},
        escalation=0.03,
        drop=[35],
        add=add,
        method="shift",
        description="预算压减 10%",
    )
    path = scenario.to_file(tmp_path / f"scenario{suffix}")
    again = Scenario.from_file(path)
    assert again.to_dict() == scenario.to_dict()


def test_run_without_a_portfolio_plans_the_bundled_one(yuecheng: capex.Portfolio) -> None:
    result = Scenario("base").run()
    assert result.scenario == "base"
    assert list(result.schedule_minor.index) == list(yuecheng.ids)
    assert (
        result.full_window().sum(axis=1) == yuecheng.frame["total_minor"]
    ).all()  # every year, to the 万元


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ('name = "x"\nshifts = 3\n', "shifts"),
        ('name = "x"\nbudget = 3\n', "budget"),
        ('name = "x"\n[shifts]\n19 = 1.5\n', "shifts"),
        ('name = "x"\nescalation = "lots"\n', "escalation"),
        ('name = "x"\nmethod = "guess"\n', "method"),
        ("shifts = {}\n", "name"),
        ('name = "x\\u0007"\n', "name"),
        ('name = "x"\ndrop = [[19]]\n', "drop"),
        ('name = "x"\nshifts = {19 = true}\n', "shifts"),
        ('name = "x"\n[[add]]\nid = 40\nname = {a = 1}\n', "add"),
        ('name = "x"\nescalation = inf\n', "escalation"),
    ],
)
def test_a_bad_file_names_file_and_key(tmp_path: Path, text: str, column: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        Scenario.from_file(path)
    assert info.value.column == column
    assert "bad.toml" in str(info.value)


def test_a_file_with_a_byte_order_mark_reads(tmp_path: Path) -> None:
    # Notepad and Excel save UTF-8 with a byte-order mark
    for suffix, text in ((".toml", 'name = "later"\n[shifts]\n19 = 1\n'),
                         (".json", '{"name": "later", "shifts": {"19": 1}}')):  # fmt: skip
        path = tmp_path / f"later{suffix}"
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        scenario = Scenario.from_file(path)
        assert scenario.name == "later" and dict(scenario.shifts) == {19: 1}


def test_deeply_nested_or_undecodable_files_are_data_errors(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(DataError, match="deep.json"):
        Scenario.from_file(path)
    path = tmp_path / "gbk.toml"
    path.write_bytes('name = "推迟"\n'.encode("gbk"))
    with pytest.raises(DataError, match="not UTF-8"):
        Scenario.from_file(path)


def test_malformed_text_is_a_data_error(tmp_path: Path) -> None:
    toml = tmp_path / "bad.toml"
    toml.write_text('name = "x\n', encoding="utf-8")
    with pytest.raises(DataError, match="TOML"):
        Scenario.from_file(toml)
    json_file = tmp_path / "bad.json"
    json_file.write_text('{"name": ', encoding="utf-8")
    with pytest.raises(DataError, match="JSON"):
        Scenario.from_file(json_file)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"name": ""},
        {"name": "x", "escalation": -1},
        {"name": "x", "ceiling_scale": -0.1},
        {"name": "x", "profile": "zigzag"},
    ],
)
def test_bad_arguments_are_scenario_errors(kwargs: dict) -> None:
    with pytest.raises(ScenarioError):
        Scenario(**kwargs)


def test_several_scenarios_run_in_order_with_their_names(yuecheng):
    scenarios = [
        capex.Scenario("base"),
        capex.Scenario("later", shifts={19: 1}),
        capex.Scenario("cut", ceiling_scale=0.9),
    ]
    ceilings = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}
    results = capex.run_scenarios(scenarios, yuecheng, ceilings, show_progress=False)
    assert [r.scenario for r in results] == ["base", "later", "cut"]
    # each is what running the scenario alone gives
    for scenario, result in zip(scenarios, results):
        alone = scenario.run(yuecheng, ceilings)
        pd.testing.assert_frame_equal(result.schedule_minor, alone.schedule_minor)


def test_a_scenario_reads_well_in_a_notebook() -> None:
    scenario = Scenario(
        "later", shifts={19: 1, "20": 1}, ceilings={2021: "10.5"}, escalation=0.03, method="shift"
    )
    text = repr(scenario)
    assert "mappingproxy" not in text
    assert text == (
        "Scenario('later', method='shift', shifts={19: 1, 20: 1}, "
        "ceilings={2021: '10.5'}, escalation=0.03)"
    )
    page = scenario._repr_html_()
    assert "<b>Scenario later" in page and "<li>shift 19 by +1 year(s)</li>" in page
    assert "run by shift" in page
    assert "<li>no change</li>" in Scenario("base")._repr_html_()


def test_the_same_project_named_twice_is_refused() -> None:
    with pytest.raises(ScenarioError, match="named twice"):
        Scenario("x", shifts={19: 1, "19": 2})


@pytest.mark.parametrize(
    ("text", "suffix"),
    [
        ('name = "x"\n[shifts]\n19 = 1\n"019" = 2\n', ".toml"),
        ('name = "x"\n[profiles]\n"019" = "front"\n19 = "back"\n', ".toml"),
        ('{"name": "x", "shifts": {"19": 1, " 19": 2}}', ".json"),
    ],
)
def test_a_file_naming_one_project_twice_is_refused_not_kept_last(
    tmp_path: Path, text: str, suffix: str
) -> None:
    """``19`` and ``"019"`` are one project: a file giving both is an error naming both keys,
    where the last one used to win without a word."""
    path = tmp_path / f"twice{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"project 19 is named twice, as .* and .*; keep one"):
        Scenario.from_file(path)


def _scenario_file(folder: Path, text: str | bytes) -> Path:
    path = folder / "情景.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "english", "leave_out"),
    [
        (
            lambda folder: Scenario("压减", ceiling_scale=-1),
            "scenario '压减': ceiling_scale cannot be negative (-1)",
            (),
        ),
        (
            lambda folder: Scenario("推迟", shifts={19: 1.5}),
            "shift of project 19 must be a whole number",
            (),
        ),
        (
            lambda folder: Scenario.from_file(
                _scenario_file(folder, 'name = "涨价"\nescalation = "很多"\n')
            ),
            "escalation must be a number, not '很多'",
            ("escalation",),
        ),
        (
            lambda folder: Scenario.from_file(_scenario_file(folder, b'name = "\xff"\n')),
            "the scenario is not UTF-8 text (byte 8); save it as UTF-8",
            (),
        ),
    ],
    ids=["negative scale", "half a year", "a word for a rate", "not UTF-8"],
)
def test_a_scenario_error_reads_in_chinese(make, english, leave_out, tmp_path):
    """Under capex.options.lang = "zh" a scenario's error holds no English word (but the
    file's own keys and path); in English it reads as it always did."""
    check_error(lambda: make(tmp_path), english, (tmp_path, *leave_out))
