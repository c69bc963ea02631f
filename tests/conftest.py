"""Shared fixtures: the bundled Yuecheng portfolio and a tiny hand-made one."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

import capex

matplotlib.use("Agg")  # tests draw off screen

# Hypothesis runs the same examples every time, so a red build is reproducible.
settings.register_profile(
    "capex",
    derandomize=True,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("capex")
# The fast lane (-m "not slow") tries fewer examples of each property; the whole suite, which
# CI runs, tries them all. A test that states its own max_examples keeps it.
settings.register_profile("capex-fast", parent=settings.get_profile("capex"), max_examples=12)


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("markexpr", "").replace(" ", "") == "notslow":
        settings.load_profile("capex-fast")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test on a PostgreSQL server is slow, wherever it is: it starts a server (once per
    session) and makes a database; the fast lane (``-m "not slow"``) runs the same tests on
    SQLite."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        params = callspec.params.values() if callspec is not None else ()
        on_server = any(isinstance(value, str) and value == "postgresql" for value in params)
        names = getattr(item, "fixturenames", ())
        if on_server or "postgres_server" in names or "postgres_url" in names:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def yuecheng() -> capex.Portfolio:
    """The 35 projects of the Yuecheng District plan, as bundled."""
    return capex.load_projects()


def tiny_frame() -> pd.DataFrame:
    """Four projects over a 2021-2023 plan period, amounts in 亿元."""
    return pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "name": ["甲小学", "乙中学", "丙幼儿园", "丁学校"],
            "start_year": [2020, 2021, 2022, 2023],
            "end_year": [2021, 2023, 2023, 2024],
            "total_investment": ["1.0", "3.0", "0.6", "2.0"],
            "plan_investment": ["0.6", "3.0", "0.6", "1.0"],
            "builder": ["甲", "乙", "丙", "乙"],
            "street": ["东街", "西街", "东街", "北街"],
            "government_investment": ["yes", "yes", "no", "yes"],
        }
    )


@pytest.fixture
def tiny() -> capex.Portfolio:
    """Four projects over a 2021-2023 plan period; small enough to check by hand."""
    return capex.load_projects(
        tiny_frame(),
        plan_period=(2021, 2023),
        published={"total_investment": "6.6", "plan_investment": "5.2"},
        name="tiny",
    )


@pytest.fixture(scope="session")
def plan_flows(yuecheng: capex.Portfolio) -> pd.DataFrame:
    """The bundled plan's own cash flow (uniform profile), project x year, in 万元."""
    return capex.cash_flow(yuecheng).flows_minor


def spent_to(
    flows: pd.DataFrame, year: int, money: capex.Money = capex.model.money.WAN
) -> capex.Actuals:
    """Actuals equal to a cash flow, in every year up to ``year``."""
    return capex.Actuals.from_frame(flows.loc[:, :year], money=money)
