"""Defaults set once for every report: the language and the unit things are shown in.

As ``pandas.options`` does for pandas, ``capex.options`` holds what a user would otherwise
pass to every call: ``capex.options.lang = "zh"`` words every summary, table heading,
workbook, plot and message that is not given a ``lang`` in Chinese, and
``capex.options.unit = "万元"`` shows amounts in 万元 where no ``unit`` is given. An argument
passed to a call always wins over the option; the option is read when a thing is shown, not
when it is made.

>>> import capex
>>> with capex.option_context("lang", "zh"):
...     capex.options.lang
'zh'
>>> capex.options.lang
'en'
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from capex.errors import CapexError

__all__ = ["OptionError", "Options", "chosen_lang", "chosen_unit", "option_context", "options"]

LANGS = ("en", "zh")
"""The languages capex speaks (:data:`capex.terms.LANGS`): English and simplified Chinese."""


class OptionError(CapexError, ValueError):
    """An option capex does not have, or a value it cannot take."""


def _phrase(key: str, /, **values: object) -> Any:
    """The message ``key`` of :mod:`capex.terms` (imported when an error is raised: the table
    reads this module's options)."""
    from capex.terms import phrase

    return phrase(key, **values)


class Options:
    """capex's display defaults.

    Attributes
    ----------
    lang
        ``"en"`` (default) or ``"zh"``: the language of everything capex shows.
    unit
        The unit amounts are shown in where a call gives none (``"万元"``, ``"亿元"``,
        ``"USD"``), or ``None`` (default) for each money's own display unit. A unit of another
        currency than a result's money is not applied to it.
    """

    __slots__ = ("_lang", "_unit")

    def __init__(self) -> None:
        self._lang = "en"
        self._unit: str | None = None

    @property
    def lang(self) -> str:
        """The language of what capex shows: ``"en"`` or ``"zh"``."""
        return self._lang

    @lang.setter
    def lang(self, value: str) -> None:
        if value not in LANGS:
            raise OptionError(
                _phrase("err_options_unknown_lang", value=repr(value), langs=", ".join(LANGS))
            )
        self._lang = value

    @property
    def unit(self) -> str | None:
        """The unit amounts are shown in, or ``None`` for each money's display unit."""
        return self._unit

    @unit.setter
    def unit(self, value: str | None) -> None:
        if value is not None:
            from capex.model.money import CURRENCIES

            known = {alias for currency in CURRENCIES.values() for alias in currency.aliases}
            if not isinstance(value, str) or value.strip().lower() not in known:
                raise OptionError(_phrase("err_options_unknown_unit", value=repr(value)))
        self._unit = value

    def reset(self) -> None:
        """Every option back to its default."""
        self._lang, self._unit = "en", None

    def __repr__(self) -> str:
        return f"capex.options(lang={self._lang!r}, unit={self._unit!r})"


options = Options()
"""The one set of display defaults: ``capex.options.lang``, ``capex.options.unit``."""


@contextlib.contextmanager
def option_context(*pairs: Any) -> Iterator[Options]:
    """Set options for the ``with`` block only, as :func:`pandas.option_context` does.

    >>> with option_context("lang", "zh", "unit", "万元"):
    ...     (options.lang, options.unit)
    ('zh', '万元')
    """
    if len(pairs) % 2:
        raise OptionError(_phrase("err_options_pairs"))
    names = pairs[::2]
    for name in names:
        if name not in ("lang", "unit"):
            raise OptionError(_phrase("err_options_unknown_option", name=repr(name)))
    saved = [getattr(options, name) for name in names]
    try:
        for name, value in zip(names, pairs[1::2], strict=True):
            setattr(options, name, value)
        yield options
    finally:
        for name, value in zip(names, saved, strict=True):
            setattr(options, name, value)


def chosen_lang(*choices: str | None) -> str:
    """The first language given (an argument, then what the object was made with), else
    ``capex.options.lang``; an unknown language is an :class:`OptionError`."""
    for choice in choices:
        if choice is not None:
            if choice not in LANGS:
                raise OptionError(
                    _phrase("err_options_unknown_lang", value=repr(choice), langs=", ".join(LANGS))
                )
            return choice
    return options.lang


def chosen_unit(unit: str | None, money: Any = None) -> str | None:
    """``unit`` when given, else ``capex.options.unit`` when ``money`` (a
    :class:`~capex.model.money.Money`) knows it, else ``None`` (the caller's own default)."""
    if unit is not None or options.unit is None:
        return unit
    if money is None:
        return options.unit
    try:
        return money.normalize_unit(options.unit)
    except ValueError:  # a unit of another currency: the option is for the user's own money
        return None
