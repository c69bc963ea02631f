"""Scenarios: a named, immutable set of changes to a base portfolio, run like a plan.

Planners re-run the plan with start dates moved, ceilings cut, profiles changed, projects
dropped or added. A :class:`Scenario` records those changes; :meth:`Scenario.apply` makes the
changed portfolio, :meth:`Scenario.run` plans it (with :func:`capex.spread`, or
:func:`capex.shift` for a deferral plan) and returns the same result object, with the
scenario's name and a sentence per change recorded (``result.scenario``,
``result.changes``). A scenario is saved to and read from a small TOML or JSON file.

Changes, applied in this order:

1. ``drop``: project ids removed;
2. ``add``: a table of new projects (the columns :func:`capex.load_projects` reads, amounts
   in 亿元), validated like a loaded one;
3. ``profiles``: ``{id: profile}``, each project's own spend profile;
4. ``shifts``: ``{id: years}``, whole years later (positive) or earlier (negative), at most
   :data:`~capex.model.limits.MAX_YEARS` either way, a moved window staying within
   :data:`~capex.model.limits.FIRST_YEAR`-:data:`~capex.model.limits.LAST_YEAR`. The project's
   full-window cash flow moves with its window, so its plan investment becomes what the
   moved cash flow spends inside the plan period. This is capex's one way to move a project
   to another start year with its money (:meth:`capex.Portfolio.replace` edits the table and
   leaves the amounts as written);
5. ``escalation``: a yearly construction price index (``0.03`` for 3 %/year, from above
   -100 % to at most +100 %) applied to the years a project moves by: a project moved ``d``
   years later costs ``(1 + e) ** d`` times as much (earlier: ``(1 + e) ** -d``). The new
   total is rounded half up to the whole minor unit and spread over the moved years by
   largest remainder, in proportion to the moved cash flow;
6. ``ceilings`` (``{year: 亿元}``, replacing the ceilings the run is given) and
   ``ceiling_scale`` (every ceiling, of the run or of the portfolio's budget lines, times the
   scale, rounded down to the minor unit).

A scenario runs to its planner's own result: a :class:`~capex.solvers.result.SpreadResult` or a
:class:`~capex.solvers.result.ShiftResult`, with the scenario's name, its changes in words, and its
shifts in ``delays`` (added to a deferral's own) and the moved windows in ``windows``. Its
:meth:`~capex.solvers.result.PlanResult.full_window` holds the years before and after the plan
period from the changed portfolio's cash flow, so that :func:`capex.compare` sees money
pushed past the plan.

Project ids are matched as everywhere in capex (:mod:`capex.model.ids`): ``19``, ``"19"`` and
``"019"`` name the same project, whether the portfolio keeps its ids as integers or as text.
"""

from __future__ import annotations

import dataclasses
import json
import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from capex.errors import CapexError, DataError
from capex.io.files import read_bytes, toml_text, write_text
from capex.io.projects import load_projects
from capex.model.budget import BudgetLine
from capex.model.cashflow import cash_flow
from capex.model.cells import control_character
from capex.model.html import html_report
from capex.model.ids import match_id, normalize_id, resolve_ids
from capex.model.limits import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_YEARS,
    LimitError,
    check_escalation,
    check_year,
)
from capex.model.limits import whole_number as _whole_number
from capex.model.money import MAX_AMOUNT, WAN, to_decimal
from capex.model.portfolio import Portfolio
from capex.model.profiles import get_profile, largest_remainder
from capex.solvers.result import PlanResult, ShiftResult, SpreadResult
from capex.terms import Message, check_lang, phrase, said, term

__all__ = ["Scenario", "ScenarioError"]

METHODS = ("spread", "shift")
_KEYS = {
    "name",
    "description",
    "shifts",
    "ceilings",
    "ceiling_scale",
    "profile",
    "profiles",
    "escalation",
    "drop",
    "add",
    "method",
}


class ScenarioError(CapexError, ValueError):
    """A scenario that cannot be built; ``key`` and ``value`` say which setting is wrong."""

    def __init__(self, message: str | Message, key: str | None = None, value: Any = None) -> None:
        super().__init__(message)
        self.key = key
        self.value = value


def _setting(key: str) -> Message:
    """A scenario's setting (``shifts``, ``ceiling_scale`` ...) named in words."""
    return phrase(f"err_solver_setting_{key}")


