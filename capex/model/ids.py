"""Project ids: one way to read them and one way to match them, wherever they are written.

An id reaches capex from a project table, a scenario file (where TOML keys are text), a
budget line's ``shares(19=0.6)``, a precedence file, the command line or Python code
(``Scenario(shifts={19: 1})``). The table decides how the portfolio keeps its ids (integers
when every id is a whole number, else text as written); every reference is then matched to
them by its *key*:

* a whole number, written as an int, an integral float (``19.0``) or text of digits
  (``"19"``, ``" 019 "``, full-width ``"１９"``), has the key of that number (``"19"``);
* any other text has the key of itself, stripped and in Unicode NFKC form.

So ``19``, ``"19"`` and ``"019"`` name the same project whether the portfolio's ids are
integers or text (a table with an ``A1`` keeps its ids as text), and two ids of one table
with the same key (``019`` and ``19``) are one id written twice.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from numbers import Integral, Real
from typing import Any

import pandas as pd

from capex.errors import DataError
from capex.terms import phrase

__all__ = ["id_key", "match_id", "normalize_id", "normalize_ids", "resolve_ids"]

_WHOLE = re.compile(r"[+-]?[0-9]+")


def normalize_id(value: Any) -> int | str:
    """An id as capex keeps it: an int for a whole number, else the stripped (NFKC) text.

    >>> normalize_id(" 019 "), normalize_id(19.0), normalize_id("Ａ1")
    (19, 19, 'A1')
    """
    if isinstance(value, Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, Real) and not isinstance(value, bool):
        number = float(value)
        if math.isfinite(number) and number == math.floor(number):
            return int(number)
        return str(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if _WHOLE.fullmatch(text):
        return int(text)
    return text


def id_key(value: Any) -> str:
    """The text by which an id is matched: ``id_key(19) == id_key("019") == "19"``."""
    return str(normalize_id(value))


def normalize_ids(values: Iterable[Any]) -> list[Any]:
    """The ids of one table: all ints when every id is a whole number, else all text.

    Text ids keep the text as written (stripped, NFKC), so ``A1`` and ``019`` stay as they
    read; they still match references by :func:`id_key`. Checking for empty or repeated ids is
    the reader's (it knows the rows). Text is read column-wise, so a million ids take a moment.
    """
    values = list(values)
    if not all(isinstance(v, str) for v in values):
        ids = [normalize_id(v) for v in values]
        if all(isinstance(i, int) for i in ids):
            return ids
        return [unicodedata.normalize("NFKC", str(v)).strip() for v in values]
    if all(v.isascii() and "_" not in v for v in values):
        try:  # the usual table: plain digits, read as fast as Python reads numbers
            return [int(v) for v in values]
        except ValueError:
            pass
    texts = pd.Series(values, dtype=object).str.normalize("NFKC").str.strip()
    if len(texts) and texts.str.fullmatch(_WHOLE.pattern).all():
        return [int(text) for text in texts]
    return texts.tolist()


def match_id(reference: Any, ids: pd.Index) -> Any:
    """The label of ``ids`` that ``reference`` names, or ``None`` when none does."""
    found = resolve_ids([reference], ids, missing="skip")
    return found[0] if found else None


def resolve_ids(
    references: Iterable[Any],
    ids: pd.Index,
    *,
    what: object = None,
    source: str | None = None,
    column: str | None = None,
    missing: str = "raise",
) -> list[Any]:
    """The labels of ``ids`` that ``references`` name, in order.

    Parameters
    ----------
    references
        Ids as written anywhere (ints, text, numpy integers).
    ids
        The portfolio's ids (:attr:`capex.Portfolio.ids`).
    what, source, column
        For the error: what the references are (``"project"``), where they were written
        and under which key or column.
    missing
        ``"raise"`` (a :class:`~capex.errors.DataError` naming the first unknown reference)
        or ``"skip"`` (leave unknown references out).

    Raises
    ------
    DataError
        A reference that names no id, or two ids of ``ids`` that are one id written twice.
    """
    references = list(references)
    if not references:
        return []
    # fast path: references written exactly as the labels (not booleans, which pandas
    # would match to 1 and 0)
    plain = [not isinstance(r, bool) for r in references]
    positions = ids.get_indexer([r if ok else None for r, ok in zip(references, plain)])
    if (positions >= 0).all():
        return ids.take(positions).tolist()
    by_key: dict[str, Any] = {}
    labels = ids.tolist()
    for label in labels:
        key = id_key(label)
        if key in by_key and by_key[key] != label:
            raise DataError(
                phrase("err_model_one_id_two_ways", first=repr(by_key[key]), second=repr(label)),
                source=source,
                column="id",
                value=label,
            )
        by_key[key] = label
    out = []
    for reference, position in zip(references, positions):
        if position >= 0:
            out.append(labels[position])
        elif not isinstance(reference, bool) and id_key(reference) in by_key:
            out.append(by_key[id_key(reference)])
        elif missing == "raise":
            raise DataError(
                phrase("err_model_no_such", what=phrase("project") if what is None else what),
                source=source,
                column=column,
                value=reference,
            )
    return out
