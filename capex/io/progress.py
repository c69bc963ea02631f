"""Progress bars for long runs (benchmarks, many scenarios), quiet where nobody watches.

A thin wrapper over tqdm. The bar shows in a terminal and in a Jupyter notebook (as a widget
when ``ipywidgets`` is installed, as text otherwise); it stays silent when the output is a
file or a pipe, in CI, and whenever ``CAPEX_PROGRESS=0`` is set. ``CAPEX_PROGRESS=1`` forces it
on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

Item = TypeVar("Item")

ENV_VARIABLE = "CAPEX_PROGRESS"
"""Environment variable that turns progress bars off (``0``) or on (``1``) everywhere."""

_OFF = {"0", "false", "no", "off"}
_ON = {"1", "true", "yes", "on"}


def in_notebook() -> bool:
    """True when running in a Jupyter kernel (where stderr is not a terminal but is watched)."""
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    ipython = shell.get_ipython()
    return ipython is not None and type(ipython).__name__ == "ZMQInteractiveShell"


def progress_enabled(disable: bool | None = None) -> bool:
    """Whether a bar should show, given the caller's ``disable`` (None: decide from the context).

    The decision, first match wins: ``disable`` when given; ``CAPEX_PROGRESS``; off when the
    ``CI`` variable is set; on in a notebook; on when stderr is a terminal; otherwise off.
    """
    if disable is not None:
        return not disable
    setting = os.environ.get(ENV_VARIABLE, "").strip().lower()
    if setting in _OFF:
        return False
    if setting in _ON:
        return True
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false"):
        return False
    if in_notebook():
        return True
    stream = sys.stderr
    return bool(stream is not None and hasattr(stream, "isatty") and stream.isatty())


def _bar_class() -> Any:
    if in_notebook():
        try:
            import ipywidgets  # noqa: F401  (tqdm's widget bar needs it)
        except ImportError:
            pass
        else:
            from tqdm.notebook import tqdm as notebook_tqdm

            return notebook_tqdm
    from tqdm.std import tqdm as text_tqdm

    return text_tqdm


def progress(
    iterable: Iterable[Item],
    total: int | None = None,
    desc: str | None = None,
    disable: bool | None = None,
    **options: Any,
) -> Iterator[Item]:
    """Iterate over ``iterable`` with a progress bar when someone is watching.

    Parameters
    ----------
    iterable
        What to iterate over; its items are yielded unchanged.
    total
        Number of items, when ``len(iterable)`` does not give it.
    desc
        A short label in front of the bar (``"scenarios"``).
    disable
        True to hide the bar, False to show it; None (default) decides from the context
        (see :func:`progress_enabled`).
    **options
        Passed to ``tqdm`` (``unit``, ``leave``, ``file``, ...).

    Returns
    -------
    Iterator
        The items of ``iterable``, in order.

    Examples
    --------
    >>> from capex.io.progress import progress
    >>> [x * 2 for x in progress(range(3), desc="doubling", disable=True)]
    [0, 2, 4]
    """
    if not progress_enabled(disable):
        return iter(iterable)
    bar = _bar_class()
    options.setdefault("dynamic_ncols", True)
    return iter(bar(iterable, total=total, desc=desc, **options))