def _frozen(mapping: Mapping[Any, Any] | None) -> Mapping[Any, Any]:
    return MappingProxyType(dict(mapping or {}))


def _by_id(mapping: Mapping[Any, Any] | None, key: str, name: str) -> dict[Any, Any]:
    """``mapping`` keyed by normalised project ids (:func:`capex.model.ids.normalize_id`); two keys
    naming one project (``19`` and ``"19"``) are an error."""
    out: dict[Any, Any] = {}
    for pid, value in dict(mapping or {}).items():
        normal = normalize_id(pid)
        if normal in out:
            raise ScenarioError(
                phrase(
                    "err_solver_scenario_named_twice",
                    name=repr(name),
                    project=repr(normal),
                    setting=_setting(key),
                ),
                key,
                pid,
            )
        out[normal] = value
    return out


@dataclass(frozen=True, eq=False)
class Scenario:
    """A named, immutable set of changes to a base portfolio (see the module text).

    Parameters
    ----------
    name
        Shown in results and comparisons.
    shifts
        ``{project id: whole years}``, later (positive) or earlier (negative).
    ceilings
        ``{year: 亿元}`` replacing the ceilings the run is given.
    ceiling_scale
        Factor applied to every ceiling (``0.9`` is a 10 % cut).
    profile
        Default spend profile of the run (projects' own profiles still override it).
    profiles
        ``{project id: profile}``: a project's own profile.
    escalation
        Yearly price index applied to the years a project moves by (``0.03`` = 3 %/year).
    drop
        Ids of projects removed.
    add
        New projects as a table :func:`capex.load_projects` reads (amounts in 亿元).
    method
        ``"spread"`` (default) or ``"shift"``: which planner :meth:`run` uses.
    description
        Free text for the reader.
    """

    name: str
    shifts: Mapping[Any, int] = field(default_factory=dict)
    ceilings: Mapping[int, Any] | None = None
    ceiling_scale: float | None = None
    profile: str | None = None
    profiles: Mapping[Any, str] = field(default_factory=dict)
    escalation: float = 0.0
    drop: tuple[Any, ...] = ()
    add: pd.DataFrame | None = field(default=None, repr=False)
    method: str = "spread"
    description: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ScenarioError(
                phrase("err_solver_scenario_no_name", value=repr(self.name)), "name", self.name
            )
        shifts = {}
        for pid, years in _by_id(self.shifts, "shifts", self.name).items():
            try:
                shifts[pid] = _whole_number(
                    years,
                    phrase("err_solver_scenario_shift_of", project=repr(pid)),  # type: ignore[arg-type]
                    -MAX_YEARS,
                    MAX_YEARS,
                )
            except LimitError as error:
                raise ScenarioError(
                    phrase("err_solver_scenario_whole_years", name=repr(self.name), error=error),
                    "shifts",
                    years,
                ) from None
        object.__setattr__(self, "shifts", _frozen(shifts))
        if self.ceilings is not None:
            ceilings = {}
            for year, value in dict(self.ceilings).items():
                try:
                    when = check_year(
                        float(to_decimal(year)),
                        phrase("err_solver_scenario_ceiling_year"),  # type: ignore[arg-type]
                    )
                    empty = value is None or str(value).strip().lower() in ("", "-", "none")
                    amount = None if empty else to_decimal(value)
                except (TypeError, ValueError) as error:
                    reason = (
                        error
                        if isinstance(error, LimitError)
                        else phrase("err_solver_scenario_not_year_amount")
                    )
                    raise ScenarioError(
                        phrase(
                            "err_solver_scenario_ceiling",
                            name=repr(self.name),
                            year=repr(year),
                            value=repr(value),
                            reason=reason,
                        ),
                        "ceilings",
                        value,
                    ) from None
                if amount is not None and not amount.is_finite():
                    raise ScenarioError(
                        phrase(
                            "err_solver_scenario_ceiling_infinite",
                            name=repr(self.name),
                            year=repr(year),
                            value=repr(value),
                        ),
                        "ceilings",
                        value,
                    )
                ceilings[when] = amount
            object.__setattr__(self, "ceilings", _frozen(ceilings))
        if self.ceiling_scale is not None:
            scale = _number(self.ceiling_scale, "ceiling_scale", self.name)
            if scale < 0:
                raise ScenarioError(
                    phrase(
                        "err_solver_scenario_scale_negative",
                        name=repr(self.name),
                        value=repr(self.ceiling_scale),
                    ),
                    "ceiling_scale",
                    scale,
                )
            object.__setattr__(self, "ceiling_scale", scale)
        try:
            escalation = check_escalation(_number(self.escalation, "escalation", self.name))
        except LimitError as error:
            raise ScenarioError(
                phrase("err_solver_scenario_error", name=repr(self.name), error=error),
                "escalation",
                self.escalation,
            ) from None
        object.__setattr__(self, "escalation", escalation)
        for text in [self.profile, *dict(self.profiles or {}).values()]:
            if text is not None:
                try:
                    get_profile(text)
                except CapexError as error:
                    raise ScenarioError(
                        phrase("err_solver_scenario_error", name=repr(self.name), error=error),
                        "profile",
                        text,
                    ) from None
        profiles = _by_id(self.profiles, "profiles", self.name)
        object.__setattr__(self, "profiles", _frozen({k: str(v) for k, v in profiles.items()}))
        drop = self.drop
        drop = [drop] if isinstance(drop, (str, int)) else list(drop or ())
        object.__setattr__(self, "drop", tuple(normalize_id(pid) for pid in drop))
        if self.add is not None:
            if not isinstance(self.add, pd.DataFrame):
                raise ScenarioError(
                    phrase("err_solver_scenario_add_frame", name=repr(self.name)), "add"
                )
            object.__setattr__(self, "add", self.add.copy())
        if self.method not in METHODS:
            raise ScenarioError(
                phrase(
                    "err_solver_scenario_method",
                    name=repr(self.name),
                    methods=str(METHODS),
                    value=repr(self.method),
                ),
                "method",
                self.method,
            )

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        # a frozen mapping does not pickle: send plain ones, so that a scenario can run in
        # another process (capex.sweep); __post_init__ freezes them again
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        plain = {k: dict(v) if isinstance(v, MappingProxyType) else v for k, v in values.items()}
        return (_scenario_of, (plain,))

    # -- applying ----------------------------------------------------------------------------
    def apply(self, portfolio: Portfolio) -> Portfolio:
        """The changed portfolio (the base is not changed)."""
        frame = portfolio.frame
        ids = portfolio.ids

        def match(references: Sequence[Any], key: str) -> list[Any]:
            return resolve_ids(
                references, ids, what=f"project (scenario {self.name!r})", column=key
            )

        drop = match(list(self.drop), "drop")
        shifts = dict(zip(match(list(self.shifts), "shifts"), self.shifts.values()))
        profiles = dict(zip(match(list(self.profiles), "profiles"), self.profiles.values()))
        frame = frame.drop(index=drop)
        if self.add is not None and len(self.add):
            added = load_projects(
                self.add,
                plan_period=portfolio.plan_period,
                name=f"{self.name}: added",
                currency=portfolio.money.currency,
                minor_unit=portfolio.money.unit,
            ).frame
            clash = added.index.intersection(frame.index)
            if len(clash):
                raise DataError(
                    phrase("err_solver_scenario_id_taken", name=repr(self.name)),
                    source="<add>",
                    column="id",
                    value=clash[0],
                )
            frame = pd.concat([frame, added])
        for pid, text in profiles.items():
            if pid in frame.index:
                frame.loc[pid, "profile"] = text
        changed = portfolio.replace(frame=frame, published=None)
        if shifts or self.escalation:
            changed = changed.replace(frame=self._moved_frame(changed, shifts), keep_amounts=True)
        if self.ceiling_scale is not None and changed.budget_lines:
            changed = changed.replace(
                budget_lines=tuple(
                    _scale_line(line, self.ceiling_scale) for line in changed.budget_lines
                )
            )
        if changed.precedence is not None:
            graph = changed.precedence.copy()
            graph.remove_nodes_from([pid for pid in list(graph.nodes) if pid not in changed.ids])
            changed = changed.replace(precedence=graph)
        return changed

    def _moved_frame(self, portfolio: Portfolio, shifts: Mapping[Any, int]) -> pd.DataFrame:
        """Move windows by the shifts; cost the moves by the price index; new plan parts."""
        frame = portfolio.frame
        flows = cash_flow(portfolio, self.profile or "uniform").flows_minor
        first, last = portfolio.plan_period
        for pid, years in shifts.items():
            if years == 0 or pid not in frame.index:
                continue
            start, end = int(frame.at[pid, "start_year"]), int(frame.at[pid, "end_year"])
            if not (FIRST_YEAR <= start + years and end + years <= LAST_YEAR):
                raise ScenarioError(
                    phrase(
                        "scenario_shift_outside",
                        name=self.name,
                        project=repr(pid),
                        years=f"{years:+d}",
                        start=start,
                        end=end,
                        first=FIRST_YEAR,
                        last=LAST_YEAR,
                    ),
                    "shifts",
                    years,
                )
            row = flows.loc[pid]
            moved = pd.Series(row.to_numpy(), index=[int(y) + years for y in row.index])
            total = int(frame.at[pid, "total_minor"])
            factor = (Decimal(1) + Decimal(str(self.escalation))) ** years
            new_total = int((Decimal(total) * factor).to_integral_value(rounding=ROUND_HALF_UP))
            if new_total > MAX_AMOUNT:
                raise ScenarioError(
                    phrase(
                        "scenario_escalation_too_large",
                        name=self.name,
                        project=repr(pid),
                        rate=f"{self.escalation:g}",
                        years=years,
                    ),
                    "escalation",
                    self.escalation,
                )
            if new_total != total and total > 0:
                weights = moved.to_numpy(dtype=float) / total
                moved = pd.Series(
                    largest_remainder(np.array([new_total]), weights)[0], index=moved.index
                )
            frame.at[pid, "start_year"] = start + years
            frame.at[pid, "end_year"] = end + years
            frame.at[pid, "total_minor"] = new_total
            frame.at[pid, "plan_minor"] = int(
                moved[(moved.index >= first) & (moved.index <= last)].sum()
            )
        return frame

    def ceilings_for(self, ceilings: Any, portfolio: Portfolio | None = None) -> Any:
        """The ceilings a run uses: the scenario's own or ``ceilings``, times the scale."""
        base = dict(self.ceilings) if self.ceilings is not None else ceilings
        if self.ceiling_scale is None or base is None:
            return base
        if isinstance(base, BudgetLine):
            return _scale_line(base, self.ceiling_scale)
        if isinstance(base, (Mapping, pd.Series)):
            scale = Decimal(str(self.ceiling_scale))
            return {
                int(y): None
                if v is None or (isinstance(v, float) and math.isnan(v))
                else to_decimal(v) * scale
                for y, v in base.items()
            }
        if isinstance(base, (int, float, Decimal)) and not isinstance(base, bool):
            return to_decimal(base) * Decimal(str(self.ceiling_scale))
        return tuple(_scale_line(line, self.ceiling_scale) for line in base)

    def describe(self, portfolio: Portfolio | None = None) -> tuple[Message, ...]:
        """One sentence per change, naming projects by id and name when the base is given
        (each a :class:`~capex.terms.Message`: a summary in Chinese says it in Chinese)."""
        names = {} if portfolio is None else dict(zip(portfolio.ids, portfolio.column("name")))

        def who(pid: Any) -> str:
            label = None if portfolio is None else match_id(pid, portfolio.ids)
            return f"{label} ({names[label]})" if label in names else str(pid)

        out = []
        if self.drop:
            out.append(phrase("change_drop", projects=", ".join(who(p) for p in self.drop)))
        if self.add is not None and len(self.add):
            out.append(phrase("change_add", n=len(self.add)))
        for pid, text in self.profiles.items():
            out.append(phrase("change_project_profile", project=who(pid), profile=text))
        for pid, years in self.shifts.items():
            out.append(phrase("change_shift", project=who(pid), years=f"{years:+d}"))
        if self.escalation:
            out.append(phrase("change_escalation", rate=f"{self.escalation:.4g}"))
        if self.profile:
            out.append(phrase("change_profile", profile=self.profile))
        if self.ceilings is not None:
            written = ", ".join(
                f"{y}: {'-' if v is None else format(v, 'f')}"
                for y, v in sorted(self.ceilings.items())
            )
            unit = (portfolio.money if portfolio is not None else WAN).display_unit
            out.append(phrase("change_ceilings", ceilings=written, unit=unit))
        if self.ceiling_scale is not None:
            out.append(phrase("change_ceiling_scale", scale=f"{self.ceiling_scale:g}"))
        return tuple(out)

    def run(
        self,
        portfolio: Portfolio | None = None,
        ceilings: Any = None,
        *,
        method: str | None = None,
        **options: Any,
    ) -> SpreadResult | ShiftResult:
        """Plan the changed portfolio and record the scenario on the result.

        Parameters
        ----------
        portfolio
            The base portfolio; ``None`` for the bundled Yuecheng projects.
        ceilings
            The base ceilings (as :func:`capex.spread` takes them); the scenario's own
            ``ceilings`` replace them and ``ceiling_scale`` scales them.
        method
            ``"spread"`` or ``"shift"``; default the scenario's.
        **options
            Passed to :func:`capex.spread` or :func:`capex.shift` (``profile`` defaults to
            the scenario's).

        Returns
        -------
        SpreadResult or ShiftResult
            The planner's own result, with ``scenario`` and ``changes`` set, the scenario's
            shifts in ``delays`` (for a deferral, added to the delays it chose) and the moved
            windows in ``windows``. Its ``full_window()`` holds the years outside the plan
            period from the changed portfolio's cash flow.
        """
        from capex.solvers.shift import shift
        from capex.solvers.spread import spread

        if portfolio is None:
            portfolio = load_projects()
        method = method or self.method
        if method not in METHODS:
            raise ScenarioError(
                phrase("err_solver_method", methods=str(METHODS), value=repr(method))
            )
        changed = self.apply(portfolio)
        limits = self.ceilings_for(ceilings, portfolio)
        options.setdefault("profile", self.profile or "uniform")
        shifts = pd.Series(0, index=changed.ids, dtype=np.int64, name="delay")
        for pid, years in zip(resolve_ids(list(self.shifts), portfolio.ids), self.shifts.values()):
            if pid in shifts.index:
                shifts[pid] = years
        result: SpreadResult | ShiftResult
        if method == "shift":
            result = shift(changed, limits, **options)
            # the moves of the scenario count as delays too
            result = dataclasses.replace(result, delays=result.delays + shifts)
        else:
            result = spread(changed, limits, **options)
            result = dataclasses.replace(
                result, delays=shifts, windows=changed.frame[["start_year", "end_year"]]
            )
        return dataclasses.replace(result, scenario=self.name, changes=self.describe(portfolio))

    # -- reading -------------------------------------------------------------------------
    def __repr__(self) -> str:
        shown = [f"{self.name!r}"]
        plain = {
            "method": self.method if self.method != "spread" else None,
            "shifts": dict(self.shifts) or None,
            "ceilings": None
            if self.ceilings is None
            else {y: None if v is None else format(v, "f") for y, v in self.ceilings.items()},
            "ceiling_scale": self.ceiling_scale,
            "profile": self.profile,
            "profiles": dict(self.profiles) or None,
            "escalation": self.escalation or None,
            "drop": list(self.drop) or None,
            "description": self.description or None,
        }
        shown += [f"{key}={value!r}" for key, value in plain.items() if value is not None]
        if self.add is not None and len(self.add):
            shown.append(f"add=<{len(self.add)} project(s)>")
        return f"Scenario({', '.join(shown)})"

    def _repr_html_(self) -> str:
        lang = check_lang(None)
        changes = [said(text, lang) for text in self.describe()] or [term("no_change", lang)]
        head = term("scenario_named", lang, name=self.name)
        if self.method != "spread":
            head += term("scenario_run_by", lang, method=self.method)
        return html_report(
            head, lines=[self.description, *changes] if self.description else changes
        )

    # -- files ---------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The scenario as plain data (amounts as text of exact decimals)."""
        out: dict[str, Any] = {"name": self.name}
        if self.description:
            out["description"] = self.description
        if self.method != "spread":
            out["method"] = self.method
        if self.shifts:
            out["shifts"] = {str(k): v for k, v in self.shifts.items()}
        if self.ceilings is not None:
            out["ceilings"] = {
                str(k): (None if v is None else format(v, "f")) for k, v in self.ceilings.items()
            }
        if self.ceiling_scale is not None:
            out["ceiling_scale"] = self.ceiling_scale
        if self.profile:
            out["profile"] = self.profile
        if self.profiles:
            out["profiles"] = {str(k): v for k, v in self.profiles.items()}
        if self.escalation:
            out["escalation"] = self.escalation
        if self.drop:
            out["drop"] = list(self.drop)
        if self.add is not None and len(self.add):
            out["add"] = [
                {str(k): _plain(v) for k, v in row.items()} for row in self.add.to_dict("records")
            ]
        return out

    def to_file(self, path: str | Path) -> Path:
        """Write the scenario as TOML (``.toml``) or JSON (``.json``), whole or not at all."""
        path = Path(path)
        data = self.to_dict()
        if path.suffix.lower() == ".json":
            write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif path.suffix.lower() == ".toml":
            write_text(path, toml_text(_without_none(data)))
        else:
            suffix = repr(path.suffix) if path.suffix else phrase("err_solver_no_suffix")
            raise ScenarioError(phrase("err_solver_scenario_suffix", path=str(path), suffix=suffix))
        return path

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "<dict>") -> Scenario:
        """A scenario from plain data; a bad key or value raises a DataError naming it."""
        if not isinstance(data, Mapping):
            raise DataError(phrase("err_solver_scenario_not_table"), source=source)
        unknown = sorted(str(key) for key in set(data) - _KEYS)
        if unknown:
            raise DataError(
                phrase("err_solver_scenario_unknown_key", known=", ".join(sorted(_KEYS))),
                source=source,
                column=unknown[0],
                value=data[unknown[0]],
            )
        if "name" not in data:
            raise DataError(phrase("err_solver_scenario_nameless"), source=source, column="name")
        for key in ("name", "description", "method", "profile"):
            if key in data:
                _check_text(data[key], key, source)
        kwargs: dict[str, Any] = {"name": data["name"]}
        for key in ("description", "method", "profile"):
            if key in data:
                kwargs[key] = data[key]
        for key in ("shifts", "profiles"):
            if key in data:
                kwargs[key] = _by_file_id(_table(data, key, source), key, source)
        if "profiles" in kwargs:
            for value in kwargs["profiles"].values():
                _check_text(value, "profiles", source)
        if "ceilings" in data:
            kwargs["ceilings"] = dict(
                _table(data, "ceilings", source, phrase("err_solver_scenario_expected_ceilings"))
            )
        for key in ("ceiling_scale", "escalation"):
            if key in data:
                kwargs[key] = data[key]
        if "drop" in data:
            if not isinstance(data["drop"], list):
                raise DataError(
                    phrase("err_solver_scenario_expected_ids"),
                    source=source,
                    column="drop",
                    value=data["drop"],
                )
            kwargs["drop"] = tuple(_file_id(v, "drop", source) for v in data["drop"])
        if "add" in data:
            kwargs["add"] = _added_projects(data["add"], source)
        try:
            return cls(**kwargs)
        except ScenarioError as error:
            raise DataError(
                error.args[0], source=source, column=error.key, value=error.value
            ) from None

    @classmethod
    def from_file(cls, path: str | Path) -> Scenario:
        """Read a scenario from a TOML or JSON file (UTF-8, with or without a byte-order
        mark); a bad file raises a DataError naming it."""
        path = Path(path)
        label = str(path)
        try:
            text = read_bytes(path).decode("utf-8-sig")
        except OSError as error:
            raise DataError(
                phrase("err_solver_scenario_unreadable", reason=error.strerror or str(error)),
                source=label,
            ) from None
        except UnicodeDecodeError as error:
            raise DataError(
                phrase("err_solver_scenario_not_utf8", byte=error.start),
                source=label,
            ) from None
        try:
            if path.suffix.lower() == ".json":
                data = json.loads(text)
            else:
                data = tomllib.loads(text)
        except json.JSONDecodeError as error:
            raise DataError(
                phrase(
                    "err_solver_scenario_json",
                    reason=error.msg,
                    line=error.lineno,
                    column=error.colno,
                ),
                source=label,
            ) from None
        except tomllib.TOMLDecodeError as error:
            raise DataError(
                phrase("err_solver_scenario_toml", reason=str(error)), source=label
            ) from None
        except RecursionError:
            raise DataError(phrase("err_solver_scenario_too_deep"), source=label) from None
        return cls.from_dict(data, source=label)


