"""Chinese names must draw as text: the CJK font is found, covers every name, and is used."""

from __future__ import annotations

import functools
import warnings

import matplotlib
import matplotlib.pyplot as plt
import pytest
from fontTools.ttLib import TTFont
from matplotlib import font_manager

import capex
from capex.plotting import fonts

MISSING_GLYPH = r"(?s).*missing from font"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def bundled_cmap() -> set[int]:
    path = fonts.cjk_font_path()
    assert path is not None, "the CJK font of mplfonts is missing: Chinese names would be boxes"
    return set(_cmap(str(path)))


def _characters(portfolio: capex.Portfolio) -> set[str]:
    frame = portfolio.frame
    text = "".join(frame["name"]) + "".join(frame["street"]) + "".join(frame["builder"])
    return set(text) - {" "}


def _resolved_fonts(text: matplotlib.text.Text) -> list[str]:
    """The font files matplotlib falls back through for a text, in order.

    Each family of the text's list is looked up the way matplotlib does it, without falling
    back to its default font, so a family that is not installed is simply absent.
    """
    paths = []
    for family in text.get_fontfamily():
        prop = font_manager.FontProperties(family=family)
        try:
            paths.append(font_manager.findfont(prop, fallback_to_default=False))
        except ValueError:
            continue
    return paths


@functools.cache
def _cmap(path: str) -> frozenset[int]:
    return frozenset(TTFont(path, lazy=True, fontNumber=0).getBestCmap())


def _covering(paths: list[str]) -> set[int]:
    covered: set[int] = set()
    for path in paths:
        covered |= _cmap(path)
    return covered


def test_the_bundled_font_covers_every_name_street_and_builder(yuecheng, bundled_cmap):
    missing = sorted(c for c in _characters(yuecheng) if ord(c) not in bundled_cmap)
    assert missing == []


def test_registering_the_font_makes_it_known_to_matplotlib():
    family = fonts.register_cjk_font()
    assert family == fonts.CJK_FAMILY
    found = font_manager.findfont(
        font_manager.FontProperties(family=family), fallback_to_default=False
    )
    assert found == str(fonts.cjk_font_path())


@pytest.mark.slow
def test_tick_labels_resolve_to_fonts_that_cover_every_project_name(yuecheng):
    ax = capex.plotting.plot_gantt(yuecheng)
    ax.figure.canvas.draw()
    labels = ax.get_yticklabels()
    assert [label.get_text() for label in labels] == list(yuecheng.frame["name"])
    for label in labels:
        paths = _resolved_fonts(label)
        assert str(fonts.cjk_font_path()) in paths
        uncovered = [c for c in label.get_text() if ord(c) not in _covering(paths)]
        assert uncovered == [], label.get_text()


def test_latin_text_keeps_matplotlibs_own_font_first(yuecheng):
    ax = capex.plotting.plot_reconciliation(yuecheng)
    assert ax.get_yticklabels()[0].get_fontfamily()[0] == "DejaVu Sans"
    assert ax.xaxis.label.get_fontfamily()[0] == "DejaVu Sans"


@pytest.mark.slow
def test_drawing_every_figure_with_chinese_names_warns_of_no_missing_glyph(yuecheng, tmp_path):
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING_GLYPH)
        for ax in (
            capex.plotting.plot_gantt(yuecheng),
            capex.plotting.plot_reconciliation(yuecheng),
        ):
            ax.figure.savefig(tmp_path / "figure.png", dpi=40)


def test_the_glyph_check_catches_a_font_without_chinese(tmp_path):
    """The check above would fail without the CJK font: DejaVu Sans alone warns."""
    fig, ax = plt.subplots()
    ax.set_title("鲁迅小学", fontfamily=["DejaVu Sans"])
    with pytest.warns(UserWarning, match=MISSING_GLYPH):
        fig.savefig(tmp_path / "boxes.png", dpi=40)


