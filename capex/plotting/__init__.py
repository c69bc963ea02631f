"""Figures of portfolios, plans and scenarios, one function per figure.

Every function takes the object to draw first, then ``ax=None`` (a new figure when None),
keyword options (``label="name"`` or ``"id"`` for the projects; ``unit="亿元"`` or ``"万元"``),
and style keywords passed to matplotlib; it returns the Axes and never calls ``plt.show()``.
Chinese names are drawn with the CJK font that ships with ``mplfonts`` (see
:mod:`capex.plotting.fonts`).
"""

from capex.plotting._common import PlotError
from capex.plotting.annual import annual_by, plot_annual_spend
from capex.plotting.carryover import plot_carry_over
from capex.plotting.comparison import plot_comparison
from capex.plotting.curves import plot_cumulative
from capex.plotting.fonts import CJKFontWarning, register_cjk_font, use_cjk_font
from capex.plotting.frontier import plot_frontier
from capex.plotting.gantt import plot_gantt, windows_of
from capex.plotting.heatmap import plot_heatmap
from capex.plotting.months import plot_execution, plot_monthly
from capex.plotting.reconciliation import plot_reconciliation
from capex.plotting.risk import plot_risk
from capex.plotting.sources import plot_sources
from capex.plotting.variance import plot_s_curve, plot_variance

__all__ = [
    "CJKFontWarning",
    "PlotError",
    "annual_by",
    "plot_annual_spend",
    "plot_carry_over",
    "plot_comparison",
    "plot_cumulative",
    "plot_execution",
    "plot_frontier",
    "plot_gantt",
    "plot_heatmap",
    "plot_monthly",
    "plot_reconciliation",
    "plot_risk",
    "plot_s_curve",
    "plot_sources",
    "plot_variance",
    "register_cjk_font",
    "use_cjk_font",
    "windows_of",
]
