"""The full-window cash flow: every project's money, year by year, before, inside and after the plan.

Each project's total is first split by :func:`plan_split` into the parts
before, inside and after the plan period (and a part the window has no year for). Each part
is then spread over its years of the window by the project's profile: the profile's weights
over the *whole* window, restricted to the part's years and scaled to sum to one, so that a
bell-shaped project whose window runs past the plan keeps the rising half of its bell inside
the plan. The split into integers of the minor unit is exact (largest remainder), so

* the plan-period part of each project equals its published plan investment,
* the whole equals its total investment, and
* the pre-plan, in-plan and post-plan totals equal those of ``plan_split`` to the unit.

The part that does not fit (a window wholly inside the plan period whose plan investment is
below its total) is placed by a policy the user chooses and the result shows:
``"after"`` (the year after the window ends), ``"before"`` (the year before it starts), or
``"raise"`` (a :class:`UnplaceableError` naming the projects).

Per-project profiles come from the portfolio's text column ``profile`` (empty means the
default passed to :func:`cash_flow`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from capex._options import chosen_unit
from capex.errors import CapexError, DataError
from capex.model.money import WAN, Money
from capex.model.portfolio import Portfolio
from capex.model.profiles import Profile, ProfileError, get_profile, largest_remainder
from capex.model.protocol import Report
from capex.model.windows import clip_window, year_count
from capex.terms import check_lang, heading, phrase, profile_word, term

__all__ = [
    "POLICIES",
    "SPLIT_COLUMNS",
    "CashFlow",
    "UnplaceableError",
    "cash_flow",
    "flow_rows",
    "plan_split",
    "plan_target_rows",
    "plan_targets",
    "project_profiles",
    "split_rows",
    "unplanned_flows",
]

SPLIT_COLUMNS = ("before_minor", "in_plan_minor", "after_minor", "unplaceable_minor")
"""The parts of each project's total in :func:`plan_split`, in order."""

POLICIES = ("after", "before", "raise")
"""Where the part of a total that the window has no year for goes."""


class UnplaceableError(CapexError, ValueError):
    """Raised by the ``"raise"`` policy: some money has no year of its window to go to."""


def plan_split(portfolio: Portfolio) -> pd.DataFrame:
    """Split each project's total into the parts before, inside and after the plan period.

    The part inside is the published plan investment. The rest of the total (total - plan)
    goes to the window's years before the plan period, after it, or, when the window has
    years on both sides, to both in proportion to their number of years (rounded down for the
    years before, so the two parts add up exactly). What the window has no year for outside
    the plan period (a window wholly inside it whose plan investment is below its total) is
    ``unplaceable_minor``.

    Returns
    -------
    DataFrame
        Indexed by project id, integer columns (minor unit) ``before_minor``, ``in_plan_minor``,
        ``after_minor``, ``unplaceable_minor``; they add up to the total of each project.
    """
    before, after, unplaceable = split_rows(
        portfolio.column("start_year"),
        portfolio.column("end_year"),
        portfolio.column("total_minor"),
        portfolio.column("plan_minor"),
        portfolio.plan_period,
    )
    plan = portfolio.column("plan_minor")
    return pd.DataFrame(
        {
            "before_minor": before.astype(np.int64),
            "in_plan_minor": plan.astype(np.int64),
            "after_minor": after.astype(np.int64),
            "unplaceable_minor": unplaceable.astype(np.int64),
        },
        index=portfolio.ids,
    )