def test_use_cjk_font_fixes_a_users_own_axes(tmp_path):
    fig, ax = plt.subplots()
    ax.bar(["甲小学", "乙中学"], [1, 2], label="投资")
    ax.set_title("年度投资")
    ax.legend()
    fonts.use_cjk_font(ax)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING_GLYPH)
        fig.savefig(tmp_path / "own.png", dpi=40)


def test_plotting_leaves_the_users_rc_settings_alone(yuecheng):
    before = list(matplotlib.rcParams["font.family"]), list(matplotlib.rcParams["font.sans-serif"])
    capex.plotting.plot_gantt(yuecheng)
    after = list(matplotlib.rcParams["font.family"]), list(matplotlib.rcParams["font.sans-serif"])
    assert before == after


def test_a_missing_font_package_warns_and_falls_back(monkeypatch):
    monkeypatch.setattr(fonts, "cjk_font_path", lambda: None)
    fonts.register_cjk_font.cache_clear()
    try:
        with pytest.warns(fonts.CJKFontWarning, match="label='id'"):
            families = fonts.font_families()
        assert families[0] == "DejaVu Sans"
        assert fonts.CJK_FAMILY not in families
    finally:
        monkeypatch.undo()
        fonts.register_cjk_font.cache_clear()
        fonts.register_cjk_font()


# -- every figure in Chinese ------------------------------------------------------------------
def _english_words() -> set[str]:
    from capex.terms import TERMS

    return {english for english, _ in TERMS.values() if "{" not in english} | set(TERMS)


def _chinese_figures(yuecheng):
    ceilings = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}
    plan = capex.spread(yuecheng, ceilings)
    deferral = capex.shift(yuecheng, {y: v * 0.9 for y, v in ceilings.items()}, max_delay=2)
    comparison = capex.compare(plan, deferral, labels=["基准", "推迟"])
    return {
        "annual": capex.plotting.plot_annual_spend(plan, lang="zh"),
        "annual by street": capex.plotting.plot_annual_spend(
            plan, by="street", portfolio=yuecheng, lang="zh"
        ),
        "gantt": capex.plotting.plot_gantt(yuecheng, scenario=deferral, lang="zh"),
        "cumulative": capex.plotting.plot_cumulative(plan, lang="zh"),
        "heatmap": capex.plotting.plot_heatmap(plan, lang="zh"),
        "reconciliation": capex.plotting.plot_reconciliation(capex.reconcile(yuecheng), lang="zh"),
        "comparison": capex.plotting.plot_comparison(comparison, lang="zh"),
        "risk": capex.plotting.plot_risk(
            capex.simulate(yuecheng, ceilings, draws=300, cost="triangular(-0.05, 0.05, 0.4)"),
            lang="zh",
        ),
    }


@pytest.mark.slow
def test_every_figure_in_chinese_has_no_english_label_and_draws_every_glyph(yuecheng, tmp_path):
    english = _english_words()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING_GLYPH)
        for name, ax in _chinese_figures(yuecheng).items():
            texts = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
            legend = ax.get_legend()
            if legend is not None:
                texts += [t.get_text() for t in legend.get_texts()]
            for text in filter(None, texts):
                for line in text.split("\n"):
                    assert line not in english, (name, line)
                    assert not any(word in line for word in ("spend", "year", "ceiling")), (
                        name,
                        line,
                    )
            assert any("\u4e00" <= c <= "\u9fff" for c in ax.get_title() + ax.get_xlabel())
            ax.figure.savefig(tmp_path / f"{name}.png", dpi=40)  # every glyph found


def test_a_chinese_figure_keeps_its_unit(yuecheng):
    plan = capex.spread(yuecheng, {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9})
    ax = capex.plotting.plot_annual_spend(plan, unit="万元", lang="zh")
    assert ax.get_ylabel() == "支出（万元）" and ax.get_xlabel() == "年份"
    assert ax.get_title() == "按项目分列的年度支出"
