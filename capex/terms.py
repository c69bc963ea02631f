"""Every word a user reads, in English and in Chinese, from one table.

Reports, sheets, plots and the command line take ``lang="en"`` (the default) or ``lang="zh"``
and look their labels up here, so that a heading is translated once and reads the same in a
workbook, a figure and a terminal. A term is a key and its two texts; a text may hold
``{placeholders}`` that :func:`term` fills in.

>>> term("total")
'total'
>>> term("total", "zh")
'合计'
>>> term("with_unit", "zh", label=term("total", "zh"), unit="亿元")
'合计（亿元）'
"""

from __future__ import annotations

from collections.abc import Mapping

from capex.errors import CapexError

__all__ = ["LANGS", "TERMS", "check_lang", "term", "with_unit"]

LANGS = ("en", "zh")
"""The languages capex speaks: English (default) and simplified Chinese."""


class LanguageError(CapexError, ValueError):
    """A language capex does not speak, or a term it does not know."""


# key: (English, Chinese). Keep keys in snake_case and group them by where they appear.
TERMS: Mapping[str, tuple[str, str]] = {
    # -- general -------------------------------------------------------------------------
    "with_unit": ("{label} ({unit})", "{label}（{unit}）"),
    "total": ("total", "合计"),
    "year": ("year", "年份"),
    "id": ("id", "序号"),
    "name": ("name", "项目名称"),
    "project": ("project", "项目"),
    "projects": ("projects", "项目"),
    "street": ("street", "建设地点"),
    "builder": ("builder", "建设单位"),
    "start_year": ("start year", "开工年份"),
    "end_year": ("end year", "竣工年份"),
    "total_investment": ("total investment", "总投资"),
    "plan_investment": ("plan investment {first}-{last}", "{first}-{last}年投资"),
    "government_investment": ("government investment", "是否政府投资"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "none": ("none", "无"),
    # -- plans ---------------------------------------------------------------------------
    "ceiling": ("ceiling", "预算上限"),
    "headroom": ("headroom", "预算余额"),
    "binding": ("binding", "达到上限"),
    "extra_budget": ("extra budget needed", "需追加预算"),
    "shadow_price": ("saving per unit of extra budget", "每增加一单位预算可减少的调整额"),
    "objective_spread": ("money moved from its profile year", "偏离计划年度的资金"),
    "status": ("status", "状态"),
    "schedule": ("schedule", "分年度计划"),
    "annual": ("annual totals", "年度合计"),
    "assumptions": ("assumptions", "假设与说明"),
}
"""The table of terms: key -> (English, Chinese)."""


def check_lang(lang: str) -> str:
    """``lang`` if capex speaks it, else a :class:`LanguageError` naming the choices."""
    if lang not in LANGS:
        raise LanguageError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    return lang


def term(key: str, lang: str = "en", **values: object) -> str:
    """The text of ``key`` in ``lang``, with its placeholders filled from ``values``."""
    check_lang(lang)
    try:
        english, chinese = TERMS[key]
    except KeyError:
        raise LanguageError(f"no term {key!r}") from None
    text = chinese if lang == "zh" else english
    return text.format(**values) if values else text


def with_unit(label: str, unit: str, lang: str = "en") -> str:
    """A heading with its unit: ``'total (亿元)'``, ``'合计（亿元）'``."""
    return term("with_unit", lang, label=label, unit=unit)