# ---------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------
def run_scenarios(
    scenarios: Sequence[Scenario],
    portfolio: Portfolio | None = None,
    ceilings: Any = None,
    *,
    show_progress: bool | None = None,
    **options: Any,
) -> list[PlanResult]:
    """Run several scenarios on one base, in order, with a progress bar for long runs.

    Parameters
    ----------
    scenarios
        The scenarios; their names should differ, so that :func:`capex.compare` tells them
        apart.
    portfolio, ceilings, **options
        As for :meth:`Scenario.run`, the same for every scenario.
    show_progress
        True or False to show or hide the bar; ``None`` shows it when someone is watching
        (see :func:`capex.io.progress.progress`).

    Returns
    -------
    list of PlanResult
        One result per scenario, in the order given.
    """
    from capex.io.progress import progress

    base = portfolio if portfolio is not None else load_projects()
    disable = None if show_progress is None else not show_progress
    return [
        scenario.run(base, ceilings, **options)
        for scenario in progress(scenarios, total=len(scenarios), desc="scenarios", disable=disable)
    ]


def _scenario_of(values: dict[str, Any]) -> Scenario:
    """A scenario from its fields (how a pickled scenario is made again)."""
    return Scenario(**values)


def _number(value: Any, key: str, name: str) -> float:
    not_a_number = phrase(
        "err_solver_scenario_not_number", name=repr(name), setting=_setting(key), value=repr(value)
    )
    if isinstance(value, bool):
        raise ScenarioError(not_a_number, key, value)
    try:
        number = float(to_decimal(value))
    except ValueError:
        raise ScenarioError(not_a_number, key, value) from None
    return number