def split_rows(
    start: np.ndarray,
    end: np.ndarray,
    total: np.ndarray,
    plan: np.ndarray,
    plan_period: tuple[int, int],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The arithmetic of :func:`plan_split` on bare rows: the parts ``before``, ``after`` and
    ``unplaceable`` (int64) of each row's ``total - plan``."""
    first, last = plan_period
    outside = np.asarray(total, dtype=np.int64) - np.asarray(plan, dtype=np.int64)
    years_before = year_count(*clip_window(start, end, (None, first - 1)))
    years_after = year_count(*clip_window(start, end, (last + 1, None)))
    years_outside = years_before + years_after
    with np.errstate(divide="ignore", invalid="ignore"):
        before = np.where(
            years_outside > 0, outside * years_before // np.maximum(years_outside, 1), 0
        )
    after = np.where(years_outside > 0, outside - before, 0)
    unplaceable = np.where(years_outside > 0, 0, outside)
    return before.astype(np.int64), after.astype(np.int64), unplaceable.astype(np.int64)


@dataclass(frozen=True, eq=False)
class CashFlow(Report):
    """A project x year cash flow in integers of the minor unit, with where each part of
    the money went.

    Attributes
    ----------
    flows_minor
        Integer amounts, index project id (``"id"``), columns years: every year of any window,
        the plan period, and the years where the unplaceable parts were put.
    names
        Project names by id.
    plan_period
        First and last plan year.
    profile
        The default profile's name (projects may set their own in the ``profile`` column).
    policy
        The policy for the unplaceable part: ``"after"``, ``"before"`` or ``"raise"``.
    split
        :func:`plan_split` of the portfolio: the parts it reconciles with.
    placements
        One row per project whose unplaceable part was placed: ``unplaceable_minor`` and the
        ``year`` it went to.
    """

    flows_minor: pd.DataFrame = field(repr=False)
    names: pd.Series = field(repr=False)
    plan_period: tuple[int, int]
    profile: str
    policy: str
    split: pd.DataFrame = field(repr=False)
    placements: pd.DataFrame = field(repr=False)
    money: Money = WAN

    @property
    def years(self) -> list[int]:
        """The years of the cash flow, in order."""
        return [int(y) for y in self.flows_minor.columns]

    @property
    def plan_years(self) -> list[int]:
        """The plan-period years."""
        return list(range(self.plan_period[0], self.plan_period[1] + 1))

    def to_frame(self, unit: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
        """The cash flow as a DataFrame in ``unit``: integers of the minor unit by default
        (万元 for the bundled plan), floats of a larger unit such as 亿元; ``lang`` names the
        index (``id``, 序号)."""
        unit = chosen_unit(unit, self.money)
        unit = self.money.unit if unit is None else self.money.normalize_unit(unit)
        values = self.money.to_unit(self.flows_minor.to_numpy(), unit)
        frame = pd.DataFrame(
            values, index=self.flows_minor.index.copy(), columns=self.flows_minor.columns.copy()
        )
        if check_lang(lang) != "en":
            frame.index.name = term("id", lang)
        frame.attrs["unit"] = unit
        return frame

    @property
    def in_plan_minor(self) -> pd.DataFrame:
        """The plan-period columns of the cash flow (minor unit)."""
        return self.flows_minor[self.plan_years].copy()

    def annual(self, unit: str | None = None) -> pd.Series:
        """The total of each year, in ``unit``."""
        totals = self.flows_minor.sum(axis=0).to_numpy()
        return pd.Series(
            self.money.to_unit(totals, unit), index=self.flows_minor.columns.copy(), name="total"
        )

    def parts(self) -> pd.DataFrame:
        """Each project's money by part, recomputed from the cash flow (minor unit).

        Columns ``before_minor``, ``in_plan_minor``, ``after_minor`` (money in the window's years
        before, inside and after the plan period, leaving out the placed unplaceable part) and
        ``unplaceable_minor`` (the placed part), as in :func:`plan_split`.
        """
        first, last = self.plan_period
        flows = self.flows_minor.to_numpy().copy()
        years = np.asarray(self.years)
        placed = np.zeros(len(flows), dtype=np.int64)
        if len(self.placements):
            rows = self.flows_minor.index.get_indexer(self.placements.index)
            cols = np.searchsorted(years, self.placements["year"].to_numpy())
            amounts = self.placements["unplaceable_minor"].to_numpy()
            np.subtract.at(flows, (rows, cols), amounts)
            np.add.at(placed, rows, amounts)
        return pd.DataFrame(
            {
                "before_minor": flows[:, years < first].sum(axis=1),
                "in_plan_minor": flows[:, (years >= first) & (years <= last)].sum(axis=1),
                "after_minor": flows[:, years > last].sum(axis=1),
                "unplaceable_minor": placed,
            },
            index=self.flows_minor.index.copy(),
        )

    def reconciles(self) -> bool:
        """Whether every project's parts equal those of ``plan_split`` to the unit."""
        return bool(
            (self.parts().to_numpy() == self.split[list(self.parts().columns)].to_numpy()).all()
        )

    def summary(self, unit: str | None = None, *, lang: str | None = None) -> str:
        """A few lines for a reader, in ``unit`` (the display unit by default) and ``lang``:
        totals before, inside and after the plan, and where unplaceable money was placed."""
        lang = check_lang(lang)
        unit = self.money.normalize_unit(chosen_unit(unit, self.money))
        first, last = self.plan_period
        parts = self.parts().sum()

        def shown(amount: object) -> str:
            return self.money.format(int(amount), unit)

        years = self.years
        lines = [
            term(
                "cash_flow_headline",
                lang,
                n=len(self.flows_minor),
                profile=profile_word(self.profile, lang),
                span=f"{years[0]}-{years[-1]}" if years else "-",
            ),
            "  " + term("cash_flow_before", lang, first=first, amount=shown(parts["before_minor"])),
            "  "
            + term(
                "cash_flow_in", lang, first=first, last=last, amount=shown(parts["in_plan_minor"])
            ),
            "  " + term("cash_flow_after", lang, last=last, amount=shown(parts["after_minor"])),
        ]
        if len(self.placements):
            placed = term("list_separator", lang).join(
                f"{pid}→{int(row.year)} {shown(row.unplaceable_minor)}"
                for pid, row in self.placements.iterrows()
            )
            lines.append(
                "  "
                + term(
                    "cash_flow_placed",
                    lang,
                    amount=shown(parts["unplaceable_minor"]),
                    n=len(self.placements),
                    where=term(f"cash_flow_{self.policy}_window", lang),
                    placed=placed,
                )
            )
        verdict = term("yes" if self.reconciles() else "cash_flow_no", lang)
        lines.append("  " + term("cash_flow_reconciles", lang, verdict=verdict))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"CashFlow({len(self.flows_minor)} projects, {self.years[0]}-{self.years[-1]}, "
            f"profile={self.profile!r}, policy={self.policy!r}, "
            f"total {self.money.format(int(self.flows_minor.to_numpy().sum()))})"
        )

    def _html_tables(self, unit: str, lang: str | None) -> list[Any]:
        table = self.to_frame(unit, lang=lang)
        table.insert(0, heading("name", lang), self.names.reindex(table.index))
        return [table]


def cash_flow(
    portfolio: Portfolio, profile: Any = "uniform", unplaceable: str = "after"
) -> CashFlow:
    """The full-window cash flow of every project, in integers of the minor unit.

    Parameters
    ----------
    portfolio
        The projects.
    profile
        Default profile (name, text, dict or :class:`~capex.model.profiles.Profile`); a project's own
        ``profile`` column, when not empty, overrides it.
    unplaceable
        Where the part of a total that the window has no year for goes: ``"after"`` (the
        year after the window), ``"before"`` (the year before it) or ``"raise"``.

    Returns
    -------
    CashFlow

    Raises
    ------
    UnplaceableError
        With ``unplaceable="raise"`` when some project has such a part; names the projects.

    Examples
    --------
    >>> import capex
    >>> flows = cash_flow(capex.load_projects(), "uniform")
    >>> flows.reconciles()
    True
    """
    default = get_profile(profile)
    parts = _unplanned(portfolio, default, unplaceable)
    lo, hi = clip_window(parts.start, parts.end, portfolio.plan_period)
    _spread_part(
        parts.flows,
        parts.years[0],
        parts.split["in_plan_minor"].to_numpy(),
        parts.start,
        parts.end,
        lo,
        hi,
        parts.codes,
        parts.profiles,
    )
    ids = portfolio.ids
    return CashFlow(
        flows_minor=pd.DataFrame(
            parts.flows, index=ids, columns=pd.Index(parts.years.tolist(), name="year")
        ),
        names=pd.Series(portfolio.column("name"), index=ids, name="name"),
        plan_period=portfolio.plan_period,
        profile=default.name,
        policy=unplaceable,
        split=parts.split,
        placements=parts.placements,
        money=portfolio.money,
    )


def unplanned_flows(
    portfolio: Portfolio, profile: Any = "uniform", unplaceable: str = "after"
) -> pd.DataFrame:
    """The cash flow's money outside the plan investment, by project and year (minor unit).

    :func:`cash_flow` less its plan-period part: the parts before and after the plan period,
    and the part no year of a window can take where the policy places it (which may be a plan
    year). Computed without the plan-period part, for a spread, which plans that part itself.
    Columns are the years that hold some of it.
    """
    parts = _unplanned(portfolio, get_profile(profile), unplaceable)
    keep = parts.flows.any(axis=0)
    return pd.DataFrame(
        parts.flows[:, keep],
        index=portfolio.ids,
        columns=pd.Index(parts.years[keep].tolist(), name="year"),
    )


@dataclass
class _Parts:
    """A cash flow's years and its money outside the plan investment, as arrays."""

    flows: np.ndarray  # (n, years) before, after and placed unplaceable parts
    years: np.ndarray
    start: np.ndarray
    end: np.ndarray
    codes: np.ndarray
    profiles: list[Profile]
    split: pd.DataFrame
    placements: pd.DataFrame


def _unplanned(portfolio: Portfolio, default: Profile, unplaceable: str) -> _Parts:
    """Everything of :func:`cash_flow` but the plan-period part of the money."""
    if unplaceable not in POLICIES:
        raise CapexError(
            phrase("err_model_unknown_unplaceable", unplaceable=repr(unplaceable), choices=POLICIES)
        )
    split = plan_split(portfolio)
    first, last = portfolio.plan_period
    start = portfolio.column("start_year").astype(np.int64)
    end = portfolio.column("end_year").astype(np.int64)
    rest = split["unplaceable_minor"].to_numpy(dtype=np.int64)
    has_rest = rest > 0
    if unplaceable == "raise" and has_rest.any():
        frame = portfolio.frame
        ids = frame.index[has_rest]
        detail = ", ".join(
            f"{pid} ({frame.at[pid, 'name']}: {portfolio.money.format(int(r))})"
            for pid, r in zip(ids, rest[has_rest])
        )
        raise UnplaceableError(
            phrase(
                "err_model_unplaceable",
                n=int(has_rest.sum()),
                first=first,
                last=last,
                detail=detail,
            )
        )
    codes, profiles = project_profiles(portfolio, default)
    years, flows, rows, place_year = _outside_rows(
        start,
        end,
        split["before_minor"].to_numpy(),
        split["after_minor"].to_numpy(),
        rest,
        (first, last),
        codes,
        profiles,
        unplaceable,
    )
    placements = pd.DataFrame(
        {"unplaceable_minor": rest[rows], "year": place_year[rows]}, index=portfolio.ids[rows]
    )
    return _Parts(flows, years, start, end, codes, profiles, split, placements)


def _outside_rows(
    start: np.ndarray,
    end: np.ndarray,
    before: np.ndarray,
    after: np.ndarray,
    rest: np.ndarray,
    plan_period: tuple[int, int],
    codes: np.ndarray,
    profiles: list[Profile],
    unplaceable: str,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The money outside the plan investment on bare rows: the ``before`` and ``after``
    parts spread over the window's years outside the plan period, and the unplaceable
    ``rest`` placed by the policy. Returns the years (every year of a window, the plan
    period and the placed years), the flows (rows x years), and the placed rows and years."""
    first, last = plan_period
    has_rest = rest > 0
    place_year = np.where(has_rest, end + 1 if unplaceable == "after" else start - 1, 0)
    low = min(int(start.min(initial=first)), first, int(place_year[has_rest].min(initial=first)))
    high = max(int(end.max(initial=last)), last, int(place_year[has_rest].max(initial=last)))
    years = np.arange(low, high + 1)
    flows = np.zeros((len(start), len(years)), dtype=np.int64)
    for part, part_years in ((before, (None, first - 1)), (after, (last + 1, None))):
        lo, hi = clip_window(start, end, part_years)
        _spread_part(flows, low, part, start, end, lo, hi, codes, profiles)
    rows = np.flatnonzero(has_rest)
    np.add.at(flows, (rows, place_year[rows] - low), rest[rows])
    return years, flows, rows, place_year


def flow_rows(
    start: np.ndarray,
    end: np.ndarray,
    total: np.ndarray,
    plan: np.ndarray,
    plan_period: tuple[int, int],
    codes: np.ndarray,
    profiles: list[Profile],
    unplaceable: str = "after",
) -> tuple[np.ndarray, np.ndarray]:
    """The arithmetic of :func:`cash_flow` on bare rows (projects, or the projects of many
    variants stacked, as the risk draws are): the years and the (rows x years) flows.

    Each row is what :func:`cash_flow` gives its project (``profiles[codes[i]]`` its
    profile); the years span every row, so a variant's own years are those where its rows
    have money, its windows and the plan period. ``"raise"`` is not checked here.
    """
    start = np.asarray(start, dtype=np.int64)
    end = np.asarray(end, dtype=np.int64)
    plan = np.asarray(plan, dtype=np.int64)
    before, after, rest = split_rows(start, end, total, plan, plan_period)
    years, flows, _, _ = _outside_rows(
        start, end, before, after, rest, plan_period, codes, profiles, unplaceable
    )
    lo, hi = clip_window(start, end, plan_period)
    _spread_part(flows, int(years[0]), plan, start, end, lo, hi, codes, profiles)
    return years, flows


def plan_targets(portfolio: Portfolio, profile: Any = "uniform") -> pd.DataFrame:
    """Each project's plan investment spread by its profile over its plan years (minor unit).

    The plan-period part of :func:`cash_flow`, computed alone: integers, index project id,
    columns the plan years; row ``i`` sums to the plan investment of project ``i`` and is zero
    outside its window. This is the target the spreading solver stays as close to as it can.
    """
    matrix = plan_target_matrix(portfolio, profile)
    return pd.DataFrame(
        matrix, index=portfolio.ids, columns=pd.Index(portfolio.plan_years, name="year")
    )


def plan_target_matrix(portfolio: Portfolio, profile: Any = "uniform") -> np.ndarray:
    """:func:`plan_targets` as a bare ``(n_projects, n_plan_years)`` int64 array, for solvers."""
    codes, profiles = project_profiles(portfolio, get_profile(profile))
    return plan_target_rows(
        portfolio.column("plan_minor"),
        portfolio.column("start_year"),
        portfolio.column("end_year"),
        portfolio.plan_period,
        codes,
        profiles,
    )


def plan_target_rows(
    plan: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    plan_period: tuple[int, int],
    codes: np.ndarray,
    profiles: list[Profile],
) -> np.ndarray:
    """The arithmetic of :func:`plan_target_matrix` on bare rows (projects, or projects of
    many variants stacked, as the risk draws are): each row's ``plan`` spread by its profile
    (``profiles[codes[i]]``) over the plan years of its window ``start..end``."""
    first, last = plan_period
    start = np.asarray(start, dtype=np.int64)
    end = np.asarray(end, dtype=np.int64)
    out = np.zeros((len(start), last - first + 1), dtype=np.int64)
    lo, hi = clip_window(start, end, plan_period)
    _spread_part(out, first, np.asarray(plan, dtype=np.int64), start, end, lo, hi, codes, profiles)
    return out


def project_profiles(
    portfolio: Portfolio, default: Any = "uniform"
) -> tuple[np.ndarray, list[Profile]]:
    """Each project's profile as a code into a list of distinct profiles.

    The ``profile`` column of the portfolio overrides ``default`` where it is not empty.
    Raises :class:`~capex.errors.DataError` naming the project whose profile cannot be read.
    """
    default = get_profile(default)
    raw = portfolio.column("profile")
    profiles: list[Profile] = [default]
    codes = np.zeros(len(raw), dtype=np.int64)
    if not np.any(raw != ""):  # the usual case: every project takes the default
        return codes, profiles
    texts = pd.Series(raw, dtype=object).fillna("").astype(str).str.strip()
    unique = [t for t in pd.unique(texts) if t]
    for text in unique:
        try:
            profiles.append(get_profile(text))
        except ProfileError as error:
            position = int(np.flatnonzero(texts.to_numpy() == text)[0])
            raise DataError(
                phrase("error_as_raised", error=error),
                source=portfolio.source,
                row=position + 1,
                column="profile",
                value=text,
                project_id=portfolio.ids[position],
            ) from None
        codes[texts.to_numpy() == text] = len(profiles) - 1
    return codes, profiles


def _spread_part(
    out: np.ndarray,
    first_column_year: int,
    amounts: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    part_first: np.ndarray,
    part_last: np.ndarray,
    codes: np.ndarray,
    profiles: list[Profile],
) -> None:
    """Add ``amounts`` spread over the years ``part_first..part_last`` of each window into ``out``.

    The weights are the window's profile weights restricted to the part's years and scaled to
    one (equal weights if the profile gives those years no weight). Rows are grouped by
    (profile, window length, offset, part length), so the work is array arithmetic per group.
    """
    amounts = np.asarray(amounts, dtype=np.int64)
    rows = np.flatnonzero(amounts != 0)
    if len(rows) == 0:
        return
    length = (part_last - part_first + 1)[rows]
    if np.any(length <= 0):
        bad = rows[np.flatnonzero(length <= 0)[0]]
        raise CapexError(phrase("err_model_position_no_year", position=bad))
    window = (end - start + 1)[rows]
    offset = (part_first - start)[rows]
    # one integer key per row (a 1-D unique is far faster than a row-wise one)
    columns_of_key = [codes[rows], window, offset, length]
    key = np.zeros(len(rows), dtype=np.int64)
    for values in columns_of_key:
        key = key * (int(values.max()) + 1) + values
    # one stable sort: rows of a group together, in table order within it (a radix sort
    # when the keys fit 16 bits, as they do unless there are thousands of profiles)
    order = np.argsort(key.astype(np.uint16) if key.max() < 2**16 else key, kind="stable")
    sorted_key = key[order]
    starts = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]])
    bounds = np.r_[starts, len(order)]
    for g, at in enumerate(order[starts].tolist()):
        code, n, off, m = (int(values[at]) for values in columns_of_key)
        members = rows[order[bounds[g] : bounds[g + 1]]]
        weights = profiles[code].weights(n)[off : off + m]
        total = weights.sum()
        weights = weights / total if total > 0 else np.full(m, 1.0 / m)
        allocation = largest_remainder(amounts[members], weights)
        columns = (part_first[members] - first_column_year)[:, None] + np.arange(m)[None, :]
        out[members[:, None], columns] += allocation


def phased_cash_flow(flows_minor: pd.DataFrame, names: pd.Series, portfolio: Portfolio) -> CashFlow:
    """A cash flow exactly as a phased table gives it (:attr:`capex.results.Baseline.cash_flow`): its
    parts before, inside and after the plan period are the table's own, nothing placed."""
    first, last = portfolio.plan_period
    years = np.asarray([int(y) for y in flows_minor.columns], dtype=np.int64)
    flows = flows_minor.to_numpy(np.int64)
    split = pd.DataFrame(
        {
            "before_minor": flows[:, years < first].sum(axis=1),
            "in_plan_minor": flows[:, (years >= first) & (years <= last)].sum(axis=1),
            "after_minor": flows[:, years > last].sum(axis=1),
            "unplaceable_minor": np.zeros(len(flows), dtype=np.int64),
        },
        index=flows_minor.index.copy(),
    )
    placements = pd.DataFrame(
        {
            "unplaceable_minor": pd.Series(dtype=np.int64),
            "year": pd.Series(dtype=np.int64),
        }
    )
    return CashFlow(
        flows_minor.copy(),
        names.copy(),
        (first, last),
        "phased",
        "after",
        split,
        placements,
        portfolio.money,
    )
