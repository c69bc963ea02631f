"""Exact money: every amount inside capex is an integer of its portfolio's *minor unit*.

The minor unit is the smallest amount a portfolio's data are written in: 万元 for the seed's
plan (its amounts are 亿元 with at most four decimals), 元 or 分 for a finance office's
accounts, cents for a programme kept in dollars. Sums of integers cannot drift, so published
totals reconcile to the last unit, not within a tolerance. Floats appear only for display and
as LP input, and never flow back into amounts.

A :class:`Money` says which currency and minor unit a portfolio's integers count and in which
unit reports show them (亿元 for yuan, the currency itself otherwise). It is the only place that
converts between units: loaders call :meth:`Money.to_minor`, reports :meth:`Money.to_unit` and
:meth:`Money.format`.

>>> money = Money("CNY", "万元")
>>> money.to_minor("1.42", "亿元")
14200
>>> money.format(14200)
'1.42 亿元'
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal, InvalidOperation
from numbers import Integral
from typing import Any

import numpy as np

from capex.errors import CapexError, DataError
from capex.terms import Message, phrase

__all__ = [
    "CURRENCIES",
    "MAX_AMOUNT",
    "MAX_DIGITS",
    "WAN",
    "AmountOverflowError",
    "Money",
    "checked_sum",
    "choose_minor_unit",
    "minor_unit_holding",
    "to_decimal",
]

MAX_EXPONENT = 1000
"""Largest power of ten a number read from the user's data may have (and the smallest
negative one): ``1e99999999`` or ``1e-99999999`` is refused as a number, not carried into
an arithmetic that would overflow, run out of memory or underflow silently to zero. (An
amount such as ``1e400`` is read, and then refused as too large to hold exactly.)"""

MAX_DIGITS = 28
"""Most significant digits a number read from the user's data may have (trailing zeros
aside). It is the precision of Python's decimal arithmetic, so every conversion of a number
read is exact; no amount capex holds needs more than 19 (:data:`MAX_AMOUNT` in 分). A number
written with more (``0.100000000000000000000000000000000001`` 亿元) is refused, never rounded
to fit."""

MAX_AMOUNT = 2**62
"""Largest magnitude of one amount or sum, in minor units.

