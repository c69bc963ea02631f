"""The one maker of a result's HTML, for notebooks: every user string escaped.

A result's ``_repr_html_`` calls :func:`html_report` with its headline, its lines of text and
its tables; this module escapes every piece (names and labels come from the user's data and
may hold ``<`` or ``&``), so no result writes HTML by hand.

>>> html_report("plan <b>", lines=["a & b"])
'<div class="capex-report"><p><b>plan &lt;b&gt;</b></p><ul><li>a &amp; b</li></ul></div>'
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd

__all__ = ["html_report"]


def html_report(
    headline: str,
    *,
    lines: Iterable[object] = (),
    text: str | None = None,
    tables: Iterable[pd.DataFrame | tuple[str, pd.DataFrame]] = (),
    index: bool = True,
) -> str:
    """A result as HTML: a bold headline, a list of lines, a block of text, then tables.

    Parameters
    ----------
    headline
        The first line, in bold.
    lines
        Sentences shown as a list (findings, messages, assumptions).
    text
        A preformatted block (a summary as the terminal shows it).
    tables
        DataFrames, each alone or with a caption: ``(caption, frame)``.
    index
        Whether the tables show their index.

    Returns
    -------
    str
        The HTML, every string of the data escaped (pandas escapes the tables' cells, index
        and headings).
    """
    parts = [f"<p><b>{html.escape(str(headline))}</b></p>"]
    items = [f"<li>{html.escape(str(line))}</li>" for line in lines]
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    if text:
        parts.append(f"<pre>{html.escape(text)}</pre>")
    for table in tables:
        caption, frame = table if isinstance(table, tuple) else (None, table)
        if caption:
            parts.append(f"<p>{html.escape(str(caption))}</p>")
        parts.append(frame.to_html(index=index, escape=True, max_rows=60, notebook=True))
    return '<div class="capex-report">' + "".join(parts) + "</div>"
