"""The sheets of a selection: every candidate, the chosen schedule, the years against their
ceilings, why each candidate was left out, the value findings and the assumptions."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from capex.export.sheet import Amount, Sheet, Words, assumptions_frame, headed
from capex.model.value import fraction_text
from capex.terms import said


def selection_sheets(result: Any, words: Words | None = None) -> list[Sheet]:
    """A :class:`~capex.solvers.selection.SelectionResult`: candidates, schedule, annual, rejected,
    findings (when any) and assumptions, in the words and unit asked for."""
    words = words or Words()
    out = [_candidates_sheet(result, words), _schedule_sheet(result, words)]
    out.append(_annual_sheet(result, words))
    out.append(_rejected_sheet(result, words))
    if len(result.findings):
        frame = result.findings.copy()
        frame["message"] = [said(m, words.lang) for m in frame["message"]]
        frame["severity"] = [words(s) for s in frame["severity"]]
        # its own name: a workbook with the reconciliation holds that one's findings too
        out.append(headed("selection_findings", frame, [], words))
    frame = assumptions_frame(
        _assumptions(result, words), result.money, words=words, provenance=result.provenance
    )
    out.append(Sheet(words.sheet("assumptions"), frame))
    return out


def _value(result: Any, scaled: Any) -> float | None:
    if scaled is None or pd.isna(scaled):
        return None
    return float(Fraction(int(scaled), result.value_scale))


def _candidates_sheet(result: Any, words: Words) -> Sheet:
    table = result.candidates
    chosen = table["chosen"].to_numpy(bool)
    delay = np.where(chosen, table["delay"].to_numpy(np.int64), 0)
    frame = pd.DataFrame(
        {
            "id": list(table.index),
            "name": table["name"].tolist(),
            "chosen": [words.yes_no(c) for c in chosen],
            "project_value": [
                _value(result, v) if known else None
                for v, known in zip(table["value_scaled"], table["value_known"])
            ],
            "delay_years": [int(d) if c else None for d, c in zip(delay, chosen)],
            "start_year": (table["start_year"].to_numpy(np.int64) + delay).tolist(),
            "end_year": (table["end_year"].to_numpy(np.int64) + delay).tolist(),
            "plan_spend": table["plan_minor"].to_numpy(np.int64),
            "total_investment": table["total_minor"].to_numpy(np.int64),
            "reason": [
                "" if c else result.reason(pid, words.lang) for pid, c in zip(table.index, chosen)
            ],
        }
    )
    return headed("selection", frame, ["plan_spend", "total_investment"], words)


def _schedule_sheet(result: Any, words: Words) -> Sheet:
    schedule = result.schedule_minor
    years = [int(y) for y in schedule.columns]
    names = result.candidates["name"]
    frame = pd.DataFrame({"id": list(schedule.index)}, dtype=object)
    frame["name"] = [names[pid] for pid in schedule.index]
    for year, column in zip(years, schedule.columns):
        frame[year] = schedule[column].to_numpy(dtype=np.int64)
    total = words.total()
    frame[total] = schedule.to_numpy(dtype=np.int64).sum(axis=1)
    total_row: dict[Any, Any] = {"id": None, "name": total}
    total_row.update({year: int(frame[year].sum()) for year in [*years, total]})
    frame = pd.concat([frame, pd.DataFrame([total_row])], ignore_index=True)
    return headed("schedule", frame, [*years, total], words, total_rows=1)


def _annual_sheet(result: Any, words: Words) -> Sheet:
    """Per line and plan year: spending, ceiling, headroom (amounts), the value one more
    step buys (exact re-solve) and the relaxation's dual of it (labelled: not exact)."""
    first, last = result.plan_period
    marginals = result.marginals
    rows = []
    for line in result.line_totals_minor.index:
        for year in range(first, last + 1):
            total = int(result.line_totals_minor.loc[line].get(year, 0))
            ceiling = result.line_ceilings_minor.loc[line].get(year, pd.NA)
            capped = not pd.isna(ceiling)
            hit = marginals[(marginals["line"] == line) & (marginals["year"] == year)]
            gain = dual = None
            if len(hit):
                gain = _value(result, hit["gain_scaled"].iloc[0])
                dual = float(hit["lp_dual_scaled"].iloc[0]) / result.value_scale
            rows.append(
                {
                    "budget_line": str(line),
                    "year": year,
                    "total": total,
                    "ceiling": int(ceiling) if capped else None,
                    "headroom": int(ceiling) - total if capped else None,
                    "value_of_more": gain,
                    "lp_dual": dual,
                }
            )
    envelope = marginals[marginals["line"] == ""]
    if result.envelope_minor is not None:
        rows.append(
            {
                "budget_line": words("envelope"),
                "year": None,
                "total": int(result.plan_spend_minor),
                "ceiling": int(result.envelope_minor),
                "headroom": int(result.envelope_minor) - int(result.plan_spend_minor),
                "value_of_more": _value(result, envelope["gain_scaled"].iloc[0])
                if len(envelope)
                else None,
                "lp_dual": float(envelope["lp_dual_scaled"].iloc[0]) / result.value_scale
                if len(envelope)
                else None,
            }
        )
    frame = pd.DataFrame(rows)
    frame["year"] = pd.array(frame["year"].tolist(), dtype="Int64")
    return headed("annual", frame, ["total", "ceiling", "headroom"], words)