int64 holds 2**63 - 1; keeping every amount and total below 2**62 leaves room for the sums the
solvers form (a year's total plus its ceiling, a difference of two totals) without wrapping. It
is about 4.6e16 亿元 in 万元, or 4.6e16 dollars in cents: no real programme comes near it.
"""


class AmountOverflowError(CapexError, OverflowError, ValueError):
    """An amount or a sum of amounts is too large to hold exactly (see :data:`MAX_AMOUNT`)."""


# Each currency's units, with the value of one of them in the currency's base unit (元, USD),
# the names people write for them, and the candidates for a minor unit, coarsest first.
@dataclass(frozen=True)
class _Currency:
    code: str
    units: Mapping[str, Decimal]
    aliases: Mapping[str, str]
    minor_candidates: tuple[str, ...]
    display_unit: str


def _currency(code: str, cent: str, symbol_aliases: Iterable[str] = ()) -> _Currency:
    """A decimal currency with cents, units of a thousand and a million, and its code as the
    display unit (``USD``, ``thousand USD``, ``million USD``)."""
    units = {
        cent: Decimal("0.01"),
        code: Decimal(1),
        f"thousand {code}": Decimal(1_000),
        f"million {code}": Decimal(1_000_000),
    }
    aliases = {name.lower(): name for name in units}
    aliases.update({alias.lower(): code for alias in symbol_aliases})
    aliases.update({f"k{code}".lower(): f"thousand {code}", f"m{code}".lower(): f"million {code}"})
    return _Currency(code, units, aliases, (code, cent), code)


_CNY = _Currency(
    "CNY",
    {
        "分": Decimal("0.01"),
        "角": Decimal("0.1"),
        "元": Decimal(1),
        "千元": Decimal(1_000),
        "万元": Decimal(10_000),
        "百万元": Decimal(1_000_000),
        "亿元": Decimal(100_000_000),
    },
    {
        "分": "分",
        "fen": "分",
        "角": "角",
        "元": "元",
        "yuan": "元",
        "rmb": "元",
        "cny": "元",
        "千元": "千元",
        "万元": "万元",
        "万": "万元",
        "wan": "万元",
        "百万元": "百万元",
        "亿元": "亿元",
        "亿": "亿元",
        "yi": "亿元",
    },
    ("万元", "元", "分"),
    "亿元",
)

CURRENCIES: dict[str, _Currency] = {
    "CNY": _CNY,
    "USD": _currency("USD", "cent", ["$", "dollar", "dollars", "US$", "美元"]),
    "EUR": _currency("EUR", "euro cent", ["€", "euro", "euros", "欧元"]),
    "GBP": _currency("GBP", "penny", ["£", "pound", "pounds", "pence", "英镑"]),
    "HKD": _currency("HKD", "HK cent", ["HK$", "港元", "港币"]),
}
"""The currencies capex knows, by ISO 4217 code."""


def _currency_of_unit(unit: str) -> str | None:
    key = str(unit).strip().lower()
    for code, currency in CURRENCIES.items():
        if key in currency.aliases:
            return code
    return None


@dataclass(frozen=True)
class Money:
    """The currency and minor unit of a portfolio's integer amounts, and how they are shown.

    Parameters
    ----------
    currency
        ISO 4217 code: ``"CNY"`` (default), ``"USD"``, ``"EUR"``, ``"GBP"`` or ``"HKD"``.
    unit
        The unit one stored integer counts: ``"万元"`` (default), ``"元"`` or ``"分"`` for
        yuan; the currency (``"USD"``, default) or its cent (``"cent"``) otherwise.
    display_unit
        The unit reports use by default: ``"亿元"`` for yuan, the currency otherwise.
    """

    currency: str = "CNY"
    unit: str = ""
    display_unit: str = ""

    def __post_init__(self) -> None:
        code = str(self.currency).strip().upper()
        if code not in CURRENCIES:
            raise ValueError(
                phrase(
                    "err_model_unknown_currency",
                    currency=repr(self.currency),
                    known=", ".join(CURRENCIES),
                )
            )
        object.__setattr__(self, "currency", code)
        # normalise before the attributes are set: normalize_unit takes them as canonical
        unit = self.unit or CURRENCIES[code].minor_candidates[0]
        display = self.display_unit or CURRENCIES[code].display_unit
        object.__setattr__(self, "unit", "")
        object.__setattr__(self, "display_unit", "")
        object.__setattr__(self, "unit", self.normalize_unit(unit))
        object.__setattr__(self, "display_unit", self.normalize_unit(display))

    @classmethod
    def of(cls, unit: str, display_unit: str = "") -> Money:
        """The money whose minor unit is ``unit``, its currency read from the unit's name
        (``Money.of("分")`` is yuan counted in 分, ``Money.of("cent")`` dollars in cents)."""
        code = _currency_of_unit(unit)
        if code is None:
            raise ValueError(_unknown_unit_message(unit, None))
        return cls(code, unit, display_unit)

    @classmethod
    def base(cls, currency: str = "CNY") -> Money:
        """The money counted in the currency's base unit (元, USD)."""
        code = str(currency).strip().upper()
        return cls(code, "元" if code == "CNY" else code)

    # -- units ---------------------------------------------------------------------------
    @property
    def units(self) -> tuple[str, ...]:
        """The unit names of this currency, smallest first."""
        return tuple(CURRENCIES[self.currency].units)

    def normalize_unit(self, unit: str | None) -> str:
        """The canonical name of ``unit`` (or an alias such as ``"亿"``, ``"yuan"``, ``"$"``)
        in this currency; ``None`` means the display unit."""
        if unit is None:
            return self.display_unit
        if unit in (self.unit, self.display_unit):  # canonical already: the common case
            return unit
        currency = CURRENCIES[self.currency]
        try:
            return currency.aliases[str(unit).strip().lower()]
        except (KeyError, AttributeError):
            raise ValueError(_unknown_unit_message(unit, self.currency)) from None

    def per(self, unit: str | None = None) -> Decimal:
        """How many minor units make one ``unit`` (``Decimal(10000)`` for 亿元 over 万元;
        ``Decimal('0.0001')`` for 元 over 万元)."""
        return _ratio(self.currency, self.normalize_unit(unit), self.unit)

    def decimals(self, unit: str | None = None) -> int:
        """Decimals needed to show one minor unit in ``unit`` (4 for 亿元 over 万元)."""
        per = self.per(unit)
        if per <= 1:
            return 0
        return max(0, -(Decimal(1) / per).normalize().as_tuple().exponent)

    def is_exact_in(self, unit: str | None = None) -> bool:
        """Whether every amount is a whole number of ``unit`` (true when it is no larger
        than the minor unit: 万元 amounts are whole 元)."""
        return self.per(unit) <= 1

    # -- converting in -------------------------------------------------------------------
    def to_minor(self, value: object, unit: str | None = None) -> int:
        """An amount written in ``unit`` as an exact integer of the minor unit.

        Raises ``ValueError`` when it is not a number or is finer than one minor unit: capex
        never rounds an input amount silently; :class:`AmountOverflowError` when it is beyond
        :data:`MAX_AMOUNT`.
        """
        unit = self.normalize_unit(unit)
        number = to_decimal(value) * self.per(unit)
        if number != number.to_integral_value():
            raise ValueError(
                phrase("err_model_finer_than", value=repr(value), unit=unit, finest=self.unit)
            )
        return _bounded(int(number), value, unit)

    def ceiling_to_minor(self, value: object, unit: str | None = None) -> int:
        """A budget ceiling in ``unit`` as an integer of the minor unit, rounded down.

        Unlike a project amount, a ceiling may be written more finely than a minor unit (a
        10 % cut of 4.57 亿元). Rounding it down keeps every plan that respects the rounded
        ceiling within the ceiling as written.
        """
        unit = self.normalize_unit(unit)
        number = to_decimal(value)
        if number < 0:
            raise ValueError(phrase("err_model_ceiling_negative", value=repr(value)))
        minor = (number * self.per(unit)).to_integral_value(rounding=ROUND_FLOOR)
        return _bounded(int(minor), value, unit)

    # -- showing -------------------------------------------------------------------------
    def to_decimal(self, amount: int, unit: str | None = None) -> Decimal:
        """The exact amount, in ``unit``, of an integer of minor units."""
        return Decimal(int(amount)) / self.per(unit)

    def to_unit(self, values: object, unit: str | None = None) -> np.ndarray:
        """Amounts of the minor unit shown in ``unit``: int64 where every value is a whole
        number of it (integers, in the minor unit or a finer one), floats otherwise. Float
        input (a mean, a float LP's value, NaN for a missing amount) stays float. The one
        place where amounts are converted for display."""
        per = self.per(unit)
        array = np.asarray(values)
        if array.dtype.kind == "f":
            return array * float(int(1 / per)) if per < 1 else array / float(per)
        if per == 1:
            return array.astype(np.int64)
        if per < 1:  # a finer unit: an exact integer multiple
            return array.astype(np.int64) * int(1 / per)
        return array.astype(np.float64) / float(per)

    def rescale(self, value: float, unit: str | None, to: str | None = None) -> float:
        """A float amount shown in ``unit`` (a mean, a quantile) as a float of ``to``."""
        return float(value) * float(self.per(unit) / self.per(to))

    def text(self, amount: int, unit: str | None = None) -> str:
        """The exact number, in ``unit``, with no trailing zeros (``14200`` -> ``'1.42'``)."""
        number = self.to_decimal(amount, unit)
        text = format(number.normalize(), "f") if number else "0"
        return text

    def format(self, amount: int, unit: str | None = None, *, grouping: bool = False) -> str:
        """An amount with its unit: ``'1.42 亿元'``, ``'14,200 万元'``, ``'12.5 USD'``.

        Whole numbers of the unit are grouped by thousands; ``grouping=True`` groups a
        decimal amount's integer part too.
        """
        unit = self.normalize_unit(unit)
        scale = _power_of_ten(self.per(unit))
        if scale is not None:  # the common case, in integers: reports format many amounts
            whole, part = divmod(abs(int(amount)), 10**scale)
            sign = "-" if amount < 0 else ""
            if not part:
                return f"{sign}{whole:,} {unit}"
            fraction = f"{part:0{scale}d}".rstrip("0")
            return f"{sign}{whole:{',' if grouping else ''}}.{fraction} {unit}"
        number = self.to_decimal(amount, unit)
        if number == number.to_integral_value():
            return f"{int(number):,} {unit}"
        text = format(number.normalize(), ",f" if grouping else "f")
        return f"{text} {unit}"

    def format_many(self, amounts: Any, unit: str | None = None) -> np.ndarray:
        """:meth:`format` of each of many amounts (integers of the minor unit), at once.

        The same texts as ``[self.format(a, unit) for a in amounts]``, as an object array of
        str; written with array operations when ``unit`` is a power of ten of the minor unit
        (a report words hundreds of thousands of amounts).
        """
        unit = self.normalize_unit(unit)
        minor = np.asarray(amounts, dtype=np.int64).ravel()
        scale = _power_of_ten(self.per(unit))
        if scale is None or not len(minor):
            return np.array([self.format(int(a), unit) for a in minor.tolist()], dtype=object)
        whole, part = np.divmod(np.abs(minor), 10**scale)
        split = part != 0
        texts = list(map(str, whole.tolist()))
        for i in np.flatnonzero(~split & (whole >= 1000)).tolist():
            texts[i] = f"{whole[i]:,}"  # whole numbers are grouped by thousands, decimals not
        # a decimal: a point and the fraction's digits without its trailing zeros
        if scale <= _FRACTION_TABLE_DIGITS:
            fractions = _fraction_texts(scale)[part].tolist()
        else:
            digits = np.strings.rstrip(np.strings.zfill(part.astype(str), scale), "0")
            fractions = np.where(split, np.strings.add(".", digits), "").tolist()
        signs = np.where(minor < 0, "-", "").tolist()
        pieces = (signs, texts, fractions, itertools.repeat(f" {unit}"))
        return np.array(list(map("".join, zip(*pieces))), dtype=object)

    def figure(
        self,
        amount: object,
        unit: str | None = None,
        *,
        decimals: int | None = None,
        grouping: bool = False,
    ) -> str:
        """An amount of minor units as a number of ``unit`` for a table's column, without the
        unit: exact, rounded half-even on the exact value (never through a float) to
        ``decimals``, by default as many as one minor unit needs in ``unit`` and never more
        (``14200`` -> ``'1.4200'`` in 亿元 over 万元; ``'14200'`` in 万元).

        >>> WAN.figure(7099500, "万元", decimals=0), WAN.figure(7099500, "亿元", decimals=3)
        ('7099500', '709.950')
        >>> Money("CNY", "元").figure(5375154322, "亿元", decimals=4)
        '53.7515'
        """
        needed = self.decimals(unit)
        places = needed if decimals is None else max(0, min(decimals, needed))
        number = _exact(amount) / self.per(unit)
        shown = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
        if shown == 0:
            shown = abs(shown)  # no "-0.00"
        return format(shown, ",f" if grouping else "f")

    def places(self, amounts: Iterable[object], unit: str | None = None) -> int:
        """The fewest decimals that show every one of ``amounts`` (integers of the minor unit)
        exactly in ``unit``: one number for a column, never padded beyond what its amounts
        need (``[4000, 3822]`` 万元 in 亿元: 4; ``[40000000, 38222997]`` 元 in 亿元: 8;
        ``[40000000, 50000000]`` 元 in 亿元: 1).

        >>> Money("CNY", "元").places([40_000_000, 50_000_000], "亿元")
        1
        """
        most = self.decimals(unit)
        per = self.per(unit)
        places = 0
        for amount in amounts:
            number = (_exact(amount) / per).normalize()
            places = max(places, -number.as_tuple().exponent if number else 0)
            if places >= most:
                return most
        return places

    def describe(self) -> str:
        """A sentence for an assumptions sheet: what the integers count and what is shown."""
        return (
            f"amounts are exact integers of {self.unit} ({self.currency}), "
            f"shown in {self.display_unit}"
        )


WAN = Money("CNY", "万元")
"""The money of the seed's plan: yuan counted in 万元, shown in 亿元."""


def choose_minor_unit(values: Iterable[Decimal], currency: str = "CNY") -> str:
    """The coarsest of the currency's minor-unit candidates that holds every value exactly.

    ``values`` are amounts in the currency's base unit (元, USD). The same programme written in
    亿元, in 万元 with two decimals or in 元 chooses the same unit, so it loads to the same
    portfolio. Raises ``ValueError`` when even the finest candidate (分, cents) is too coarse.
    """
    table = CURRENCIES[currency].units
    values = list(values)
    for candidate in CURRENCIES[currency].minor_candidates:
        size = table[candidate]
        if all((value / size) == (value / size).to_integral_value() for value in values):
            return candidate
    finest = CURRENCIES[currency].minor_candidates[-1]
    bad = next(v for v in values if (v / table[finest]) != (v / table[finest]).to_integral_value())
    raise ValueError(phrase("err_model_bad_finer_than", bad=bad, finest=finest))


def minor_unit_holding(amounts: Iterable[tuple[Decimal, str]], currency: str = "CNY") -> str:
    """:func:`choose_minor_unit` for amounts each written in its own unit: ``(amount, unit)``
    pairs, such as a table whose columns name different units (``总投资（亿元）`` beside
    ``2021年（万元）``)."""
    base = Money.base(currency)
    return choose_minor_unit((value * base.per(unit) for value, unit in amounts), currency)


def checked_sum(values: object) -> int:
    """The exact sum of integer amounts, as a Python int, or :class:`AmountOverflowError`
    when it is beyond :data:`MAX_AMOUNT` (a numpy int64 sum would wrap around silently)."""
    array = np.asarray(values)
    if array.size == 0:
        return 0
    # magnitudes below MAX_AMOUNT / size cannot overflow int64 when added up
    bound = int(np.abs(array).max()) if array.dtype.kind in "iu" else None
    if bound is not None and bound * array.size < MAX_AMOUNT:
        return int(array.sum())
    total = sum(int(v) for v in array.ravel().tolist())
    if abs(total) > MAX_AMOUNT:
        raise AmountOverflowError(phrase("err_model_sum_too_large", total=total, limit=MAX_AMOUNT))
    return total


@functools.cache
def _ratio(currency: str, unit: str, minor: str) -> Decimal:
    table = CURRENCIES[currency].units
    return table[unit] / table[minor]


_FRACTION_TABLE_DIGITS = 4
"""Up to this many decimals :meth:`Money.format_many` looks a fraction's text up in a table."""


@functools.cache
def _fraction_texts(scale: int) -> np.ndarray:
    """The text after the whole number of every fraction ``0 .. 10**scale - 1`` of a unit
    (``".25"`` for 2500 of 10,000; nothing for none), as :meth:`Money.format` writes it."""
    return np.array(
        [f".{p:0{scale}d}".rstrip("0") if p else "" for p in range(10**scale)], dtype=object
    )


@functools.cache
def _power_of_ten(per: Decimal) -> int | None:
    """``k`` when ``per`` is ``10**k`` (k >= 0), else ``None``."""
    if per < 1 or per != per.to_integral_value():
        return None
    digits = str(int(per))
    return len(digits) - 1 if digits == "1" + "0" * (len(digits) - 1) else None


def _exact(amount: object) -> Decimal:
    """An amount as an exact Decimal: an integer of minor units as it is, a float (a mean, a
    quantile) through its shortest repr, as a person would read it."""
    if isinstance(amount, Decimal):
        return amount
    if isinstance(amount, (Integral, np.integer)):
        return Decimal(int(amount))
    return Decimal(repr(float(amount)))


def _bounded(amount: int, value: object, unit: str) -> int:
    if abs(amount) > MAX_AMOUNT:
        raise AmountOverflowError(phrase("err_model_too_large", value=repr(value), unit=unit))
    return amount


def _unknown_unit_message(unit: object, currency: str | None) -> Message:
    if currency is None:
        known = ", ".join(name for c in CURRENCIES.values() for name in c.units)
        return phrase("err_model_unknown_unit", unit=repr(unit), known=known)
    names = ", ".join(f"'{name}'" for name in CURRENCIES[currency].units)
    other = _currency_of_unit(str(unit)) if isinstance(unit, str) else None
    hint: object = ""
    if other and other != currency:
        hint = phrase("err_model_unit_of", unit=repr(unit), currency=other)
    return phrase(
        "err_model_unknown_unit_for", unit=repr(unit), currency=currency, hint=hint, names=names
    )


def to_decimal(value: object) -> Decimal:
    """Read a number written by a person (str, int, Decimal or float) as an exact Decimal.

    A float is read through its shortest repr, so ``1.42`` means 1.42, not the binary value
    nearest to it. Text may group thousands with commas (``"14,200"``, ``"1,234.5"``), but a
    comma anywhere else (``"3,5"``, a decimal comma) is refused rather than dropped, and so is
    an underscore (``"1_5"``). Raises ``ValueError`` for text that is not a finite number, or
    whose power of ten is beyond :data:`MAX_EXPONENT` either way, or that has more than
    :data:`MAX_DIGITS` significant digits. Full-width digits and points (``１．５``) read as
    ASCII; any other character outside ASCII (``1.5²``, Devanagari ``१२``) is refused.
    """
    # Every unreadable amount is a ValueError, whatever its type, so that loaders and the CLI
    # report it in one way.
    if isinstance(value, bool):
        raise ValueError(phrase("err_model_not_an_amount", value=repr(value)))  # noqa: TRY004
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, (Integral, np.integer)):
        number = Decimal(int(value))
    elif isinstance(value, (float, np.floating)):
        if not math.isfinite(float(value)):
            raise ValueError(phrase("err_model_not_finite", value=repr(value)))
        number = Decimal(repr(float(value)))
    elif isinstance(value, str):
        number = _decimal_text(value)
    else:
        raise ValueError(phrase("err_model_not_a_number", value=repr(value)))  # noqa: TRY004
    if not number.is_finite():
        raise ValueError(phrase("err_model_not_finite", value=repr(value)))
    if _significant_digits(number) > MAX_DIGITS:
        raise ValueError(phrase("err_model_too_many_digits", value=repr(value), digits=MAX_DIGITS))
    if number and not -MAX_EXPONENT <= number.adjusted() <= MAX_EXPONENT:
        raise ValueError(phrase("err_model_out_of_range", value=repr(value), exponent=MAX_EXPONENT))
    return number