def _file_id(value: Any, key: str, source: str) -> Any:
    """A project id written in a scenario file: text or a whole number, nothing else."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DataError(
            phrase("err_solver_scenario_id_kind"), source=source, column=key, value=value
        )
    _check_text(str(value), key, source)
    return normalize_id(value)


def _by_file_id(table: Mapping[Any, Any], key: str, source: str) -> dict[Any, Any]:
    """A table of a scenario file keyed by project ids: two keys naming one project (``19``
    and ``"019"``) are an error naming both, not the last one kept."""
    out: dict[Any, Any] = {}
    written: dict[Any, Any] = {}
    for raw, value in table.items():
        pid = _file_id(raw, key, source)
        if pid in out:
            raise DataError(
                phrase(
                    "err_solver_scenario_id_twice",
                    project=repr(pid),
                    first=repr(written[pid]),
                    second=repr(raw),
                ),
                source=source,
                column=key,
                value=raw,
            )
        out[pid], written[pid] = value, raw
    return out


def _table(
    data: Mapping[str, Any], key: str, source: str, expected: Message | None = None
) -> Mapping[str, Any]:
    value = data[key]
    if not isinstance(value, Mapping):
        raise DataError(
            expected or phrase("err_solver_scenario_expected_table"),
            source=source,
            column=key,
            value=value,
        )
    return value


def _check_text(value: Any, key: str, source: str) -> None:
    """Text from a scenario file: no control characters (they cannot go into a workbook)."""
    if isinstance(value, str):
        problem = control_character(value)
        if problem:
            raise DataError(problem, source=source, column=key, value=value)


def _added_projects(rows: Any, source: str) -> pd.DataFrame:
    """The ``add`` list of a scenario file as a table of projects (checked when applied)."""
    if not isinstance(rows, list) or not all(isinstance(r, Mapping) for r in rows):
        raise DataError(
            phrase("err_solver_scenario_expected_rows"), source=source, column="add", value=rows
        )
    for row in rows:
        for column, value in row.items():
            if isinstance(value, (Mapping, list)):
                raise DataError(
                    phrase("err_solver_scenario_one_value", column=column),
                    source=source,
                    column="add",
                    value=value,
                )
            _check_text(value, "add", source)
    return pd.DataFrame([dict(r) for r in rows])


def _plain(value: Any) -> Any:
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def _scale_line(line: BudgetLine, scale: float) -> BudgetLine:
    return line.scaled(Decimal(str(scale)))


def _without_none(data: Any) -> Any:
    """``data`` as TOML holds it: no ceiling (``None``) is written ``"-"``, which reads back as
    none; a project's empty field is left out."""
    if isinstance(data, Mapping):
        out = {}
        for key, value in data.items():
            if value is None and key != "ceilings":
                out[key] = "-"
            elif value is not None:
                out[key] = _without_none(value)
        return out
    if isinstance(data, list):
        return [
            {k: _without_none(v) for k, v in row.items() if v is not None}
            if isinstance(row, Mapping)
            else _without_none(row)
            for row in data
        ]
    return data
