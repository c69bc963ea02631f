"""An error capex raises reads in Chinese under ``capex.options.lang = "zh"`` and as before in
English: the check the error tests of each package share."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import pytest

import capex
from capex.errors import CapexError
from capex.terms import said

CODES = frozenset({"CNY", "USD", "HiGHS", "CP", "SAT", "SCIP", "MathOpt", "xlsx", "csv"})
"""ASCII words any Chinese text of capex may hold: unit codes and currencies, the solvers'
own names, the suffixes of the files it reads and writes (the walk of
:mod:`tests.test_chinese_walk` adds its own)."""

ALLOWED = CODES | {"Excel", "toml", "db", "UTF"}
"""ASCII words a Chinese error may hold besides :data:`CODES`: the name of Excel, the suffixes
of scenario files and stores, and the name of an encoding."""

WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(text: str, leave_out: Iterable[object] = ()) -> list[str]:
    """The ASCII words of ``text`` outside :data:`ALLOWED`, once the user's own texts (paths,
    ids, column names, values as written) in ``leave_out`` are taken out, longest first."""
    for written in sorted((str(w) for w in leave_out), key=len, reverse=True):
        text = text.replace(written, "")
    return sorted({word for word in WORD.findall(text) if word not in ALLOWED})


def check_error(raises: Callable[[], Any], english: str, leave_out: Iterable[object] = ()) -> None:
    """``raises()`` raises a capex error that says ``english`` in English (as it always did) and
    holds no English word when shown under ``capex.options.lang = "zh"``."""
    with pytest.raises(CapexError) as caught:
        raises()
    error = caught.value
    assert english in said(error, "en")
    with capex.option_context("lang", "zh"):
        shown = str(error)
    assert shown == said(error, "zh")
    assert not english_words(shown, leave_out), shown