def _rejected_sheet(result: Any, words: Words) -> Sheet:
    table = result.rejections
    names = result.candidates["name"]
    frame = pd.DataFrame(
        {
            "id": list(table.index),
            "name": [names[pid] for pid in table.index],
            "project_value": [
                _value(result, result.candidates.at[pid, "value_scaled"])
                if result.candidates.at[pid, "value_known"]
                else None
                for pid in table.index
            ],
            "reason": [result.reason(pid, words.lang) for pid in table.index],
            "value_lost": [_value(result, v) for v in table["value_lost_scaled"]],
            "departing": table["leave"].tolist(),
            "entering": table["enter"].tolist(),
        }
    )
    return headed("rejected", frame, [], words)


def _assumptions(result: Any, words: Words) -> list[tuple[str, Any]]:
    lang = words.lang
    money = result.money
    rules = result.rules

    def ids(values: Any) -> str:
        return ", ".join(str(v) for v in values) if values else words("none")

    label = said(result.value_label, lang)
    items: list[tuple[str, Any]] = [
        (words("status"), words(str(result.status))),
        (words("select_value_item", label=label), fraction_text(result.value)),
        (words("select_bound"), "" if result.bound is None else fraction_text(result.bound)),
        (
            words("select_value_how"),
            said(result.value_description, lang),
        ),
        (
            words("envelope"),
            Amount(result.envelope_minor) if result.envelope_minor is not None else words("none"),
        ),
        (words("plan_spend"), Amount(int(result.plan_spend_minor))),
        (words("select_must"), ids(rules.must)),
        (words("select_exclude"), ids(rules.exclude)),
        (
            words("select_alternatives"),
            "; ".join(ids(group) for group in rules.alternatives) or words("none"),
        ),
        (words("select_needs"), "; ".join(f"{a} -> {b}" for a, b in rules.needs) or words("none")),
        (words("select_max_delay"), str(rules.max_delay)),
        (words("profile"), result.profile),
        (words("method"), result.method),
        (words("solver"), result.solver),
        (words("select_listed"), int(result.listed)),
    ]
    for line in result.lines:
        caps = line.ceilings_minor(money)
        text = ", ".join(
            f"{year}: {money.text(cap, words.unit)}" for year, cap in sorted(caps.items())
        )
        items.append(
            (words("line_ceilings", line=line.name, unit=money.normalize_unit(words.unit)), text)
        )
    items += [
        (words("note_item", n=k), said(m, lang)) for k, m in enumerate(result.messages, start=1)
    ]
    return items