def _decimal_text(value: str) -> Decimal:
    text = _ascii_text(value)
    if not text:
        raise ValueError(phrase("err_io_amount_empty"))
    if "_" in text:
        raise ValueError(phrase("err_model_not_a_number", value=repr(value)))
    if "," in text:
        text = _ungrouped(value, text)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(phrase("err_model_not_a_number", value=repr(value))) from None
    return number


def _significant_digits(number: Decimal) -> int:
    """Digits of ``number`` without its trailing zeros (``normalize()`` would round first)."""
    digits = "".join(map(str, number.as_tuple().digits)).rstrip("0")
    return len(digits.lstrip("0"))


# Characters that NFKC turns into ASCII and that people type in numbers: the full-width forms
# of a Chinese input method (１．５, －３, （１２）) and the wide and no-break spaces of
# spreadsheets. Anything else that NFKC would turn into a digit (a superscript ², a circled
# ①, a fraction ½) or that Decimal would read as one (Devanagari १२, Arabic-Indic ١٢) is not
# how an amount is written, and is refused rather than read as another number.
_TYPED_FORMS = re.compile(r"[\uff01-\uff5e\u3000\u00a0\u2002-\u200a\u202f\u205f]")


def _ascii_text(value: str) -> str:
    """``value`` with full-width characters and wide spaces as ASCII, stripped; ``ValueError``
    for any other character outside ASCII."""
    plain = _TYPED_FORMS.sub(lambda match: unicodedata.normalize("NFKC", match.group()), value)
    if not plain.isascii():
        strange = next(c for c in plain if not c.isascii())
        raise ValueError(
            phrase(
                "err_model_strange_character",
                value=repr(value),
                character=repr(strange),
                code=f"{ord(strange):04X}",
            )
        )
    return plain.strip()


