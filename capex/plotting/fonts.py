"""Fonts that draw Chinese project names as text, not as empty boxes.

Matplotlib's bundled font (DejaVu Sans) has no Chinese glyphs, and a fresh machine often has
no CJK font at all. capex depends on ``mplfonts``, which ships Noto Sans CJK SC; this module
registers that file with matplotlib's font manager (in this process only: no matplotlibrc is
changed and no cache is rebuilt) and sets it on the texts capex draws, after DejaVu Sans, so
Latin text and digits look as in any other matplotlib figure and each Chinese character falls
back to the CJK font.

Use :func:`use_cjk_font` on an Axes of your own to get the same fonts there.
"""

from __future__ import annotations

import functools
import warnings
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from matplotlib import font_manager

from capex.terms import phrase

if TYPE_CHECKING:
    from matplotlib.axes import Axes

CJK_FONT_PACKAGE = "mplfonts"
CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"
"""The CJK font capex registers: Noto Sans CJK SC, as shipped by ``mplfonts``."""

CJK_FAMILY = "Noto Sans CJK SC"
"""Family name of :data:`CJK_FONT_FILE`."""

# Fonts a user's machine may already have, tried when the shipped one cannot be found.
_SYSTEM_CJK_FAMILIES = (
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
    "WenQuanYi Zen Hei",
)

LATIN_FAMILY = "DejaVu Sans"
"""matplotlib's own font, kept first so Latin text and digits look as in any matplotlib figure."""


class CJKFontWarning(UserWarning):
    """The CJK font could not be registered; Chinese text may draw as empty boxes."""


def cjk_font_path() -> Path | None:
    """Path of the bundled CJK font file, or ``None`` when ``mplfonts`` is not installed."""
    try:
        path = resources.files(CJK_FONT_PACKAGE) / "fonts" / CJK_FONT_FILE
    except ModuleNotFoundError:
        return None
    path = Path(str(path))
    return path if path.is_file() else None


@functools.cache
def register_cjk_font() -> str | None:
    """Make the bundled CJK font known to matplotlib; return its family name.

    Safe to call many times: the font is added once per process. When the font file is
    missing a :class:`CJKFontWarning` is issued (once) and ``None`` returned; capex then relies
    on a CJK font the system may have (see :func:`font_families`).
    """
    path = cjk_font_path()
    if path is None:
        warnings.warn(
            phrase("warn_plot_cjk_font", file=CJK_FONT_FILE, package=CJK_FONT_PACKAGE),
            CJKFontWarning,
            stacklevel=2,
        )
        return None
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def font_families() -> list[str]:
    """The family list for capex's texts, in fallback order, registering the CJK font if need be.

    DejaVu Sans, then the bundled CJK font, or, when it is missing, the CJK fonts the system
    has. Only families matplotlib knows are listed: it logs a warning for each unknown one.
    """
    cjk = register_cjk_font()
    if cjk is not None:
        return [LATIN_FAMILY, cjk]
    known = {entry.name for entry in font_manager.fontManager.ttflist}
    return [LATIN_FAMILY, *(family for family in _SYSTEM_CJK_FAMILIES if family in known)]


def use_cjk_font(ax: Axes) -> Axes:
    """Set capex's font families on every text of ``ax`` that can carry a name.

    Covers the tick labels (also those matplotlib makes later, when the view changes), the
    title, axis labels, texts and annotations, and the legend. Returns ``ax``.
    """
    families = font_families()
    ax.tick_params(axis="both", which="both", labelfontfamily=families)
    texts = [ax.title, ax.xaxis.label, ax.yaxis.label]
    texts += list(ax.texts)
    legend = ax.get_legend()
    if legend is not None:
        texts += list(legend.get_texts())
        texts.append(legend.get_title())
    for text in texts:
        text.set_fontfamily(families)
    return ax