def _ungrouped(value: str, text: str) -> str:
    """``text`` without its thousands commas, or ``ValueError`` when the commas do not group
    thousands (``"3,5"`` is a decimal comma or a typo, and must not be read as 35)."""
    sign = text[0] if text[0] in "+-" else ""
    body = text[len(sign) :]
    whole, dot, fraction = body.partition(".")
    groups = whole.split(",")
    if not (
        1 <= len(groups[0]) <= 3
        and groups[0].isdigit()
        and all(len(g) == 3 and g.isdigit() for g in groups[1:])
    ):
        raise ValueError(phrase("err_model_comma", value=repr(value)))
    return sign + "".join(groups) + dot + fraction


# ---------------------------------------------------------------------------------------
# units shared by a plan and its actuals
# ---------------------------------------------------------------------------------------
def comparison_money(*monies: Money) -> Money:
    """The money in which amounts of ``monies`` compare exactly: the finest minor unit.

    Actuals kept to the 元 against a plan counted in 万元 compare in 元: every 万元 amount is a
    whole number of 元, so nothing is rounded. The display unit is the first money's.

    Raises
    ------
    DataError
        When the monies are of different currencies.
    """
    first = monies[0]
    currencies = {money.currency for money in monies}
    if len(currencies) > 1:
        raise DataError(
            phrase("err_model_currencies_differ", currencies=", ".join(sorted(currencies)))
        )
    finest = min(monies, key=lambda money: first.per(money.unit))
    return Money(first.currency, finest.unit, first.display_unit)


def rescale(values: Any, source: Money, target: Money) -> np.ndarray:
    """Integer amounts of ``source``'s minor unit as integers of ``target``'s, exactly.

    ``target`` must count in the same or a finer unit (see :func:`comparison_money`); the
    result is checked against overflow.
    """
    array = np.asarray(values, dtype=np.int64)
    factor = target.per(source.unit)
    if factor != factor.to_integral_value() or factor < 1:
        raise ValueError(phrase("err_model_rescale_finer", unit=source.unit, finer=target.unit))
    factor = int(factor)
    if factor == 1:
        return array.copy()
    if array.size and int(np.abs(array).max()) > MAX_AMOUNT // factor:
        raise AmountOverflowError(
            phrase(
                "err_model_rescale_too_large",
                amount=int(np.abs(array).max()),
                unit=source.unit,
                finer=target.unit,
            )
        )
    return array * factor


def format_amounts(money: Money, amounts: Iterable[int]) -> list[str]:
    """``money.format(a)`` for many amounts at once, exactly the same text.

    Findings and actions name an amount in every row, and a ledger can give tens of thousands
    of them; where the display unit is a power of ten of the minor unit (亿元 over 万元, 元 or
    分), the text is made with integer arithmetic, else by :meth:`Money.format` itself.
    """
    unit = money.display_unit
    per = money.per(unit)
    digits = len(str(int(per))) - 1 if per == per.to_integral_value() else -1
    if digits < 0 or int(per) != 10**digits:
        return [money.format(int(a)) for a in amounts]
    values = np.asarray(list(amounts) if not isinstance(amounts, np.ndarray) else amounts)
    whole, fraction = np.divmod(np.abs(values.astype(np.int64)), int(per))
    negative = values < 0
    out = []
    for w, f, minus in zip(whole.tolist(), fraction.tolist(), negative.tolist()):
        sign = "-" if minus else ""
        if f:
            out.append(f"{sign}{w}.{str(f).rjust(digits, '0').rstrip('0')} {unit}")
        else:
            out.append(f"{sign}{w:,} {unit}")
    return out
