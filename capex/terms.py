"""Every word a user reads, in English and in Chinese, from one table.

Reports, sheets, plots and the command line take ``lang="en"`` (the default) or ``lang="zh"``
and look their labels up here, so that a heading is translated once and reads the same in a
workbook, a figure and a terminal. A term is a key and its two texts; a text may hold
``{placeholders}`` that :func:`term` fills in.

>>> term("total")
'total'
>>> term("total", "zh")
'合计'
>>> term("with_unit", "zh", label=term("total", "zh"), unit="亿元")
'合计（亿元）'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

from capex._options import LANGS as _LANGS
from capex._options import options
from capex.errors import WHERE_WORDS, CapexError, DataError

__all__ = [
    "LANGS",
    "TERMS",
    "Joined",
    "Message",
    "Worded",
    "check_lang",
    "heading",
    "joined",
    "line_phrase",
    "line_word",
    "method_words",
    "phrase",
    "policy_word",
    "profile_phrase",
    "profile_word",
    "rule_word",
    "said",
    "severity_word",
    "term",
    "texts",
    "with_unit",
]

LANGS = _LANGS
"""The languages capex speaks: English (default) and simplified Chinese."""


class LanguageError(CapexError, ValueError):
    """A language capex does not speak, or a term it does not know."""


_ERROR_WHERE_ZH = {
    "at": "{where}：{problem}",
    "and": "，",
    "sheet": "工作表{sheet}",
    "cell": "单元格{cell}",
    "row": "第{row}行",
    "column": "列“{column}”",
    "id": "序号{id}",
    "detail": "（{detail}）",
    "value": "值{value}",
}
"""Where a bad value is, in Chinese; the English words are the error's own
(:data:`capex.errors.WHERE_WORDS`)."""


# key: (English, Chinese). Keep keys in snake_case and group them by where they appear.
TERMS: Mapping[str, tuple[str, str]] = {
    # -- general -------------------------------------------------------------------------
    "with_unit": ("{label} ({unit})", "{label}（{unit}）"),
    "total": ("total", "合计"),
    "year": ("year", "年份"),
    "id": ("id", "序号"),
    "name": ("name", "项目名称"),
    "project": ("project", "项目"),
    "projects": ("projects", "项目"),
    "street": ("street", "建设地点"),
    "builder": ("builder", "建设单位"),
    "start_year": ("start year", "开工年份"),
    "end_year": ("end year", "竣工年份"),
    "total_investment": ("total investment", "总投资"),
    "plan_investment": ("plan investment {first}-{last}", "{first}-{last}年投资"),
    "government_investment": ("government investment", "是否政府投资"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "none": ("none", "无"),
    # -- plans ---------------------------------------------------------------------------
    "ceiling": ("ceiling", "预算上限"),
    "headroom": ("headroom", "预算余额"),
    "binding": ("binding", "达到上限"),
    "extra_budget": ("extra budget needed", "需追加预算"),
    "shadow_price": (
        "money moved saved per unit of extra budget",
        "每增加一单位预算可少调整的资金",
    ),
    "status": ("status", "状态"),
    "schedule": ("schedule", "分年度计划"),
    "annual": ("annual totals", "年度合计"),
    "assumptions": ("assumptions", "假设与说明"),
    # -- after the plan: actuals, variance, re-forecast and carry-over ---------------------
    "actual": ("actual", "实际"),
    "planned": ("planned", "计划"),
    "difference": ("difference", "差额"),
    "percent": ("difference %", "差异率 %"),
    "cumulative_planned": ("cumulative planned", "累计计划"),
    "cumulative_actual": ("cumulative actual", "累计实际"),
    "cumulative_difference": ("cumulative difference", "累计差额"),
    "forecast": ("forecast", "预测"),
    "baseline": ("baseline", "基准计划"),
    "actual_to_date": ("actual to date", "累计实际支出"),
    "remaining": ("estimate to complete", "尚需投资"),
    "at_completion": ("estimate at completion", "预计完成投资"),
    "budget": ("budget at completion", "预算总额"),
    "spent": ("spent", "已支出"),
    "carried": ("carried over", "结转"),
    "saving": ("saving", "结余"),
    "overrun": ("overrun", "超支"),
    "outcome": ("outcome", "处理结果"),
    "in_next_period": ("in {first}-{last}", "{first}-{last}年"),
    "after_next_period": ("after {last}", "{last}年以后"),
    "new_start": ("new start year", "新开工年份"),
    "new_end": ("new end year", "新竣工年份"),
    "severity": ("severity", "级别"),
    "rule": ("rule", "规则"),
    "message": ("message", "说明"),
    "findings": ("findings", "发现的问题"),
    "selection_findings": ("selection findings", "遴选发现的问题"),
    "findings_more": ("... and {n} more (.findings)", "……另有{n}条（见 .findings）"),
    "bank_other_columns": ("other columns: {columns}", "其他列：{columns}"),
    "variance_title": ("Variance: actual against plan", "计划执行偏差分析"),
    "reforecast_title": ("Re-forecast as of {as_of}", "截至{as_of}年的滚动预测"),
    "handover_title": (
        "Carry-over into {first}-{last}",
        "结转至{first}-{last}年",
    ),
    "budget_line": ("budget line", "预算科目"),
    "by_year": ("by year", "分年度"),
    "by_project": ("by project", "分项目"),
    "by_street": ("by street", "按建设地点"),
    "by_builder": ("by builder", "按建设单位"),
    "by_line": ("by budget line", "按预算科目"),
    "actions": ("actions", "处理情况"),
    "projects_sheet": ("projects", "项目"),
    "detail": ("project and year", "分项目分年度"),
    "reconciliation": ("reconciliation", "核对"),
    "finished": ("finished", "已完成"),
    "next_plan": ("next plan", "下期计划"),
    "new_projects": ("new projects", "新增项目"),
    "end_of_year": ("end of year", "年末"),
    "plot_variance_year": ("Planned and actual spending by year", "分年度计划与实际支出"),
    "plot_variance_project": (
        "Actual minus planned spending to {as_of}, by project",
        "截至{as_of}年各项目实际与计划之差",
    ),
    "plot_s_curve": (
        "Baseline, actual and forecast: cumulative spend",
        "基准计划、实际与预测：累计支出",
    ),
    "as_of_line": ("as of {as_of}", "截至{as_of}年"),
    "plot_carry_over": (
        "Each total: spent to {last}, carried into {first_next}-{last_next}, saving",
        "各项目总投资：至{last}年已支出、结转至{first_next}-{last_next}年、结余",
    ),
    "cumulative_spend": ("cumulative spend", "累计支出"),
    "compared_in": (
        "amounts compared in {unit}, the finer of the plan's {plan} and the actuals' {actual}",
        "按{unit}比较（计划单位{plan}与实际单位{actual}中较细者）",
    ),
    "action_budget_raised": (
        "budget raised by {amount} to the actual to date {spent} (overrun)",
        "超支：预算调增{amount}至累计实际支出{spent}",
    ),
    "action_overrun_reported": (
        "overrun of {amount} reported: spent {spent} against a total of {total}",
        "超支{amount}：已支出{spent}，总投资{total}",
    ),
    "action_window_extended": (
        "window {start}-{end} ended by {as_of} with {amount} left: extended to {first}",
        "建设期{start}-{end}年已于{as_of}年前结束，尚余{amount}：顺延至{first}年",
    ),
    "action_left_unscheduled": (
        "window {start}-{end} ended by {as_of} with {amount} left: left unscheduled",
        "建设期{start}-{end}年已于{as_of}年前结束，尚余{amount}：未安排",
    ),
    "finding_outside_window": (
        "{amount} spent in {year}, outside the window {start}-{end}",
        "{year}年支出{amount}，不在建设期{start}-{end}年内",
    ),
    "finding_refund": (
        "a negative amount in {year}: {amount} refunded or reversed",
        "{year}年为负数：退回或冲销{amount}",
    ),
    "finding_above_total": (
        "spent {spent} to date, above the total investment {total} by {over}",
        "累计支出{spent}，超过总投资{total}，超支{over}",
    ),
    "finding_over_total": (
        "over the total: spent {spent} to {as_of}, {over} above the total {total}",
        "超总投资：截至{as_of}年支出{spent}，超过总投资{total}达{over}",
    ),
    "finding_slipping": (
        "slipping: spent {actual} to {as_of} against {planned} planned ({short} later than planned)",
        "进度滞后：截至{as_of}年支出{actual}，计划{planned}（{short}推迟支出）",
    ),
    "finding_ahead": (
        "ahead of plan: spent {actual} to {as_of} against {planned} planned",
        "进度超前：截至{as_of}年支出{actual}，计划{planned}",
    ),
    "finding_not_started": (
        "not started: nothing spent to {as_of} against {planned} planned",
        "未开工：截至{as_of}年未支出，计划{planned}",
    ),
    "finding_finished_early": (
        "finished early: the whole {total} spent by {year}, the plan ran to {planned_end}",
        "提前完成：{year}年已支出全部{total}，计划至{planned_end}年",
    ),
    "finding_unplanned": (
        "unplanned spending: {actual} spent to {as_of} with nothing planned",
        "计划外支出：截至{as_of}年支出{actual}，无计划",
    ),
    # -- after the plan: a ledger's coverage, cells as ledgers write them, closing --------
    "coverage_ledger": ("the ledger covers {span}", "台账覆盖{span}"),
    "coverage_before_plan": (
        (
            "before {year}: {amount} planned on {n} project(s), taken as spent as planned "
            "(before='plan')"
        ),
        "{year}年以前：{n}个项目计划{amount}，按计划视为已支出（before='plan'）",
    ),
    "coverage_before_zero": (
        "before {year}: counted as nothing spent (before='zero'), though {amount} was planned",
        "{year}年以前：按未支出计（before='zero'），尽管计划了{amount}",
    ),
    "coverage_before_nothing": (
        "nothing was planned before {year}",
        "{year}年以前无计划投资",
    ),
    "coverage_opening": (
        "the years to {year}: the ledger's one amount for them",
        "{year}年及以前：取台账的累计数",
    ),
    "coverage_after_plan": (
        "{span}: {amount} taken as planned (the ledger stops at {as_of}, as_of={as_of})",
        "{span}年：按计划计{amount}（台账截至{as_of}年，as_of={as_of}）",
    ),
    "coverage_left_out": (
        "the ledger's {n} amount(s) after {as_of}, {amount}, are left out",
        "台账{as_of}年以后的{n}笔金额（{amount}）未计入",
    ),
    "coverage_carried": (
        (
            "{n} project(s) carried into this plan count their spending from {year} only (what "
            "they spent before is the hand-over's)"
        ),
        "{n}个结转项目只计{year}年起的支出（此前支出已在上期结转时计入）",
    ),
    "closing": ("closing", "处理依据"),
    "released": ("released (saving)", "完工结余"),
    "suspended": ("suspended (stopped)", "停建资金"),
    "status_finished": ("finished", "已完工"),
    "status_under_way": ("under way", "在建"),
    "status_not_started": ("not started", "未开工"),
    "status_stopped": ("stopped", "停建"),
    "closing_finished": ("finished=", "finished="),
    "closing_status": ("status column", "状态列"),
    "closing_policy": ("past_window", "按建设期已过的处理方式"),
    "closing_default": ("spending", "支出情况"),
    "finding_not_started_carried": (
        "not started: {amount} carried into {first}-{last}; its start may move",
        "未开工：{amount}结转至{first}-{last}年，开工时间可调整",
    ),
    "finding_stopped": (
        "stopped: {amount} left on it is not carried; it is listed apart",
        "停建：剩余{amount}不结转，单列",
    ),
    "finding_under_way_spent_nothing": (
        "marked under way, but nothing was spent to {year}",
        "标为在建，但截至{year}年无支出",
    ),
    "finding_ledger_differs_from_handover": (
        "the ledger has {ledger} before {year}; the hand-over recorded {recorded} spent",
        "台账{year}年以前支出{ledger}，上期结转记录已支出{recorded}",
    ),
    "finding_fixed_over_ceiling": (
        (
            "{year}: the projects under way (start fixed) alone need {need}, above the ceiling "
            "{ceiling}; only deferring one of them would fit it"
        ),
        "{year}年：在建项目（开工时间固定）本身需要{need}，超过上限{ceiling}；只有推迟在建项目才能满足",
    ),
    "finding_row_total_differs": (
        "the row's printed total{where} is {printed}; its years add up to {added}",
        "该行合计{where}为{printed}，各年相加为{added}",
    ),
    "finding_row_total_empty": (
        "the row's total{where} is empty: the sum of its years, {added}, is taken",
        "该行合计{where}为空：取各年之和{added}",
    ),
    "finding_sum_row_differs": (
        (
            "the {what} '{label}'{where} gives {printed} for {year}; the {n} row(s) it covers add "
            "up to {added}"
        ),
        "{what}“{label}”{where}{year}为{printed}，所含{n}行相加为{added}",
    ),
    "spent_before": ("spent before", "已完成投资"),
    "template_actuals_sheet": ("actuals", "实际支出"),
    "template_note_actuals_year": (
        (
            "what the project spent in {year}, in {unit}; '-', 0 or blank if nothing (the year is "
            "still covered); a refund as a negative amount"
        ),
        "{year}年实际支出（{unit}）；无支出填“-”、0或留空（该年仍视为已记录）；退款填负数",
    ),
    "template_note_status": (
        "the project's status at the close: {statuses} (optional)",
        "截至期末的项目状态：{statuses}（可空）",
    ),
    "template_note_actuals_units": (
        (
            "Amounts are in {unit}. The ledger covers the years of its columns ({first}-{last}); "
            "capex reads a year before them as the plan had it, unless told otherwise (--before)."
        ),
        "金额单位：{unit}。台账覆盖各列年份（{first}-{last}年）；此前年份按计划计，另有规定除外（--before）。",
    ),
    "finding_reduction": (
        "a reduction of {amount} in {year} (a negative year)",
        "{year}年调减{amount}（负数）",
    ),
    # -- input template (capex template) -------------------------------------------------
    "scope": ("scope", "建设内容及规模"),
    "note": ("note", "备注"),
    "template_sheet": ("projects", "项目表"),
    "template_notes_sheet": ("notes", "填表说明"),
    "template_column": ("column", "列"),
    "template_meaning": ("what to write", "填写说明"),
    "template_example_name": ("Example school (replace this row)", "示例小学（请替换本行）"),
    "template_example_street": ("Example street", "示例街道"),
    "template_example_scope": (
        "24 classes, site area 23335 m2, floor area 19750 m2",
        "24班，用地面积23335平米，建筑面积19750平米。",
    ),
    "template_example_builder": ("Example builder", "示例建设单位"),
    "template_note_id": ("a number or a code, one per project", "项目序号或编号，每个项目唯一"),
    "template_note_name": ("the project's name", "项目名称"),
    "template_note_year": (
        "a four-digit year ({first_year}-{last_year})",
        "四位数年份（{first_year}-{last_year}）",
    ),
    "template_note_street": ("where it is built (optional)", "建设地点（可空）"),
    "template_note_scope": (
        (
            "what is built; classes and areas are read from text such as "
            "'24班，用地面积23335平米，建筑面积19750平米' (optional)"
        ),
        "建设内容及规模；班级数和面积从“24班，用地面积23335平米，建筑面积19750平米”这样的文字读取（可空）",
    ),
    "template_note_total": (
        "the project's whole investment, in {unit}, with up to {decimals} decimals",
        "项目总投资，单位{unit}，最多{decimals}位小数",
    ),
    "template_note_plan": (
        "the part of it spent in {first}-{last}, in {unit}; not above the total",
        "其中{first}-{last}年投资，单位{unit}，不超过总投资",
    ),
    "template_note_builder": ("who builds it (optional)", "建设单位（可空）"),
    "template_note_government": (
        "yes or no: government or state-platform investment",
        "是或否：是否为政府投资项目或国有平台公司投资项目",
    ),
    "template_note_note": ("anything else (optional)", "其他说明（可空）"),
    "template_note_units": (
        (
            "Amounts are in {unit} (the unit in each amount heading is the one read). A last "
            "row headed 合计 (total) is read as the published totals."
        ),
        "金额单位：{unit}（以各金额列标题中的单位为准）。最后一行可填“合计”，作为公布的合计数核对。",
    ),
    # -- reconciliation: the report -----------------------------------------------------
    "rec_title": ("Reconciliation of {name}", "{name}对账"),
    "the_portfolio": ("the portfolio", "项目表"),
    "rec_intro": (
        "{n} projects, plan period {first}-{last}, amounts in {unit}.",
        "共{n}个项目，规划期{first}-{last}年，金额单位：{unit}。",
    ),
    "figure": ("figure", "指标"),
    "published": ("published", "公布数"),
    "computed": ("computed", "计算数"),
    "not_published": ("not published", "未公布"),
    "reconciles": ("reconciles", "一致"),
    "above_published": ("{amount} above the published figure", "比公布数多{amount}"),
    "below_published": ("{amount} below the published figure", "比公布数少{amount}"),
    "total_investment_government": ("total investment, government", "总投资（政府投资）"),
    "total_investment_other": ("total investment, non-government", "总投资（非政府投资）"),
    "plan_investment_government": (
        "plan investment {first}-{last}, government",
        "{first}-{last}年投资（政府投资）",
    ),
    "plan_investment_other": (
        "plan investment {first}-{last}, non-government",
        "{first}-{last}年投资（非政府投资）",
    ),
    "rec_verdict_ok": (
        "The totals reconcile exactly with the published figures.",
        "各项合计与公布数完全一致。",
    ),
    "rec_verdict_differs": (
        "The totals do NOT reconcile with the published figures.",
        "各项合计与公布数不一致。",
    ),
    "rec_verdict_unpublished": (
        "The source publishes no totals, so there is nothing to reconcile against.",
        "资料未公布合计数，无从对账。",
    ),
    "rec_verdict_ok_short": ("totals reconcile exactly", "合计与公布数一致"),
    "rec_verdict_differs_short": ("totals do NOT reconcile", "合计与公布数不一致"),
    "rec_verdict_unpublished_short": (
        "no published totals to reconcile against",
        "无公布合计数可对账",
    ),
    "rec_summary": ("{verdict}; findings: {counts}", "{verdict}；问题：{counts}"),
    "rec_split": (
        (
            "Split of the total {total} {unit}: before {first} {before}, in {first}-{last} "
            "{in_plan}, after {last} {after}, with no year in its window {unplaceable}."
        ),
        (
            "总投资{total}{unit}的拆分：{first}年以前{before}，{first}-{last}年{in_plan}，"
            "{last}年以后{after}，建设周期内无年份可安排{unplaceable}。"
        ),
    ),
    "rec_counts": (
        "Findings: {errors} error(s), {warnings} warning(s), {notes} note(s).",
        "问题：错误{errors}个，警告{warnings}个，提示{notes}个。",
    ),
    "all_projects": ("all", "全表"),
    "before": ("before", "规划期前"),
    "in_plan": ("in the plan period", "规划期内"),
    "after": ("after", "规划期后"),
    "unplaceable": ("no year for it", "无年份可安排"),
    "split": ("split", "投资拆分"),
    "project_id": ("project_id", "项目序号"),
    "error": ("error", "错误"),
    "warning": ("warning", "警告"),
    "info": ("info", "提示"),
    # -- reconciliation: the findings ----------------------------------------------------
    "finding_plan_unplaceable": (
        (
            "The window {window} lies wholly inside the plan period {period}, yet only {plan} of "
            "the {total} total falls in {period}: {unplaceable} has no year in the window to go to."
        ),
        (
            "建设周期{window}年全部在规划期{period}年内，但总投资{total}中只有{plan}安排在{period}年："
            "其余{unplaceable}在建设周期内没有年份可以安排。"
        ),
    ),
    "finding_plan_nothing_outside": (
        (
            "The window {window} reaches outside the plan period {period}, yet the whole {total} "
            "is planned for {period}: nothing is left for {sides}."
        ),
        "建设周期{window}年超出规划期{period}年，但总投资{total}全部安排在{period}年：{sides}没有安排资金。",
    ),
    "years_before_it": ("the years before it ({years})", "规划期前的年份（{years}年）"),
    "years_after_it": ("the years after it ({years})", "规划期后的年份（{years}年）"),
    "finding_plan_share_low": (
        (
            "Only {plan} of the {total} total ({plan_share}) falls in {period}, though "
            "{of_window} in it, {leaving}."
        ),
        "总投资{total}中只有{plan}（{plan_share}）安排在{period}年，而{of_window}在规划期内，{leaving}。",
    ),
    "finding_plan_share_high": (
        (
            "Only {outside} of the {total} total ({outside_share}) is left for {rest}, though "
            "{of_window} outside {period}."
        ),
        "总投资{total}中只有{outside}（{outside_share}）留给{rest}年，而{of_window}在规划期{period}年之外。",
    ),
    "of_window_one": (
        "{part} of the {years} years of its window {window} ({share}) lies",
        "建设周期{window}年的{years}年中有{part}年（{share}）",
    ),
    "of_window_many": (
        "{part} of the {years} years of its window {window} ({share}) lie",
        "建设周期{window}年的{years}年中有{part}年（{share}）",
    ),
    "leaving": ("leaving {amount} for {years}", "其余{amount}留给{years}年"),
    "leaving_alone": ("leaving {amount} for {years} alone", "其余{amount}全部留给{years}年"),
    "finding_scope_added_land": (
        (
            "The site area{area} is land added to the existing campus (新增用地), not the whole "
            "site, so it is left out of the site-area comparisons."
        ),
        "用地面积{area}为新增用地，不是整个校区的用地，因此不参与用地面积的比较。",
    ),
    "of_area": (" of {area}", "（{area}）"),
    "site_area_of": ("The site area of {area}", "用地面积{area}"),
    "for_classes": (" for {n} classes", "（{n}个班）"),
    "site_per_class_odd": (
        " ({per_class} a class) is {times} the portfolio's median ({median} a class)",
        "，每班{per_class}，是各项目中位数（每班{median}）的{times}",
    ),
    "times_about": ("about {n} times", "约{n}倍"),
    "times": ("{n} times", "{n}倍"),
    "times_fraction": ("about 1/{n} of", "约{n}分之一"),
    "floor_per_site_odd": (
        " the floor area is {ratio} times the site (median {median})",
        "，建筑面积是用地面积的{ratio}倍（中位数{median}倍）",
    ),
    "floor_per_site_odd_and": (
        " and the floor area is {ratio} times the site (median {median})",
        "，且建筑面积是用地面积的{ratio}倍（中位数{median}倍）",
    ),
    "floor_in_line": (
        (
            ", while the floor area itself, {floor} ({per_class} a class), is in line with the "
            "others: the site area is the figure to check in the source"
        ),
        "，而建筑面积{floor}（每班{per_class}）与其他项目相当：应核对原文中的用地面积",
    ),
    "tenth_in_line": (
        " (a tenth of it, {area}, would be in line)",
        "（其十分之一{area}即与其他项目相当）",
    ),
    "finding_units_mixed_row": (
        "The scope writes its areas in both {units} ({areas}); all are read as square metres.",
        "建设内容的面积同时使用{units}（{areas}），均按平方米读取。",
    ),
    "finding_units_approximate": (
        "The areas are given as approximate{areas}; they are used as written.",
        "面积为约数{areas}，按所写数值使用。",
    ),
    "finding_units_mixed_table": (
        "Areas are written in {n} units across the table, {parts}; all are read as square metres.",
        "全表面积使用{n}种单位：{parts}；均按平方米读取。",
    ),
    "unit_users": ("{unit} in {n} project(s) ({ids})", "{unit}{n}个项目（{ids}）"),
    "in_brackets": (" ({text})", "（{text}）"),
    "full_stop": (".", "。"),
    "and": (" and ", "和"),
    "or": (" or ", "或"),
    "semicolon": ("; ", "；"),
    "comma": (", ", "，"),
    "error_as_raised": ("{error}", "{error}"),
    "in_file": ("{file}: {text}", "{file}：{text}"),
    # -- plans: the summary --------------------------------------------------------------
    "summary_headline": (
        "{kind}{scenario}: {status}, {n} projects, {span}, {total}{objective}",
        "{kind}{scenario}：{status}，{n}个项目，{span}年，合计{total}{objective}",
    ),
    "kind_plan": ("plan", "资金计划"),
    # -- where a year's plan came from (the month plan, the annual and rolling plans) ---------
    "plan_source_result": ("{kind}, plan period {first}-{last}", "{kind}，规划期{first}-{last}年"),
    "plan_source_scenario": (
        "{kind} [{scenario}], plan period {first}-{last}",
        "{kind}（情景“{scenario}”），规划期{first}-{last}年",
    ),
    "plan_source_spread": ("spread", "分年计划"),
    "plan_source_shift": ("shift", "调整计划"),
    "plan_source_reforecast": ("reforecast", "重新预测"),
    "plan_source_plan": ("plan", "资金计划"),
    "plan_source_baseline": ("baseline {file}", "分年度基准{file}"),
    "plan_source_cash_flow": ("cash flow, profile {profile}", "现金流，支出曲线{profile}"),
    "plan_source_table": ("a project x year table", "项目×年度表"),
    "over_all_years": (" ({amount} over all years)", "（全部年份{amount}）"),
    "kind_shift": ("deferral plan", "推迟方案"),
    "no_years": ("no years", "无年份"),
    "optimal": ("optimal", "最优"),
    "feasible": ("feasible", "可行（未证明最优）"),
    "infeasible": ("infeasible", "无可行方案"),
    "unknown": ("unknown", "未求得方案"),
    "list_separator": (", ", "，"),
    "summary_method": ("method {method}", "求解方法：{method}"),
    "summary_profile": ("profile {profile}", "支出曲线：{profile}"),
    "summary_bound": ("proven bound {bound}", "已证明的下界：{bound}"),
    "summary_change": ("change: {change}", "变动：{change}"),
    "change_drop": ("drop {projects}", "取消{projects}"),
    "change_add": ("add {n} project(s)", "新增{n}个项目"),
    "change_project_profile": ("profile of {project}: {profile}", "{project}的支出曲线：{profile}"),
    "change_shift": ("shift {project} by {years} year(s)", "{project}推迟{years}年"),
    "change_escalation": (
        "escalate moved projects by {rate} per year moved",
        "推迟的项目每推迟一年投资上涨{rate}",
    ),
    "change_profile": ("profile {profile}", "支出曲线：{profile}"),
    "change_ceilings": ("ceilings {ceilings} {unit}", "预算上限：{ceilings}（{unit}）"),
    "change_ceiling_scale": ("ceilings x {scale}", "预算上限×{scale}"),
    "summary_binding_note": (
        "* binding year (the total reaches the ceiling)",
        "* 达到预算上限的年份",
    ),
    "summary_record": ("record: {record}", "来源记录：{record}"),
    "summary_aim": ("aim: {aim} (objective {name})", "目标：{aim}（目标函数：{name}）"),
    "objective_name_delay": ("delay", "推迟"),
    "objective_name_makespan": ("makespan", "总工期"),
    "objective_name_peak": ("peak", "最高年度支出"),
    "objective_name_spread": ("spread", "偏离支出曲线"),
    "summary_tiebreak": (", ties broken by {aim}", "，同等时取{aim}"),
    "summary_makespan": (
        "makespan {years} years; {n} project(s) moved",
        "总工期{years}年；推迟{n}个项目",
    ),
    "aim_delay": ("the least priority-weighted delay", "按优先级加权的推迟年数最少"),
    "aim_makespan": ("the earliest finish of the programme", "整个计划最早完成"),
    "aim_peak": ("the lowest peak year", "最高年度支出最低"),
    "aim_spread": (
        "the least money moved from its profile year",
        "偏离支出曲线年份的资金最少",
    ),
    "objective_spread": (
        "money moved from its profile year {value}",
        "偏离支出曲线年份的资金{value}",
    ),
    "objective_delay": (
        "priority-weighted delay {value} years",
        "按优先级加权的推迟{value}年",
    ),
    "objective_makespan": ("makespan {value} years", "总工期{value}年"),
    "objective_peak": ("peak year's spend {value}", "最高年度支出{value}"),
    "shadow_price_per": (
        "money moved saved per {unit} more budget",
        "每增加1{unit}预算可少调整的资金（{unit}）",
    ),
    # -- exports: sheets, headers and the assumptions -------------------------------------
    "saving_per_unit": (
        "money moved saved per unit of extra budget",
        "每增加一单位预算可少调整的资金",
    ),
    "line": ("budget line", "预算科目"),
    "budget_lines": ("budget lines", "预算科目"),
    "delays": ("delays", "推迟"),
    "delay_years": ("delay (years)", "推迟年数"),
    "planned_start": ("planned start", "原定开工年份"),
    "planned_end": ("planned end", "原定竣工年份"),
    "overload": ("over the ceiling", "超出上限"),
    "item": ("item", "事项"),
    "value": ("value", "内容"),
    "plan": ("plan", "方案"),
    "summary": ("summary", "汇总"),
    "moves": ("moves", "资金变动"),
    "peak_year": ("peak year", "最高年份"),
    "peak": ("peak", "最高年度支出"),
    "before_plan": ("before the plan period", "规划期前支出"),
    "after_plan": ("after the plan period", "规划期后支出"),
    "newly_binding": ("newly binding", "新达到上限"),
    "objective": ("objective", "目标值"),
    "shift": ("shift (years)", "推迟年数"),
    "moved": ("money moved", "调整资金"),
    "total_change": ("change of the total", "总投资变化"),
    "change": ("change", "变化"),
    "plan_ceiling": ("{plan} ceiling", "{plan}预算上限"),
    "plan_measure": ("{plan} {measure}", "{plan}{measure}"),
    "amount_unit_item": ("amount unit", "金额单位"),
    "amount_unit_text": (
        "amounts are exact integers of {minor} ({currency}), shown in {unit}",
        "金额以{minor}（{currency}）为单位精确计算，以{unit}显示",
    ),
    "capex_version": ("capex version", "capex版本"),
    "exported_on": ("exported on", "导出日期"),
    "prov_version": ("made with capex", "生成所用capex版本"),
    "prov_solver": ("made by", "生成方法"),
    "prov_parameters": ("its parameters", "参数"),
    "prov_seed": ("random seed", "随机种子"),
    "prov_input": ("input file", "输入文件"),
    "prov_sha256": ("input file SHA-256", "输入文件SHA-256"),
    "prov_created": ("made at (UTC)", "生成时间（UTC）"),
    "method": ("method", "求解方法"),
    "profile": ("profile", "支出曲线"),
    # -- distributions of risk, in words (English: the text form capex reads back) ----------
    "distribution_uniform": ("uniform({points})", "均匀分布（{points}）"),
    "distribution_triangular": ("triangular({points})", "三角分布（{points}）"),
    "distribution_pert": ("pert({points})", "PERT分布（{points}）"),
    "distribution_lognormal": ("lognormal({points})", "对数正态分布（{points}）"),
    "distribution_empirical": ("empirical({points})", "经验分布（{points}）"),
    "distribution_discrete": ("discrete({points})", "离散分布（{points}）"),
    "ceilings_item": ("ceilings ({unit})", "预算上限（{unit}）"),
    "scenario": ("scenario", "情景"),
    "base": ("base", "基准"),
    "scenario_changes": ("scenario changes", "情景变动"),
    "runtime": ("runtime (s)", "运行时间（秒）"),
    "objective_name": ("objective name", "目标"),
    "tiebreak": ("tie-break", "同等时的次要目标"),
    "makespan_item": ("makespan (years)", "总工期（年）"),
    "projects_moved": ("projects moved", "推迟项目数"),
    "solver": ("solver", "求解器"),
    "extra_budget_total": ("extra budget needed in all ({unit})", "需追加预算合计（{unit}）"),
    "note_item": ("note {n}", "说明{n}"),
    "portfolio": ("portfolio", "项目表"),
    "data_source": ("data source", "数据来源"),
    "plan_period": ("plan period", "规划期"),
    "published_total_item": (
        "published total investment ({unit})",
        "公布的总投资（{unit}）",
    ),
    "published_plan_item": (
        "published investment {first}-{last} ({unit})",
        "公布的{first}-{last}年投资（{unit}）",
    ),
    "totals_reconcile": ("totals reconcile", "合计是否一致"),
    "split_rule_item": ("split outside the plan period", "规划期外投资的拆分"),
    "split_rule": (
        (
            "total minus plan investment, shared between the window's years before and after "
            "the plan period in proportion to their number; unplaceable when the window has none"
        ),
        (
            "总投资减去规划期投资，按建设周期在规划期前后的年数比例分配；"
            "建设周期在规划期外没有年份的，列为无年份可安排"
        ),
    ),
    "plans": ("plans", "方案"),
    "plan_period_ends": ("plan period ends", "规划期末年"),
    "moved_text": (
        "money a project spends in other years than in the base, {unit}",
        "项目在与基准不同年份支出的资金，{unit}",
    ),
    "shift_text": (
        "whole years a project's window moved against its plan",
        "项目建设周期相对原计划推迟的整年数",
    ),
    # -- plots ---------------------------------------------------------------------------
    "spend": ("spend", "支出"),
    "annual_spend": ("annual spend", "年度支出"),
    "plot_annual_title": ("annual spend by {by}", "按{by}分列的年度支出"),
    "no_line": ("(no line)", "（无预算科目）"),
    "no_value": ("(none)", "（未填）"),
    "plot_comparison_title": ("annual spend by plan", "各方案年度支出"),
    "ceiling_of": ("ceiling ({plans})", "预算上限（{plans}）"),
    "cumulative_ceiling": ("cumulative ceiling", "累计预算上限"),
    "plot_cumulative_title": (
        "cumulative spend against the cumulative ceiling",
        "累计支出与累计预算上限",
    ),
    "plan_years": ("plan {first}-{last}", "规划期{first}-{last}年"),
    "window": ("window", "建设周期"),
    "base_window": ("base window", "原建设周期"),
    "scenario_unchanged": ("scenario, unchanged", "情景：未变动"),
    "scenario_moved": ("scenario, moved ({n})", "情景：已推迟（{n}个）"),
    "shift_and_length": ("{shift}, {years} y", "{shift}，{years}年"),
    "plot_heatmap_title": ("spend by project and year ({unit})", "分项目分年度支出（{unit}）"),
    "before_year": ("before {year}", "{year}年以前"),
    "after_year": ("after {year}", "{year}年以后"),
    "years_span": ("{first}-{last}", "{first}-{last}年"),
    "investment": ("investment", "投资"),
    "plot_split_title": (
        "total {total}, in the plan period {plan}",
        "总投资{total}，规划期内{plan}",
    ),
    "plot_split_published": ("published: {total}, {plan}", "公布数：{total}，{plan}"),
    # -- the command line ------------------------------------------------------------------
    "wrote": ("wrote {path}", "已写入{path}"),
    "moved_heading": (
        "Moved projects (years; windows as planned -> as moved):",
        "推迟的项目（年；原定建设周期 -> 推迟后）：",
    ),
    "schedule_heading": ("Schedule ({unit}):", "分年度计划（{unit}）："),
    "delay": ("delay", "推迟"),
    "as_planned": ("planned", "原定"),
    "as_moved": ("moved", "推迟后"),
    "comparison_heading": (
        "Comparison of {labels} (base: {base})",
        "方案比较：{labels}（基准：{base}）",
    ),
    "annual_heading": ("Annual totals ({unit}):", "年度合计（{unit}）："),
    "binding_years": ("binding", "达到上限的年份"),
    "shift_short": ("shift", "推迟年数"),
    "moved_short": ("moved", "调整资金"),
    "projects_heading": (
        (
            "Projects that moved or changed against {base} ({unit}; shift in years, moved: money "
            "spent in other years, change: of the total):"
        ),
        (
            "与{base}相比推迟或变化的项目（{unit}；推迟以年计，调整资金：在其他年份支出的资金，"
            "变化：总投资的变化）："
        ),
    ),
    "nothing_moved": (
        "No project moved or changed against {base}.",
        "与{base}相比没有项目推迟或变化。",
    ),
    "ceilings_own_lines": (
        "ceilings: the portfolio's own budget lines",
        "预算上限：项目表自带的预算科目",
    ),
    "ceilings_own_totals": (
        (
            "ceilings: none given, so the plan's own annual totals {first}-{last} (its unmoved "
            "cash flow)"
        ),
        "预算上限：未给出，采用计划本身{first}-{last}年的年度合计（未调整的现金流）",
    ),
    "ceilings_prefix": ("ceilings: ", "预算上限："),
    "ceilings_cut": ("cut by {percent}%", "削减{percent}%"),
    "line_named": ("line '{name}'", "预算科目“{name}”"),
    # -- notes on ceilings that cannot mean what they say ------------------------------------
    "note_budget_line": ("budget line '{name}'", "预算科目“{name}”"),
    "note_ceilings_unreachable": (
        (
            "{line}: the ceilings of {years} are ignored: no project's cash flow reaches them, "
            "even moved as far as allowed ({first}-{last})"
        ),
        (
            "{line}：{years}年的预算上限不起作用：即使项目在允许范围内移动，也没有项目的现金流"
            "落在这些年份（可及年份{first}-{last}年）"
        ),
    ),
    "note_ceiling_never_binds": (
        (
            "{line}: the ceiling of {years} ({amount}) is more than the {covered} that all the "
            "projects it covers cost in all years together, so it can never bind{check}"
        ),
        (
            "{line}：{years}年的预算上限（{amount}）超过其所含全部项目各年投资之和{covered}，"
            "永远不会起约束作用{check}"
        ),
    ),
    # -- what the planners say of a plan they could not make or prove ------------------------
    "no_plan_in_time": ("no plan was found within the time limit", "在时间限制内未找到方案"),
    "shift_no_shift_fits": (
        (
            "no shift within the limits satisfies the precedence relations and fixed projects, "
            "whatever the ceilings"
        ),
        "无论预算上限如何，在允许的推迟范围内都无法同时满足先后关系和固定项目",
    ),
    "shift_unmoved_shown": ("the schedule shown is the unmoved plan", "所示进度为未调整的计划"),
    "shift_precedence_cannot_hold": (
        "the precedence relations cannot all hold within the allowed shifts",
        "在允许的推迟范围内，先后关系无法全部满足",
    ),
    "shift_line_stays_over": (
        "{year}: line '{line}' stays {amount} over its ceiling even at the largest allowed delays",
        "{year}年：即使按允许的最大推迟，预算科目“{line}”仍超出预算上限{amount}",
    ),
    "tiebreak_not_pursued": (
        "the tie-break '{tiebreak}' was not pursued: the '{objective}' optimum is not proven",
        "未进行“{tiebreak}”次级优化：“{objective}”的最优性未得到证明",
    ),
    "tiebreak_unproven": (
        "ties were broken by '{tiebreak}' within the tie-break's work budget, not proven best",
        "已在次级优化的计算量限额内按“{tiebreak}”在最优方案中择优，未证明为最佳",
    ),
    "tiebreak_peak_gap": (
        (
            "ties were broken by '{tiebreak}' within the tie-break's work budget, not proven best: "
            "the peak is at most {percent} above the lowest among the optima"
        ),
        (
            "已在次级优化的计算量限额内按“{tiebreak}”在最优方案中择优，未证明为最佳：年度峰值至多比最优方案"
            "中的最低峰值高{percent}"
        ),
    ),
    "tiebreak_gap": (
        (
            "ties were broken by '{tiebreak}' within the tie-break's work budget, not proven best: "
            "at most {gap} above the best among the optima"
        ),
        (
            "已在次级优化的计算量限额内按“{tiebreak}”在最优方案中择优，未证明为最佳：至多比最优方案中的"
            "最佳值高{gap}"
        ),
    ),
    "spread_no_plan_in_time": (
        (
            "no plan was found within the time limit; the schedule shown is the profile, "
            "which may break the ceilings"
        ),
        "在时间限制内未找到方案；所示进度为按支出曲线的安排，可能超出预算上限",
    ),
    "spread_not_proven": (
        "the plan is not proven to move the least money within the time limit",
        "在时间限制内未能证明该方案调整的资金最少",
    ),
    "spread_secondary_no_plan": (
        "the secondary aim '{aim}' found no plan within its work budget; the plan ignores it",
        "次要目标“{aim}”在计算量限额内未找到方案；本方案未考虑该目标",
    ),
    "spread_secondary_not_proven": (
        "the secondary aim '{aim}' is not proven best within its work budget",
        "次要目标“{aim}”在计算量限额内未能证明为最佳",
    ),
    # -- the time limit as a safety cap (capex.solvers._stopping) ------------------------------
    "time_limit_reached": (
        (
            "the time limit ({seconds} s) stopped a search before its proof or its work budget: "
            "this plan is the best found by then and may differ on another machine or under "
            "another load"
        ),
        (
            "时间限制（{seconds}秒）在搜索完成证明或用尽计算量限额之前终止了搜索：本方案为届时"
            "找到的最佳方案，在其他机器或其他负载下可能不同"
        ),
    ),
    "spread_short_on_line": ("budget line '{line}', {years}", "预算科目“{line}”，{years}年"),
    "spread_short_one_year": (
        "{where}: {noun} {ids} must spend {demand} in this year; the ceilings allow {allowed}",
        "{where}：{noun}{ids}当年须支出{demand}，预算上限仅允许{allowed}",
    ),
    "spread_short_years": (
        "{where}: {noun} {ids} must spend {demand} in these years; the ceilings allow {allowed}",
        "{where}：{noun}{ids}在这些年份须支出{demand}，预算上限仅允许{allowed}",
    ),
    "spread_lines_together": (
        (
            "no budget line is short on its own: lines {lines} cannot all be met together on "
            "the projects they share"
        ),
        "单个预算科目均不短缺：预算科目{lines}在共有的项目上无法同时满足",
    ),
    "spread_extra_by_line": (
        "; by line: {lines} (money above two lines shows on both, once in the year's total)",
        "；按预算科目：{lines}（同属两个科目的资金在两个科目中都列示，在年度合计中只计一次）",
    ),
    "spread_least_extra": (
        (
            "least extra budget that makes the plan fit: {needed} (total {total}){by_line}; "
            "the schedule shown fits the ceilings raised by it"
        ),
        (
            "使方案可行所需的最少追加预算：{needed}（合计{total}）{by_line}；所示进度符合追加后"
            "的预算上限"
        ),
    ),
    "note_at_most": ("{amount} at most", "最高{amount}"),
    "note_unit_meant": (
        "; ceilings are read in {unit}: were they meant in {meant}?",
        "；预算上限按{unit}读取：是否本应以{meant}为单位？",
    ),
    "note_unit_check": (
        "; ceilings are read in {unit}: is that their unit?",
        "；预算上限按{unit}读取：单位是否正确？",
    ),
    "scenarios_ran": ("{n} of {of} scenarios ran:", "{of}个情景中运行了{n}个："),
    # -- errors, where a report shows them -------------------------------------------------
    # -- errors, where a report shows them: where a bad value is --------------------------
    **{f"error_{key}": (english, _ERROR_WHERE_ZH[key]) for key, english in WHERE_WORDS.items()},
    "limit_whole_number": (
        "{argument} must be a whole number from {low} to {high}, not {value}",
        "{argument}应为{low}至{high}之间的整数，而不是{value}",
    ),
    "limit_not_a_number": (
        "{argument} must be a number, not {value}",
        "{argument}应为数字，而不是{value}",
    ),
    "limit_escalation": (
        (
            "{argument} must be a yearly rate above -1 and at most {most} (-100 % to "
            "+{percent}), not {value}"
        ),
        "{argument}应为大于-1且不超过{most}的年涨幅（-100%至+{percent}），而不是{value}",
    ),
    "limit_time_limit": (
        "time_limit must be a positive number of seconds or None, not {value}",
        "time_limit应为正的秒数或None，而不是{value}",
    ),
    # -- bounds, sheets and inputs kept safe ----------------------------------------------
    "limit_range": (
        "{argument} must be a number from {low} to {high}, not {value}",
        "{argument}应为{low}至{high}之间的数，而不是{value}",
    ),
    "limit_draw_cells": (
        (
            "{argument}={value} would keep {cells} amounts (one per project and year of each "
            "draw), more than the {limit} capex holds at once; ask for at most {most} draws"
        ),
        (
            "{argument}={value}需要保存{cells}个金额（每次抽样每个项目和年份各一个），超过capex一次可保存的"
            "{limit}个；抽样次数最多为{most}"
        ),
    ),
    "limit_sheet_size": (
        (
            "the sheet '{sheet}' would need {rows} rows and {columns} columns, more than an "
            "Excel worksheet holds ({most_rows} rows, {most_columns} columns); write CSV "
            "files instead (capex.to_csv, or --csv on the command line)"
        ),
        (
            "工作表“{sheet}”需要{rows}行、{columns}列，超过Excel工作表的容量（{most_rows}行、"
            "{most_columns}列）；请改为写CSV文件（capex.to_csv，或命令行的--csv）"
        ),
    ),
    "limit_flow_capacity": (
        (
            "the amounts are too large for the spread's min-cost flow: a node of its network "
            "would carry up to {largest} of the data's smallest unit, beyond the {limit} it "
            "counts exactly; write the amounts in a coarser unit (万元 rather than 元) or split "
            "the plan"
        ),
        (
            "金额过大，超出平滑分配的最小费用流所能精确计算的范围：网络中的一个节点最多需要承载{largest}"
            "个最小金额单位，超过{limit}；请以更大的单位（万元而非元）填写金额，或拆分计划"
        ),
    ),
    "hidden_sheets": (
        (
            "The workbook has hidden sheet(s) {names}, which were not read; the sheet read is "
            "'{sheet}'."
        ),
        "工作簿中有隐藏的工作表{names}，未读取；读取的是工作表“{sheet}”。",
    ),
    "scenario_shift_outside": (
        (
            "scenario '{name}': shifting project {project} by {years} years moves its window "
            "{start}-{end} outside {first}-{last}, the years capex plans in"
        ),
        "情景“{name}”：项目{project}移动{years}年后，建设周期{start}-{end}年超出capex安排的年份{first}-{last}年",
    ),
    "scenario_escalation_too_large": (
        (
            "scenario '{name}': escalating project {project} by {rate} a year over {years} "
            "years makes its total too large to hold exactly"
        ),
        "情景“{name}”：项目{project}按每年{rate}涨价{years}年后，总投资过大，无法精确计算",
    ),
    "replace_moves_without_money": (
        (
            "the window of project {id} ({name}) moves from {was} to {now} while its amounts "
            "stay as they were ({amount} in {first}-{last}), so replace() would not move any of "
            "its money. To move a project with its money, use a scenario: "
            "capex.Scenario('later', shifts={shifts}).apply(portfolio); to correct the window "
            "and keep the amounts as written, pass keep_amounts=True"
        ),
        (
            "项目{id}（{name}）的建设周期从{was}年移至{now}年，而金额保持不变（{first}-{last}年"
            "{amount}），因此replace()不会移动任何资金。要连同资金移动项目，请用情景："
            "capex.Scenario('later', shifts={shifts}).apply(portfolio)；如只是更正建设周期、"
            "保留所填金额，请传入keep_amounts=True"
        ),
    ),
    # -- risk: Monte Carlo draws and sweeps ---------------------------------------------------
    "item_value": ("{item}: {value}", "{item}：{value}"),
    "risk_headline": (
        "RiskResult{scenario}: {draws} draws{failed}, method {method}, seed {seed}",
        "风险模拟{scenario}：抽样{draws}次{failed}，方法：{method}，随机种子{seed}",
    ),
    "risk_failed_count": (" ({n} failed)", "（失败{n}次）"),
    "method_cashflow": ("cashflow", "按抽样现金流"),
    "method_spread": ("spread", "逐次重新分摊"),
    "method_shift": ("shift", "逐次推迟调整"),
    "risk_cost_change": ("cost change", "投资变化"),
    "risk_start_delay": ("start delay (years)", "开工推迟（年）"),
    "risk_price_index": ("price index (all projects)", "价格指数（全部项目）"),
    "risk_for_all": ("{distribution} for all {n} projects", "全部{n}个项目：{distribution}"),
    "risk_for_projects": ("{distribution} for project(s) {ids}", "项目{ids}：{distribution}"),
    "risk_for_n": ("{distribution} for {n} projects", "{n}个项目：{distribution}"),
    "risk_none_for": ("none for {n} project(s)", "{n}个项目：无"),
    "risk_against_ceiling": ("ceiling", "预算上限"),
    "risk_against_plan": ("plan's own total", "计划本身的年度合计"),
    "risk_per_year": (
        "per year ({unit}); P(over) and the P80-safe reserve against the {reference}:",
        "分年度（{unit}）；相对于{reference}的超出概率和P80准备金：",
    ),
    "risk_p_over": ("P(over)", "超出概率"),
    "risk_total_line": (
        "plan-period total ({unit}): P50 {p50}, P80 {p80}, P95 {p95}",
        "规划期合计（{unit}）：P50 {p50}，P80 {p80}，P95 {p95}",
    ),
    "risk_reserve_line": (
        (
            "reserve for P80-safe years ({unit}): {total} in all ({years}); P80 of the extra "
            "budget of all years together: {p80}"
        ),
        "各年达到P80安全所需准备金（{unit}）：合计{total}（{years}）；各年合计追加预算的P80：{p80}",
    ),
    "risk_none_needed": ("none needed", "无需准备金"),
    "risk_drivers_line": (
        "risk drivers (share of the variance of the plan-period total): {drivers}",
        "风险来源（占规划期合计方差的份额）：{drivers}",
    ),
    "risk_outcomes": ("outcomes: {outcomes}", "抽样结果：{outcomes}"),
    "risk_draws_failed": (
        "{n} draw(s) failed and are left out; the first, draw {draw}: {error}",
        "{n}次抽样失败，未计入；第一次为第{draw}次抽样：{error}",
    ),
    "risk_drivers": ("risk drivers", "风险来源"),
    "risk_drivers_heading": ("Risk drivers", "风险来源"),
    "risk_failed_draws": ("{n} draw(s) failed", "{n}次抽样失败"),
    "risk_by_year": ("risk by year", "分年度风险"),
    "outcome_cash_flow": ("cash flow", "现金流"),
    "failed": ("failed", "失败"),
    "mean": ("mean", "均值"),
    "breach_probability": ("breach probability", "超出上限的概率"),
    "reserve_P80": ("reserve_P80", "P80准备金"),
    "swing": ("swing", "波动（P90-P10）"),
    "variance_share": ("variance_share", "方差份额"),
    "draw": ("draw", "抽样序号"),
    "draws": ("draws", "抽样"),
    "draws_asked": ("draws asked", "抽样次数"),
    "draws_evaluated": ("draws evaluated", "有效抽样次数"),
    "seed": ("seed", "随机种子"),
    "measured_against": ("measured against", "比较对象"),
    "measured_against_ceilings": ("the ceiling of each year with one", "有预算上限的各年上限"),
    "measured_against_plan": ("the plan's own total of each plan year", "规划期各年计划本身的合计"),
    "quantiles": ("quantiles", "分位数"),
    "quantiles_text": (
        (
            "drawn values (inverted CDF): P80 is the least drawn total with at least 80 % of the "
            "draws at or below it"
        ),
        "取抽样值（逆累积分布）：P80为至少80%的抽样不超过它的最小抽样值",
    ),
    "reserve_P80_text": (
        "the P80 of a year's extra budget: with it the year is P80-safe",
        "某年追加预算的P80：加上它，该年达到P80安全",
    ),
    "variance_share_text": (
        (
            "covariance of a project's plan-period spending with the plan-period total, over "
            "the total's variance"
        ),
        "项目规划期支出与规划期合计的协方差除以合计的方差",
    ),
    "outcomes": ("outcomes", "抽样结果"),
    "failed_draws": ("failed draws", "失败的抽样"),
    "failed_draws_text": (
        "{n}; the first, draw {draw}: {error}",
        "{n}次；第一次为第{draw}次抽样：{error}",
    ),
    "spending": ("spending", "支出"),
    "risk_as_planned": ("as planned", "原计划"),
    "plot_risk_title": (
        "spending under cost and schedule risk ({what}{note})",
        "成本与进度风险下的支出（{what}{note}）",
    ),
    "plot_risk_what": ("{n} draws, method {method}", "抽样{n}次，方法：{method}"),
    "plot_risk_note": ("; % = chance of going over", "；百分比为超出上限的概率"),
    "sweep_headline": (
        "Sweep of {what}: {tasks} tasks in {batches} batch(es) on {executor}",
        "批量运行{what}：共{tasks}个任务，分{batches}批，运行于{executor}",
    ),
    "sweep_what": ("{n} scenario(s)", "{n}个情景"),
    "sweep_what_draws": ("{n} scenario(s) x {draws} draws", "{n}个情景，各抽样{draws}次"),
    "executor_here": ("this process", "本进程"),
    "executor_local": ("{n} local processes", "{n}个本地进程"),
    "executor_dask": ("Dask at {address}", "Dask集群{address}"),
    "worst_year": ("worst year", "风险最高年份"),
    "total_P80": ("total_P80", "规划期合计P80"),
    "sweep_failed": ("{n} task(s) failed:", "{n}个任务失败："),
    "sweep_failure": ("{scenario}: {n} task(s): {error}", "{scenario}：{n}个任务：{error}"),
    "sweep_batch_lost": (
        "the batch was lost {times} times: {error}",
        "该批任务丢失{times}次：{error}",
    ),
    # -- months: the fund-use plan, payments, execution, the submissions (issue 21) -------
    "month": ("month", "月份"),
    "month_n": ("{month}", "{month}月"),
    "quota": ("quota", "用款额度"),
    "extra_quota": ("extra quota needed", "需追加额度"),
    "cumulative": ("cumulative", "累计"),
    "monthly_headline": (
        "Fund-use plan {year}: {status}, {projects} projects, {total}, month profile {profile}",
        "{year}年分月用款计划：{status}，{projects}个项目，{total}，分月曲线{profile}",
    ),
    "monthly_source": ("from {source}", "依据：{source}"),
    "monthly_no_plan_in_time": (
        "no monthly plan was found within the time limit; the months shown are the profile's",
        "在时间限制内未求得分月计划；所列为分月曲线的目标数",
    ),
    "monthly_short": (
        (
            "months {months} on '{line}': projects {ids} must be paid {demand} in them, the quota "
            "allows {allowed}"
        ),
        "“{line}”{months}月：项目{ids}须在此期间支付{demand}，额度仅{allowed}",
    ),
    "month_amount": ("{month}: +{amount}", "{month}月+{amount}"),
    "monthly_least_extra": (
        "least extra quota: {needed} (total {total})",
        "最少需追加额度：{needed}（合计{total}）",
    ),
    "by_project_and_month": ("by project and month", "分项目分月"),
    "as_of_date": ("as of", "截至日期"),
    "annual_plan_sheet": ("annual plan", "年度政府投资计划"),
    "rolling_plan_sheet": ("medium-term plan", "中期财政规划"),
    "source_item": ("made from", "计划依据"),
    "by_month": ("by month", "分月"),
    "by_quota_line": ("by quota line", "分额度科目"),
    "profile_item": ("month profile", "分月曲线"),
    "profile_weights_item": ("month profile (weights)", "分月曲线（权重）"),
    "start_month": ("start month", "开工月份"),
    "finish_month": ("finish month", "竣工月份"),
    "payments": ("payments", "支付明细"),
    "paid": ("paid", "已支付"),
    "paid_to_date": ("paid to date", "累计支付"),
    "payments_are_cash": (
        "payments are cash paid (支付), not work done (完成投资)",
        "支付数为国库实际支付的资金，不是完成投资",
    ),
    "voucher": ("voucher", "支付凭证号"),
    "payment_date": ("date", "支付日期"),
    "fund_nature": ("nature of funds", "资金性质"),
    "agency": ("budget unit", "预算单位"),
    "function_class": ("functional classification", "功能科目"),
    "economic_class": ("economic classification", "经济科目"),
    "payee": ("payee", "收款人"),
    "purpose": ("purpose", "用途"),
    "document": ("budget document", "指标文号"),
    "payments_headline": (
        (
            "Payments (cash paid, not work done): {n} records, {total}, {first} to {last}, from "
            "{source}"
        ),
        "支付明细（实际支付，非完成投资）：{n}笔，{total}，{first}至{last}，来自{source}",
    ),
    "finding_payment_refund": (
        "a negative payment of {amount} on {date}: a refund or a reversal",
        "{date}支付{amount}为负数：退回或冲销",
    ),
    "finding_voucher_repeated": (
        "voucher {voucher} is on {n} rows ({rows}) with different details: its lines are added up",
        "支付凭证号{voucher}出现在{n}行（{rows}），明细不同：各行金额相加",
    ),
    "finding_totals_row": (
        "the totals row ({where}) was checked against the payments above it and left out",
        "合计行（{where}）已与明细核对一致，不计入支付",
    ),
    "finding_after_as_of": (
        "{n} payment(s) of {amount} dated after {as_of} are left out",
        "{as_of}以后的{n}笔支付共{amount}未计入",
    ),
    "finding_outside_year": (
        "{n} payment(s) of {amount} dated outside {year} are left out (first: {where}, {date})",
        "{n}笔不属于{year}年的支付共{amount}未计入（第一笔：{where}，{date}）",
    ),
    "finding_unknown_project": (
        (
            "{n} payment(s) of {amount} to projects outside the plan are left out (first: {where}, "
            "{project})"
        ),
        "{n}笔非本计划项目的支付共{amount}未计入（第一笔：{where}，{project}）",
    ),
    "execution_headline": (
        "Execution of the {year} fund-use plan as of {as_of}",
        "{year}年用款计划执行情况（截至{as_of}）",
    ),
    "year_plan": ("plan for the year", "全年计划"),
    "planned_to_date": ("planned to date", "累计计划"),
    "payment_progress": ("payment progress %", "支付进度%"),
    "time_progress": ("time elapsed %", "序时进度%"),
    "plan_progress": ("planned progress %", "计划进度%"),
    "progress_gap": ("against time elapsed (points)", "与序时进度差（百分点）"),
    "elapsed_by_months": (
        "time elapsed by whole months: {months}/12",
        "序时进度按月计：{months}/12",
    ),
    "elapsed_by_days": ("time elapsed by days: {days}/{of}", "序时进度按天计：{days}/{of}"),
    "ahead_of": ("ahead of", "超"),
    "behind": ("behind", "低于"),
    "execution_total_line": (
        (
            "paid {paid} of {plan}: payment progress {progress}, {direction} the time elapsed "
            "({time}) by {gap} points"
        ),
        "支付{paid}，占全年计划{plan}，支付进度{progress}，{direction}序时进度（{time}）{gap}个百分点",
    ),
    "execution_tolerance": (
        "projects more than {tolerance} points behind the time elapsed are findings",
        "低于序时进度超过{tolerance}个百分点的项目列为问题",
    ),
    "finding_behind_time": (
        "paid {paid} of {plan} ({progress}), {gap} points behind the time elapsed ({time})",
        "已支付{paid}，占全年计划{plan}的{progress}，低于序时进度（{time}）{gap}个百分点",
    ),
    "finding_nothing_paid": (
        "nothing paid, with {planned} planned to date",
        "累计计划{planned}，尚未支付",
    ),
    "finding_over_year_plan": (
        "paid {paid}, above the year's plan {plan} by {over}",
        "已支付{paid}，超过全年计划{plan}达{over}",
    ),
    "by_total": ("in total", "合计"),
    "plot_execution_title": (
        "Cumulative payments against the {year} plan, as of {as_of}",
        "{year}年累计支付与用款计划（截至{as_of}）",
    ),
    "cumulative_paid": ("cumulative paid", "累计支付"),
    "cumulative_plan": ("cumulative plan", "累计计划"),
    "time_elapsed_line": ("time elapsed x year's plan", "序时进度×全年计划"),
    "end_of_month": ("end of month", "月末"),
    "plot_monthly_title": ("Fund-use plan {year} by month", "{year}年分月用款计划"),
    "annual_plan_title": (
        "Government investment plan {year}",
        "{year}年度政府投资计划",
    ),
    "rolling_plan_title": (
        "Medium-term plan {first}-{last} ({first} binding, later years guidance)",
        "{first}-{last}年中期财政规划（{first}年为约束性，以后年度为指导性）",
    ),
    "nature": ("nature", "建设性质"),
    "continuing": ("continuing", "续建"),
    "new_build": ("new", "新建"),
    "construction_period": ("construction period", "建设周期"),
    "arranged_before": ("arranged to the end of {last}", "截至{last}年底累计安排"),
    "this_year": ("investment in {year}", "{year}年度投资"),
    "funding_sources": ("sources of funds", "资金来源"),
    "year_binding": ("{year} (binding)", "{year}年（约束性）"),
    "year_guidance": ("{year} (guidance)", "{year}年（指导性）"),
    "years_total": ("{first}-{last} total", "{first}-{last}年合计"),
    "later_years": ("after {last}", "{last}年以后"),
    "group_continuing": ("I. continuing projects", "一、续建项目"),
    "group_new": ("II. new projects", "二、新建项目"),
    "arranged_basis": ("arranged to date from", "累计安排依据"),
    "arranged_from_plan": (
        "the plan's own years before {year}",
        "计划中{year}年以前各年的安排数",
    ),
    "arranged_from_actuals": (
        "the actuals {first}-{last}, and the plan's years before them",
        "{first}-{last}年实际支出数，以及此前年度的计划数",
    ),
    "arranged_from_handover": (
        "spent before {first} (the hand-over), then the plan from {first}",
        "{first}年以前已支出数（结转交接），以及{first}年起的计划数",
    ),
    "submission_reconciles": (
        "the totals rows reconcile exactly with the plan's {years}: {total}",
        "合计行与计划{years}年合计数完全一致：{total}",
    ),
    "submission_does_not_reconcile": (
        "DOES NOT RECONCILE with the plan's {years}: {total} against {plan}",
        "与计划{years}年合计数不一致：{total}，计划{plan}",
    ),
    "made_up_projects": ("made-up new projects", "虚构的新建项目"),
    # -- the plan store (capex.store, capex versions/show/diff/history/verify) --------------
    "store_status_draft": ("draft", "草稿"),
    "store_status_submitted": ("submitted", "已提交"),
    "store_status_approved": ("approved", "已批准"),
    "store_action_save": ("saved", "保存"),
    "store_action_submit": ("submitted", "提交"),
    "store_action_approve": ("approved", "批准"),
    "store_kind_Portfolio": ("Portfolio", "项目表"),
    "store_kind_PlanResult": ("PlanResult", "计划"),
    "store_kind_SpreadResult": ("SpreadResult", "分年计划"),
    "store_kind_ShiftResult": ("ShiftResult", "调整计划"),
    "store_kind_Actuals": ("Actuals", "实际支出"),
    "store_kind_VarianceReport": ("VarianceReport", "偏差分析"),
    "store_kind_ReforecastResult": ("ReforecastResult", "重新预测"),
    "store_kind_HandOver": ("HandOver", "结转"),
    "store_kind_Scenario": ("Scenario", "情景"),
    "store_kind_Baseline": ("Baseline", "分年度基准"),
    "store_kind_ReconciliationReport": ("ReconciliationReport", "核对报告"),
    "store_kind_Comparison": ("Comparison", "方案比较"),
    "store_kind_RiskResult": ("RiskResult", "风险分析"),
    "store_column_id": ("id", "版本号"),
    "store_column_name": ("name", "版本名称"),
    "store_column_kind": ("kind", "类型"),
    "store_column_stage": ("stage", "预算阶段"),
    "store_column_status": ("status", "状态"),
    "store_column_author": ("author", "编制人"),
    "store_column_time": ("time", "保存时间"),
    "store_column_parent": ("parent", "上一版本"),
    "store_column_content_sha256": ("content_sha256", "内容哈希"),
    "store_column_approved_by": ("approved_by", "批准人"),
    "store_column_fingerprint": ("fingerprint", "版本指纹"),
    "store_column_version_id": ("version_id", "版本号"),
    "store_column_check": ("check", "检查项"),
    "store_column_message": ("message", "说明"),
    "store_check_content": ("content", "内容"),
    "store_check_version": ("version", "版本记录"),
    "store_check_chain": ("chain", "哈希链"),
    "store_check_signature": ("signature", "签名"),
    "store_check_anchor": ("anchor", "版本指纹"),
    "store_approved": (
        "{name} approved by {by} at {at}; fingerprint (版本指纹) {fingerprint}",
        "{name}已由{by}于{at}批准；版本指纹{fingerprint}",
    ),
    "store_verified_what": (
        (
            "Verified {location}: {versions} version(s), {contents} content(s), {entries} chain "
            "entr(ies), {approvals} approval(s)."
        ),
        "已校验{location}：{versions}个版本，{contents}份内容，{entries}条哈希链记录，{approvals}次批准。",
    ),
    "store_verified_signatures": (
        "Signatures: {checked} checked, {unchecked} not checked (no key, or another key).",
        "签名：已校验{checked}个，未校验{unchecked}个（未提供密钥或为其他密钥所签）。",
    ),
    "store_anchor_found": (
        (
            "Fingerprint {fingerprint} is in the chain: {name}, {action} by {actor} at {at}; "
            "the record behind it is unchanged."
        ),
        "版本指纹{fingerprint}在哈希链中：{name}，由{actor}于{at}{action}；其背后的记录未被改动。",
    ),
    "store_verified_ok": (
        "Every hash recomputes: the record is as it was saved.",
        "所有哈希重新计算一致：记录与保存时相同。",
    ),
    "store_verified_problems": ("{n} problem(s) found:", "发现{n}个问题："),
    "store_problem_content": (
        "{name}: its content no longer matches its hash (changed or missing)",
        "{name}：内容与其哈希不符（已被改动或缺失）",
    ),
    "store_problem_version": (
        (
            "{name}: its record (name, stage, author, note, time, content or parent) no longer "
            "matches its version hash"
        ),
        "{name}：版本记录（名称、阶段、编制人、说明、时间、内容或上一版本）与其版本哈希不符",
    ),
    "store_problem_gap": (
        "the chain has a gap before entry {seq}",
        "哈希链在第{seq}条记录前有缺口",
    ),
    "store_problem_entry": (
        "chain entry {seq} no longer matches the record it logs",
        "哈希链第{seq}条记录与其所记内容不符",
    ),
    "store_problem_unlogged": (
        "{name} has no entry in the chain",
        "{name}在哈希链中没有记录",
    ),
    "store_problem_unlogged_event": (
        "an event ({action}) has no entry in the chain",
        "一个事件（{action}）在哈希链中没有记录",
    ),
    "store_problem_signature": (
        "the approval by {actor} has a signature that the key does not confirm",
        "{actor}的批准签名未能用该密钥验证",
    ),
    "store_matched_code": ("project code (项目代码)", "项目代码"),
    "store_matched_id": ("id", "序号"),
    "store_diff_headline": (
        (
            "{before} ({before_kind}) → {after} ({after_kind}); amounts in {unit}, projects matched "
            "by {matched}."
        ),
        "{before}（{before_kind}）→ {after}（{after_kind}）；金额单位{unit}，项目按{matched}对应。",
    ),
    "store_diff_same": ("No project, field or amount differs.", "项目、字段与金额均无差异。"),
    "store_diff_settings": ("Fields that differ:", "不同的字段："),
    "store_diff_counts": (
        "{added} project(s) added, {removed} removed, {changed} changed.",
        "新增项目{added}个，删除{removed}个，变动{changed}个。",
    ),
    "store_diff_added_list": ("Added:", "新增："),
    "store_diff_removed_list": ("Removed:", "删除："),
    "store_diff_changed_list": ("Changed:", "变动："),
    "store_diff_more": (
        "... and {n} more (every one in to_frame())",
        "……另有{n}项（详见to_frame()）",
    ),
    "store_diff_annual": ("Annual totals ({basis}):", "年度合计（{basis}）："),
    "store_diff_added": ("added", "新增"),
    "store_diff_removed": ("removed", "删除"),
    "store_diff_changed": ("changed", "变动"),
    "store_diff_moved": ("moved", "年度调整"),
    "store_basis_cash_flow": ("cash flow", "现金流"),
    "store_basis_schedule": ("schedule", "计划安排"),
    "store_basis_spending": ("actual spending", "实际支出"),
    "store_basis_money": ("money year by year", "逐年金额"),
    "store_column_what": ("what", "变动类型"),
    "store_column_key": ("key", "对应键"),
    "store_column_field": ("field", "字段"),
    "store_column_before": ("before", "调整前"),
    "store_column_after": ("after", "调整后"),
    "store_column_change": ("change", "变动"),
    "store_column_version": ("version", "版本"),
    "store_column_start_year": ("start_year", "开工年份"),
    "store_column_end_year": ("end_year", "竣工年份"),
    "store_column_total": ("total", "总投资"),
    "store_field_name": ("name", "项目名称"),
    "store_field_start_year": ("start year", "开工年份"),
    "store_field_end_year": ("end year", "竣工年份"),
    "store_field_total_minor": ("total", "总投资"),
    "store_field_plan_minor": ("plan investment", "规划期投资"),
    "store_field_street": ("street", "建设地点"),
    "store_field_builder": ("builder", "建设单位"),
    "store_field_government_investment": ("government investment", "是否政府投资"),
    "store_field_priority": ("priority", "优先级"),
    "store_field_profile": ("profile", "支出曲线"),
    "store_field_delay": ("delay (years)", "推迟年数"),
    "store_field_budget_minor": ("budget at completion", "完工预算"),
    "store_field_planned_to_date_minor": ("planned to date", "截至当期计划"),
    "store_field_actual_to_date_minor": ("actual to date", "截至当期实际"),
    "store_field_outcome": ("outcome", "结果"),
    "store_field_spent_minor": ("spent", "已支出"),
    "store_field_carried_minor": ("carried", "结转"),
    "store_field_saving_minor": ("saving", "结余"),
    "store_field_overrun_minor": ("overrun", "超支"),
    "store_history_headline": (
        "History of project {code}: {n} version(s), amounts in {unit}.",
        "项目{code}的历史：{n}个版本，金额单位{unit}。",
    ),
    "store_history_none": ("No version holds project {code}.", "没有版本包含项目{code}。"),
    "store_saved": (
        "saved as version {name} (id {id}, {kind}) in {location}; content sha256 {sha}…",
        "已保存为版本{name}（版本号{id}，{kind}），存于{location}；内容哈希{sha}…",
    ),
    "store_no_versions": ("The store {location} holds no version yet.", "{location}中还没有版本。"),
    "store_versions_headline": ("{n} version(s) in {location}:", "{location}中共有{n}个版本："),
    "store_submitted": ("{name} submitted by {by} at {at}", "{name}已由{by}于{at}提交"),
    "store_signed": ("signed ({scheme}) with key {key}", "已用密钥{key}签名（{scheme}）"),
    "store_event_plain": ("by {actor} at {at}", "{actor}，{at}"),
    "store_event_text": ("by {actor} at {at}: {reason}", "{actor}，{at}：{reason}"),
    "store_item_name": ("version", "版本名称"),
    "store_item_id": ("id", "版本号"),
    "store_item_kind": ("kind", "类型"),
    "store_item_stage": ("budget stage", "预算阶段"),
    "store_item_status": ("status", "状态"),
    "store_item_author": ("author", "编制人"),
    "store_item_saved_at": ("saved at (UTC)", "保存时间（UTC）"),
    "store_item_parent": ("revises", "上一版本"),
    "store_item_note": ("note", "说明"),
    "store_item_content_sha256": ("content sha256", "内容哈希（SHA-256）"),
    "store_item_hash": ("version hash", "版本哈希"),
    "store_item_signed": ("signed with", "签名密钥"),
    "store_item_fingerprint": ("fingerprint (版本指纹)", "版本指纹"),
    "store_sheet_version": ("version", "版本记录"),
    "store_sheet_amounts": ("amounts", "金额变动"),
    "store_sheet_fields": ("fields", "字段变动"),
    "store_sheet_annual": ("annual totals", "年度合计"),
    "store_sheet_history": ("history", "项目历史"),
    "store_sheet_verification": ("verification", "校验"),
    "store_sheet_problems": ("problems", "问题"),
    "store_problem_anchor": (
        (
            "fingerprint {anchor} is not in this store's chain: the record behind the document "
            "has changed since it was approved (or the document comes from another store)"
        ),
        "版本指纹{anchor}不在本库的哈希链中：该文件背后的记录在批准后已被改动（或该文件来自另一个库）",
    ),
    # -- funding sources and fiscal years (issue 22) ---------------------------------------
    "source": ("source", "资金来源"),
    "source_unassigned": ("(unassigned)", "未列来源"),
    "of_which": ("of which {name}", "其中：{name}"),
    "by_source": ("by source", "按资金来源"),
    "by_source_title": ("By source ({unit}), {span}:", "按资金来源（{unit}），{span}："),
    "by_source_months": (
        "By source ({unit}), {year} by month:",
        "按资金来源（{unit}），{year}分月：",
    ),
    "by_source_variance": (
        "By source ({unit}), to {as_of}: planned and actual",
        "按资金来源（{unit}），截至{as_of}：计划与实际",
    ),
    "by_source_handover": (
        "By source ({unit}): carried into {first}-{last}",
        "按资金来源（{unit}）：结转至{first}-{last}",
    ),
    "sources_rule": (
        (
            "each year's money is split among its sources in proportion to what each has left to "
            "pay (largest remainder); nested sources are inside their parents and counted once"
        ),
        "各年度资金按各来源尚待支付的比例分摊（最大余数法）；“其中”项已含于上级来源，合计不重复计算",
    ),
    "plot_sources_title": ("annual spend by source", "按资金来源分列的年度支出"),
    "fiscal_year": ("fiscal year", "财政年度"),
    # -- selection (capex.select): school places, values, the chosen plan, explanations ------
    "school_primary": ("primary school", "小学"),
    "school_junior": ("junior secondary school", "初级中学"),
    "school_senior": ("senior secondary school", "高级中学"),
    "school_complete": ("complete secondary school", "完全中学"),
    "school_nine_year": ("nine-year school", "九年一贯制学校"),
    "school_twelve_year": ("twelve-year school", "十二年一贯制学校"),
    "school_kindergarten": ("kindergarten", "幼儿园"),
    "stage_primary": ("primary", "小学"),
    "stage_junior": ("junior", "初中"),
    "stage_senior": ("senior", "高中"),
    "stage_kindergarten_small": ("small class (age 3-4)", "小班"),
    "stage_kindergarten_middle": ("middle class (age 4-5)", "中班"),
    "stage_kindergarten_large": ("large class (age 5-6)", "大班"),
    "places_stage_classes": ("{stage} {n} classes", "{stage}{n}班"),
    "places_type_unknown": (
        (
            "the school type of '{name}' is not known (its name names none): give it in a "
            "school_type column or argument; its places are not counted"
        ),
        "“{name}”的学校类型未知（名称中无类型）：请在school_type列或参数中给出；未计算学位",
    ),
    "places_type_ambiguous": (
        (
            "'{name}' is a 中学, which may be a junior, a senior or a complete secondary "
            "school: give its school_type; its places are not counted"
        ),
        "“{name}”为中学，可能是初级中学、高级中学或完全中学：请给出school_type；未计算学位",
    ),
    "places_no_classes": (
        "the scope of '{name}' gives no classes (班): its places are not counted",
        "“{name}”的建设内容未写明班级数：未计算学位",
    ),
    "places_no_split": (
        (
            "'{name}' is a {kind} of {classes} classes, but the scope gives no split by stage "
            "or age group (such as 小学24班、初中12班, or 小班4班、中班4班、大班4班): its places are "
            "not counted "
            "(even_split=True splits the classes evenly over the grades)"
        ),
        (
            "“{name}”为{kind}，共{classes}班，但建设内容未按学段或年龄段分列（如小学24班、初中12班，或小班4班、中班4班、大班4班）："
            "未计算学位（even_split=True时按年级平均分配）"
        ),
    ),
    "places_split_mismatch": (
        (
            "the scope of '{name}' splits its classes as {split}, which does not make up its "
            "{classes} classes or misses a stage: its places are not counted"
        ),
        "“{name}”的建设内容分列为{split}，与总班数{classes}不符或缺少学段：未计算学位",
    ),
    "places_even_split": (
        "classes split evenly over the grades: {split} (an interpretation, not in the scope)",
        "班级按年级平均分配：{split}（推定，建设内容未写明）",
    ),
    "value_word": ("value", "价值"),
    "value_score": ("value score", "综合得分"),
    "value_places": ("school places", "学位"),
    "value_given": ("values given by project", "按项目给定的价值"),
    "value_column": ("the column '{column}' of the bank", "项目库“{column}”列"),
    "value_places_text": (
        (
            "school places: classes x places per class of the school type ({school}; "
            "kindergartens by age group: {kindergarten}); supply only, not where the "
            "children live"
        ),
        "学位：班级数×该类学校每班学位（{school}；幼儿园按年龄段：{kindergarten}）；仅为学位供给，未考虑生源分布",
    ),
    "value_weight": ("{name} x {weight}", "{name}×{weight}"),
    "value_weight_lower": ("{name} x {weight} (lower is better)", "{name}×{weight}（越低越好）"),
    "value_framework_text": (
        "a weighted sum of criteria ({parts}), each normalised {normalise}",
        "各项指标加权求和（{parts}），各指标{normalise}",
    ),
    "normalise_min_max": (
        "min-max over the candidates (0 to 1)",
        "按候选项目的最小值和最大值归一化（0至1）",
    ),
    "normalise_max": ("by the largest value (0 to 1)", "除以最大值归一化（0至1）"),
    "normalise_none": ("as written", "不归一化"),
    "value_missing": (
        "the {label} of this project is not known (an empty cell)",
        "该项目的{label}未知（单元格为空）",
    ),
    "select_headline": (
        "SelectionResult: {status}, {chosen} of {n} candidates chosen, {label} {value}, {spend} in the plan period",
        "项目遴选：{status}，{n}个候选项目中选中{chosen}个，{label}{value}，规划期内投资{spend}",
    ),
    "select_title": ("Choosing the plan: {name}", "项目遴选：{name}"),
    "select_value_line": (
        "value: {label} {value}{bound}; {description}",
        "价值：{label}{value}{bound}；{description}",
    ),
    "select_bound_line": (
        " (proven at most {bound}: at most {gap} below the best)",
        "（已证明最多{bound}：与最优相差不超过{gap}）",
    ),
    "select_optimal_line": (" (proven the most any selection is worth)", "（已证明为最优）"),
    "select_money_line": (
        "plan-period spending {spend}{envelope}",
        "规划期内投资{spend}{envelope}",
    ),
    "select_envelope_of": (" of an envelope of {envelope}", "，总额控制{envelope}"),
    "select_how": (
        "method {method}; {listed} selections near the bound listed",
        "求解方法：{method}；列举了界附近的{listed}个方案",
    ),
    "select_chosen_heading": ("chosen ({n}):", "选中项目（{n}个）："),
    "select_rejected_heading": ("left out ({n}):", "未选项目（{n}个）："),
    "select_years_heading": (
        "per year ({unit}): spending, ceiling, headroom, {label} one more {step} would buy (exact re-solve), LP dual of it (not exact)",
        "分年度（{unit}）：支出、上限、余额、每增加{step}可增加的{label}（精确重解）、线性规划对偶价格（非精确）",
    ),
    "select_envelope_more": (
        "one more {step} of envelope would buy {gain} {label} (exact re-solve; LP dual {dual})",
        "总额控制每增加{step}可增加{label}{gain}（精确重解；线性规划对偶价格{dual}）",
    ),
    "select_delay_note": (" (starts {delay} year(s) late)", "（推迟{delay}年开工）"),
    "select_must_note": (" (must)", "（必选）"),
    "select_no_time": (
        "the selection is not proven the most valuable within the time limit",
        "在时间限制内未能证明该方案价值最大",
    ),
    "select_rules_conflict": (
        "the rules cannot all hold together (the musts, the alternatives and the needs)",
        "各项规则（必选、互斥、依赖）无法同时满足",
    ),
    "select_must_over": (
        "{year}: the projects that must be chosen alone put '{line}' {amount} over its ceiling",
        "{year}年：仅必选项目就已使“{line}”超出上限{amount}",
    ),
    "select_must_over_envelope": (
        "the projects that must be chosen alone spend {amount} more than the envelope",
        "仅必选项目就已超出总额控制{amount}",
    ),
    "select_over_year": ("{year} by {amount}", "{year}年超出{amount}"),
    "select_over_line": ("'{line}' in {year} by {amount}", "“{line}”{year}年超出{amount}"),
    "select_over_envelope": ("the envelope by {amount}", "总额控制超出{amount}"),
    "select_reason_money": ("it would break {over}", "纳入将超出：{over}"),
    "select_reason_money_late": (
        "even started {delay} year(s) late, it would break {over}",
        "即使推迟{delay}年开工，纳入仍将超出：{over}",
    ),
    "select_reason_alternative": ("an alternative was chosen: {other}", "已选其替代方案：{other}"),
    "select_reason_needs": (
        "it needs {other}, not chosen (or not finished in time)",
        "所依赖的{other}未选（或未按期完成）",
    ),
    "select_reason_excluded": ("excluded", "已排除"),
    "select_reason_no_value": ("its value adds nothing", "其价值为零"),
    "select_forced": (
        "forced in, the plan would be worth {lost} {label} less, and {leave} would leave",
        "若强制纳入，{label}将减少{lost}，需移出：{leave}",
    ),
    "select_forced_cannot": (
        "it cannot be forced in: no selection with it fits",
        "无法强制纳入：纳入后无可行方案",
    ),
    "select_not_proven_short": (" (not proven)", "（未证明最优）"),
    "select_frontier_title": (
        "Efficient frontier: best {label} at each envelope ({unit})",
        "有效前沿：各总额控制下的最大{label}（{unit}）",
    ),
    "selection": ("selection", "项目遴选"),
    "rejected": ("rejected", "未选项目"),
    "select_value_item": ("value ({label})", "价值（{label}）"),
    "select_value_how": ("how the value is counted", "价值计算方法"),
    "select_must": ("must be chosen", "必选项目"),
    "select_exclude": ("excluded", "排除项目"),
    "select_alternatives": (
        "alternatives (at most one of each group)",
        "互斥项目（每组至多选一个）",
    ),
    "select_needs": ("needs (dependent -> prerequisite)", "依赖关系（项目 -> 所依赖项目）"),
    "select_max_delay": ("latest start (years late)", "最多推迟开工年数"),
    "select_listed": ("selections listed near the bound", "界附近列举的方案数"),
    "line_ceilings": ("ceilings of '{line}' ({unit})", "“{line}”预算上限（{unit}）"),
    "chosen": ("chosen", "是否选中"),
    "chosen_count": ("chosen count", "选中项目数"),
    "enter": ("enter", "新增选中"),
    "leave": ("leave", "不再选中"),
    "bound": ("bound", "上界"),
    "reserve": ("reserve", "P80准备金"),
    "project_value": ("value", "价值"),
    "plan_spend": ("plan-period spending", "规划期内投资"),
    "reason": ("why left out", "未选原因"),
    "value_lost": ("value lost if forced in", "强制纳入损失的价值"),
    "value_of_more": ("value of one more step (exact)", "每增加一档预算增加的价值（精确）"),
    "lp_dual": ("LP dual of one more step (not exact)", "线性规划对偶价格（非精确）"),
    "envelope": ("envelope", "总额控制"),
    "select_bound": ("bound", "上界"),
    "select_chosen_count": ("projects chosen", "选中项目数"),
    "entering": ("enter", "新增选中"),
    "departing": ("leave", "移出"),
    "places_rebuilt": (
        (
            "a school that is rebuilt or extended ({word}): the places counted are those of "
            "the classes the scope gives; places it had before are not subtracted"
        ),
        "改扩建或易地新建项目（{word}）：按建设内容所列班级计算学位，未扣除原有学位",
    ),
    # -- one result protocol: sheets of the inputs, severities, options ---------------------
    "protocol_sheet_actuals": ("actuals", "实际支出"),
    "protocol_sheet_bank": ("project bank", "项目库"),
    "protocol_sheet_frontier": ("frontier", "有效前沿"),
    "protocol_sheet_cash_flow": ("cash flow", "分年度资金"),
    "protocol_sheet_sweep": ("scenarios", "情景比较"),
    "rec_heading": ("Reconciliation", "对账"),
    "actuals_headline": (
        "Actuals: {n} projects, covering {span}, {total}",
        "实际支出：{n}个项目，覆盖{span}，合计{total}",
    ),
    "classes": ("classes", "班级数"),
    "site_area_m2": ("site area (m²)", "用地面积（平方米）"),
    "floor_area_m2": ("floor area (m²)", "建筑面积（平方米）"),
    "area_unit": ("area unit", "面积单位"),
    "area_approximate": ("area approximate", "面积为约数"),
    "priority": ("priority", "优先级"),
    "fixed": ("fixed", "是否固定"),
    "interpretation": ("interpretation", "解读"),
    "code": ("project code", "项目代码"),
    "profile_uniform": ("uniform", "均匀分摊"),
    "profile_front": ("front", "前期集中"),
    "profile_back": ("back", "后期集中"),
    "profile_bell": ("bell", "中间集中"),
    "profile_s-curve": ("s-curve", "S形曲线"),
    "profile_phased": ("phased", "按分年度表"),
    "profile_days": ("days", "按天数"),
    "profile_construction": ("construction", "施工季节"),
    "no_change": ("no change", "无变化"),
    "bracketed": (" ({text})", "（{text}）"),
    "table_unit": ("amounts in {unit}", "单位：{unit}"),
    "outcome_finished": ("finished", "已完成"),
    "outcome_finished_with_saving": ("finished with saving", "已完成，有结余"),
    "outcome_finished_over_total": ("finished over total", "已完成，超支"),
    "outcome_carried": ("carried", "结转"),
    "outcome_stopped": ("stopped", "停建"),
    "cash_flow": ("cash flow", "现金流"),
    "amount": ("amount", "金额"),
    "old_start": ("old start year", "原开工年份"),
    "old_end": ("old end year", "原竣工年份"),
    "forecast_spread": ("spread", "重新分摊"),
    "forecast_shift": ("shift", "推迟调整"),
    "cli_schedule_heading": (
        "Schedule ({unit}; actuals to {as_of}, forecast after):",
        "分年度安排（{unit}；截至{as_of}年为实际，其后为预测）：",
    ),
    "cli_carried_heading": ("Carried over ({unit}):", "结转项目（{unit}）："),
    "cli_error": ("error: {message}", "错误：{message}"),
    "error_cannot_read": ("cannot read the file: {reason}", "无法读取文件：{reason}"),
    "error_no_such_file": ("No such file or directory", "文件或目录不存在"),
    "error_permission": ("Permission denied", "没有权限"),
    "error_is_directory": ("Is a directory", "是一个目录"),
    # the command line's usage errors: argparse's sentences and capex's argument readers
    "cli_usage_argument": ("argument {flag}: {problem}", "参数{flag}：{problem}"),
    "cli_usage_see_help": (" (see '{prog} --help')", "（见“{prog} --help”）"),
    "cli_usage_required": (
        "the following arguments are required: {names}",
        "缺少必需的参数：{names}",
    ),
    "cli_usage_unrecognized": ("unrecognized arguments: {names}", "无法识别的参数：{names}"),
    "cli_usage_choice": (
        "invalid choice: {value} (choose from {choices})",
        "无效的选项：{value}（可选：{choices}）",
    ),
    "cli_usage_one_argument": ("expected one argument", "需要一个值"),
    "cli_bad_ceiling": (
        "{text}: expected YEAR=亿元 such as 2021=10",
        "{text}：应写作“年份=亿元”，如2021=10",
    ),
    "cli_negative_ceiling": (
        "{text}: a ceiling must be a finite amount >= 0",
        "{text}：预算上限须为不小于0的有限金额",
    ),
    "note_actuals_after": (
        "{n} actual amount(s) after {as_of}, {amount}, are not compared",
        "{as_of}年以后的{n}笔实际支出（{amount}）不参与比较",
    ),
    "note_actuals_replaced": (
        (
            "{n} actual amount(s) after the cut-off {as_of} ({amount}) are left out: the "
            "forecast replaces them"
        ),
        "截止年份{as_of}年以后的{n}笔实际支出（{amount}）不计入：由预测代替",
    ),
    # the rules of the findings, named in Chinese (their codes stay the English names)
    "rule_above_total": ("above_total", "超总投资"),
    "rule_after_as_of": ("after_as_of", "截止年份以后"),
    "rule_ahead": ("ahead", "进度超前"),
    "rule_behind_time": ("behind_time", "落后序时进度"),
    "rule_finished_early": ("finished_early", "提前完成"),
    "rule_fixed_over_ceiling": ("fixed_over_ceiling", "固定项目超上限"),
    "rule_ledger_differs_from_handover": ("ledger_differs_from_handover", "台账与结转不一致"),
    "rule_no_phased_amounts": ("no_phased_amounts", "无分年度金额"),
    "rule_not_started": ("not_started", "未开工"),
    "rule_not_started_carried": ("not_started_carried", "未开工结转"),
    "rule_nothing_paid": ("nothing_paid", "未支付"),
    "rule_outside_window": ("outside_window", "建设期外支出"),
    "rule_outside_year": ("outside_year", "年度外支付"),
    "rule_over_total": ("over_total", "超总投资"),
    "rule_over_year_plan": ("over_year_plan", "超年度计划"),
    "rule_part_years_added": ("part_years_added", "补充部分年份"),
    "rule_payment_refund": ("payment_refund", "支付退回"),
    "rule_plan_no_before": ("plan_no_before", "规划期前未安排"),
    "rule_plan_nothing_outside": ("plan_nothing_outside", "规划期外无资金"),
    "rule_plan_share_high": ("plan_share_high", "规划期外占比偏高"),
    "rule_plan_share_low": ("plan_share_low", "规划期内占比偏低"),
    "rule_plan_unplaceable": ("plan_unplaceable", "无年份可安排"),
    "rule_reduction": ("reduction", "调减"),
    "rule_refund": ("refund", "退回或冲销"),
    "rule_row_total_differs": ("row_total_differs", "行合计不符"),
    "rule_row_total_empty": ("row_total_empty", "行合计为空"),
    "rule_scope_added_land": ("scope_added_land", "新增用地"),
    "rule_scope_site_area": ("scope_site_area", "用地面积异常"),
    "rule_slipping": ("slipping", "进度滞后"),
    "rule_source_hidden_sheets": ("source_hidden_sheets", "含隐藏工作表"),
    "rule_stopped": ("stopped", "停建"),
    "rule_sum_row_differs": ("sum_row_differs", "合计行不符"),
    "rule_total_above_phased": ("total_above_phased", "总投资高于分年度合计"),
    "rule_total_below_phased": ("total_below_phased", "总投资低于分年度合计"),
    "rule_total_column_not_read": ("total_column_not_read", "未读取总投资列"),
    "rule_total_empty": ("total_empty", "总投资为空"),
    "rule_totals_row": ("totals_row", "合计行"),
    "rule_totals_row_differs": ("totals_row_differs", "合计行与各列合计不符"),
    "rule_under_way_spent_nothing": ("under_way_spent_nothing", "在建未支出"),
    "rule_units_approximate": ("units_approximate", "面积为约数"),
    "rule_units_mixed_row": ("units_mixed_row", "单位混用（本行）"),
    "rule_units_mixed_table": ("units_mixed_table", "单位混用（全表）"),
    "rule_unknown_project": ("unknown_project", "未知项目"),
    "rule_unplanned": ("unplanned", "计划外支出"),
    "rule_voucher_repeated": ("voucher_repeated", "凭证号重复"),
    "rule_years_placed": ("years_placed", "年份已安排"),
    "action_kind_budget_raised": ("budget_raised", "预算调增"),
    "action_kind_overrun_reported": ("overrun_reported", "报告超支"),
    "action_kind_window_extended": ("window_extended", "顺延建设期"),
    "action_kind_left_unscheduled": ("left_unscheduled", "未安排"),
    # the after-the-plan workbooks: headings and assumptions
    "unscheduled": ("unscheduled", "未安排"),
    "variance_at_completion": ("variance at completion", "完工偏差"),
    "action": ("action", "处理"),
    "under_way_fixed": ("under way, start fixed", "已开工，开工年份固定"),
    "item_as_of_compared": ("as of (last year compared)", "截至年份（比较的最后一年）"),
    "item_compared_in": ("amounts compared in", "比较所用单位"),
    "item_the_plan": ("the plan", "计划"),
    "item_before": ("years before the ledger (before=)", "台账以前的年份（before=）"),
    "item_coverage": ("the ledger and time outside it", "台账及其覆盖以外的时间"),
    "item_difference": (
        "actual - planned; percent = difference / planned x 100",
        "实际 - 计划；百分比 = 差额 / 计划 × 100",
    ),
    "item_tolerance": ("tolerance (share of planned to date)", "容差（占截至当期计划的比例）"),
    "item_as_of_actuals": ("as of (last year of actuals)", "截至年份（实际支出的最后一年）"),
    "item_forecast_method": ("forecast method", "预测方法"),
    "item_past_window": ("window already past", "建设期已过"),
    "item_overrun": ("overrun", "超支"),
    "item_closing_period": ("closing plan period", "结束的规划期"),
    "item_next_period": ("next plan period", "下一规划期"),
    "item_window_ended": ("window ended with money left", "建设期已结束而资金未用完"),
    "item_identity": ("identity", "恒等式"),
    "item_reconciles": ("reconciles", "是否一致"),
    "policy_extend": ("extend", "延长建设期"),
    "policy_report": ("report", "报告"),
    "policy_raise": ("raise", "报错"),
    "policy_carry": ("carry", "结转"),
    "policy_release": ("release", "释放"),
    "policy_plan": ("plan", "按计划"),
    "policy_zero": ("zero", "按零"),
    "policy_refuse": ("refuse", "拒绝"),
    # how a plan was solved: the solvers' descriptions, said in Chinese piece by piece (the
    # solvers' own names, HiGHS, CP-SAT, SCIP, MathOpt, stay as they are)
    "solver_min_cost_flow": ("min-cost flow (aggregated, exact)", "最小费用流（聚合，精确）"),
    "solver_lines_mip": (
        "integer program (HiGHS, aggregated, exact)",
        "整数规划（HiGHS，聚合，精确）",
    ),
    "solver_delay_mip": (
        "MIP (HiGHS), one boolean per project and shift; LP bound, reduced-cost fixing",
        "混合整数规划（HiGHS），每个项目每种推迟一个0-1变量；线性松弛下界，约简成本固定",
    ),
    "solver_shift_mip": (
        "MIP (HiGHS), one boolean per project and shift",
        "混合整数规划（HiGHS），每个项目每种推迟一个0-1变量",
    ),
    "solver_shift_scip": (
        "MIP (SCIP, MathOpt), one boolean per project and shift",
        "混合整数规划（SCIP，MathOpt），每个项目每种推迟一个0-1变量",
    ),
    "solver_overload_mip": (
        "MIP (HiGHS), least total overload",
        "混合整数规划（HiGHS），总超支最小",
    ),
    "solver_cpsat": (
        "CP-SAT, intervals on a cumulative per budget line",
        "CP-SAT，每条预算线一个累积约束上的区间变量",
    ),
    "solver_propagation": ("precedence propagation", "紧前关系传播"),
    "solver_select_listed": (
        "linear relaxation (HiGHS), then every selection near its bound listed",
        "线性松弛（HiGHS），再列举界附近的全部方案",
    ),
    "solver_select_relaxation": ("linear relaxation (HiGHS)", "线性松弛（HiGHS）"),
    "solver_select_booleans": (
        ", one boolean per candidate and start; reduced-cost fixing",
        "，每个候选项目及开工年份一个布尔变量；按检验数固定变量",
    ),
    "solver_select_cores": (
        "searches of cores near the relaxation by CP-SAT",
        "以CP-SAT搜索线性松弛附近的核心问题",
    ),
    "solver_select_least_delay": (
        "; then the least weighted delay among the optima",
        "；再在各最优方案中取加权推迟最少者",
    ),
    "solver_select_first_cpsat": ("a first search by CP-SAT", "CP-SAT初步搜索"),
    "solver_select_mip": ("MIP (HiGHS)", "混合整数规划（HiGHS）"),
    "solver_select_then": (" then ", "，再"),
    "solver_nothing_left": ("nothing left to forecast", "无待预测资金"),
    "solver_respread": ("; plan years re-spread (", "；规划期各年重新分摊（"),
    "solver_then_cpsat": (", then CP-SAT for ", "，再以CP-SAT优化"),
    "solver_then": (", then ", "，其后"),
    "solver_among_optima": (" among the optima", "（在各最优解中）"),
    "solver_actuals_to": ("actuals to ", "实际支出截至"),
    "solver_tiebreak_peak": ("'peak'", "“最高年度支出最低”"),
    "solver_tiebreak_makespan": ("'makespan'", "“整个计划最早完成”"),
    "solver_tiebreak_delay": ("'delay'", "“推迟年数最少”"),
    "handover_identity": (
        "total = spent + carried + saving (released) + suspended (stopped) - overrun, exactly",
        "总投资 = 已支出 + 结转 + 节余（释放）+ 暂停（停建）- 超支，精确相等",
    ),
    "scenario_named": ("Scenario {name}", "情景{name}"),
    "scenario_run_by": (" (run by {method})", "（求解方式：{method}）"),
    "cash_flow_headline": (
        "Cash flow of {n} projects, profile {profile}, years {span}",
        "{n}个项目的分年度资金，分摊方式：{profile}，{span}年",
    ),
    "cash_flow_before": ("before {first}: {amount}", "{first}年以前：{amount}"),
    "cash_flow_in": ("{first}-{last}: {amount}", "{first}-{last}年：{amount}"),
    "cash_flow_after": ("after {last}: {amount}", "{last}年以后：{amount}"),
    "cash_flow_placed": (
        "unplaceable: {amount} of {n} project(s), placed in the year {where} the window: {placed}",
        "无年份可安排：{n}个项目共{amount}，放在建设期{where}一年：{placed}",
    ),
    "cash_flow_after_window": ("after", "之后"),
    "cash_flow_before_window": ("before", "之前"),
    "cash_flow_reconciles": ("reconciles with plan_split: {verdict}", "与投资拆分一致：{verdict}"),
    "cash_flow_no": ("NO", "否"),
    "portfolio_headline": (
        "{name}: {n} projects, total {total}, {span}: {plan}",
        "{name}：{n}个项目，总投资{total}，{span}投资{plan}",
    ),
    "comparison_headline": (
        "Comparison of {labels} (base {base}; {unit})",
        "方案比较：{labels}（基准：{base}；单位：{unit}）",
    ),
    "rec_totals": ("totals", "合计核对"),
    "split_before": ("before the plan", "规划期前"),
    "split_in_plan": ("in the plan", "规划期内"),
    "split_after": ("after the plan", "规划期后"),
    # -- errors of the solvers, the afterlife, risk, the store, plots, exports, reports --
    # scenarios (capex.solvers.scenario)
    "err_solver_setting_shifts": ("shifts", "推迟年数"),
    "err_solver_setting_profiles": ("profiles", "各项目支出曲线"),
    "err_solver_setting_ceiling_scale": ("ceiling_scale", "预算上限缩放比例"),
    "err_solver_setting_escalation": ("escalation", "年涨价率"),
    "err_solver_scenario_named_twice": (
        "scenario {name}: project {project} is named twice in {setting}",
        "情景{name}：项目{project}在{setting}中出现了两次",
    ),
    "err_solver_scenario_no_name": (
        "a scenario needs a name, not {value}",
        "情景须有名称，而不是{value}",
    ),
    "err_solver_scenario_shift_of": ("shift of project {project}", "项目{project}的推迟年数"),
    "err_solver_scenario_whole_years": (
        "scenario {name}: {error} (whole years)",
        "情景{name}：{error}（以整年计）",
    ),
    "err_solver_scenario_ceiling_year": ("a ceiling's year", "预算上限的年度"),
    "err_solver_scenario_not_year_amount": ("not a year and amount", "不是年度和金额"),
    "err_solver_scenario_ceiling": (
        "scenario {name}: ceiling {year} = {value}: {reason}",
        "情景{name}：预算上限{year} = {value}：{reason}",
    ),
    "err_solver_scenario_ceiling_infinite": (
        "scenario {name}: ceiling {year} = {value} is not a finite amount",
        "情景{name}：预算上限{year} = {value}不是有限的金额",
    ),
    "err_solver_scenario_scale_negative": (
        "scenario {name}: ceiling_scale cannot be negative ({value})",
        "情景{name}：预算上限缩放比例不能为负数（{value}）",
    ),
    "err_solver_scenario_error": ("scenario {name}: {error}", "情景{name}：{error}"),
    "err_solver_scenario_add_frame": (
        "scenario {name}: add must be a DataFrame of projects",
        "情景{name}：新增项目须为项目表（DataFrame）",
    ),
    "err_solver_scenario_method": (
        "scenario {name}: method must be one of {methods}, not {value}",
        "情景{name}：求解方法应为{methods}之一，而不是{value}",
    ),
    "err_solver_method": (
        "method must be one of {methods}, not {value}",
        "求解方法应为{methods}之一，而不是{value}",
    ),
    "err_solver_scenario_id_taken": (
        "scenario {name} adds a project whose id is taken",
        "情景{name}新增的项目编号已被占用",
    ),
    "err_solver_no_suffix": ("'no suffix'", "无扩展名"),
    "err_solver_scenario_suffix": (
        "{path}: write a scenario as .toml or .json, not {suffix}",
        "{path}：情景应保存为.toml或.json文件，而不是{suffix}",
    ),
    "err_solver_scenario_not_table": ("a scenario is a table of keys", "情景应为键值表"),
    "err_solver_scenario_unknown_key": (
        "unknown key (known: {known})",
        "未知的键（可用的键：{known}）",
    ),
    "err_solver_scenario_nameless": ("the scenario has no name", "情景没有名称"),
    "err_solver_scenario_expected_ids": ("expected a list of project ids", "应为项目编号列表"),
    "err_solver_scenario_unreadable": (
        "cannot read the scenario: {reason}",
        "无法读取情景文件：{reason}",
    ),
    "err_solver_scenario_not_utf8": (
        "the scenario is not UTF-8 text (byte {byte}); save it as UTF-8",
        "情景文件不是UTF-8编码的文本（第{byte}字节）；请另存为UTF-8编码",
    ),
    "err_solver_scenario_json": (
        "not valid JSON: {reason} (line {line}, column {column})",
        "不是有效的JSON：{reason}（第{line}行，第{column}列）",
    ),
    "err_solver_scenario_toml": ("not valid TOML: {reason}", "不是有效的TOML：{reason}"),
    "err_solver_scenario_too_deep": (
        "the scenario is nested too deeply to be read",
        "情景文件嵌套层数过多，无法读取",
    ),
    "err_solver_scenario_not_number": (
        "scenario {name}: {setting} must be a number, not {value}",
        "情景{name}：{setting}应为数字，而不是{value}",
    ),
    "err_solver_scenario_id_kind": (
        "a project id is text or a whole number",
        "项目编号应为文本或整数",
    ),
    "err_solver_scenario_id_twice": (
        "project {project} is named twice, as {first} and {second}; keep one",
        "项目{project}出现了两次（{first}和{second}），请保留一个",
    ),
    "err_solver_scenario_expected_table": (
        "expected a table of project id = value",
        "应为“项目编号 = 值”的表",
    ),
    "err_solver_scenario_expected_ceilings": (
        "expected a table of year = 亿元",
        "应为“年度 = 亿元”的表",
    ),
    "err_solver_scenario_expected_rows": (
        "expected a list of project tables",
        "应为项目表的列表",
    ),
    "err_solver_scenario_one_value": (
        "a project's {column} must be one value, not a table or a list",
        "项目的{column}应为单个值，不能是表或列表",
    ),
    # the plan store (capex.store)
    "err_store_field_name": ("name", "名称"),
    "err_store_field_stage": ("stage", "预算阶段"),
    "err_store_field_author": ("author", "编制人"),
    "err_store_field_by": ("by", "经办人"),
    "err_store_field_note": ("note", "说明"),
    "err_store_field_reason": ("reason", "理由"),
    "err_store_name_number": (
        "a version's name cannot be a whole number ({name} reads as an id)",
        "版本名称不能是整数（{name}会被当作版本号）",
    ),
    "err_store_cannot_save_kind": (
        "cannot save a {kind}: the store saves {kinds}",
        "无法保存{kind}：计划库只保存{kinds}",
    ),
    "err_store_name_taken": (
        "the store already has a version named {name}",
        "计划库中已有名为{name}的版本",
    ),
    "err_store_submitted_already": (
        "{name} is {status} already; only a draft is submitted",
        "{name}已是{status}状态；只有草稿才能提交",
    ),
    "err_store_public_key": (
        "the store's key is a public key: it checks approvals, it cannot sign",
        "计划库的密钥是公钥：只能校验批准，不能签名",
    ),
    "err_store_approved_already": (
        "{name} was approved already, by {by} at {at} (fingerprint {fingerprint})",
        "{name}已由{by}于{at}批准（版本指纹{fingerprint}）",
    ),
    "err_store_draft": (
        "{name} is a draft: submit it before it is approved",
        "{name}是草稿：须先提交，才能批准",
    ),
    "err_store_four_eyes": (
        (
            "{name} was saved by {author}: an approver must be someone else (four eyes; open "
            "the store with four_eyes=False for an office of one)"
        ),
        "{name}由{author}保存：批准人须为他人（双人复核；只有一人的科室可用four_eyes=False打开计划库）",
    ),
    "err_store_superseded": (
        (
            "{name} is superseded: {newer} (saved {at}) revises it; approve the newer "
            "version, or save a revision of it"
        ),
        "{name}已被取代：{newer}（保存于{at}）是其修订版；请批准较新的版本，或另存其修订版",
    ),
    "err_store_no_projects": (
        "a {kind} has no projects to give codes to",
        "{kind}中没有可赋予项目代码的项目",
    ),
    "err_store_no_version": (
        "the store {store} has no version {version}",
        "计划库{store}中没有版本{version}",
    ),
    "err_store_content_missing": (
        "the content of {name} is missing from the store: run verify",
        "计划库中缺少{name}的内容：请运行校验（capex verify）",
    ),
    "err_store_content_changed": (
        (
            "the content of {name} no longer matches its hash: the store has been changed "
            "outside capex (capex verify names what changed)"
        ),
        "{name}的内容与其哈希不符：计划库在capex之外被改动过（capex verify会列出改动之处）",
    ),
    "err_store_content_encoding": (
        "the content of {name} is kept as {encoding}, unknown to this capex",
        "{name}的内容以{encoding}格式保存，本版本capex无法识别",
    ),
    "err_store_content_damaged": (
        "the content of {name} is damaged: {reason}",
        "{name}的内容已损坏：{reason}",
    ),
    "err_store_no_author": (
        "who saves this? give author= (no login name is known)",
        "由谁保存？请提供author=（无法得知登录名）",
    ),
    "err_store_label_not_text": (
        "a version's {what} must be text, not {value}",
        "版本的{what}应为文本，而不是{value}",
    ),
    "err_store_label_empty": ("a version's {what} cannot be empty", "版本的{what}不能为空"),
    "err_store_label_long": (
        "a version's {what} has {length} characters; at most {most}",
        "版本的{what}有{length}个字符；最多{most}个",
    ),
    "err_store_label_control": (
        "a version's {what} holds a control character: {value}",
        "版本的{what}含有控制字符：{value}",
    ),
    "err_store_text_not_text": (
        "the {what} must be text, not {value}",
        "{what}应为文本，而不是{value}",
    ),
    "err_store_doing_write": ("write to", "写入"),
    "err_store_doing_read": ("read", "读取"),
    "err_store_cannot": (
        "cannot {doing} the store {store}: {reason}",
        "无法{doing}计划库{store}：{reason}",
    ),
    "err_store_not_address": (
        "not a database address: {address} ({reason})",
        "不是数据库地址：{address}（{reason}）",
    ),
    "err_store_scheme": (
        (
            "a store is an SQLite file or a PostgreSQL server, not {scheme}: give a path, or "
            "postgresql://user@host/database"
        ),
        "计划库应为SQLite文件或PostgreSQL服务器，而不是{scheme}：请给出文件路径，或postgresql://user@host/database",
    ),
    "err_store_in_memory": (
        "a store needs a file: an SQLite store in memory would be lost",
        "计划库须保存在文件中：内存中的SQLite计划库会丢失",
    ),
    "err_store_folder": (
        "the store {path} is a folder; give a file such as {file}",
        "计划库{path}是文件夹；请给出文件，例如{file}",
    ),
    "err_store_none_at": (
        "there is no store at {path} (a store is made by the first save: --save NAME)",
        "{path}处没有计划库（计划库在第一次保存时建立：--save 名称）",
    ),
    "err_store_no_folder": (
        "the store {path}: the folder {folder} does not exist",
        "计划库{path}：文件夹{folder}不存在",
    ),
    "err_store_key_public": (
        "this key is a public key: it checks approvals but cannot sign them",
        "此密钥是公钥：只能校验批准，不能签名",
    ),
    "err_store_key_unreadable": (
        "cannot read the key file {path}: {reason}",
        "无法读取密钥文件{path}：{reason}",
    ),
    "err_store_key_short": (
        (
            "{where}: an HMAC secret needs at least {least} bytes (it has {has}); make one "
            'with: python -c "import secrets; print(secrets.token_hex(32))"'
        ),
        (
            "{where}：HMAC密钥至少需要{least}个字节（现有{has}个）；可用以下命令生成："
            'python -c "import secrets; print(secrets.token_hex(32))"'
        ),
    ),
    "err_store_key_needs_cryptography": (
        "{path} is an Ed25519 key: reading it needs the cryptography package (pip install cryptography)",
        "{path}是Ed25519密钥：读取它需要安装cryptography程序包（pip install cryptography）",
    ),
    "err_store_key_unknown": (
        "{path} is not a key capex can read: {reason}",
        "{path}不是capex能读取的密钥：{reason}",
    ),
    "err_store_key_kind": (
        "{path} is a key of another kind; capex signs with Ed25519 keys",
        "{path}是其他类型的密钥；capex使用Ed25519密钥签名",
    ),
    "err_store_kind_unknown": (
        (
            "this store holds a {kind}, a kind this version of capex cannot read (it may have "
            "been saved by a newer capex)"
        ),
        "此计划库中有{kind}，本版本capex无法读取这一类型（可能由较新版本的capex保存）",
    ),
    "err_store_codec_newer": (
        (
            "{path} is a {kind} saved by a newer capex (codec version {version}; this capex "
            "reads up to {most}): upgrade capex to read it"
        ),
        "{path}是由较新版本capex保存的{kind}（编码版本{version}；本版本capex最高读取{most}）：请升级capex后读取",
    ),
    "err_store_fields_unknown": (
        "{path} holds field(s) {fields} unknown to its {kind}",
        "{path}含有{kind}中没有的字段{fields}",
    ),
    "err_store_rebuild": (
        "{path}: the saved {kind} cannot be rebuilt: {error}",
        "{path}：保存的{kind}无法复原：{error}",
    ),
    "err_store_format_unknown": (
        "saved content is in the form {form}, which this capex cannot read (it reads {forms})",
        "保存的内容为{form}格式，本版本capex无法读取（可读取{forms}）",
    ),
    "err_store_measured_damaged": (
        "the measured fields kept beside a version are damaged",
        "随版本保存的计量字段已损坏",
    ),
    "err_store_column_type": (
        "cannot save {path}: a column of type {dtype} (capex saves numbers and text)",
        "无法保存{path}：其中一列的类型为{dtype}（capex只保存数字和文本）",
    ),
    "err_store_damaged_at": (
        "saved content is damaged at {path}: {node}",
        "保存的内容在{path}处已损坏：{node}",
    ),
    "err_store_value_kind": (
        "saved content at {path} has a value of unknown kind {tag}",
        "保存的内容在{path}处有未知类型{tag}的值",
    ),
    "err_store_enum_unknown": (
        "saved content at {path} names an unknown enum {name}",
        "保存的内容在{path}处引用了未知的枚举{name}",
    ),
    "err_store_columns_differ": (
        "saved content is damaged at {path}: columns and data differ",
        "保存的内容在{path}处已损坏：列与数据不一致",
    ),
    "err_store_column_unknown": (
        "saved content at {path} has a column of unknown type {dtype}",
        "保存的内容在{path}处有一列为未知类型{dtype}",
    ),
    "err_store_column_damaged": (
        "saved content at {path} has a damaged column",
        "保存的内容在{path}处有一列已损坏",
    ),
    "err_store_canonical": (
        "cannot write the content in the canonical form: {reason}",
        "无法以规范格式写入内容：{reason}",
    ),
    "err_store_not_unicode": (
        "cannot save text that is not valid Unicode ({reason} at character {at}): {text}",
        "无法保存不是有效Unicode的文本（第{at}个字符：{reason}）：{text}",
    ),
    "err_store_unreadable": (
        "saved content cannot be read: {reason}",
        "无法读取保存的内容：{reason}",
    ),
    "err_store_codes_no_column": (
        "the portfolio given as codes has no code column (项目代码)",
        "作为项目代码给出的项目表中没有项目代码列",
    ),
    "err_store_codes_kind": (
        "codes are a portfolio or {{id: code}}, not a {kind}",
        "项目代码应为项目表或{{序号: 项目代码}}，而不是{kind}",
    ),
    "err_store_codes_damaged": (
        "the codes kept beside a version are damaged",
        "随版本保存的项目代码已损坏",
    ),
    "err_store_compare_kinds": (
        (
            "cannot compare a {kind} ({name}) with a {other} ({other_name}): only objects of "
            "one kind, or two that hold money year by year, are compared"
        ),
        "无法比较{kind}（{name}）与{other}（{other_name}）：只能比较同一类型的对象，或两个都有逐年金额的对象",
    ),
    "err_store_compare_money": (
        "cannot compare a {kind} with a {other} through their money year by year: {name} holds none",
        "无法按逐年金额比较{kind}与{other}：{name}没有逐年金额",
    ),
    "err_store_not_fingerprint": (
        (
            "{anchor} is not a fingerprint: give the 16 hex digits printed at the approval "
            "(such as 3f2a-9c1b-04de-77aa) or the whole hash"
        ),
        "{anchor}不是版本指纹：请给出批准时打印的16位十六进制数字（如3f2a-9c1b-04de-77aa）或完整的哈希",
    ),
    "err_store_foreign": (
        (
            "{store} is a database of something else (tables {tables}); capex keeps its store "
            "in a file or database of its own"
        ),
        "{store}是另作他用的数据库（其中有表{tables}）；capex的计划库须使用单独的文件或数据库",
    ),
    "err_store_schema_newer": (
        "the store {store} was made by a newer capex (schema revision {revision}); upgrade capex to use it",
        "计划库{store}由较新版本的capex建立（结构版本{revision}）；请升级capex后使用",
    ),
    # risk: distributions, uncertainty, sweeps and their executors (capex.risk)
    "err_risk_param_low": ("low", "最低值"),
    "err_risk_param_mode": ("mode", "最可能值"),
    "err_risk_param_high": ("high", "最高值"),
    "err_risk_param_shape": ("shape", "形状参数"),
    "err_risk_param_p10": ("p10", "P10"),
    "err_risk_param_p90": ("p90", "P90"),
    "err_risk_param_value": ("value {position}", "第{position}个值"),
    "err_risk_param_probability": ("the probability of {years} year(s)", "推迟{years}年的概率"),
    "err_risk_not_number": (
        "{where}: {what} must be a number, not {value}",
        "{where}：{what}应为数字，而不是{value}",
    ),
    "err_risk_not_finite": (
        "{where}: {what} must be a finite number, not {value}",
        "{where}：{what}应为有限的数，而不是{value}",
    ),
    "err_risk_minus_one": (
        (
            "{where}: {what} {value} would make a project cost nothing or less; a cost change "
            "is a share above -1 (-0.2 is a 20 % saving, 0.3 a 30 % overrun)"
        ),
        "{where}：{what}为{value}会使项目投资为零或负数；投资变化是大于-1的比例（-0.2表示节约20%，0.3表示超支30%）",
    ),
    "err_risk_low_high": ("{where}: low must be below high", "{where}：最低值应小于最高值"),
    "err_risk_low_mode": (
        "{where}: the low {low} is above the mode {mode}",
        "{where}：最低值{low}大于最可能值{mode}",
    ),
    "err_risk_mode_high": (
        "{where}: the mode {mode} is above the high {high}",
        "{where}：最可能值{mode}大于最高值{high}",
    ),
    "err_risk_shape": ("{where}: the shape must be positive", "{where}：形状参数应为正数"),
    "err_risk_p10_p90": (
        "{where}: the P10 {p10} is above the P90 {p90}",
        "{where}：P10（{p10}）大于P90（{p90}）",
    ),
    "err_risk_p10_equal": ("{where}: the P10 must be below the P90", "{where}：P10应小于P90"),
    "err_risk_empirical_list": (
        "Empirical: values must be a list of numbers, not {value}",
        "经验分布：取值应为数字列表，而不是{value}",
    ),
    "err_risk_empirical_empty": (
        "Empirical: give at least one observed change",
        "经验分布：请至少给出一个观测到的变化",
    ),
    "err_risk_discrete_table": (
        "Discrete: give {{years: probability}}, such as {{0: 0.6, 1: 0.3, 2: 0.1}}, not {value}",
        "离散分布：请给出{{推迟年数: 概率}}，例如{{0: 0.6, 1: 0.3, 2: 0.1}}，而不是{value}",
    ),
    "err_risk_delay_twice": (
        "{where}: the delay {delay} is given twice",
        "{where}：推迟{delay}年给出了两次",
    ),
    "err_risk_probability_negative": (
        "{where}: the probability of {years} year(s) is negative ({chance})",
        "{where}：推迟{years}年的概率为负数（{chance}）",
    ),
    "err_risk_probability_sum": (
        "{where}: the probabilities sum to {total}, not 1",
        "{where}：各概率之和为{total}，而不是1",
    ),
    "err_risk_delay_whole": (
        "{where}: a delay is whole years, not {value}",
        "{where}：推迟应为整年数，而不是{value}",
    ),
    "err_risk_delay_negative": (
        (
            "{where}: a start delay cannot be negative ({years}); a project does not start "
            "earlier than planned by chance"
        ),
        "{where}：开工推迟不能为负数（{years}）；项目不会偶然早于计划开工",
    ),
    "err_risk_delay_most": (
        "{where}: a start delay is at most {most} years (capex.model.limits), not {years}",
        "{where}：开工推迟最多{most}年，而不是{years}",
    ),
    "err_risk_parse_text": (
        "a distribution is text such as 'triangular(0, 0.1, 0.4)', not {value}",
        "分布应为文本，例如'triangular(0, 0.1, 0.4)'，而不是{value}",
    ),
    "err_risk_parse_not": (
        (
            "{text} is not a distribution; write for example 'triangular(-0.05, 0.05, 0.4)' "
            "or 'discrete(0=0.6, 1=0.3, 2=0.1)'"
        ),
        "{text}不是分布；请写成如'triangular(-0.05, 0.05, 0.4)'或'discrete(0=0.6, 1=0.3, 2=0.1)'的形式",
    ),
    "err_risk_parse_empty": ("{text}: an empty parameter", "{text}：有空的参数"),
    "err_risk_parse_pair": (
        "{text}: write each delay as years=probability, not {item}",
        "{text}：每个推迟应写成“年数=概率”，而不是{item}",
    ),
    "err_risk_parse_unknown": (
        "{text}: unknown distribution {name}; use one of {known}",
        "{text}：未知的分布{name}；请用{known}之一",
    ),
    "err_risk_parse_no_parameter": (
        "{text}: {name} has no parameter {param}",
        "{text}：{name}没有参数{param}",
    ),
    "err_risk_parse_bare": (
        "{text}: a bare number after a named one",
        "{text}：有名参数之后出现了无名的数",
    ),
    "err_risk_parse_most": (
        "{text}: {name} takes at most {most} parameters",
        "{text}：{name}最多有{most}个参数",
    ),
    "err_risk_parse_twice": ("{text}: {param} is given twice", "{text}：{param}给出了两次"),
    "err_risk_parse_missing": (
        "{text}: {name} needs {required}; missing {missing}",
        "{text}：{name}需要{required}；缺少{missing}",
    ),
    "err_risk_parse_number": ("{text}: {raw} is not a number", "{text}：{raw}不是数字"),
    "err_risk_what_cost": ("cost", "投资变化"),
    "err_risk_what_delay": ("delay", "开工推迟"),
    "err_risk_subject": ("the {what}", "{what}"),
    "err_risk_subject_project": ("the {what} of project {project}", "项目{project}的{what}"),
    "err_risk_subject_rule": ("the {what} of rule {position}", "第{position}条规则的{what}"),
    "err_risk_price_index": (
        "price_index must be a cost distribution such as Triangular(0, 0.03, 0.1), not {value}",
        "价格指数应为投资变化分布，例如Triangular(0, 0.03, 0.1)，而不是{value}",
    ),
    "err_risk_rule_pair": (
        "{what}: item {position} of a list of rules must be a (rule, distribution) pair, not {item}",
        "{what}：规则列表的第{position}项应为（规则，分布）对，而不是{item}",
    ),
    "err_risk_spec": (
        (
            "{what} must be a distribution, a mapping by project id, a Series by project id or "
            "a list of (rule, distribution) pairs, not {value}"
        ),
        "{what}应为一个分布、按项目编号给出的映射或序列，或（规则，分布）对的列表，而不是{value}",
    ),
    "err_risk_delay_discrete": (
        (
            "{subject} must be a Discrete distribution of whole years such as "
            "Discrete({{0: 0.6, 1: 0.3, 2: 0.1}}), not {value}"
        ),
        "{subject}应为整年数的离散分布，例如Discrete({{0: 0.6, 1: 0.3, 2: 0.1}})，而不是{value}",
    ),
    "err_risk_cost_distribution": (
        (
            "{subject} must be a cost distribution (Uniform, Triangular, PERT, Lognormal or "
            "Empirical), not {value}"
        ),
        "{subject}应为投资变化分布（Uniform、Triangular、PERT、Lognormal或Empirical），而不是{value}",
    ),
    "err_risk_no_such_project": ("the {what} names no such project", "{what}所指的项目不存在"),
    "err_risk_started": (
        "the project started before the plan period ({first}), so a start delay cannot apply to it",
        "该项目在规划期（{first}年）前已开工，不能对其设定开工推迟",
    ),
    # after the plan: the month plan, variance, re-forecast, carry-over, execution (capex.afterlife)
    "err_after_start_month": ("start_month", "开工月份"),
    "err_after_finish_month": ("finish_month", "竣工月份"),
    "err_after_no_years": ("none", "无"),
    "err_after_plan_no_year": (
        "the plan has no year {year} (its years: {span})",
        "计划中没有{year}年（计划年度：{span}）",
    ),
    "err_after_month_negative": (
        (
            "project {project} has a negative amount in {year} ({amount}): a month plan pays "
            "out, it cannot reduce"
        ),
        "项目{project}在{year}年的金额为负数（{amount}）：分月用款计划只安排支付，不能冲减",
    ),
    "err_after_quota": ("quota: {error}", "用款额度：{error}"),
    "err_after_quota_rules": (
        "quota: {error} (pass portfolio= for rules on its columns)",
        "用款额度：{error}（按项目表的列设定规则时，请传入portfolio=）",
    ),
    "err_after_quota_sources": (
        (
            "quota: a quota line is a funding source, but the plan has no sources (plan a "
            "portfolio with sources, or pass portfolio= with them)"
        ),
        "用款额度：额度科目是一项资金来源，但计划中没有资金来源（请用带资金来源的项目表编制计划，或传入带资金来源的portfolio=）",
    ),
    "err_after_fiscal_start": (
        "fiscal_year_start={start}: the plan counts {counts}",
        "财政年度起始月{start}：计划采用的是{counts}",
    ),
    "err_after_month_order": (
        "project {project}: its start month {start} is after its finish month {finish}",
        "项目{project}：开工月份{start}晚于竣工月份{finish}",
    ),
    "err_after_month_table": (
        "{what} is {{project id: month}}, not {value}",
        "{what}应为{{项目编号: 月份}}，而不是{value}",
    ),
    "err_after_what_error": ("{what}: {error}", "{what}：{error}"),
    "err_after_not_month": (
        "{what} of project {project}: {value} is not a month (1 to 12)",
        "项目{project}的{what}：{value}不是月份（1至12）",
    ),
    "err_after_quota_shape": (
        "a quota is one amount, twelve amounts, {{month: amount}} or budget lines; got {n} values",
        "用款额度应为一个金额、十二个金额、{{月份: 金额}}或预算科目；收到{n}个值",
    ),
    "err_after_quota_month": (
        (
            "quota line {line}: {month} is not a month; a monthly quota's ceilings are "
            "{{month: amount}}, months 1 to 12"
        ),
        "额度科目{line}：{month}不是月份；月度用款额度的上限应为{{月份: 金额}}，月份为1至12",
    ),
    "err_after_not_in_portfolio": (
        "project {project} of the plan is not in the portfolio",
        "计划中的项目{project}不在项目表中",
    ),
    "err_after_group_by": (
        "cannot group by {by}; use one of {known}",
        "无法按{by}分组；请用{known}之一",
    ),
    "err_after_group_needs_portfolio": (
        "grouping by {by} needs the portfolio: pass portfolio= to variance()",
        "按{by}分组需要项目表：请向variance()传入portfolio=",
    ),
    "err_after_group_no_lines": (
        "the portfolio has no budget lines with rules to group by",
        "项目表中没有带规则的预算科目，无法分组",
    ),
    "err_after_tolerance": (
        "the tolerance must be a share from 0 to 1, not {value}",
        "容差应为0至1之间的比例，而不是{value}",
    ),
    "err_after_id_not_in_plan": (
        "project id {project} is not in the plan",
        "项目编号{project}不在计划中",
    ),
    "err_after_actuals_empty": (
        "the actuals are empty: give as_of= to compare with nothing spent",
        "实际支出为空：如要与零支出比较，请给出as_of=",
    ),
    "err_after_actuals_no_year": (
        "the actuals cover no year: give as_of=, and load them with years= to say which years they cover",
        "实际支出未覆盖任何年度：请给出as_of=，并在读取时用years=说明其覆盖的年度",
    ),
    "err_after_option_method": ("method", "求解方法"),
    "err_after_option_past_window": ("past_window", "超出建设周期的处理方式（past_window）"),
    "err_after_option_overrun": ("overrun", "超支的处理方式（overrun）"),
    "err_after_unknown_option": (
        "unknown {option} {value}; use one of {known}",
        "未知的{option}{value}；请用{known}之一",
    ),
    "err_after_policy": ("{name}={value}: use one of {known}", "{name}={value}：请用{known}之一"),
    "err_after_elapsed_by": (
        "by={value}: count the elapsed year by {first} or {second}",
        "by={value}：已过年度的比例应按{first}或{second}计算",
    ),
    "err_after_points": (
        "tolerance={value}: a number of percentage points, 0 to 100",
        "容差{value}：应为0至100之间的百分点数",
    ),
    "err_after_as_of_outside": (
        "as_of {date} is outside the budget year {year} of the monthly plan",
        "截止日期{date}不在分月用款计划的预算年度{year}内",
    ),
    "err_after_payments_fiscal": (
        "the payments count {payments}, the monthly plan {plan}: read them with the plan's fiscal_year_start",
        "支付记录采用{payments}，分月用款计划采用{plan}：请按计划的财政年度起始月（fiscal_year_start）读取支付记录",
    ),
    "err_after_payment_outside": (
        (
            "the payment is dated {date}, outside the budget year {year} ({n} payment(s) in "
            "all); pass outside='report' to leave them out with a finding"
        ),
        "该笔支付日期为{date}，不在{year}预算年度内（共{n}笔）；如要剔除并列为检查结果，请传入outside='report'",
    ),
    "err_after_payment_unknown": (
        (
            "the payment is for a project that is not in the {year} plan ({n} payment(s) in "
            "all); pass unknown='report' to leave them out with a finding, or codes= to match "
            "project codes"
        ),
        "该笔支付所属项目不在{year}年计划中（共{n}笔）；如要剔除并列为检查结果，请传入unknown='report'，或用codes=按项目代码匹配",
    ),
    "err_after_past_window": (
        "unknown past_window policy {value}; use one of {known}",
        "未知的超出建设周期处理方式（past_window）{value}；请用{known}之一",
    ),
    "err_after_next_period": (
        "next_period must be two years (first, last), not {value}",
        "下一规划期应为两个年份（起始年，结束年），而不是{value}",
    ),
    "err_after_next_backwards": (
        "the next period {first}-{last} ends before it starts",
        "下一规划期{first}-{last}年的结束年早于起始年",
    ),
    "err_after_next_after": (
        "the next period {first}-{last} must start after the plan period {plan_first}-{plan_last} begins",
        "下一规划期{first}-{last}年须在本规划期{plan_first}-{plan_last}年开始之后开始",
    ),
    "err_after_new_id_taken": (
        "a new project has the id of a carried project: {ids}; give the new projects other ids",
        "新项目与结转项目的编号相同：{ids}；请为新项目另编编号",
    ),
    "err_after_new_period": (
        "the new projects are planned for {first}-{last}, not the next period {next_first}-{next_last}",
        "新项目的规划期为{first}-{last}年，而不是下一规划期{next_first}-{next_last}年",
    ),
    "err_after_new_unit": (
        (
            "the new projects are written in {unit}, finer than the carried projects' "
            "{carried}: give them in {carried} or the actuals in {unit}"
        ),
        "新项目以{unit}填写，比结转项目的{carried}更细：请以{carried}填写新项目，或以{unit}填写实际支出",
    ),
    "err_after_unknown_column": (
        "unknown column {column}; the columns are {known}",
        "未知的列{column}；可用的列为{known}",
    ),
    "err_after_unknown_heading": (
        "a heading for an unknown column {column}",
        "为未知的列{column}给出了标题",
    ),
    "err_after_nothing_to_file": (
        "the hand-over carries no project and has no new one: nothing to file",
        "结转中既无结转项目也无新项目：没有可报送的内容",
    ),
    "err_after_actuals_kind": (
        "actuals are capex.Actuals (or payments), not {kind}",
        "实际支出应为capex.Actuals（或支付记录），而不是{kind}",
    ),
    "err_after_rolling_years": (
        "years={value}: a rolling plan covers 1 to 10 years (usually 3)",
        "年数{value}：滚动计划覆盖1至10年（通常为3年）",
    ),
    "err_after_not_year": ("year={value} is not a year", "年度{value}不是年份"),
    "err_after_before_policy": (
        "unknown before policy {value}; use one of {known}",
        "未知的规划期前支出处理方式（before）{value}；请用{known}之一",
    ),
    "err_after_actuals_cover_none": (
        "the actuals cover no year: load them with years=(first, last) to say which years they cover",
        "实际支出未覆盖任何年度：读取时请用years=(起始年, 结束年)说明其覆盖的年度",
    ),
    "err_after_the_hand_over": ("the hand-over", "结转年度"),
    "err_after_the_cut_off": ("the cut-off", "截止年度"),
    "err_after_as_of_after": (
        "as_of {as_of} is after {what} {through}",
        "截止年度{as_of}晚于{what}{through}",
    ),
    "err_after_ledger_stops": (
        (
            "the ledger covers {coverage} and stops before {what} {as_of}: it has no "
            "{missing}. Pass as_of={last} to say where it stops (the years after it are then "
            "taken as planned), or, if it covers those years with nothing spent, load it with "
            "years=({first}, {as_of})"
        ),
        (
            "台账覆盖{coverage}，在{what}{as_of}年之前中止：没有{missing}年的记录。请传入as_of={last}"
            "说明台账截止之处（其后各年按计划计算），或者，如台账已覆盖这些年度且无支出，请用"
            "years=({first}, {as_of})读取"
        ),
    ),
    "err_after_as_of_before": (
        "as_of {as_of} is before the ledger's first year {first}",
        "截止年度{as_of}早于台账的第一年{first}",
    ),
    "err_after_ledger_month": (
        (
            "the ledger starts in month {month} of {year}: the months before it cannot be taken "
            "from a plan by year; give the whole year, or pass before='zero'"
        ),
        "台账从{year}年{month}月开始：此前各月无法从按年编制的计划中取得；请给出全年记录，或传入before='zero'",
    ),
    "err_after_and_more": (" and {n} more", "等，另有{n}个"),
    "err_after_refuse": (
        (
            "before='refuse': the ledger covers {coverage}, and {n} project(s) have {amount} "
            "planned before {year}: {named}{more}. Give a ledger from their first year, or "
            "before='plan' (taken as planned) or before='zero' (nothing spent)"
        ),
        (
            "before='refuse'：台账覆盖{coverage}，而{n}个项目在{year}年前计划投资{amount}：{named}{more}。"
            "请提供从这些项目第一年起的台账，或传入before='plan'（按计划计算）或before='zero'（按无支出计算）"
        ),
    ),
    # selection (capex.select)
    "err_solver_unknown": (
        "unknown solver {solver}; use one of {known}",
        "未知的求解器{solver}；请用{known}之一",
    ),
    "err_solver_select_no_value": (
        "give value=: a column, '学位', a Series by id or a ValueFramework",
        "请给出value=：一列（如“学位”）、按项目编号给出的序列，或一个ValueFramework",
    ),
    "err_solver_envelope": (
        "an envelope must be an amount of at least 0: {reason}",
        "总额控制应为不小于0的金额：{reason}",
    ),
    "err_solver_no_envelopes": (
        "give the envelopes of the frontier, at least one",
        "请给出边界曲线的总额控制，至少一个",
    ),
    "err_solver_hand_over_empty": (
        "the hand-over carries no project into the next plan",
        "结转中没有转入下一规划期的项目",
    ),
    "err_solver_candidates": (
        (
            "candidates must be a portfolio, a phased baseline, a bank, a hand-over, or a "
            "workbook, CSV file or DataFrame of projects; got {kind}"
        ),
        "候选项目应为项目表、分年度基准、项目库、结转，或项目的工作簿、CSV文件或DataFrame；收到的是{kind}",
    ),
    "err_solver_value_reason": (": {reason}", "：{reason}"),
    "err_solver_value_others": (" (and {n} more: {ids})", "（另有{n}个：{ids}）"),
    "err_solver_value_unknown": (
        (
            "the value of candidate {project} is not known{reason}{others}. Give it (a value "
            "column, a Series by id, school_type=...), or exclude the project, or make it one "
            "the plan must take"
        ),
        (
            "候选项目{project}的价值未知{reason}{others}。请给出其价值（价值列、按项目编号给出的序列、"
            "school_type=……），或排除该项目，或将其列为必选项目"
        ),
    ),
    "err_solver_envelope_not": (
        "envelope must be an amount of at least 0, not {value}: {reason}",
        "总额控制应为不小于0的金额，而不是{value}：{reason}",
    ),
    "err_solver_must_exclude": (
        "project {project} is both in must and in exclude",
        "项目{project}既是必选项目又是排除项目",
    ),
    "err_solver_alternatives": (
        "a group of alternatives needs two projects or more, not {members}",
        "一组备选项目至少需要两个项目，而不是{members}",
    ),
    "err_solver_needs_itself": (
        "project {project} cannot need itself",
        "项目{project}不能以自身为前提",
    ),
    "err_solver_max_delay_of": ("max_delay of project {project}", "项目{project}的最多推迟年数"),
    "err_solver_needs_shape": (
        "needs must be {{dependent: prerequisite}} or pairs (dependent, prerequisite)",
        "前提条件应为{{项目: 前提项目}}或（项目，前提项目）对",
    ),
    # plans read back, results, sources, checks and synthetic data (capex.solvers)
    "err_solver_plan_from": (
        (
            "cannot read a plan from a {kind}: give a result, a cash flow, a baseline, a "
            "portfolio, a project x year DataFrame or a plan's file"
        ),
        "无法从{kind}读取计划：请给出计划结果、现金流、分年度基准、项目表、项目×年度的DataFrame或计划文件",
    ),
    "err_solver_plan_folder": (
        "the folder holds no plan capex wrote (a 'cash flow.csv' or 'schedule.csv')",
        "文件夹中没有capex写出的计划（“cash flow.csv”或“schedule.csv”）",
    ),
    "err_solver_plan_columns": ("a plan's columns must be years", "计划的列应为年度"),
    "err_solver_not_number": ("not a number", "不是数字"),
    "err_solver_planned_amount": ("a planned amount is {reason}", "计划金额{reason}"),
    "err_solver_plan_kind": (
        (
            "a plan is a plan result (capex.spread, capex.shift, capex.reforecast), a baseline "
            "(capex.load_phased), a cash flow (capex.cash_flow) or a project x year "
            "DataFrame, not {kind}"
        ),
        (
            "计划应为计划结果（capex.spread、capex.shift、capex.reforecast）、分年度基准"
            "（capex.load_phased）、现金流（capex.cash_flow）或项目×年度的DataFrame，而不是{kind}"
        ),
    ),
    "err_solver_plan_money": (
        "the portfolio and the plan are counted in different money units",
        "项目表与计划的金额单位不同",
    ),
    "err_solver_plan_whole": (
        "a plan's table holds whole numbers of the minor unit ({unit}); pass the plan's integer table (to_frame())",
        "计划表应为最小金额单位（{unit}）的整数；请传入计划的整数表（to_frame()）",
    ),
    "err_solver_period_backwards": (
        "the plan period ends before it starts: {period}",
        "规划期的结束年早于起始年：{period}",
    ),
    "err_solver_share_range": (
        "{name} must be in (0, 1], not {value}",
        "{name}应在(0, 1]之内，而不是{value}",
    ),
    "err_solver_shortfall": (
        "shortfall must be in (0, 1), not {value}",
        "缺口比例应在(0, 1)之内，而不是{value}",
    ),
    "err_solver_n_projects": (
        "n_projects must be a whole number, not {value}",
        "项目个数应为整数，而不是{value}",
    ),
    "err_solver_n_projects_one": (
        "n_projects must be a whole number of at least 1, not {value}",
        "项目个数应为不小于1的整数，而不是{value}",
    ),
    "err_solver_result_period": (
        "a plan result needs its plan period, (first, last)",
        "计划结果须有规划期（起始年，结束年）",
    ),
    "err_solver_results_money": (
        "the results are counted in different money units",
        "各计划结果的金额单位不同",
    ),
    "err_solver_results_window": (
        (
            "{inside} holds only the years it planned and not its money outside the plan "
            "period, while {outside} has money outside it: they cannot be set side by side "
            "(give the result its unplanned_minor)"
        ),
        "{inside}只有规划期内各年的金额，没有规划期外的金额，而{outside}在规划期外有金额：二者无法并列比较（请为该结果提供unplanned_minor）",
    ),
    "err_solver_no_sources": (
        (
            "the report has no funding sources: give its portfolio sources (capex.load_sources, "
            "or a column per source in the projects' table) and make it again"
        ),
        "报告中没有资金来源：请为项目表提供资金来源（capex.load_sources，或在项目表中按资金来源各设一列）后重新生成",
    ),
    "err_solver_by": (
        "by={value}: a report is broken down by 'source' (or nothing)",
        "by={value}：报告只能按资金来源（'source'）分列，或不分列",
    ),
    "err_solver_check_takes": (
        "check_schedule takes a PlanResult or a DataFrame of the portfolio's minor unit",
        "check_schedule的参数应为计划结果（PlanResult）或以项目表最小金额单位计的DataFrame",
    ),
    "err_solver_flow_status": (
        "the min-cost flow solver stopped with status {status}",
        "最小费用流求解器停止，状态为{status}",
    ),
    "err_solver_highs_failed": ("the HiGHS solver failed: {error}", "HiGHS求解器出错：{error}"),
    "err_solver_not_exact": (
        "the integer program's answer does not hold exactly in whole minor units; please report this with the data",
        "整数规划的解无法以最小金额单位的整数精确表示；请连同数据报告此问题",
    ),
    "err_solver_arg_tightness": ("tightness", "预算上限的松紧度"),
    "err_solver_arg_share": ("share", "比例"),
    "err_risk_needs_distributed": (
        "running on a Dask scheduler needs the 'distributed' package",
        "在Dask调度器上运行需要安装'distributed'程序包",
    ),
    "err_risk_unreachable": (
        "cannot reach the Dask scheduler at {scheduler}: {reason}",
        "无法连接位于{scheduler}的Dask调度器：{reason}",
    ),
    "err_risk_address_text": (
        "a Dask scheduler's address is text such as tcp://host:8786, not {value}",
        "Dask调度器的地址应为文本，例如tcp://host:8786，而不是{value}",
    ),
    "err_risk_not_address": (
        "not a Dask scheduler address: {address} ({reason})",
        "不是Dask调度器的地址：{address}（{reason}）",
    ),
    "err_risk_scheme": (
        "capex connects to a Dask scheduler by {schemes}, not {scheme}: {address}",
        "capex通过{schemes}连接Dask调度器，而不是{scheme}：{address}",
    ),
    "err_risk_scheme_secure": (
        (
            "capex connects to a Dask scheduler by {schemes}, not {scheme}: {address}; a secure "
            "cluster needs its security configuration: connect a distributed.Client with it "
            "and pass it as executor="
        ),
        "capex通过{schemes}连接Dask调度器，而不是{scheme}：{address}；加密集群需要其安全配置：请用该配置建立distributed.Client，并作为executor=传入",
    ),
    "err_risk_inproc_address": (
        (
            "not a Dask scheduler address: {address} (an in-process cluster's address reads "
            "inproc://host/process/number, as LocalCluster(processes=False) gives it)"
        ),
        "不是Dask调度器的地址：{address}（进程内集群的地址形如inproc://host/process/number，即LocalCluster(processes=False)给出的地址）",
    ),
    "err_risk_host_port": (
        "not a Dask scheduler address: {address} ({reason}); write tcp://host:8786",
        "不是Dask调度器的地址：{address}（{reason}）；请写成tcp://host:8786",
    ),
    "err_risk_port_range": (
        "not a Dask scheduler address: {address} (a host and a port from 1 to 65535, such as tcp://host:8786)",
        "不是Dask调度器的地址：{address}（应有主机名和1至65535之间的端口，例如tcp://host:8786）",
    ),
    "err_risk_executor_and_scheduler": (
        "give an executor or a scheduler address, not both",
        "请给出执行器或调度器地址，不能同时给出",
    ),
    "err_risk_executor_kind": (
        "executor must be None, a concurrent.futures.Executor or a dask.distributed Client, not {kind}",
        "执行器应为None、concurrent.futures.Executor或dask.distributed Client，而不是{kind}",
    ),
    "err_risk_workers": (
        "workers must be a whole number of at least 1, not {value}",
        "进程数应为不小于1的整数，而不是{value}",
    ),
    "err_risk_batch_size": (
        "batch_size must be a whole number of at least 1, not {value}",
        "每批任务数应为不小于1的整数，而不是{value}",
    ),
    "err_risk_sweep_empty": ("a sweep needs at least one scenario", "批量运行至少需要一个情景"),
    "err_risk_sweep_task": (
        "task {position} is not a Scenario (or None): {value}",
        "第{position}个任务不是情景（或None）：{value}",
    ),
    "err_risk_sweep_scale": (
        (
            "scenario {name} scales the ceilings (ceiling_scale), but the sweep has none to "
            "scale: give ceilings= (capex scenario run scales the plan's own annual totals)"
        ),
        "情景{name}按比例缩放预算上限，但批量运行中没有可缩放的预算上限：请给出ceilings=（capex scenario run缩放的是计划本身的年度合计）",
    ),
    "err_risk_sweep_uncertain": (
        (
            "state what is uncertain: cost=..., delay=... or price_index=... (capex offers no "
            "default distributions)"
        ),
        "请说明哪些因素不确定：cost=……、delay=……或price_index=……（capex不提供默认分布）",
    ),
    "err_risk_sweep_method": (
        "unknown method {value}; use one of {known}",
        "未知的方法{value}；请用{known}之一",
    ),
    "err_risk_sweep_draws": (
        "cost, delay and price_index need draws=N (the number of draws)",
        "投资变化、开工推迟和价格指数需要给出抽样次数draws=N",
    ),
    "err_risk_sweep_plain_method": (
        "a plain run's method is 'spread' or 'shift', not {value}",
        "不抽样运行的方法应为'spread'或'shift'，而不是{value}",
    ),
    # plots (capex.plotting)
    "err_plot_choice": (
        "{what} must be one of {choices}, not {value}",
        "{what}应为{choices}之一，而不是{value}",
    ),
    "err_plot_expected": ("expected {what}, not {kind}", "应为{what}，而不是{kind}"),
    "err_plot_what_schedule": (
        (
            "a result with a schedule (from capex.spread or capex.shift) or a project x year "
            "DataFrame of whole amounts"
        ),
        "有分年计划的结果（来自capex.spread或capex.shift）或项目×年度的整数金额DataFrame",
    ),
    "err_plot_what_carryover": ("a carry-over (capex.roll_forward)", "结转（capex.roll_forward）"),
    "err_plot_what_comparison": (
        "a comparison from capex.reports.compare",
        "来自capex.reports.compare的方案比较",
    ),
    "err_plot_what_frontier": (
        "a frontier (SelectionResult.frontier(envelopes))",
        "边界曲线（SelectionResult.frontier(envelopes)）",
    ),
    "err_plot_what_execution": (
        "an execution report (capex.execution)",
        "执行进度报告（capex.execution）",
    ),
    "err_plot_what_monthly": ("a monthly plan (capex.monthly)", "分月用款计划（capex.monthly）"),
    "err_plot_what_reconciliation": (
        "a Portfolio or a reconciliation report",
        "项目表（Portfolio）或核对报告",
    ),
    "err_plot_what_risk": (
        "a risk result (from capex.risk.simulate)",
        "风险分析结果（来自capex.risk.simulate）",
    ),
    "err_plot_what_variance": (
        "a variance report (capex.variance)",
        "偏差分析报告（capex.variance）",
    ),
    "err_plot_schedule_whole": (
        "the schedule must hold whole numbers of the minor unit",
        "分年计划应为最小金额单位的整数",
    ),
    "err_plot_by_portfolio": (
        "by={by} needs the portfolio: pass portfolio=",
        "by={by}需要项目表：请传入portfolio=",
    ),
    "err_plot_not_in_portfolio": (
        "project {project} of the schedule is not in the portfolio",
        "分年计划中的项目{project}不在项目表中",
    ),
    "err_plot_budget_line": (
        "by='budget_line' needs a result spread over budget lines; this one has a single ceiling over all projects",
        "by='budget_line'需要按预算科目分摊的结果；此结果对全部项目只有一个预算上限",
    ),
    "err_plot_no_year": (
        "the comparison has no year {year}; its years are {first}-{last}",
        "方案比较中没有{year}年；其年度为{first}-{last}年",
    ),
    "err_plot_no_envelope": (
        "no envelope of the frontier has a selection that fits",
        "边界曲线的各总额控制下都没有可行的遴选方案",
    ),
    "err_plot_no_spending": (
        "some projects have no spending, so their windows are unknown",
        "部分项目没有支出，无法得知其建设周期",
    ),
    "err_plot_windows_from": (
        "cannot read project windows from {kind}",
        "无法从{kind}读取项目的建设周期",
    ),
    "err_plot_no_window": (
        "the scenario has no window for project {project}",
        "情景中没有项目{project}的建设周期",
    ),
    "err_plot_years": (
        "years must be 'all' or 'plan', not {value}",
        "年度范围应为'all'或'plan'，而不是{value}",
    ),
    "err_plot_no_sources": (
        "the plan has no funding sources to draw (plan a portfolio with sources)",
        "计划中没有可绘制的资金来源（请用带资金来源的项目表编制计划）",
    ),
    "err_plot_forecast": (
        "forecast must be a re-forecast (capex.reforecast), not {kind}",
        "预测应为重新预测结果（capex.reforecast），而不是{kind}",
    ),
    "warn_plot_cjk_font": (
        (
            "the CJK font {file} of the '{package}' package was not found, so Chinese names may "
            "draw as empty boxes; reinstall capex (pip install mplfonts) or plot with label='id'"
        ),
        "未找到'{package}'程序包中的中文字体{file}，中文名称可能显示为空框；请重新安装capex（pip install mplfonts），或用label='id'绘图",
    ),
    # exports (capex.export)
    "err_export_kind": (
        (
            "cannot export a {kind}; expected a reconciliation report, a plan result, a "
            "comparison, a variance report, a re-forecast, a carry-over, a risk result, a "
            "monthly plan, an execution report, a selection or a filed plan"
        ),
        "无法导出{kind}；应为核对报告、计划结果、方案比较、偏差分析报告、重新预测、结转、风险分析结果、分月用款计划、执行进度报告、遴选结果或报送计划",
    ),
    "err_export_suffix": (
        "an Excel workbook is written to a {suffix} file, not {path}",
        "Excel工作簿应写入{suffix}文件，而不是{path}",
    ),
    "err_export_cannot_write": ("cannot write {path}: {reason}", "无法写入{path}：{reason}"),
    "err_export_control": (
        "sheet '{sheet}', cell {cell}: {value} holds a control character a workbook cannot store",
        "工作表“{sheet}”单元格{cell}：{value}含有工作簿无法保存的控制字符",
    ),
    # reports (capex.reports)
    "err_report_compare_takes": (
        "compare takes results of capex.spread, capex.shift or Scenario.run",
        "方案比较的对象应为capex.spread、capex.shift或Scenario.run的结果",
    ),
    "err_report_compare_base": (
        "base must be the position of one of the {n} results, not {value}",
        "基准应为{n}个结果之一的位置序号，而不是{value}",
    ),
    "err_report_compare_period": (
        (
            "{name} belongs to the plan period {first}-{last}, the base {base} to "
            "{base_first}-{base_last}: compare plans of one plan period"
        ),
        "{name}属于{first}-{last}年规划期，而基准{base}属于{base_first}-{base_last}年规划期：请比较同一规划期的计划",
    ),
    "err_report_compare_labels": (
        "{labels} labels for {results} results",
        "给出了{labels}个名称，但有{results}个结果",
    ),
    "err_store_function": (
        (
            "cannot save {path}: it is a Python function ({kind}); the store keeps data, not "
            "code (give a budget line's rule as text or a mapping)"
        ),
        "无法保存{path}：它是Python函数（{kind}）；计划库只保存数据，不保存代码（请以文本或映射给出预算科目的规则）",
    ),
    "err_store_value_type": (
        "cannot save {path}: a value of type {kind} ({value})",
        "无法保存{path}：类型为{kind}的值（{value}）",
    ),
    # -- errors of the deferral's solvers, the spread's options and risk's draws ------------
    "err_cli_environment_lang": (
        "capex: {name}={value} is no language capex speaks; use one of {langs}",
        "capex：{name}={value}不是capex支持的语言；可选：{langs}",
    ),
    "err_cli_published_value": ("{text}: {error}", "{text}：{error}"),
    "err_unknown_language": (
        "unknown language {language}; use one of {langs}",
        "不支持的语言{language}；可选：{langs}",
    ),
    "err_risk_drawn_cost_too_large": (
        (
            "a drawn cost is too large to add up exactly (a cost factor of {factor}); check the "
            "cost distributions"
        ),
        "抽样得到的投资过大，无法精确加总（投资系数{factor}）；请检查投资变化的分布",
    ),
    "err_risk_unknown_method": (
        "unknown method {method}; use one of {methods}",
        "未知的方法{method}；可选：{methods}",
    ),
    "err_risk_delay_outside": (
        "a delay of {delay} years is outside 0..{span}",
        "推迟{delay}年超出0至{span}年的范围",
    ),
    "err_risk_nothing_uncertain": (
        (
            "state what is uncertain: cost=..., delay=... or price_index=...; capex offers no "
            "default distributions (see capex.risk.distributions)"
        ),
        (
            "请说明不确定的内容：cost=...（投资变化）、delay=...（开工推迟）或price_index=...（价格指数）；"
            "capex不提供默认分布（见capex.risk.distributions）"
        ),
    ),
    "err_risk_every_draw_failed": (
        "every draw failed; the first: {first}",
        "全部抽样均失败；第一次失败：{first}",
    ),
    "err_risk_method_option": (
        "method {method} takes no option {option} (it takes: {allowed})",
        "方法{method}没有选项{option}（可用选项：{allowed}）",
    ),
    "err_risk_sweep_option": (
        "no method of this sweep ({methods}) takes the option {option}",
        "本次批量运行的方法（{methods}）均没有选项{option}",
    ),
    "err_solver_intervals_no_peak": (
        "the interval model has no peak objective; use solver='cp-sat' or 'highs'",
        "区间模型不能以最高年度支出为目标；请用solver='cp-sat'或'highs'",
    ),
    "err_solver_failed": ("the {solver} solver failed: {error}", "求解器{solver}出错：{error}"),
    "err_solver_unknown_solver": (
        "unknown solver {solver}; use one of {solvers}",
        "未知的求解器{solver}；可选：{solvers}",
    ),
    "err_solver_unknown_objective": (
        "unknown objective {objective}; use one of {objectives}",
        "未知的优化目标{objective}；可选：{objectives}",
    ),
    "err_solver_unknown_tiebreak": (
        "unknown tie-break {tiebreak}; use 'auto', None or one of {objectives}",
        "未知的次要目标{tiebreak}；可选：'auto'、None或{objectives}",
    ),
    "err_solver_tiebreak_time_limit": (
        "tiebreak_time_limit must be a positive number of seconds or None, not {value}",
        "tiebreak_time_limit须为正的秒数或None，而不是{value}",
    ),
    "err_solver_unknown_secondary": (
        "unknown secondary aim {secondary}; use one of {aims}",
        "未知的次要目标{secondary}；可选：{aims}",
    ),
    # the command line's help (capex --help, capex COMMAND --help): descriptions, every
    # argument's help, argparse's own words and the metavars that are words
    "help_actuals_actuals": (
        "actual spending: CSV or .xlsx, long (id, year, amount) or wide (id, a column per year)",
        "实际支出：CSV或.xlsx文件，长表（编号、年度、金额）或宽表（编号，每年一列）",
    ),
    "help_actuals_actuals_unit": (
        "unit the actuals are written in (元, 万元, 亿元, ...); by default the one their heading names, else 万元",
        "实际支出金额的单位（元、万元、亿元……）；默认取其列名所标单位，否则为万元",
    ),
    "help_actuals_actuals_years": (
        "the years the ledger covers, when its rows do not show them (a sparse long table); by default its year columns, or its first to its last row's year",
        "台账所覆盖的年度，在其各行未注明年度时（稀疏的长表）给出；默认取其年度列，或其首行至末行的年度",
    ),
    "help_actuals_strict": (
        "refuse a printed total (合计 row or column, subtotal) that does not add up, instead of reporting it as a finding",
        "遇到对不上的合计数（合计行、合计列或小计）时直接拒绝读取，而不是作为问题列出",
    ),
    "help_actuals_before": (
        "the years before the ledger's first: taken as planned (plan, the default), nothing spent (zero), or an error naming the projects with money there (refuse)",
        "台账首年以前的年度：视为按计划支出（plan，默认）、未支出（zero），或报错并列出在这些年度有资金的项目（refuse）",
    ),
    "help_approval_name": ("the version's name or id", "版本名称或版本号"),
    "help_approval_by": ("who does it", "经办人"),
    "help_approval_reason": ("why (kept with the event)", "原因（随该事件一并保存）"),
    "help_cmd_submit": ("submit a draft version for approval", "将草稿版本提交审批"),
    "help_cmd_submit_about": (
        "Submit a draft version for approval: an event appended to it (who, when, why), never a change of it. Exit code 0, or 2 when it is not a draft.",
        "将草稿版本提交审批：在版本上追加一条事件（经办人、时间、原因），版本本身不作任何改动。退出码0；版本不是草稿时为2。",
    ),
    "help_cmd_approve": (
        "approve a submitted version and print its fingerprint (版本指纹)",
        "审批已提交的版本，并打印其版本指纹",
    ),
    "help_cmd_approve_about": (
        "Approve a submitted version: an event appended to it, signed with --key when one is given. Prints the fingerprint (版本指纹) to put on the approved document; 'capex verify --anchor FINGERPRINT' later proves the record behind it unchanged. The approver must not be the author; a version a newer one revises cannot be approved. Exit code 0, or 2 when the approval is refused.",
        "审批已提交的版本：在版本上追加一条事件，给出--key时用该密钥签名。打印版本指纹，用于标注在批准的文件上；日后可用“capex verify --anchor 指纹”证明其背后的记录未被改动。审批人不得为编制人；已被更新版本修订的版本不能审批。退出码0；审批被拒绝时为2。",
    ),
    "help_approve_key": (
        "sign the approval with this key, kept outside the store: an HMAC secret or an Ed25519 private key (PEM)",
        "用此密钥签署审批（密钥保存在计划库之外）：HMAC密钥或Ed25519私钥（PEM格式）",
    ),
    "help_cmd_diff": ("compare two versions of the plan store", "比较计划库中的两个版本"),
    "help_cmd_diff_about": (
        "List the projects added, removed and changed from version A to version B (field by field and year by year, money exact; matched by 项目代码 where both know every project's code, else by id) and the annual totals before and after. Versions of different kinds are compared through their money year by year. Exit code 0 when nothing differs, 1 when something does, 2 for bad arguments.",
        "列出从版本A到版本B新增、删除和变动的项目（逐字段、逐年度比较，金额精确；两个版本都有全部项目的项目代码时按项目代码对应，否则按编号），以及变动前后的年度合计。不同类型的版本按各年度资金比较。退出码：无差异为0，有差异为1，参数有误为2。",
    ),
    "help_diff_before": ("the earlier version (name or id)", "较早的版本（名称或版本号）"),
    "help_diff_after": ("the later version (name or id)", "较晚的版本（名称或版本号）"),
    "help_diff_excel": ("also write the differences", "同时写出差异"),
    "help_cmd_execution": (
        "payments to date against the year's monthly plan: 支付进度 and 序时进度",
        "截至当前的支付与本年度分月计划对比：支付进度与序时进度",
    ),
    "help_cmd_execution_about": (
        "Read the dated payments in PAYMENTS (a treasury payment-voucher list, CSV or .xlsx: 支付凭证号, 支付日期, 项目代码/项目名称, 支付金额 ...) and set them against the year's monthly plan (made as 'capex monthly' makes it) up to --as-of: per project, per quota line and in total, the year's plan, paid to date, 支付进度, 序时进度 and the difference in points, with findings. Payments are cash paid, not work done. Exit code 0, or 2 for bad arguments or data.",
        "读取“支付记录”中带日期的支付（国库支付凭证清单，CSV或.xlsx：支付凭证号、支付日期、项目代码/项目名称、支付金额……），截至--as-of与本年度分月计划（按“capex monthly”的方法编制）对比：分项目、分额度科目及合计列出本年度计划、累计支付、支付进度、序时进度及两者相差的百分点，并列出发现的问题。支付指已付现金，而非已完成的工作量。退出码0；参数或数据有误时为2。",
    ),
    "help_execution_payments": ("the payments: CSV or .xlsx", "支付记录：CSV或.xlsx文件"),
    "help_execution_as_of": ("the last day counted, e.g. 2027-09-30", "统计截止日，例如2027-09-30"),
    "help_execution_by": (
        "序时进度 by whole months (default) or by days",
        "序时进度按整月（默认）或按天计算",
    ),
    "help_execution_tolerance": (
        "points behind 序时进度 beyond which a project is a finding (default 5)",
        "落后于序时进度超过多少个百分点时列为问题（默认5）",
    ),
    "help_execution_payments_unit": (
        "unit of the payment amounts (by default their heading's, else 元)",
        "支付金额的单位（默认取其列名所标单位，否则为元）",
    ),
    "help_execution_unknown": (
        "a payment for a project outside the plan: an error (default) or a finding",
        "计划外项目的支付：报错（默认）或列为问题",
    ),
    "help_execution_outside": (
        "a payment dated outside the year: an error (default) or a finding",
        "支付日期不在本年度内：报错（默认）或列为问题",
    ),
    "help_cmd_history": (
        "one project's total, window and annual amounts across every version",
        "一个项目在各版本中的总投资、建设周期和分年度金额",
    ),
    "help_cmd_history_about": (
        "Follow one project through every version that holds it, by its stable code (项目代码) where a version knows codes, else by its id: its window, total and money year by year in each. Exit code 0, 1 when no version holds it, 2 for bad arguments.",
        "在包含该项目的每个版本中跟踪它（版本有项目代码时按项目代码，否则按编号）：列出各版本中的建设周期、总投资和分年度资金。退出码0；没有版本包含该项目时为1；参数有误时为2。",
    ),
    "help_history_code": ("the project's code (项目代码), or its id", "项目代码，或项目编号"),
    "help_history_excel": ("also write the history", "同时写出历史记录"),
    "help_plan_phased": (
        "PATH is a phased table (one column per year, 分年度计划) whose amounts are the plan",
        "“路径”是一张分年度计划表（每年一列），其金额即为计划",
    ),
    "help_months_year": ("the budget year", "预算年度"),
    "help_months_months": (
        "month profile: uniform (default), days, construction (the construction season, with the year's Spring Festival), or weights(w1, ..., w12)",
        "分月曲线：uniform（均匀，默认）、days（按天数）、construction（施工季节，计入当年春节），或weights(w1, ..., w12)（各月权重）",
    ),
    "help_months_quota": (
        "the programme's monthly quota (用款额度), repeatable: 3=0.5 for March, or one amount for every month; in --quota-unit",
        "项目的月度用款额度，可重复：3=0.5表示3月，或一个金额表示每个月；单位为--quota-unit",
    ),
    "help_months_quota_unit": (
        "unit of the quota amounts (default 万元)",
        "用款额度的金额单位（默认万元）",
    ),
    "help_months_start_month": (
        "a project's first month (开工月份), repeatable",
        "项目的开工月份，可重复",
    ),
    "help_months_finish_month": (
        "a project's last month (竣工月份), repeatable",
        "项目的竣工月份，可重复",
    ),
    "help_cmd_monthly": (
        "one budget year of the plan by project and month, under a monthly quota",
        "按项目和月份编制一个预算年度的计划，控制在月度用款额度内",
    ),
    "help_cmd_monthly_about": (
        "Split one year of the plan (the projects' cash flow, a spread under --ceiling, or a phased table with --phased) over its months, each project's months adding up to its year exactly, aimed at a month profile and under a monthly quota (分月用款计划). Exit code 0 when the quota holds, 1 when it cannot (the least extra quota per month is printed), 2 for bad arguments or data.",
        "把计划中的一个年度（项目的资金安排、按--ceiling分摊的计划，或用--phased给出的分年度计划表）分到各月，每个项目各月之和精确等于其年度金额，尽量贴近分月曲线并控制在月度用款额度内（分月用款计划）。退出码：额度满足时为0，无法满足时为1（打印每月最少需追加的额度），参数或数据有误时为2。",
    ),
    "help_data_encoding": (
        "text encoding of a CSV file (e.g. gb18030); utf-8 by default",
        "CSV文件的文本编码（例如gb18030）；默认utf-8",
    ),
    "help_data_plan_period": (
        "the plan period, e.g. 2021-2025 (overrides the .toml beside the table)",
        "规划期，例如2021-2025（优先于表旁的.toml文件）",
    ),
    "help_data_published": (
        "the totals the plan publishes, in the table's amount unit, e.g. total=77.8,plan=48.39 (overrides the .toml beside the table)",
        "规划公布的总数，以项目表的金额单位计，例如total=77.8,plan=48.39（优先于表旁的.toml文件）",
    ),
    "help_sources_and_years_sources": (
        "each project's money by funding source, a long table (项目编号, 资金来源, 金额 or id, source, amount; 上级来源 or parent for a nested source); a column per source in the project table is read without it",
        "各项目按资金来源的资金，一张长表（项目编号、资金来源、金额；嵌套的来源加上级来源列）；项目表中每个来源一列时无需此文件",
    ),
    "help_sources_and_years_fiscal_year_start": (
        "the month the budget year starts in, 1-12 (10: FY2027 = October 2026 - September 2027); the calendar year by default (overrides the .toml beside the table)",
        "预算年度的起始月份，1-12（10：FY2027为2026年10月至2027年9月）；默认为日历年度（优先于表旁的.toml文件）",
    ),
    "help_sources_and_years_fiscal_year_naming": (
        "how fiscal years are named: by the year they end in (FY2027), start in (2026年度) or both (2026-27); by default as the table's headings name them",
        "财政年度的命名方式：按结束的年份（FY2027）、开始的年份（2026年度）或两者（2026-27）；默认按项目表列名的命名",
    ),
    "help_outputs_unit": (
        "unit of every amount shown and written: 亿元 (default for yuan), 万元, 元, or the currency's",
        "显示和写出的所有金额的单位：亿元（人民币默认）、万元、元，或该币种的单位",
    ),
    "help_outputs_lang": (
        "language of the tables, workbook, CSV and figure: en (default) or zh (Chinese)",
        "表格、工作簿、CSV和图的语言：en（英文，默认）或zh（中文）",
    ),
    "help_outputs_excel": ("also write an .xlsx workbook", "同时写出.xlsx工作簿"),
    "help_outputs_csv": (
        "also write CSV files (a folder, or FILE.csv)",
        "同时写出CSV文件（一个文件夹，或“文件.csv”）",
    ),
    "help_outputs_plot": (
        "also draw a figure (FILE.png, .pdf, .svg, ...)",
        "同时绘图（文件.png、.pdf、.svg……）",
    ),
    "help_ceilings_ceiling": (
        "annual ceiling of the whole plan, repeatable (--ceiling 2021=10 --ceiling 2022=9.5); a bare amount is the ceiling of every plan year",
        "整个计划的年度预算上限，可重复（--ceiling 2021=10 --ceiling 2022=9.5）；只给一个金额时即为规划期每年的上限",
    ),
    "help_ceilings_budget_lines": (
        "budget lines, a CSV file or an .xlsx workbook (columns line, year, ceiling, rule; see capex.read_budget_lines)",
        "预算科目：CSV文件或.xlsx工作簿（列为line、year、ceiling、rule；见capex.read_budget_lines）",
    ),
    "help_cmd_reconcile": (
        "check a project table against its published totals",
        "核对项目表与其公布的总数",
    ),
    "help_cmd_reconcile_about": (
        "Add up the projects, compare the sums with the published totals (exactly, to the 万元), split each total into the years before, in and after the plan period, and list the findings. The plan period and published totals come from the .toml file beside the table, or from --plan-period and --published. Exit code 0 when the totals reconcile, 1 when they do not (or when the source publishes none), 2 for bad arguments or data.",
        "汇总各项目，把合计与公布的总数精确核对（到万元），把每项总数分为规划期前、规划期内和规划期后，并列出发现的问题。规划期和公布的总数取自项目表旁的.toml文件，或由--plan-period和--published给出。退出码：总数一致为0，不一致（或来源未公布总数）为1，参数或数据有误为2。",
    ),
    "help_cmd_reforecast": (
        "fix the years to the cut-off at the actuals and forecast the rest",
        "截止年及以前按实际支出锁定，其后各年重新预测",
    ),
    "help_cmd_reforecast_about": (
        "Fix every year up to --as-of at the actual spending in ACTUALS and place each project's remaining money (total less actual to date) in its remaining years under the ceilings, exactly (or defer projects not yet under way with --method shift). Exit code 0 when the forecast fits the ceilings, 1 when it does not (the least extra budget is printed), 2 for bad arguments or data.",
        "把--as-of及以前的各年锁定为“实际支出”中的金额，并把每个项目的剩余资金（总投资减累计实际支出）在预算上限内精确安排到其剩余年度（或用--method shift推迟尚未开工的项目）。退出码：预测在预算上限内为0，超出时为1（打印最少需追加的预算），参数或数据有误时为2。",
    ),
    "help_reforecast_as_of": (
        "the cut-off: the last year of actuals (default: the last year the ledger covers)",
        "截止年：实际支出的最后一年（默认：台账覆盖的最后一年）",
    ),
    "help_reforecast_method": ("spread or shift", "分摊（spread）或推迟（shift）"),
    "help_reforecast_max_delay": ("largest deferral (shift)", "最多推迟年数（shift）"),
    "help_reforecast_past_window": (
        "a window ended with money left: extend it past the cut-off, or report it",
        "建设周期已过但仍有资金：延长到截止年以后（extend），或列为问题（report）",
    ),
    "help_reforecast_overrun": (
        "actual above total: raise the budget to it, or report the overrun",
        "实际支出超过总投资：将预算提高到实际支出（raise），或列为超支（report）",
    ),
    "help_cmd_risk": (
        "Monte Carlo cost and schedule risk of the plan: P10-P95 per year, P80 reserve",
        "计划成本与进度的蒙特卡洛风险：各年P10-P95及P80准备金",
    ),
    "help_cmd_risk_about": (
        "Draw each project's cost change and start delay many times and report, per year, the P10 to P95 of spending, the chance of going over the ceiling and the reserve that makes the year P80-safe, and the projects that drive the risk. capex offers no default distributions: state them with --cost, --delay and --price-index (uniform, triangular, pert, lognormal, empirical; discrete for delays). A distribution may follow a rule, 'builder=镜湖开发办: pert(0, 0.1, 0.5)'; ruled ones apply first, in the order given, the bare one to the other projects. Without ceilings each year is measured against the plan's own total. --workers runs the draws of --method spread or shift on local processes (cash-flow draws are computed here as arrays); --scheduler sends them to a Dask cluster. Exit code 0 when every year with a ceiling is P80-safe (or there are no ceilings), 1 when one is not, 2 for bad arguments or data.",
        "对每个项目的成本变化和开工推迟进行多次抽样，分年度报告支出的P10至P95、超出预算上限的概率、使该年达到P80安全所需的准备金，以及带来风险的主要项目。capex不提供默认的分布：请用--cost、--delay和--price-index给出（uniform、triangular、pert、lognormal、empirical；推迟可用discrete）。分布可附带规则，如“builder=镜湖开发办: pert(0, 0.1, 0.5)”；带规则的分布按给出的顺序先适用，不带规则的适用于其余项目。没有预算上限时，各年与计划本身的年度合计比较。--workers在本机多个进程上运行--method spread或shift的抽样（资金安排的抽样在本进程中按数组计算）；--scheduler把它们发往Dask集群。退出码：每个有预算上限的年度都达到P80安全（或没有预算上限）时为0，有一年未达到时为1，参数或数据有误时为2。",
    ),
    "help_risk_cost": (
        "relative change of project costs, e.g. 'triangular(-0.05, 0.05, 0.4)'; repeatable",
        "项目成本的相对变化，例如“triangular(-0.05, 0.05, 0.4)”；可重复",
    ),
    "help_risk_delay": (
        "start delay in whole years, e.g. 'discrete(0=0.6, 1=0.3, 2=0.1)'; repeatable",
        "开工推迟的整年数，例如“discrete(0=0.6, 1=0.3, 2=0.1)”；可重复",
    ),
    "help_risk_price_index": (
        "one cost change for all projects per draw (a construction price index)",
        "每次抽样中所有项目共用的一个成本变化（建筑价格指数）",
    ),
    "help_risk_method": (
        "cashflow: the drawn cash flows as they fall (default); spread or shift: each draw re-planned under the ceilings",
        "cashflow：按抽样所得的资金安排原样计算（默认）；spread或shift：每次抽样都在预算上限内重新编排",
    ),
    "help_group_risk": ("for --method shift", "用于--method shift"),
    "help_cmd_roll_forward": (
        "carry the unfinished projects into the next plan, reconciled",
        "把未完成的项目结转到下一规划期，并核对一致",
    ),
    "help_cmd_roll_forward_about": (
        "Split each project's total into spent (ACTUALS before the next period), carried over (续建), released (完工结余), suspended (停建) and overrun, exactly, and make the next plan: the carried projects with their remaining totals, plus --new-projects. Each project's closing is decided by --finished, then the ledger's status column (已完工, 在建, 未开工, 停建), then --past-window. Exit code 0, or 2 for bad arguments or data.",
        "把每个项目的总投资精确分为已支出（下一规划期之前的“实际支出”）、结转（续建）、完工结余、停建和超支，并编制下一期计划：结转项目及其剩余投资，加上--new-projects。每个项目的结转方式依次由--finished、台账的状态列（已完工、在建、未开工、停建）、--past-window决定。退出码0；参数或数据有误时为2。",
    ),
    "help_roll_forward_as_of": (
        "the last year the ledger records, when it stops before the hand-over: the years after it are taken as planned",
        "台账记录的最后一年（台账在结转之前就结束时）：其后各年视为按计划支出",
    ),
    "help_roll_forward_finished": (
        "projects finished (竣工决算 done), comma-separated: what is left on them is released as a saving",
        "已完工（竣工决算已完成）的项目，用逗号分隔：其剩余资金作为结余释放",
    ),
    "help_roll_forward_next": (
        "the next plan period (default 2026-2030)",
        "下一规划期（默认2026-2030）",
    ),
    "help_roll_forward_new_projects": (
        "new projects of the next plan (CSV)",
        "下一期计划的新项目（CSV）",
    ),
    "help_roll_forward_past_window": (
        "a window ended with money left: carry the money, or release it as a saving",
        "建设周期已过但仍有资金：结转该资金（carry），或作为结余释放（release）",
    ),
    "help_roll_forward_write_portfolio": (
        "also write the next plan's project table (and its .toml) to load with capex",
        "同时写出下一期计划的项目表（及其.toml文件），供capex读取",
    ),
    "help_lang": (
        "language of what is printed: en or zh",
        "打印内容的语言：en（英文）或zh（中文）",
    ),
    "help_store_unit": (
        "unit of the amounts shown: 亿元 (default for yuan), 万元, 元",
        "显示金额的单位：亿元（人民币默认）、万元、元",
    ),
    "help_group_save": ("saving the result in the plan store", "把结果保存到计划库"),
    "help_save_save": (
        "also save the result as a version NAME in the plan store (reconcile saves the project table it checked)",
        "同时把结果以“名称”为版本名保存到计划库（reconcile保存其核对的项目表）",
    ),
    "help_save_stage": (
        "the budget stage: 年初预算, 调整预算, 决算 ...",
        "预算阶段：年初预算、调整预算、决算……",
    ),
    "help_save_parent": ("the version this one revises", "本版本所修订的版本"),
    "help_save_note": ("why the version is saved", "保存本版本的原因"),
    "help_save_author": (
        "who saves it (default: the user logged in)",
        "保存人（默认：当前登录的用户）",
    ),
    "help_group_scenario_inputs": (
        'for scenarios with method = "shift"',
        '用于method = "shift"的情景',
    ),
    "help_cmd_scenario": ("run a scenario file", "运行情景文件"),
    "help_cmd_scenario_about": (
        "Run a scenario (a name plus changes to the base plan and its ceilings) from its file.",
        "从文件运行一个情景（名称，加上对基准计划及其预算上限的变动）。",
    ),
    "help_cmd_scenario_run": (
        "run scenario files and print their plans",
        "运行情景文件并打印其计划",
    ),
    "help_cmd_scenario_run_about": (
        "Run scenario files (TOML or JSON: name, shifts, escalation, ceilings, ceiling_scale, profile(s), drop, add, method) on the projects and print their plans, and a table of them when there are several; --workers or --scheduler runs them in parallel. The ceilings a scenario changes are --ceiling or --budget-lines, else the portfolio's budget lines, else (when it scales them) the plan's own annual totals. With several files, --excel, --csv and --plot write their comparison. Exit code 0 when every plan fits, 1 when one does not, 2 for a bad file, arguments or data, or a scenario that fails (the others are still printed).",
        "对项目运行情景文件（TOML或JSON：name、shifts、escalation、ceilings、ceiling_scale、profile(s)、drop、add、method）并打印其计划，有多个情景时另列一张比较表；--workers或--scheduler并行运行。情景所改变的预算上限取自--ceiling或--budget-lines，否则为项目表的预算科目，否则（情景按比例调整上限时）为计划本身的年度合计。有多个文件时，--excel、--csv和--plot写出其比较。退出码：每个计划都在预算上限内为0，有一个超出为1，文件、参数或数据有误或有情景运行失败为2（其余情景照常打印）。",
    ),
    "help_scenario_files": (
        "scenario files (.toml or .json), one or more",
        "情景文件（.toml或.json），一个或多个",
    ),
    "help_cmd_compare": ("run scenario files and compare their plans", "运行情景文件并比较其计划"),
    "help_cmd_compare_about": (
        "Run scenario files and print their plans side by side against the first (or, with --base, against the plain plan): annual totals, peak year, spend after the plan period, binding ceilings, and per project its shift and the money moved. Exit code 0 when every plan fits, 1 when one does not, 2 for bad files, arguments or data.",
        "运行情景文件，把各计划与第一个（或用--base时与未作变动的计划）并列比较：年度合计、最高年份、规划期后的支出、达到上限的年份，以及每个项目的推迟年数和挪动的资金。退出码：每个计划都在预算上限内为0，有一个超出为1，文件、参数或数据有误为2。",
    ),
    "help_compare_files": (
        "scenario files; the first is the base unless --base",
        "情景文件；除非给出--base，第一个为基准",
    ),
    "help_compare_base": (
        "compare against the plain plan (no changes), labelled 'base'",
        "与未作变动的计划比较，标为“base”",
    ),
    "help_cmd_select": (
        "choose the next plan from a project bank within the ceilings, by value",
        "按价值从项目库中遴选下一期计划，控制在预算上限内",
    ),
    "help_cmd_select_about": (
        "Choose the candidates of a project bank (项目库) of most total value (school places, 学位, by default) whose spending fits every year's ceiling and the five-year --envelope; projects under way (started before the plan period, or 在建 in a hand-over's table) must stay in unless --must says otherwise. Each candidate left out is explained (the years it would break, the value lost if forced in), and each year says what one more 亿元 would buy. Exit code 0 when a selection fits, 1 when none does (what the must projects break is printed), 2 for bad arguments or data.",
        "从项目库中遴选总价值最大（默认为学位数）的项目，使其支出满足每年的预算上限和五年的总额控制（--envelope）；在建项目（规划期前已开工，或在结转表中为在建）必须保留，除非--must另有规定。每个未入选的项目都说明原因（会突破哪些年度、强制纳入会损失多少价值），每个年度说明多一亿元可以增加多少价值。退出码：有满足条件的遴选结果为0，没有为1（打印必选项目突破的内容），参数或数据有误为2。",
    ),
    "help_select_value": (
        "what a project is worth: a column of the bank (学位, a score), or 学位/places for school places from classes and the school type when the bank has no such column (default 学位)",
        "项目的价值：项目库中的一列（学位、评分），或学位/places表示在项目库没有该列时按班数和学校类型计算学位（默认学位）",
    ),
    "help_select_weight": (
        "a value framework instead of --value: the weighted sum of criteria (bank columns), repeatable (--weight 学位=0.7 --weight score=0.3)",
        "代替--value的价值框架：各评价指标（项目库的列）的加权和，可重复（--weight 学位=0.7 --weight score=0.3）",
    ),
    "help_select_normalise": (
        "how the framework's criteria are normalised (default min-max)",
        "价值框架中各指标的归一化方法（默认min-max）",
    ),
    "help_select_lower_is_better": (
        "a criterion where less is better (a cost, a risk), repeatable",
        "越小越好的指标（成本、风险），可重复",
    ),
    "help_select_envelope": ("most the plan period may spend in all", "规划期内总支出的上限"),
    "help_select_must": (
        "ids that must be chosen (3,5,7), repeatable; 'none' for none (default: the projects under way)",
        "必须入选的项目编号（3,5,7），可重复；none表示没有（默认：在建项目）",
    ),
    "help_select_exclude": ("ids left out", "排除的项目编号"),
    "help_select_alternatives": (
        "a group of which at most one is chosen (several sites), repeatable",
        "一组至多选一个的项目（多个选址），可重复",
    ),
    "help_select_needs": (
        "project A is chosen only with project B, repeatable",
        "项目A只有在项目B入选时才能入选，可重复",
    ),
    "help_select_max_delay": (
        "most years a chosen project's start may move later (default 0)",
        "入选项目开工最多可推迟的年数（默认0）",
    ),
    "help_select_school_type": (
        "a project's school type (小学, 初中, 高中, 完全中学, 九年一贯制, 幼儿园), repeatable",
        "项目的学校类型（小学、初中、高中、完全中学、九年一贯制、幼儿园），可重复",
    ),
    "help_select_even_split": (
        "split the classes of a 九年一贯制 school or a 幼儿园 evenly over the grades when the scope gives no split",
        "建设内容未给出分年级班数时，把九年一贯制学校或幼儿园的班数平均分到各年级",
    ),
    "help_select_explain": (
        "re-solve every candidate left out with it forced in (all, the default), none, or the N most valuable",
        "把每个未入选的项目强制纳入后重新求解：全部（all，默认）、不求解（none），或价值最高的N个",
    ),
    "help_select_frontier": (
        "envelopes of the efficient frontier that --plot draws (default: 8 up to the bank's plan-period demand)",
        "--plot所绘有效前沿的各总额控制（默认：8个，直至项目库在规划期内的需求）",
    ),
    "help_select_time_limit": (
        "time limit of each solve (default 10 s)",
        "每次求解的时间上限（默认10秒）",
    ),
    "help_shift_options_max_delay": (
        "most years a project may move (default 2)",
        "项目最多可推迟的年数（默认2）",
    ),
    "help_shift_options_objective": (
        "least priority-weighted delay (default), earliest finish, or lowest peak year",
        "按优先级加权的推迟最少（默认）、最早完工，或最高年度支出最低",
    ),
    "help_shift_options_time_limit": (
        "time limit of the solver (default 10 s)",
        "求解器的时间上限（默认10秒）",
    ),
    "help_cmd_shift": (
        "defer project windows so that the plan fits a cut budget",
        "推迟项目建设周期，使计划适应压减后的预算",
    ),
    "help_cmd_shift_about": (
        "Move project windows later, by whole years (at most --max-delay), so that every project's cash flow fits the ceilings, with the least priority-weighted delay (or --objective). Projects already under way when the plan period starts do not move. The ceilings are --ceiling or --budget-lines, else the portfolio's budget lines, else (with --cut) the plan's own annual totals; --cut lowers all of them. Exit code 0 when a plan fits, 1 when none does (the years that stay over are printed), 2 for bad arguments or data.",
        "把项目建设周期按整年推迟（最多--max-delay年），使每个项目的资金安排都在预算上限内，且按优先级加权的推迟最少（或按--objective）。规划期开始时已在建的项目不推迟。预算上限取自--ceiling或--budget-lines，否则为项目表的预算科目，否则（给出--cut时）为计划本身的年度合计；--cut把它们全部压减。退出码：有满足的计划为0，没有为1（打印仍超出的年度），参数或数据有误为2。",
    ),
    "help_shift_cut": (
        "cut every ceiling by this share: 0.1 or 10%% is a 10%% cut",
        "把每个预算上限压减这一比例：0.1或10%%即压减10%%",
    ),
    "help_shift_respread": (
        "re-spread the moved plan years under the ceilings",
        "在预算上限内重新分摊推迟后的规划年度",
    ),
    "help_cmd_show": (
        "show a version of the plan store, or write it as a workbook to file",
        "显示计划库中的一个版本，或把它写成工作簿文件",
    ),
    "help_cmd_show_about": (
        "Show a version's record (kind, stage, status, who submitted and approved it, its hashes and fingerprint 版本指纹) and what it holds. --excel writes the workbook an office files: the record on its first sheet, then the object's own sheets. Exit code 0, or 2 for an unknown version.",
        "显示一个版本的记录（类型、阶段、状态、提交人和审批人、哈希值和版本指纹）及其内容。--excel写出归档用的工作簿：第一个工作表为记录，其后为该对象本身的工作表。退出码0；版本不存在时为2。",
    ),
    "help_show_name": ("the version's name or id", "版本名称或版本号"),
    "help_show_excel": ("also write the filed workbook", "同时写出归档的工作簿"),
    "help_cmd_spread": (
        "spread the plan investment over the plan years under annual ceilings",
        "在年度预算上限内把规划期投资分摊到规划期各年",
    ),
    "help_cmd_spread_about": (
        "Spread each project's plan investment over the plan years of its window, as close to the spend profile as the ceilings allow. Exit code 0 when the plan fits, 1 when no plan fits the ceilings (the extra budget needed is printed), 2 for bad arguments or data.",
        "把每个项目的规划期投资分摊到其建设周期内的规划年度，在预算上限允许的范围内尽量贴近支出曲线。退出码：计划在预算上限内为0，没有计划能满足预算上限时为1（打印需追加的预算），参数或数据有误时为2。",
    ),
    "help_spread_secondary": (
        "among the closest plans, prefer a smooth or a low-peak one",
        "在最贴近的计划中，优先选择平稳的（smooth）或峰值低的（peak）",
    ),
    "help_spread_time_limit": ("time limit of the secondary aim", "次要目标的时间上限"),
    "help_submissions_actuals": (
        "actual spending (as capex variance reads it): 累计安排 is what was spent in the years it covers",
        "实际支出（按capex variance的读法）：累计安排即其覆盖年度的已支出金额",
    ),
    "help_submissions_columns": (
        "the office's columns in order, e.g. id,name,nature,period,total,arranged,this_year",
        "本单位表格的列及其顺序，例如id,name,nature,period,total,arranged,this_year",
    ),
    "help_submissions_heading": (
        "a heading of the office's own, repeatable (--heading total=项目总投资)",
        "本单位自己的列名，可重复（--heading total=项目总投资）",
    ),
    "help_cmd_annual_plan": (
        "the year's government investment plan table (年度政府投资计划)",
        "本年度政府投资计划表（年度政府投资计划）",
    ),
    "help_cmd_annual_plan_about": (
        "The table a department files for the year's government investment plan: 续建 and 新建 projects with 建设周期, 总投资, 累计安排 to the end of last year, 本年度投资 and 资金来源, subtotals and a totals row equal to the plan's year. Exit code 0, 1 when the totals do not reconcile, 2 for bad arguments or data.",
        "部门报送本年度政府投资计划所用的表：续建和新建项目，列出建设周期、总投资、截至上年末累计安排、本年度投资和资金来源，附小计及与计划本年度相等的合计行。退出码0；合计不一致时为1；参数或数据有误时为2。",
    ),
    "help_annual_plan_year": ("the plan's year", "计划年度"),
    "help_cmd_rolling_plan": (
        "the three-year medium-term plan (中期财政规划)",
        "三年中期财政规划（中期财政规划）",
    ),
    "help_cmd_rolling_plan_about": (
        "The medium-term fiscal plan from --first-year: per project its years (the first binding, the others guidance), what was arranged before and what comes after, with totals equal to the plan's. Exit code 0, 1 when the totals do not reconcile, 2 for bad arguments or data.",
        "从--first-year起的中期财政规划：每个项目列出各年度（第一年为约束性，其余为指导性）、以前年度已安排和以后年度安排的金额，合计与计划一致。退出码0；合计不一致时为1；参数或数据有误时为2。",
    ),
    "help_rolling_plan_first_year": ("the first (binding) year", "第一年（约束性）"),
    "help_rolling_plan_years": ("how many years (default 3)", "年数（默认3）"),
    "help_cmd_template": (
        "write an Excel workbook of projects to fill in",
        "写出一个待填写项目的Excel工作簿",
    ),
    "help_cmd_template_about": (
        "Write an input workbook: the headings (English, or Chinese with --lang zh), a note of units, data validation (years, 是/否), one example row and frozen headings. Fill it in, then read it with 'capex reconcile FILE'. An existing file is never replaced unless --force is given.",
        "写出一个填报工作簿：列名（英文，或用--lang zh为中文）、单位说明、数据验证（年份、是/否）、一行示例和冻结的标题行。填好后用“capex reconcile 文件”读取。除非给出--force，已有文件不会被覆盖。",
    ),
    "help_template_path": ("the workbook to write (.xlsx)", "要写出的工作簿（.xlsx）"),
    "help_template_lang": ("language of the headings (en or zh)", "列名的语言（en或zh）"),
    "help_template_plan_period": (
        "the plan period the plan-investment heading names (default 2021-2025); with --actuals, the years of the ledger's columns (default: the projects' plan period)",
        "规划期投资列名所标的规划期（默认2021-2025）；与--actuals同用时，为台账各年度列的年份（默认：项目的规划期）",
    ),
    "help_template_unit": (
        "unit of the amount columns: 亿元 (default; 万元 for --actuals), 万元, 元, USD ...",
        "金额列的单位：亿元（默认；--actuals时为万元）、万元、元、USD……",
    ),
    "help_template_force": ("replace an existing file", "覆盖已有文件"),
    "help_template_actuals": (
        "write a spending ledger to fill in instead: a row per project of --data (the bundled projects by default), a column per year of --plan-period and a status column; read it with 'capex variance FILE' (unit: --unit, default 万元 for it)",
        "改为写出待填写的支出台账：--data中每个项目一行（默认为内置项目），--plan-period每年一列，另有一列状态；用“capex variance 文件”读取（单位：--unit，其默认为万元）",
    ),
    "help_template_data": (
        "with --actuals: the project table whose projects the ledger lists",
        "与--actuals同用：台账所列项目所在的项目表",
    ),
    "help_template_encoding": (
        "text encoding of a CSV --data file (utf-8)",
        "CSV格式--data文件的文本编码（utf-8）",
    ),
    "help_cmd_variance": (
        "compare actual spending with the plan, per project and year",
        "按项目和年度比较实际支出与计划",
    ),
    "help_cmd_variance_about": (
        "Compare the actual spending in ACTUALS with the approved plan (--plan: a spread or phased workbook, or a result capex saved; else the projects' own cash flow under --profile) up to the cut-off year: planned, actual, difference and percentage per year and project, and findings (over the total, slipping, not started, finished early). The years before the ledger's first count by --before, and the report says how in one line. Exit code 0, or 2 for bad arguments or data.",
        "截至截止年，比较“实际支出”中的实际支出与批准的计划（--plan：分摊或分年度的工作簿，或capex保存的结果；否则为项目本身按--profile的资金安排）：分年度、分项目列出计划、实际、差额和百分比，以及发现的问题（超出总投资、进度滞后、未开工、提前完工）。台账首年以前的年度按--before计算，报告中用一行说明。退出码0；参数或数据有误时为2。",
    ),
    "help_variance_as_of": (
        "last year compared (default: the last year the ledger covers)",
        "比较的最后一年（默认：台账覆盖的最后一年）",
    ),
    "help_variance_plan": (
        "the approved plan: a workbook or CSV that capex wrote for a plan (its cash flow over every year is read), or a phased table (one column per year)",
        "批准的计划：capex为计划写出的工作簿或CSV（读取其各年度的资金安排），或分年度计划表（每年一列）",
    ),
    "help_variance_plan_unit": (
        "unit of the plan file's amounts whose headings name none (default 万元)",
        "列名未标单位的计划文件金额的单位（默认万元）",
    ),
    "help_variance_profile": (
        "spend profile of the plan (default: uniform)",
        "计划的支出曲线（默认：uniform）",
    ),
    "help_variance_by": ("also total the variance by this", "同时按此汇总偏差"),
    "help_variance_tolerance": (
        "share of the planned amount within which spending is on plan (default 0.05)",
        "在计划金额的多大比例以内视为按计划支出（默认0.05）",
    ),
    "help_cmd_verify": (
        "check that the plan store is as it was saved",
        "检查计划库是否与保存时一致",
    ),
    "help_cmd_verify_about": (
        "Recompute the hash of every version's content and record and of every entry of the chain, and name the first version that no longer matches. With --anchor, the fingerprint (版本指纹) printed on an approved document, prove that the record behind it is unchanged, even against someone who rewrote the rows and their hashes. With --key, check the approvals' signatures. Exit code 0 when everything holds, 1 when something does not, 2 for bad arguments.",
        "重新计算每个版本内容和记录以及链上每个条目的哈希值，并指出第一个不再相符的版本。用--anchor给出批准文件上打印的版本指纹，证明其背后的记录未被改动，即使有人改写了数据行及其哈希值。用--key检查审批的签名。退出码：全部相符为0，有不符为1，参数有误为2。",
    ),
    "help_verify_anchor": ("a fingerprint printed at an approval", "审批时打印的版本指纹"),
    "help_verify_key": (
        "the key the approvals were signed with (an Ed25519 public key is enough)",
        "审批签名所用的密钥（Ed25519公钥即可）",
    ),
    "help_cmd_versions": ("list the versions in the plan store", "列出计划库中的版本"),
    "help_cmd_versions_about": (
        "List every version in the plan store, in the order saved: id, name, kind, budget stage, status (draft, submitted, approved), author, time, parent, the first digits of its content hash, who approved it and its fingerprint (版本指纹). Exit code 0, or 2 when there is no store.",
        "按保存顺序列出计划库中的每个版本：版本号、名称、类型、预算阶段、状态（草稿、已提交、已批准）、编制人、时间、上一版本、内容哈希值的前几位、审批人及其版本指纹。退出码0；没有计划库时为2。",
    ),
    "help_capex_about": (
        "Time-phased cash-flow plans for public capital programmes: reconcile a project table with its published totals, spread its investment over the years under budget ceilings, shift projects to fit a cut budget, compare scenarios, and measure the plan's cost and schedule risk.",
        "公共投资计划的分年度资金安排：核对项目表与公布的总数，在预算上限内把投资分摊到各年度，推迟项目以适应压减后的预算，比较各情景，并测算计划的成本与进度风险。",
    ),
    "help_capex_epilog": (
        "Run 'capex COMMAND --help' for the options of one command. 'capex' with no command prints this help and exits 2.",
        "运行“capex 命令 --help”查看某一命令的选项。不带命令运行“capex”时，打印本帮助并以退出码2结束。",
    ),
    "help_version": ("show program's version number and exit", "显示程序版本号并退出"),
    "help_help": ("show this help message and exit", "显示本帮助并退出"),
    "help_usage": ("usage: ", "用法："),
    "help_capex_lang": (
        "language of the help and of all capex says: en (default) or zh; ${variable} sets it too",
        "帮助及capex所有输出的语言：en（英文，默认）或zh（中文）；也可用环境变量${variable}设定",
    ),
    "help_positionals": ("positional arguments", "位置参数"),
    "help_options": ("options", "选项"),
    "help_data_path": (
        "project table: an Excel workbook (.xlsx) or a CSV file, with capex's headings or a Chinese plan's (序号, 项目名称, 总投资（亿元）...); the bundled Yuecheng projects when omitted",
        "项目表：Excel工作簿（.xlsx）或CSV文件，使用capex的列名或中文规划的列名（序号、项目名称、总投资（亿元）……）；省略时使用内置的越城区项目",
    ),
    "help_sheet": (
        "the sheet of the workbook to read: the sheet of that name, else the one at that position among the visible sheets, counted from 1 (hidden sheets are never read by position); the first visible sheet by default",
        "要读取的工作表：先按名称查找，再按可见工作表中的位置（从1数起；隐藏的工作表从不按位置读取）；默认为第一个可见工作表",
    ),
    "help_sheet_actuals": ("for a workbook of actuals, {sheet}", "实际支出为工作簿时：{sheet}"),
    "help_sheet_payments": ("for a workbook of payments, {sheet}", "支付记录为工作簿时：{sheet}"),
    "help_run_draws": ("draws", "抽样"),
    "help_run_scenarios": ("scenarios", "情景"),
    "help_workers": (
        "run the {what} on N local processes (default 1: in this process)",
        "用本机N个进程运行{what}（默认1：在本进程中运行）",
    ),
    "help_scheduler": (
        "run the {what} on a Dask cluster, e.g. tcp://host:8786",
        "在Dask集群上运行{what}，例如tcp://host:8786",
    ),
    "help_profile_of_scenario": ("the scenario's, else uniform", "情景文件所定的，否则为uniform"),
    "help_profile": (
        "spend profile: uniform, front, back, bell, s-curve(a=2, b=4), ... (default: {default})",
        "支出曲线：uniform（均匀分摊）、front（前期集中）、back（后期集中）、bell（中间集中）、s-curve(a=2, b=4)（S形曲线）……（默认：{default}）",
    ),
    "help_risk_draws": (
        "draws (default 10000, at most {most})",
        "抽样次数（默认10000，最多{most}）",
    ),
    "help_risk_seed": (
        "seed of the draws, from 0 to {most} (default 0)",
        "抽样的随机种子，0至{most}（默认0）",
    ),
    "help_db": (
        "the plan store: an SQLite file or a postgresql:// URL (default: ${variable}, else {file} in this folder; SQLite on a network drive is not safe)",
        "计划库：SQLite文件或postgresql://地址（默认：环境变量${variable}，否则为当前文件夹中的{file}；SQLite文件放在网络驱动器上并不安全）",
    ),
    # metavars that are words (FILE, FIRST-LAST), said in Chinese by the help
    "help_metavar_file": ("FILE", "文件"),
    "help_metavar_path": ("PATH", "路径"),
    "help_metavar_amount": ("AMOUNT", "金额"),
    "help_metavar_unit": ("UNIT", "单位"),
    "help_metavar_month": ("MONTH", "月份"),
    "help_metavar_first": ("FIRST", "首年"),
    "help_metavar_last": ("LAST", "末年"),
    "help_metavar_year": ("YEAR", "年度"),
    "help_metavar_version": ("VERSION", "版本"),
    "help_metavar_sheet": ("SHEET", "工作表"),
    "help_metavar_profile": ("PROFILE", "支出曲线"),
    "help_metavar_encoding": ("ENCODING", "编码"),
    "help_metavar_stage": ("STAGE", "阶段"),
    "help_metavar_note": ("NOTE", "说明"),
    "help_metavar_name": ("NAME", "名称"),
    "help_metavar_author": ("AUTHOR", "保存人"),
    "help_metavar_years": ("YEARS", "年数"),
    "help_metavar_seconds": ("SECONDS", "秒数"),
    "help_metavar_key": ("KEY", "列"),
    "help_metavar_id": ("ID", "编号"),
    "help_metavar_ids": ("IDS", "编号"),
    "help_metavar_dist": ("DIST", "分布"),
    "help_metavar_actuals": ("ACTUALS", "实际支出"),
    "help_metavar_who": ("WHO", "经办人"),
    "help_metavar_rule": ("RULE", "规则"),
    "help_metavar_reason": ("REASON", "原因"),
    "help_metavar_quota_unit": ("QUOTA_UNIT", "额度单位"),
    "help_metavar_heading": ("HEADING", "列名"),
    "help_metavar_criterion": ("CRITERION", "指标"),
    "help_metavar_address": ("ADDRESS", "地址"),
    "help_metavar_weight": ("WEIGHT", "权重"),
    "help_metavar_value": ("VALUE", "价值"),
    "help_metavar_type": ("TYPE", "类型"),
    "help_metavar_tolerance": ("TOLERANCE", "容差"),
    "help_metavar_share": ("SHARE", "比例"),
    "help_metavar_seed": ("SEED", "种子"),
    "help_metavar_points": ("POINTS", "百分点"),
    "help_metavar_payments": ("PAYMENTS", "支付记录"),
    "help_metavar_first_year": ("FIRST_YEAR", "首年"),
    "help_metavar_fingerprint": ("FINGERPRINT", "指纹"),
    "help_metavar_date": ("DATE", "日期"),
    "help_metavar_command": ("COMMAND", "命令"),
    "help_metavar_code": ("CODE", "项目代码"),
    "help_metavar_action": ("ACTION", "操作"),
    # -- errors and warnings of reading files (io), the model and the command line -----------
    "err_io_frame_no_sheets": ("a DataFrame has no sheets", "传入的是数据框，没有工作表"),
    "err_io_not_workbook": (
        "not a readable Excel workbook (the file is damaged, or not a workbook saved as .xlsx): open it in Excel and save it again as .xlsx",
        "不是可读取的Excel工作簿（文件已损坏，或不是另存为.xlsx的工作簿）：请在Excel中打开并另存为.xlsx",
    ),
    "err_io_csv_no_sheets": (
        "a CSV file has no sheets; leave the sheet out",
        "CSV文件没有工作表，请不要指定工作表",
    ),
    "err_io_file_empty": ("the file is empty", "文件为空"),
    "err_io_bad_csv": ("not a well-formed CSV table: {error}", "不是格式正确的CSV表格：{error}"),
    "err_io_row_too_wide": (
        "the row has {n} values but there are {width} headings: a comma inside a value that is not in quotes, or one too many at the end, shifts the columns; put the value in double quotes, or remove the extra comma",
        "该行有{n}个值，但表头只有{width}列：某个值中的逗号未加引号，或行末多了一个逗号，使各列错位；请给该值加上双引号，或删除多余的逗号",
    ),
    "err_io_column_no_heading": ("#{number} (no heading)", "第{number}列（无表头）"),
    "err_io_bad_encoding": (
        "the file is not valid {encoding} text at line {line} (byte {byte}); save it as UTF-8, or read it as gb18030 if it came from Chinese Excel (encoding='gb18030', or --encoding gb18030 on the command line)",
        "文件第{line}行（第{byte}字节）不是有效的{encoding}文本；请另存为UTF-8编码，如文件来自中文版Excel，也可按gb18030编码读取（encoding='gb18030'，命令行用 --encoding gb18030）",
    ),
    "err_io_unknown_encoding": ("unknown encoding {encoding}", "未知的编码{encoding}"),
    "err_io_xls_needs_xlrd": (
        "an old Excel 97-2003 workbook (.xls): install xlrd to read it (pip install xlrd, or capex's extra: pip install capex[xls]), or open it in Excel and save it as .xlsx",
        "旧版Excel 97-2003工作簿（.xls）：需安装xlrd才能读取（pip install xlrd，或 pip install capex[xls]），也可在Excel中打开并另存为.xlsx",
    ),
    "err_io_encrypted": ("it is encrypted", "文件已加密"),
    "err_io_not_xls": (
        "not a readable Excel 97-2003 workbook ({detail}): open it in Excel and save it again as .xlsx",
        "不是可读取的Excel 97-2003工作簿（{detail}）：请在Excel中打开并另存为.xlsx",
    ),
    "err_io_sheet_empty": ("the sheet is empty", "工作表为空"),
    "err_io_unpacks_too_big": (
        "the workbook unpacks to {size} bytes, more than the {limit} capex reads (capex.model.limits.MAX_UNPACKED_BYTES)",
        "工作簿解压后为{size}字节，超过可读取的上限{limit}字节（capex.model.limits.MAX_UNPACKED_BYTES）",
    ),
    "err_io_xml_entities": (
        "{kind}: its XML declares entities or a document type, which capex refuses (they can expand to gigabytes or read other files)",
        "{kind}：其XML声明了实体或文档类型，不予读取（它们可膨胀至数GB或读取其他文件）",
    ),
    "err_io_damaged": ("it is damaged or not an .xlsx workbook", "文件已损坏或不是.xlsx工作簿"),
    "err_io_not_xlsx": (
        "not a readable Excel workbook ({detail}): open it in Excel and save it again as .xlsx",
        "不是可读取的Excel工作簿（{detail}）：请在Excel中打开并另存为.xlsx",
    ),
    "err_io_no_worksheet": ("the workbook has no worksheet", "工作簿中没有工作表"),
    "err_io_sheet_reference": (
        "a sheet is named by its name (text) or its position (a whole number)",
        "工作表应以名称（文本）或位置（整数）指定",
    ),
    "err_io_names_and_hidden": ("{names} (and, hidden, {hidden})", "{names}（另有隐藏的{hidden}）"),
    "err_io_sheet_position": (
        "{number} (position {position}, counted from 0)",
        "{number}（位置{position}，从0起算）",
    ),
    "err_io_no_sheet_named": (
        "no sheet is named {wanted}, and there is no sheet number {number} among the visible sheets: the workbook has {names}",
        "没有名为{wanted}的工作表，可见工作表中也没有第{number}个：工作簿中有{names}",
    ),
    "err_io_no_such_sheet": (
        "no such sheet; the workbook has {names}",
        "没有该工作表；工作簿中有{names}",
    ),
    "err_io_sheet_too_big": (
        "the sheet's used range A1:{corner} has {cells} cells, more than the {limit} capex reads (capex.model.limits.MAX_SHEET_CELLS): delete stray cells far from the table, or split it",
        "工作表已用区域A1:{corner}共{cells}个单元格，超过可读取的上限{limit}个（capex.model.limits.MAX_SHEET_CELLS）：请删除表格以外的零散单元格，或拆分该表",
    ),
    "err_io_cell_too_long": (
        "the cell holds {n} characters, more than the {limit} a workbook cell holds (capex.model.limits.MAX_CELL_TEXT)",
        "单元格有{n}个字符，超过工作簿单元格可容纳的{limit}个（capex.model.limits.MAX_CELL_TEXT）",
    ),
    "err_io_no_heading_row": ("there is no heading row {row}", "没有第{row}行表头"),
    "err_io_no_headings": ("the table has no headings", "表格没有表头"),
    "err_io_password": (
        "the workbook is protected with a password (encrypted), so it cannot be read: open it in Excel, remove the password (File > Info > Protect Workbook) and save it",
        "工作簿设有密码（已加密），无法读取：请在Excel中打开，取消密码（文件 > 信息 > 保护工作簿）后保存",
    ),
    "err_io_compound_file": (
        "an old Excel 97-2003 workbook (.xls) or another compound file: open it in Excel and save it as .xlsx",
        "旧版Excel 97-2003工作簿（.xls）或其他复合文档：请在Excel中打开并另存为.xlsx",
    ),
    "err_io_no_projects": ("the table has no projects", "表格中没有项目"),
    "err_io_sources_list": ("'sources' must be a list of tables", "“sources”应为若干表的列表"),
    "err_io_source_needs_name": ("each of 'sources' needs a name", "“sources”的每一项都需要名称"),
    "err_io_note_unit": (
        "the note above the table gives the unit {unit}: {error}",
        "表格上方的说明给出的单位为{unit}：{error}",
    ),
    "err_io_plan_period_unknown": (
        "the plan period is not known: pass plan_period=(first, last), give it in the metadata file, or head the plan column with its years (2021-2025年投资额)",
        "规划期未知：请传入plan_period=(起始年, 终止年)，或在元数据文件中给出，或在计划投资列的表头写明年份（如“2021-2025年投资额”）",
    ),
    "err_io_metadata_unreadable": (
        "the metadata file cannot be read: {error}",
        "无法读取元数据文件：{error}",
    ),
    "err_io_must_be_text": ("'{field}' must be text", "“{field}”应为文本"),
    "err_io_fiscal_start_month": (
        "'fiscal_year_start' must be a month, 1 to 12",
        "“fiscal_year_start”应为月份，1至12",
    ),
    "err_io_published_mapping": ("published totals must be a mapping", "公布的合计数应为键值对"),
    "err_io_published_lacks": ("published totals lack '{field}'", "公布的合计数缺少“{field}”"),
    "err_io_bad_published": ("bad published total: {error}", "公布的合计数有误：{error}"),
    "err_io_published_negative": ("a published total cannot be negative", "公布的合计数不能为负数"),
    "err_io_rule_function": (
        "the rule of source {source} is a function, which a file cannot keep: give it as text (builder=...) or a mapping",
        "资金来源{source}的规则是一个函数，无法写入文件：请以文本（builder=...）或键值对给出",
    ),
    "err_io_months_in_budget_year": (
        "the column '{column}' holds calendar months, which do not divide a budget year starting in month {month}: give whole budget years, or the payments by date (capex.load_payments)",
        "列“{column}”为自然月，无法划分自{month}月开始的预算年度：请按完整预算年度填写，或按日期给出支付记录（capex.load_payments）",
    ),
    "err_io_ledger_missing_years": (
        "the ledger has columns for {first}-{last} but none for {missing}: a missing year is not covered. Add the column (dashes or zeros where nothing was spent), or pass years= to say what the ledger covers",
        "台账有{first}-{last}年的列，但缺少{missing}年：缺少的年度不在台账范围内。请补上该列（未支出处填短横线或0），或用years=说明台账覆盖的年度",
    ),
    "err_io_not_an_amount": ("not an amount: {error}", "不是金额：{error}"),
    "err_io_units_differ": (
        "the headings name different units ({units}); pass unit=",
        "表头中的单位不一致（{units}）；请传入unit=",
    ),
    "err_io_finer_than": (
        "finer than 1 {unit}: capex never rounds an amount silently",
        "精度小于1{unit}：金额不会被悄悄舍入",
    ),
    "heading_money_through": (
        "the money of {year} and every year before it",
        "{year}年及以前各年的资金",
    ),
    "heading_money_before_first": (
        "the money of the years before the first year column",
        "第一个年度列之前各年的资金",
    ),
    "heading_money_onward": (
        "the money of {year} and every year after it",
        "{year}年及以后各年的资金",
    ),
    "heading_money_after_last": (
        "the money of the years after the last year column",
        "最后一个年度列之后各年的资金",
    ),
    "heading_money_months": (
        "the money of months {first}-{last} of {year}",
        "{year}年{first}-{last}月的资金",
    ),
    "heading_money_of": ("the money of {year}", "{year}年的资金"),
    "err_io_fiscal_span_needs_start": (
        "the headings name fiscal years that span two calendar years (2026-27): say in which month they start, fiscal_year_start=4 (April), 7 (July) or 10 (October)",
        "表头中的预算年度跨两个自然年（如2026-27）：请说明从几月开始，fiscal_year_start=4（4月）、7（7月）或10（10月）",
    ),
    "err_io_two_headings_same_field": (
        "the headings '{first}' and '{second}' both give the {field}; keep one column, or rename the other",
        "表头“{first}”和“{second}”都给出了{field}；请保留一列，或将另一列改名",
    ),
    "err_io_subtotal": ("subtotal", "小计"),
    "err_io_group_heading": ("group heading", "分组标题"),
    "err_io_overlaps_year_column": ("it overlaps the year column {year}", "与{year}年列重叠"),
    "err_io_years_in_no_column": (
        "the first year column is {year}, so {span} would be in no column",
        "第一个年度列为{year}年，{span}年将不在任何列中",
    ),
    "err_io_summing_row_differs": (
        "the {what} '{label}' gives {printed}, but the {n} project(s) it covers add up to {added}",
        "{what}“{label}”为{printed}，但其所含{n}个项目合计为{added}",
    ),
    "err_io_merged_amount": (
        "this amount is a cell merged over several rows; give each project its own amount",
        "该金额为跨多行合并的单元格；请为每个项目分别填写金额",
    ),
    "err_io_heading_period_differs": (
        "the heading names the plan period {first}-{last}, but the plan period given is {given_first}-{given_last}",
        "表头中的规划期为{first}-{last}年，但给定的规划期为{given_first}-{given_last}年",
    ),
    "err_io_id_empty": ("the project id is empty", "项目序号为空"),
    "err_io_amount_empty": ("the amount is empty", "金额为空"),
    "err_io_year_outside_ledger": (
        "{year} is outside the years the ledger covers, {covered} (years=)",
        "{year}年不在台账覆盖的年度{covered}内（years=）",
    ),
    "err_io_ledger_onward": (
        "a ledger records what was spent; this column holds {describe}, money yet to come: remove it, or read the table as a plan (capex.load_phased)",
        "台账记录的是已支出的资金；该列为{describe}，是尚未支出的资金：请删除该列，或将该表作为计划读取（capex.load_phased）",
    ),
    "err_io_two_columns_one_year": (
        "the columns '{first}' and '{second}' both hold money of {year}",
        "列“{first}”和“{second}”都含有{year}年的资金",
    ),
    "err_io_part_year_inside": (
        "this column holds {describe}, a part of a year that is neither the ledger's first nor its last: give the year whole",
        "该列为{describe}，是台账既非首年也非末年的部分年度：请按整年填写",
    ),
    "err_io_two_before_columns": (
        "two columns hold the years before the others; keep one",
        "有两列都是此前各年的资金；请保留一列",
    ),
    "err_io_before_no_year_after": (
        "a column of the years before the others, but no year column after it",
        "有一列为此前各年的资金，但其后没有年度列",
    ),
    "err_io_years_to": (
        "this column holds the money of the years to {year}, but {problem}",
        "该列为截至{year}年各年的资金，但{problem}",
    ),
    "err_io_column_outside_ledger": (
        "this column holds money of {year}, outside the years the ledger covers, {covered} (years=)",
        "该列为{year}年的资金，不在台账覆盖的年度{covered}内（years=）",
    ),
    "err_io_whole_years_part_column": (
        "years= says the ledger covers whole years, but a column holds part of one",
        "years=表明台账覆盖完整年度，但有一列只含某年的一部分",
    ),
    "err_io_before_ends_at": (
        "the column of the years before the others ends at {year}, but years= says the ledger starts in {first}",
        "此前各年资金列截至{year}年，但years=表明台账从{first}年开始",
    ),
    "err_io_amounts_no_year": (
        "this column holds amounts, but its heading does not say which years: head it with a year (2021), the years before (2020年及以前), the months (2021年1-6月), or remove it",
        "该列有金额，但表头未写明年度：请在表头写上年度（2021）、此前各年（2020年及以前）或月份（2021年1-6月），或删除该列",
    ),
    "err_io_printed_total_inexact": (
        "a printed total that cannot be held exactly: {error}",
        "印出的合计数无法精确表示：{error}",
    ),
    "err_io_part_years_overlap": (
        "the part-year columns of {year} overlap or leave months out (months {first}-{last}, then {start}-{end})",
        "{year}年的分段列相互重叠或遗漏月份（{first}-{last}月，然后{start}-{end}月）",
    ),
    "err_io_and": (" and ", "与"),
    "err_io_two_columns_for_year": ("two columns are given for {year}", "{year}年有两列"),
    "err_io_no_year_column": (
        "no column is headed by a year (2021, 2021年, FY 2021); name them with years=",
        "没有以年度为表头的列（2021、2021年、FY 2021）；请用years=指定",
    ),
    "err_io_phased_months": (
        "part-year columns of {year} are calendar months, which do not divide a budget year starting in month {start}: give whole budget years",
        "{year}年的分段列为自然月，无法划分自{start}月开始的预算年度：请按完整预算年度填写",
    ),
    "err_io_column_and_other_same_year": (
        "this column and '{other}' both hold money of {year}",
        "该列与列“{other}”都含有{year}年的资金",
    ),
    "err_io_phased_part_years": (
        "part-year columns of {year} cover months {months}: a phased table gives whole years, so its part years must add up to the year",
        "{year}年的分段列覆盖{months}月：分年度计划表按整年填写，分段之和应为全年",
    ),
    "err_io_overlaps_year_columns": (
        "this column holds {describe}, which overlaps the year columns {first}-{last}",
        "该列为{describe}，与{first}-{last}年的年度列重叠",
    ),
    "err_io_phased_amounts_no_year": (
        "this column holds amounts, but its heading does not say which years: head it with a year (2021), the years before or after the others (2020年及以前, 2026年以后), the months (2021年1-6月), or remove it",
        "该列有金额，但表头未写明年度：请在表头写上年度（2021）、此前或此后各年（2020年及以前、2026年以后）或月份（2021年1-6月），或删除该列",
    ),
    "err_io_merged_amount_row": (
        "this amount is a cell merged over several rows; give each row its own amount",
        "该金额为跨多行合并的单元格；请为每一行分别填写金额",
    ),
    "err_io_strict_refuses": ("{text} (strict=True refuses it)", "{text}（strict=True时不予接受）"),
    "err_io_currency_elsewhere": (
        "the amounts are in {currency} elsewhere, not in {unit}",
        "其他金额的币种为{currency}，而非{unit}",
    ),
    "err_io_total_negative": ("a total cannot be negative", "总投资不能为负数"),
    "err_io_reductions_negative_plan": (
        "the reductions leave the project {plan} in {first}-{last}: a project's money in the plan period cannot be negative",
        "扣减后项目在{first}-{last}年的资金为{plan}：项目在规划期内的资金不能为负数",
    ),
    "err_io_amount_outside_window": (
        "{year} holds an amount, but the project's window is {start}-{end}",
        "{year}年有金额，但项目建设期为{start}-{end}年",
    ),
    "err_io_totals_row_differs_strict": (
        "the totals row gives {given} for {year}; the projects add up to {sums} (strict=True refuses it)",
        "合计行{year}年为{given}；各项目合计为{sums}（strict=True时不予接受）",
    ),
    "err_io_reductions_outweigh": (
        "the reductions outweigh the project's money ({sums} in all): a project's total cannot be negative",
        "扣减额超过项目的资金（合计{sums}）：项目总投资不能为负数",
    ),
    "err_io_subtotal_row": (
        "a subtotal row: capex cannot tell which payments it adds up; delete it (a totals row, 合计, is checked)",
        "小计行：无法判断其合计的是哪些支付记录；请删除该行（合计行会被核对）",
    ),
    "err_io_date_empty": ("the date is empty", "日期为空"),
    "err_io_payment_project_empty": (
        "the project is empty (no code and no name)",
        "项目为空（既无编码也无名称）",
    ),
    "err_io_totals_row_says": (
        "the totals row says {stated} but the payments above it add up to {above}",
        "合计行为{stated}，但其上各笔支付合计为{above}",
    ),
    "err_io_payment_twice": (
        "the same payment is given twice ({places}): voucher {voucher}, same date, project and amount; delete the copy",
        "同一笔支付出现两次（{places}）：凭证号{voucher}，日期、项目和金额均相同；请删除重复的一笔",
    ),
    "err_io_no_budget_lines": (
        "the table has headings but no budget lines below them: with no lines there are no ceilings; remove the file, or add a row per line and year",
        "表格有表头但其下没有预算科目：没有科目就没有预算上限；请删除该文件，或按科目和年度逐行填写",
    ),
    "err_io_line_name_empty": ("the line name is empty", "科目名称为空"),
    "err_io_line_year_twice": (
        "year {year} of line {name} is given twice",
        "科目{name}的{year}年出现两次",
    ),
    "err_io_line_other_rule": (
        "line {name} has another rule on an earlier row ({rules})",
        "科目{name}在前面的行中有另一条规则（{rules}）",
    ),
    "err_io_line_no_ceiling": (
        "line {name} has no ceiling in any year, so it binds nothing",
        "科目{name}在所有年度都没有预算上限，不约束任何项目",
    ),
    "err_io_line_source_missing": (
        "line {name} is the funding source {source}, which the projects do not have ({have})",
        "科目{name}对应资金来源{source}，但项目中没有该来源（现有：{have}）",
    ),
    "err_io_line_rule_no_project": (
        "the rule of line {name} matches no project, so its ceilings bind nothing",
        "科目{name}的规则没有匹配到任何项目，其预算上限不约束任何项目",
    ),
    "err_io_same_output_twice": (
        "the same file is named twice among the files to write",
        "待写入的文件中同一个文件出现了两次",
    ),
    "err_io_would_overwrite": (
        "{output} would write over {path}, which this command reads{why}; capex never writes over its inputs: choose another output",
        "{output}将覆盖本命令读取的{path}{why}；capex不会覆盖输入文件：请另选输出文件",
    ),
    "err_io_same_output": (
        "{output} and {other} name the same file; give each output its own",
        "{output}和{other}是同一个文件；请为每个输出指定各自的文件",
    ),
    "err_io_file_too_big": (
        "the file is {size} bytes, more than the {limit} capex reads (capex.model.limits.MAX_INPUT_BYTES)",
        "文件为{size}字节，超过可读取的上限{limit}字节（capex.model.limits.MAX_INPUT_BYTES）",
    ),
    "err_io_two_columns_headed": (
        "two columns are headed {name}; keep one, or rename the other",
        "有两列的表头都是{name}；请保留一列，或将另一列改名",
    ),
    "err_io_no_column_headed": (
        "no column headed {name} beside the project fields (found: {found})",
        "项目字段旁没有表头为{name}的列（现有：{found}）",
    ),
    "err_io_bank_rows": (
        "the bank's rows do not line up with its projects",
        "资金库的行与其项目对不上",
    ),
    "err_io_no_project_with_id": ("no project with this id", "没有该序号的项目"),
    "err_io_precede_itself": ("a project cannot precede itself", "项目不能以自身为紧前项目"),
    "err_io_second_totals_row": (
        "a second totals row (the first is row {row})",
        "第二个合计行（第一个合计行在第{row}行）",
    ),
    "err_io_same_heading": (
        "columns {first} and {second} have the same heading; rename one",
        "列{first}和列{second}的表头相同；请将其中一列改名",
    ),
    "err_io_psplib_cannot_read": ("cannot read the instance: {reason}", "无法读取算例：{reason}"),
    "err_io_psplib_no_section": (
        "no section {title}: not a single-mode PSPLIB file",
        "没有{title}部分：不是单模式PSPLIB文件",
    ),
    "err_io_psplib_whole_numbers": ("expected whole numbers", "应为整数"),
    "err_io_psplib_horizon": ("the horizon is not a number", "计划期长度不是数字"),
    "err_io_psplib_precedence_row": (
        "a precedence row reads: job, modes, number of successors, successors",
        "紧前关系行应为：工作、模式数、紧后工作数、紧后工作",
    ),
    "err_io_psplib_single_mode": ("only single-mode instances are supported", "只支持单模式算例"),
    "err_io_psplib_request_row": (
        "a request row reads: job, mode, duration, requests",
        "资源需求行应为：工作、模式、工期、资源需求量",
    ),
    "err_io_psplib_different_jobs": (
        "the precedence and request sections list different jobs",
        "紧前关系部分与资源需求部分列出的工作不同",
    ),
    "err_io_psplib_resources": (
        "the requests and the availabilities name different numbers of resources",
        "资源需求与资源可用量中的资源个数不同",
    ),
    "err_io_psplib_successor": (
        "a successor is no job of the instance",
        "某个紧后工作不是该算例中的工作",
    ),
    "err_io_psplib_cannot_read_optima": (
        "cannot read the optima: {reason}",
        "无法读取最优解：{reason}",
    ),
    "err_io_psplib_no_makespan": (
        "no 'parameter instance makespan' rows found",
        "未找到“parameter instance makespan”行",
    ),
    "err_io_two_source_columns": (
        "two columns give the source {name}; keep one",
        "有两列都给出资金来源{name}；请保留一列",
    ),
    "err_io_not_amount_or_share": ("not an amount or a share: {error}", "不是金额或比例：{error}"),
    "err_io_not_amount_in": (
        "not an amount in {unit}: {error}",
        "不是以{unit}为单位的金额：{error}",
    ),
    "err_io_amounts_and_shares": (
        "the row mixes amounts and shares: give one or the other",
        "该行既有金额又有比例：请只填其中一种",
    ),
    "err_io_shares_not_100": (
        "the shares add up to {percent} %, not 100 %",
        "各比例合计为{percent}%，而非100%",
    ),
    "err_io_source_empty": ("the source is empty", "资金来源为空"),
    "err_io_no_project_has_id": ("no project has this id", "没有项目使用该序号"),
    "err_io_source_twice": (
        "source {name} of project {pid} is given twice",
        "项目{pid}的资金来源{name}出现两次",
    ),
    "err_io_source_nests_elsewhere": (
        "{name} nests in {parents} on another row",
        "{name}在另一行中隶属于{parents}",
    ),
    "err_io_neither_amount_nor_share": (
        "the row gives neither an amount nor a share",
        "该行既没有金额也没有比例",
    ),
    "err_io_project_shares_not_100": (
        "the shares of project {pid} add up to {percent} %, not 100 %",
        "项目{pid}的各比例合计为{percent}%，而非100%",
    ),
    "err_io_cannot_write_template": ("cannot write a template: {error}", "无法生成模板：{error}"),
    "err_io_template_period_backwards": (
        "the plan period {first}-{last} ends before it starts",
        "规划期{first}-{last}年的终止年早于起始年",
    ),
    "err_io_template_years_backwards": (
        "the years {first}-{last} end before they start",
        "{first}-{last}年的终止年早于起始年",
    ),
    "err_io_template_suffix": (
        "{path}: a template is an .xlsx workbook, not {suffix}",
        "{path}：模板应为.xlsx工作簿，而非{suffix}",
    ),
    "err_io_template_exists": (
        "{path} exists: choose another name, or overwrite it on purpose (overwrite=True, --force on the command line)",
        "{path}已存在：请另选文件名，或有意覆盖（overwrite=True，命令行用 --force）",
    ),
    "err_io_cannot_write_file": ("cannot write {path}: {reason}", "无法写入{path}：{reason}"),
    "err_model_unknown_currency": (
        "unknown currency {currency}; capex knows {known}",
        "未知的币种{currency}；可用的币种为{known}",
    ),
    "err_model_finer_than": (
        "{value} {unit} is finer than 1 {finest}",
        "{value} {unit}的精度小于1{finest}",
    ),
    "err_model_ceiling_negative": (
        "a ceiling cannot be negative: {value}",
        "预算上限不能为负数：{value}",
    ),
    "err_model_bad_finer_than": ("{bad} is finer than 1 {finest}", "{bad}的精度小于1{finest}"),
    "err_model_sum_too_large": (
        "a sum of amounts, {total}, is too large to hold exactly (the limit is {limit})",
        "金额合计{total}过大，无法精确表示（上限为{limit}）",
    ),
    "err_model_too_large": (
        "{value} {unit} is too large to hold exactly",
        "{value} {unit}过大，无法精确表示",
    ),
    "err_model_not_an_amount": ("{value} is not an amount", "{value}不是金额"),
    "err_model_not_finite": ("{value} is not a finite number", "{value}不是有限的数"),
    "err_model_not_a_number": ("{value} is not a number", "{value}不是数字"),
    "err_model_too_many_digits": (
        "{value} has more than {digits} significant digits: capex reads a number exactly or not at all",
        "{value}的有效数字超过{digits}位：数字要么精确读取，要么不读取",
    ),
    "err_model_out_of_range": (
        "{value} is out of the range of numbers capex reads (1e±{exponent})",
        "{value}超出可读取的数值范围（1e±{exponent}）",
    ),
    "err_model_strange_character": (
        "{value} is not a number (it holds {character}, U+{code})",
        "{value}不是数字（含有字符{character}，U+{code}）",
    ),
    "err_model_comma": (
        "{value} is not a number (a comma may only group thousands)",
        "{value}不是数字（逗号只能用作千位分隔）",
    ),
    "err_model_currencies_differ": (
        "amounts in different currencies cannot be compared: {currencies}",
        "不同币种的金额无法比较：{currencies}",
    ),
    "err_model_rescale_finer": (
        "{unit} amounts cannot be written exactly in {finer}: use the finer unit",
        "以{unit}计的金额无法用{finer}精确表示：请使用更小的单位",
    ),
    "err_model_rescale_too_large": (
        "an amount of {amount} {unit} is too large to hold exactly in {finer}",
        "{amount} {unit}的金额过大，无法用{finer}精确表示",
    ),
    "err_model_unknown_unit": (
        "unknown unit {unit}; capex knows {known}",
        "未知的单位{unit}；可用的单位为{known}",
    ),
    "err_model_unit_of": (" ({unit} is a unit of {currency})", "（{unit}是{currency}的单位）"),
    "err_model_unknown_unit_for": (
        "unknown unit {unit} for {currency}{hint}; use one of {names}",
        "{currency}没有单位{unit}{hint}；请使用{names}之一",
    ),
    "err_model_line_needs_name": ("a budget line needs a name", "预算科目需要名称"),
    "err_model_line_rule_or_shares": (
        "budget line {name}: give a rule or shares, not both",
        "预算科目{name}：请给出规则或比例，不能两者都给",
    ),
    "err_model_line_share_range": (
        "budget line {name}: share of project {pid} must be in 0..1, not {share}",
        "预算科目{name}：项目{pid}的比例应在0至1之间，而非{share}",
    ),
    "err_model_line_within_itself": (
        "budget line {name} cannot be within itself",
        "预算科目{name}不能隶属于自身",
    ),
    "err_model_line_ceilings_mapping": (
        "budget line {name}: ceilings are {{year: amount}}, not {ceilings}; for one ceiling in every plan year pass the number to capex.spread or capex.shift itself",
        "预算科目{name}：预算上限应为{{年份: 金额}}，而非{ceilings}；如每个规划年度的上限相同，请直接将该数传给capex.spread或capex.shift",
    ),
    "err_model_line_not_a_year": (
        "budget line {name}: {year} is not a year",
        "预算科目{name}：{year}不是年份",
    ),
    "err_model_line_year_error": (
        "budget line {name}, year {year}: {error}",
        "预算科目{name}，{year}年：{error}",
    ),
    "err_model_line_ceiling_negative": (
        "budget line {name}, year {year}: a ceiling cannot be negative: {value}",
        "预算科目{name}，{year}年：预算上限不能为负数：{value}",
    ),
    "err_model_line_error": ("budget line {name}: {error}", "预算科目{name}：{error}"),
    "err_model_line_no_project": (
        "budget line {name}: no project with id {value}",
        "预算科目{name}：没有序号为{value}的项目",
    ),
    "err_model_ceilings_list": (
        "a list of ceilings must hold BudgetLine objects",
        "预算上限列表中只能是BudgetLine对象",
    ),
    "err_model_line_names_repeat": (
        "budget line names must differ; repeated: {duplicates}",
        "预算科目名称不能重复；重复的有：{duplicates}",
    ),
    "err_model_ceilings_kind": (
        "ceilings must be None, a number, {{year: 亿元}}, a BudgetLine or a list of them; got {ceilings}",
        "预算上限应为None、一个数、{{年份: 亿元}}、一个BudgetLine或其列表；实际为{ceilings}",
    ),
    "err_model_line_outside_period": (
        "budget line {name} has a ceiling for {outside}, outside the plan period {first}-{last}",
        "预算科目{name}在规划期{first}-{last}年以外的{outside}年有预算上限",
    ),
    "err_model_line_source_no_split": (
        "budget line {line} is a funding source, but the portfolio has no split by source (load one with capex.load_sources, or give the projects' table a column per source)",
        "预算科目{line}是资金来源，但项目库没有按资金来源拆分（请用capex.load_sources读取，或在项目表中为每个来源设一列）",
    ),
    "err_model_line_no_such_source": (
        "budget line {name}: the portfolio has no source {source} (its sources: {names})",
        "预算科目{name}：项目库中没有资金来源{source}（现有来源：{names}）",
    ),
    "err_model_line_source_name_clash": (
        "budget line {line} has the name of a funding source but is not it (its rule is not 'source'): rename it, or make it the source's line",
        "预算科目{line}与某个资金来源同名，但并非该来源（其规则不是“source”）：请改名，或将其设为该来源的科目",
    ),
    "err_model_line_circle": (
        "budget line {name} is within itself, round a circle",
        "预算科目{name}隶属于自身，形成循环",
    ),
    "err_model_line_shares_exceed_own": (
        "the shares within budget line {name} of project {pid} add up to more than its own share {share}",
        "预算科目{name}中项目{pid}的各下级比例合计超过其自身比例{share}",
    ),
    "err_model_shares_above_one": (
        "the shares of project {pid} add up to {total}, above 1",
        "项目{pid}的各比例合计为{total}，超过1",
    ),
    "err_model_line_share_expected": (
        "line {line}: expected id=fraction in shares, got {text}",
        "科目{line}：比例应写为“序号=比例”，实际为{text}",
    ),
    "err_model_line_share_twice": (
        "line {line}: project {pid} is given twice in shares",
        "科目{line}：项目{pid}在比例中出现两次",
    ),
    "err_model_line_share_not_number": (
        "line {line}: share {text} is not a number",
        "科目{line}：比例{text}不是数字",
    ),
    "err_model_line_share_not_fraction": (
        "line {line}: share {text} is not between 0 and 1",
        "科目{line}：比例{text}不在0至1之间",
    ),
    "err_model_line_shares_empty": (
        "line {line}: shares() lists no project",
        "科目{line}：比例中没有列出任何项目",
    ),
    "err_model_line_source_unresolved": (
        "line {line} is a funding source: resolve it against its portfolio (capex.model.budget.resolve_lines) before asking which projects it holds",
        "科目{line}是资金来源：请先按其项目库解析（capex.model.budget.resolve_lines），再查询其包含的项目",
    ),
    "err_model_line_rule_reads": (
        "line {line}: a rule reads 'column=value' (or 'all'), not {text}",
        "科目{line}：规则应写为“列=值”（或“all”），而非{text}",
    ),
    "err_model_line_rule_failed": (
        "the rule of budget line {line} failed: {error}",
        "预算科目{line}的规则执行失败：{error}",
    ),
    "err_model_line_rule_booleans": (
        "the rule of budget line {line} must give one True/False per project",
        "预算科目{line}的规则应对每个项目给出一个True/False",
    ),
    "err_model_line_rule_kind": (
        "budget line {line}: a rule is None, a mapping, a text or a callable",
        "预算科目{line}：规则应为None、键值对、文本或函数",
    ),
    "err_model_line_no_column": (
        "budget line {line}: the projects have no column {column}",
        "预算科目{line}：项目中没有列“{column}”",
    ),
    "err_model_line_yes_no": (
        "budget line {line}: {column} is yes or no, not {value}",
        "预算科目{line}：{column}应为是或否，而非{value}",
    ),
    "err_model_line_whole_number": (
        "budget line {line}: {column} is a whole number, not {value}",
        "预算科目{line}：{column}应为整数，而非{value}",
    ),
    "err_model_line_number": (
        "budget line {line}: {column} is a number, not {value}",
        "预算科目{line}：{column}应为数字，而非{value}",
    ),
    "err_model_risk_whole_plan": (
        "risk draws are measured against ceilings of the whole plan: give {{year: amount}} or one amount, or one budget line over every project",
        "风险抽样按整个计划的预算上限衡量：请给出{{年份: 金额}}或一个金额，或一个涵盖所有项目的预算科目",
    ),
    "err_model_no_bound": (
        "no bound named {name}; the bounds are {bounds}",
        "没有名为{name}的上限；可设置的上限为{bounds}",
    ),
    "err_model_round_formula": (
        "; if a formula calculated it, round it (=ROUND(..., 2) in 元)",
        "；如该数由公式算出，请先取整（以元计用=ROUND(..., 2)）",
    ),
    "err_model_period_backwards": (
        "the plan period ends before it starts",
        "规划期的终止年早于起始年",
    ),
    "err_model_sources_kind": (
        "sources must be a capex.model.sources.Sources (capex.load_sources reads one)",
        "sources应为capex.model.sources.Sources（可用capex.load_sources读取）",
    ),
    "err_model_arrays_length": (
        "the arrays must be non-empty and of one length",
        "各数组不能为空且长度应相同",
    ),
    "err_model_duplicate_id": ("duplicate id", "序号重复"),
    "err_model_bad_period": ("bad plan period: {error}", "规划期有误：{error}"),
    "err_model_period_two_years": (
        "the plan period must be two years, (first, last)",
        "规划期应为两个年份：（起始年，终止年）",
    ),
    "err_model_period_two_years_short": ("the plan period must be two years", "规划期应为两个年份"),
    "err_model_required_column": (
        "required column '{column}' is missing (found: {columns})",
        "缺少必需的列“{column}”（现有：{columns}）",
    ),
    "err_model_column_sum_too_large": (
        "the amounts of this column add up to more than capex can hold exactly",
        "该列金额合计过大，无法精确表示",
    ),
    "err_model_no_name": ("the project has no name", "项目没有名称"),
    "err_model_duplicate_id_row": (
        "duplicate id (first seen in row {row})",
        "序号重复（首次出现在第{row}行）",
    ),
    "err_model_duplicate_code_row": (
        "duplicate project code (first in row {row})",
        "项目编码重复（首次出现在第{row}行）",
    ),
    "err_model_codes_for_projects": (
        "{codes} codes for {projects} projects",
        "{codes}个编码对应{projects}个项目",
    ),
    "err_model_duplicate_code": ("duplicate project code", "项目编码重复"),
    "err_model_not_amount_in_hint": (
        "not an amount in {unit}: {error}{hint}",
        "不是以{unit}为单位的金额：{error}{hint}",
    ),
    "err_model_not_number": ("not a number", "不是数字"),
    "err_model_cannot_be_negative": ("cannot be negative", "不能为负数"),
    "err_model_not_whole_number": ("not a whole number", "不是整数"),
    "err_model_implausibly_large": (
        "implausibly large (above {limit})",
        "大得不合理（超过{limit}）",
    ),
    "err_model_yes_or_no": ("expected yes or no (是/否)", "应为是或否（是/否）"),
    "err_io_not_a_year": ("not a year: {error}", "不是年份：{error}"),
    "err_io_not_a_number": ("not a number: {error}", "不是数字：{error}"),
    "err_io_not_a_ceiling": ("not a ceiling: {error}", "不是预算上限：{error}"),
    "err_io_problem_found": ("{problem} (found: {found})", "{problem}（现有：{found}）"),
    "err_io_no_column_headed_for": (
        "no column is headed {heading} (for the {field})",
        "没有表头为{heading}的列（用于{field}）",
    ),
    "err_io_required_column_example": (
        "required column '{name}' is missing: give a column headed {example}",
        "缺少必需的列“{name}”：请设一列，表头为{example}",
    ),
    "err_io_required_column_such_as": (
        "required column '{name}' is missing (a heading such as {example})",
        "缺少必需的列“{name}”（表头如“{example}”）",
    ),
    "err_io_no_project_column": (
        "no project column (a heading such as 项目代码 or 项目名称)",
        "没有项目列（表头如“项目代码”或“项目名称”）",
    ),
    "err_io_required_source_column": (
        "required column '{name}' is missing (id, source, amount)",
        "缺少必需的列“{name}”（序号、资金来源、金额）",
    ),
    "err_io_source_amount_or_share": (
        "give each source's amount (金额) or share (比例)",
        "请给出每个资金来源的金额或比例",
    ),
    "err_io_no_id_column": (
        "no id column (write 'id' or '序号' as its heading)",
        "没有序号列（表头请写“id”或“序号”）",
    ),
    "err_io_neither_long_nor_wide": (
        "neither a long table (columns id, year, amount) nor a wide one (an id column and a column per year such as 2021)",
        "既不是长表（序号、年份、金额三列），也不是宽表（一列序号，每年一列，如2021）",
    ),
    "err_io_required_column": ("required column '{name}' is missing", "缺少必需的列“{name}”"),
    "err_model_weights": ("weights", "权重"),
    "err_model_cumulative_points": ("cumulative points", "累计曲线的各点"),
    "err_model_is_not_a_source": ("is not a source", "不是资金来源"),
    "err_model_comes_after_it": ("comes after it", "排在其后"),
    "err_model_rows_unknown_ids": (" ({n} rows in all have unknown ids)", "（共{n}行的序号未知）"),
    "err_model_weights_empty": (
        "a weights profile needs at least one weight",
        "权重分摊至少需要一个权重",
    ),
    "err_model_weights_negative": (
        "weights cannot be negative: {weights}",
        "权重不能为负数：{weights}",
    ),
    "err_model_weights_zero": (
        "weights must not all be zero: {weights}",
        "权重不能全为0：{weights}",
    ),
    "err_model_curve_two_points": (
        "a cumulative curve needs at least two points (start and end)",
        "累计曲线至少需要两个点（起点和终点）",
    ),
    "err_model_curve_start": (
        "a cumulative curve starts at 0, not {value}",
        "累计曲线应从0开始，而非{value}",
    ),
    "err_model_curve_decreases": ("a cumulative curve cannot decrease", "累计曲线不能下降"),
    "err_model_curve_end": ("a cumulative curve must end above 0", "累计曲线的终点应大于0"),
    "err_model_cannot_spread": (
        "{amount} 万元 cannot be spread over {n} years",
        "{amount}万元无法分摊到{n}年",
    ),
    "err_model_amount_no_year": (
        "amount {amount} 万元 (position {position}) has no year to go to",
        "第{position}个金额{amount}万元没有可安排的年份",
    ),
    "err_model_not_a_profile": (
        "not a profile: {spec} (use a name such as 'uniform', or a Profile)",
        "不是分摊方式：{spec}（请使用名称如“uniform”，或一个Profile）",
    ),
    "err_model_unknown_profile": (
        "unknown profile {text}; use one of {names}, 's-curve(a=.., b=..)', 'weights(..)' or 'cumulative(..)'",
        "未知的分摊方式{text}；请使用{names}、“s-curve(a=.., b=..)”、“weights(..)”或“cumulative(..)”之一",
    ),
    "err_model_profile_numbers": (
        "profile {text}: the values must be numbers",
        "分摊方式{text}：各值应为数字",
    ),
    "err_model_unknown_profile_in": (
        "unknown profile {name} in {text}",
        "{text}中有未知的分摊方式{name}",
    ),
    "err_model_profile_parameters": (
        "profile {text}: expected parameters like a=2, b=3, got {item}",
        "分摊方式{text}：参数应写为a=2, b=3，实际为{item}",
    ),
    "err_model_profile_not_number": (
        "profile {text}: {value} is not a number",
        "分摊方式{text}：{value}不是数字",
    ),
    "err_model_unknown_profile_name": ("unknown profile {name}", "未知的分摊方式{name}"),
    "err_model_profile_unknown_parameters": (
        "profile {spec}: unknown parameters {unknown}",
        "分摊方式{spec}：未知的参数{unknown}",
    ),
    "err_model_must_be_numbers": ("{what} must be numbers: {values}", "{what}应为数字：{values}"),
    "err_model_must_be_finite": (
        "{what} must be finite numbers: {values}",
        "{what}应为有限的数：{values}",
    ),
    "err_model_scurve_number": (
        "s-curve parameter {name} must be a number, not {value}",
        "S曲线参数{name}应为数字，而非{value}",
    ),
    "err_model_scurve_positive": (
        "s-curve parameter {name} must be positive, not {value}",
        "S曲线参数{name}应为正数，而非{value}",
    ),
    "err_model_scurve_range": (
        "s-curve parameter {name} must be from {low} to {high} (capex.model.limits), not {value}",
        "S曲线参数{name}应在{low}至{high}之间（capex.model.limits），而非{value}",
    ),
    "err_model_year_range": (
        "{year} is not a year capex reads ({first}-{last})",
        "{year}不是可读取的年份（{first}-{last}）",
    ),
    "err_model_year_number_format": (
        "a year shown through the number format {format}",
        "以数字格式{format}显示的年份",
    ),
    "err_model_not_a_year": ("not a year", "不是年份"),
    "err_model_year_empty": ("the year is empty", "年份为空"),
    "err_model_fiscal_span": (
        "{text} is a fiscal year spanning two calendar years: say in which month the budget year starts (fiscal_year_start=)",
        "{text}是跨两个自然年的预算年度：请说明预算年度从几月开始（fiscal_year_start=）",
    ),
    "err_model_not_a_year_write": ("not a year (write it as 2023)", "不是年份（请写作2023）"),
    "err_model_year_not_whole": (
        "not a whole number: a year is written as 2023",
        "不是整数：年份应写作2023",
    ),
    "err_model_not_year_range": (
        "not a range of years: write the first and last year, such as 2023-2026",
        "不是年份区间：请写出起始年和终止年，如2023-2026",
    ),
    "err_model_date_year": (
        "a date in {year}: is this the year {serial} typed into a cell formatted as a date? Format the cell as a number",
        "{year}年的日期：是否把年份{serial}输入了日期格式的单元格？请将单元格设为数字格式",
    ),
    "err_model_date_not_amount": (
        "a date, not an amount (is the cell formatted as a date?)",
        "是日期而不是金额（该单元格是否设成了日期格式？）",
    ),
    "err_model_percent_format": (
        "the cell is formatted as a percentage ({format}): an amount is not a share; format it as a number",
        "单元格设为百分比格式（{format}）：金额不是比例；请设为数字格式",
    ),
    "err_model_format_unit_undeclared": (
        "the cell's number format {format} shows it in {unit}: declare the column's unit (a heading such as 金额（{unit}）, a note 单位：{unit}, or unit=)",
        "单元格的数字格式{format}以{unit}显示：请说明该列的单位（表头如“金额（{unit}）”、说明“单位：{unit}”，或unit=）",
    ),
    "err_model_format_unit_differs": (
        "the cell's number format {format} shows it in {unit}, but the column is read in {column_unit}",
        "单元格的数字格式{format}以{unit}显示，但该列按{column_unit}读取",
    ),
    "err_model_unit_in_cell": (
        "{value} writes its unit ({unit}) in the cell: write the number alone and declare the unit once for the column (a heading such as 金额（{unit}）, a note 单位：{unit} above the table, or unit=)",
        "{value}在单元格中写了单位（{unit}）：请只写数字，并为该列统一说明单位（表头如“金额（{unit}）”、表格上方说明“单位：{unit}”，或unit=）",
    ),
    "err_model_status": (
        "not a status capex reads: write 已完工 (finished), 在建 (under way), 未开工 (not started) or 停建 (stopped)",
        "不是可读取的状态：请填写已完工、在建、未开工或停建",
    ),
    "err_model_source_needs_name": ("a source needs a name", "资金来源需要名称"),
    "err_model_unassigned_name": (
        "{name} is the name of money with no source",
        "{name}是无来源资金的名称",
    ),
    "err_model_source_in_itself": (
        "source {name} cannot nest in itself",
        "资金来源{name}不能隶属于自身",
    ),
    "err_model_source_names_repeat": (
        "source names must differ; repeated: {repeated}",
        "资金来源名称不能重复；重复的有：{repeated}",
    ),
    "err_model_source_nests": (
        "source {name} nests in {parent}, which {where}",
        "资金来源{name}隶属于{parent}，而{parent}{where}",
    ),
    "err_model_source_amounts_integers": (
        "amounts by source are integers of the minor unit",
        "按来源的金额应为最小单位的整数",
    ),
    "err_model_source_negative": (
        "project {index}: source {name} cannot pay a negative amount",
        "项目{index}：资金来源{name}不能支付负数金额",
    ),
    "err_model_source_nested_more": (
        "project {index}: the sources nested in {name} pay {paid}, more than its {own}",
        "项目{index}：隶属于{name}的各来源共支付{paid}，超过其{own}",
    ),
    "err_model_not_a_source": (
        "{child} is not one of the sources ({names})",
        "{child}不是资金来源之一（{names}）",
    ),
    "err_model_no_source_named": (
        "no source is named {name} (the sources: {names})",
        "没有名为{name}的资金来源（现有来源：{names}）",
    ),
    "err_model_source_nests_differently": (
        "source {name} nests in {parents} in one split and in {parent} in the other",
        "资金来源{name}在一个拆分中隶属于{parents}，在另一个中隶属于{parent}",
    ),
    "err_model_split_in_both": (
        "project {clash} has a split by source in both",
        "项目{clash}在两个拆分中都有按来源的拆分",
    ),
    "err_model_split_unit": (
        "the split by source cannot be counted in {unit} exactly",
        "按来源的拆分无法以{unit}精确计数",
    ),
    "err_model_split_unknown_project": (
        "the split by source names a project the table does not have",
        "按来源的拆分中有表中没有的项目",
    ),
    "err_model_source_rule_error": (
        "the rule of source {name}: {error}",
        "资金来源{name}的规则：{error}",
    ),
    "err_model_source_may_not_pay": (
        "source {name} may not pay for this project (its rule: {rule})",
        "资金来源{name}不能用于该项目（其规则：{rule}）",
    ),
    "err_model_sources_circle": (
        "the sources nest in a circle at {name}",
        "资金来源在{name}处形成循环",
    ),
    "err_model_month_range": (
        "a month is a number from 1 to 12 (0 for a whole year)",
        "月份应为1至12的数（全年为0）",
    ),
    "err_model_consecutive_years": (
        "the columns must be consecutive years, not {years}: a missing year is not covered",
        "各列应为连续的年度，而非{years}：缺少的年度不在覆盖范围内",
    ),
    "err_model_fiscal_differs": (
        "the actuals count {mine}, the portfolio {theirs}: read them with the portfolio's fiscal_year_start and naming",
        "实际支出按{mine}计，项目库按{theirs}计：请按项目库的fiscal_year_start和naming读取",
    ),
    "err_model_id_not_in_portfolio": (
        "project id {pid} is not in the portfolio {portfolio}{more}",
        "项目序号{pid}不在项目库{portfolio}中{more}",
    ),
    "err_model_status_id_not_in_portfolio": (
        "project id {pid} has a status but is not in the portfolio {portfolio}",
        "项目序号{pid}有状态，但不在项目库{portfolio}中",
    ),
    "err_model_years_pair": (
        "years must be (first, last), not {value}",
        "years应为(起始年, 终止年)，而非{value}",
    ),
    "err_model_amount_outside_coverage": (
        "an amount of {year} lies outside the years the ledger covers, {covered}",
        "{year}年的金额不在台账覆盖的年度{covered}内",
    ),
    "err_model_fiscal_start": (
        "fiscal_year_start={start}: the month a budget year starts in is 1 to 12 (1 January, 4 April, 7 July, 10 October)",
        "fiscal_year_start={start}：预算年度的起始月份应为1至12（1月、4月、7月、10月）",
    ),
    "err_model_fiscal_naming_calendar": (
        "fiscal_year_naming={naming}: a budget year that starts in January is its calendar year; it cannot be named as a span of two years",
        "fiscal_year_naming={naming}：从1月开始的预算年度就是公历年度，不能以跨两年的方式命名",
    ),
    "err_model_fiscal_naming": (
        "fiscal_year_naming={naming}: name budget years by the year they end in ('end', FY2027), start in ('start', 2026年度) or both ('span', 2026-27)",
        "fiscal_year_naming={naming}：预算年度可按结束年（“end”，FY2027）、开始年（“start”，2026年度）或两者（“span”，2026-27）命名",
    ),
    "err_model_not_a_month": (
        "not a month: {month} (write 1 to 12)",
        "不是月份：{month}（请填1至12）",
    ),
    "err_model_not_budget_month": (
        "not a month of the budget year: {position} (write 1 to 12)",
        "不是预算年度中的月份：{position}（请填1至12）",
    ),
    "err_model_date_empty": ("not a date: the value is empty", "不是日期：值为空"),
    "err_model_not_a_date": ("not a date: {value} ({error})", "不是日期：{value}（{error}）"),
    "err_model_not_a_date_write": (
        "not a date: {value} (write it as 2027-09-30)",
        "不是日期：{value}（请写作2027-09-30）",
    ),
    "err_model_elapsed_by": (
        "by={by}: count the elapsed year by {choices}",
        "by={by}：已过年度按{choices}计算",
    ),
    "err_model_no_such": ("no such {what}", "没有该{what}"),
    "err_model_precedence_project": ("project in the precedence relations", "紧前关系中的项目"),
    "err_model_value_framework_empty": (
        "a value framework needs {{criterion: weight}}, at least one",
        "价值评价体系需要{{评价指标: 权重}}，至少一项",
    ),
    "err_model_criterion_weight": (
        "the weight of criterion {name} must be a number of at least 0, not {weight}",
        "评价指标{name}的权重应为不小于0的数，而非{weight}",
    ),
    "err_model_unknown_normalisation": (
        "unknown normalisation {normalise}; use one of {choices}",
        "未知的标准化方法{normalise}；请使用{choices}之一",
    ),
    "err_model_lower_is_better": (
        "lower_is_better names {unknown}, which is not a criterion",
        "lower_is_better中的{unknown}不是评价指标",
    ),
    "err_model_criterion_not_column": (
        "the criterion {criterion} is not a column of the table",
        "评价指标{criterion}不是表中的列",
    ),
    "err_model_criterion_negative": (
        "criterion {criterion} has a negative value ({low}); 'max' normalisation needs values of at least 0 (use 'min-max')",
        "评价指标{criterion}有负值（{low}）；“max”标准化要求各值不小于0（请用“min-max”）",
    ),
    "err_model_values_precision": (
        "the values need more precision than the solver holds exactly (scaled to whole numbers they add up to {total}, above 2**53): round them to fewer decimals",
        "各值所需精度超过求解器可精确表示的范围（化为整数后合计为{total}，超过2**53）：请减少小数位数",
    ),
    "err_model_value_of_project": (
        "{source} of project {label}: {error}",
        "项目{label}的{source}：{error}",
    ),
    "err_model_value_kind": (
        "value must be a column name, '学位' (school places), a Series or mapping by project id, or a ValueFramework; got {value}",
        "value应为列名、“学位”、按项目序号的序列或键值对，或一个ValueFramework；实际为{value}",
    ),
    "err_model_no_value_column": (
        "no column {name} to read values from: the bank has {bank}, the portfolio's numeric columns are {numeric}",
        "没有可读取价值的列{name}：资金库有{bank}，项目库的数值列为{numeric}",
    ),
    "err_model_month_weights_count": (
        "a month profile has 12 weights, not {n}",
        "月度分摊应有12个权重，而非{n}个",
    ),
    "err_model_month_weight_number": (
        "the weight of month {month} is not a number: {weight}",
        "{month}月的权重不是数字：{weight}",
    ),
    "err_model_month_weight_negative": (
        "the weight of month {month} must be a number of at least 0, not {weight}",
        "{month}月的权重应为不小于0的数，而非{weight}",
    ),
    "err_model_month_weights_zero": (
        "the twelve month weights are all zero",
        "十二个月的权重全为0",
    ),
    "err_model_days_needs_year": (
        "the 'days' month profile needs the budget year",
        "“days”月度分摊需要预算年度",
    ),
    "err_model_construction_needs_year": (
        "the 'construction' month profile needs the budget year",
        "“construction”月度分摊需要预算年度",
    ),
    "err_model_not_twelve": ("not twelve numbers: {spec}", "不是十二个数：{spec}"),
    "err_model_unknown_month_profile": (
        "unknown month profile {spec}; use one of {names} or twelve weights such as weights(1, 1, 2, ...)",
        "未知的月度分摊{spec}；请使用{names}之一，或十二个权重如weights(1, 1, 2, ...)",
    ),
    "err_model_month_write": (
        "{month} is not a month (write 1 to 12)",
        "{month}不是月份（请填1至12）",
    ),
    "err_model_month_profile_kind": (
        "a month profile is a name ({names}), twelve weights or a MonthProfile, not {spec}",
        "月度分摊应为名称（{names}）、十二个权重或一个MonthProfile，而非{spec}",
    ),
    "err_model_unknown_unplaceable": (
        "unknown policy for unplaceable money {unplaceable}; use one of {choices}",
        "未知的无年份资金处理方式{unplaceable}；请使用{choices}之一",
    ),
    "err_model_unplaceable": (
        "{n} project(s) have money their window has no year for outside the plan period {first}-{last}: {detail}; choose unplaceable='after' or 'before'",
        "{n}个项目有资金在规划期{first}-{last}年以外、建设期内无年份可安排：{detail}；请选择unplaceable='after'或'before'",
    ),
    "err_model_position_no_year": (
        "project at position {position} has money but no year for it",
        "第{position}个项目有资金但没有可安排的年份",
    ),
    "err_model_code_not_in_plan": (
        "codes: project {unknown} is not in the plan",
        "编码：项目{unknown}不在计划中",
    ),
    "err_model_payment_not_in_plan": (
        "the payment is for a project that is not in the plan ({n} payment(s) in all)",
        "该笔支付所属项目不在计划中（共{n}笔）",
    ),
    "err_model_payment_needs_portfolio": (
        "a payment without a project code needs the portfolio to be matched by name",
        "没有项目编码的支付记录需要按名称与项目库匹配",
    ),
    "err_model_coverage_backwards": (
        "a coverage from {first} to {last} ends before it starts",
        "从{first}到{last}的覆盖范围终止早于起始",
    ),
    "err_model_coverage_months": ("a coverage's months run from 1 to 12", "覆盖范围的月份为1至12"),
    "err_model_coverage_empty": ("a coverage needs at least one year", "覆盖范围至少需要一年"),
    "err_model_one_id_two_ways": (
        "ids {first} and {second} are one id written two ways",
        "序号{first}和{second}是同一序号的两种写法",
    ),
    "err_model_spring_festival": (
        "capex knows the Spring Festival's date from {first} to {last}, not in {year}: give the month weights yourself (profile=[12 weights])",
        "春节日期只知道{first}至{last}年，不含{year}年：请自行给出月度权重（profile=[12个权重]）",
    ),
    "err_model_precedence_cycle": (
        "the precedence relations form a cycle: {text}",
        "紧前关系形成循环：{text}",
    ),
    "err_model_school_type": (
        "school_type of project {label}: {value} is not a school type capex knows; use 小学, 初中, 高中, 完全中学, 九年一贯制, 十二年一贯制 or 幼儿园",
        "项目{label}的school_type：{value}不是可识别的学校类型；请使用小学、初中、高中、完全中学、九年一贯制、十二年一贯制或幼儿园",
    ),
    "err_options_unknown_lang": (
        "unknown language {value}; use one of {langs}",
        "未知的语言{value}；请使用{langs}之一",
    ),
    "err_options_unknown_unit": (
        "unknown unit {value} for capex.options.unit",
        "capex.options.unit的单位{value}未知",
    ),
    "err_options_pairs": (
        "option_context takes pairs: a name and its value, repeated",
        "option_context接受成对的参数：名称及其值，可重复",
    ),
    "err_options_unknown_option": (
        "unknown option {name}; capex has 'lang' and 'unit'",
        "未知的选项{name}；capex只有“lang”和“unit”",
    ),
    "err_cli_count_workers": ("workers", "工作进程"),
    "err_cli_a_workbook": ("a workbook", "工作簿"),
    "err_cli_a_project_table": ("a project table", "项目表"),
    "err_cli_unit": ("--unit: {error}", "--unit：{error}"),
    "err_cli_expected_first_last": (
        "{text}: expected FIRST-LAST such as 2021-2025",
        "{text}：应为“起始年-终止年”，如2021-2025",
    ),
    "err_cli_years_range": (
        "{text}: years are from {first} to {last}",
        "{text}：年份应在{first}至{last}之间",
    ),
    "err_cli_first_after_last": (
        "{text}: expected FIRST-LAST, the first year not after the last",
        "{text}：应为“起始年-终止年”，且起始年不晚于终止年",
    ),
    "err_cli_published_expected": (
        "{text}: expected total=AMOUNT,plan=AMOUNT such as total=77.8,plan=48.39",
        "{text}：应为total=金额,plan=金额，如total=77.8,plan=48.39",
    ),
    "err_cli_published_amount": (
        "{text}: a published total is a finite amount of at least 0",
        "{text}：公布的合计数应为不小于0的有限金额",
    ),
    "err_cli_published_both": (
        "{text}: give both total= and plan=",
        "{text}：请同时给出total=和plan=",
    ),
    "err_cli_expected_month": ("{text}: expected a month, 1 to 12", "{text}：应为月份，1至12"),
    "err_cli_expected_count": (
        "{text}: expected a whole number of {what}",
        "{text}：应为{what}的个数（整数）",
    ),
    "err_cli_at_least_one": ("{text}: at least one of the {what}", "{text}：{what}至少为一个"),
    "err_cli_sheet": (
        "--sheet: give a sheet's name or its position, counted from 1",
        "--sheet：请给出工作表的名称或位置（从1起算）",
    ),
    "err_cli_sheet_needs_workbook": (
        "--sheet needs a workbook to read (PATH or --data)",
        "--sheet需要读取一个工作簿（PATH或--data）",
    ),
    "err_cli_csv_folder": (
        "--csv {csv}: give a folder, or a file ending in .csv",
        "--csv {csv}：请给出文件夹，或以.csv结尾的文件",
    ),
    "err_cli_plot_folder": (
        "--plot {plot}: is a folder; give a file such as {example}",
        "--plot {plot}：是文件夹；请给出文件，如{example}",
    ),
    "err_cli_plot_suffix": (
        "--plot {plot}: give a file ending in .png, .pdf or .svg (or .{suffix})",
        "--plot {plot}：请给出以.png、.pdf或.svg（或.{suffix}）结尾的文件",
    ),
    "err_cli_file_ending": (
        "{flag} {given}: {what} is a file ending in {suffix}",
        "{flag} {given}：{what}应为以{suffix}结尾的文件",
    ),
    "err_cli_no_folder": (
        "{flag} {path}: the folder {folder} does not exist",
        "{flag} {path}：文件夹{folder}不存在",
    ),
    "err_cli_no_figure": ("this command has no figure to draw", "该命令没有可绘制的图"),
    "err_cli_not_a_year": ("{text}: {year} is not a year", "{text}：{year}不是年份"),
    "err_cli_expected_share": (
        "{text}: expected a share such as 0.1 or 10%",
        "{text}：应为比例，如0.1或10%",
    ),
    "err_cli_cut_range": (
        "{text}: a cut must be at least 0 and below 1 (100%)",
        "{text}：压减比例应不小于0且小于1（100%）",
    ),
    "err_cli_expected_seconds": ("{text}: expected a number of seconds", "{text}：应为秒数"),
    "err_cli_time_limit": (
        "{text}: a time limit must be a positive number of seconds",
        "{text}：时间上限应为正的秒数",
    ),
    "err_cli_ceiling_one_or_years": (
        "give either one amount for every year or YEAR=亿元 ceilings, not both",
        "请给出一个适用于每年的金额，或按“年份=亿元”给出各年预算上限，不能两者都给",
    ),
    "err_cli_ceiling_twice": (
        "the ceiling of {repeated} is given twice",
        "{repeated}年的预算上限给了两次",
    ),
    "err_cli_year_range": (
        "{text} is not a year from {first} to {last}",
        "{text}不是{first}至{last}之间的年份",
    ),
    "err_cli_file_role": (
        "a file option's role is one of {roles}, not {role}",
        "文件选项的作用应为{roles}之一，而非{role}",
    ),
    "err_cli_empty_file_name": (
        "expected a file name, not an empty text",
        "应为文件名，而非空文本",
    ),
    "err_cli_phased_needs_table": (
        "--phased needs the phased table (PATH)",
        "--phased需要分年度计划表（PATH）",
    ),
    "err_cli_not_a_month": (
        "{text}: {month} is not a month (1-12)",
        "{text}：{month}不是月份（1-12）",
    ),
    "err_cli_expected_id_month": (
        "{text}: expected ID=MONTH such as 20=3",
        "{text}：应为“序号=月份”，如20=3",
    ),
    "err_cli_quota_one_or_months": (
        "give either one --quota for every month or MONTH=AMOUNT quotas, not both",
        "请给出一个适用于每月的--quota，或按“月份=金额”给出各月额度，不能两者都给",
    ),
    "err_cli_quota_twice": (
        "the quota of month {repeated} is given twice",
        "{repeated}月的额度给了两次",
    ),
    "err_cli_expected_whole": ("{text}: expected a whole number", "{text}：应为整数"),
    "err_cli_expected_distribution": (
        "{text}: expected a distribution such as 'triangular(-0.05, 0.05, 0.4)', optionally after a rule: 'builder=镜湖开发办: pert(0, 0.1, 0.5)'",
        "{text}：应为分布，如“triangular(-0.05, 0.05, 0.4)”，可在规则之后给出：“builder=镜湖开发办: pert(0, 0.1, 0.5)”",
    ),
    "err_cli_one_bare": (
        "give one --{what} without a rule at most (the one for the rest)",
        "不带规则的--{what}至多给一个（用于其余项目）",
    ),
    "err_cli_state_uncertain": (
        "state what is uncertain: --cost, --delay and/or --price-index (capex offers no default distributions)",
        "请说明不确定的因素：--cost、--delay和/或--price-index（没有默认的分布）",
    ),
    "err_cli_shift_options": (
        "--max-delay, --objective and --time-limit are for --method shift",
        "--max-delay、--objective和--time-limit仅用于--method shift",
    ),
    "err_cli_expected_ids": ("{text}: expected ids such as 1,2,9", "{text}：应为序号，如1,2,9"),
    "err_cli_goes_with_save": ("--{flag} goes with --save NAME", "--{flag}需与--save NAME一起使用"),
    "err_cli_save_exists": (
        "--save {name}: the store {location} has a version of that name",
        "--save {name}：方案库{location}中已有同名版本",
    ),
    "err_cli_cannot_save": (
        "--save: a {kind} cannot be saved in the plan store",
        "--save：{kind}不能存入方案库",
    ),
    "err_cli_two_scenarios": (
        "give at least two scenario files to compare, or one with --base",
        "请至少给出两个情景文件进行比较，或给出一个并用--base",
    ),
    "err_cli_expected_pair": ("{text}: expected A=B", "{text}：应为A=B"),
    "err_cli_weight_not_number": (
        "{text}: the weight {value} is not a number",
        "{text}：权重{value}不是数字",
    ),
    "err_cli_weight_negative": (
        "{text}: a weight is a number of at least 0",
        "{text}：权重应为不小于0的数",
    ),
    "err_cli_not_amount": ("{text}: {part} is not an amount", "{text}：{part}不是金额"),
    "err_cli_envelope": (
        "{text}: an envelope is an amount of at least 0",
        "{text}：资金总额应为不小于0的金额",
    ),
    "err_cli_all_none_number": (
        "{text}: expected all, none or a number",
        "{text}：应为all、none或一个数",
    ),
    "err_cli_money_to_fit": (
        "give the money to fit: --ceiling YEAR=亿元, --budget-lines FILE or --envelope",
        "请给出可用资金：--ceiling 年份=亿元、--budget-lines FILE或--envelope",
    ),
    "err_cli_delay_whole": ("{text}: expected a whole number of years", "{text}：应为整数年"),
    "err_cli_delay_negative": ("{text}: a delay cannot be negative", "{text}：推迟年数不能为负数"),
    "err_cli_ceilings_to_fit": (
        "give the ceilings to fit: --ceiling YEAR=亿元, --budget-lines FILE or --cut SHARE",
        "请给出预算上限：--ceiling 年份=亿元、--budget-lines FILE或--cut SHARE",
    ),
    "err_cli_expected_key_heading": (
        "{text}: expected KEY=HEADING such as total=总投资",
        "{text}：应为“键=表头”，如total=总投资",
    ),
    "err_cli_columns": ("--columns/--heading: {error}", "--columns/--heading：{error}"),
    "err_cli_plan_period": ("--plan-period: {error}", "--plan-period：{error}"),
    "err_cli_interrupted": ("capex: interrupted", "capex：已中断"),
    "err_model_two_amounts": (
        "project {pid} has two amounts for {year}{places}; give one row per project and year",
        "项目{pid}在{year}年有两个金额{places}；请每个项目每年只填一行",
    ),
    "err_model_places": (" ({places})", "（{places}）"),
    "cli_warning_line": ("warning: capex {command}: {message}", "警告：capex {command}：{message}"),
    "err_model_end_before_start": (
        "end_year {end} is before start_year {start}",
        "竣工年份{end}早于开工年份{start}",
    ),
    "err_model_amount_negative": ("an amount cannot be negative", "金额不能为负数"),
    "err_model_plan_above_total": (
        "plan investment is above total investment ({total})",
        "计划投资超过总投资（{total}）",
    ),
    "err_model_window_outside_plan": (
        "window {start}-{end} lies outside the plan period {first}-{last}, yet plan investment is positive",
        "建设期{start}-{end}年在规划期{first}-{last}年以外，但计划投资大于0",
    ),
    "err_io_totals_row_empty": (
        "the totals row leaves this amount empty: fill it in, or give the published totals (published=, or the metadata file)",
        "合计行的该金额为空：请填写，或给出公布的合计数（published=，或元数据文件）",
    ),
    "err_io_totals_row_published": (
        "the totals row gives {amount}, but the published {column} is {published}",
        "合计行为{amount}，但公布的{column}为{published}",
    ),
    "err_io_years_two_ways": (
        "the headings name their years in two ways ({forms}); pass fiscal_year_naming= to say which names them",
        "表头以两种方式表示年度（{forms}）；请用fiscal_year_naming=说明采用哪一种",
    ),
    "err_cli_and_more": (" (and {n} more)", "（另有{n}个）"),
    "err_cli_path_error": ("{path}: {error}{more}", "{path}：{error}{more}"),
    "err_io_plan_investment": ("plan investment", "规划期投资"),
    "err_io_not_a_date_excel": (
        "not a date Excel can show ({value})",
        "不是Excel可显示的日期（{value}）",
    ),
    "err_io_error_value": ("the cell holds the error value {value}", "单元格中是错误值{value}"),
    "err_io_formula_no_value": (
        "a formula with no saved value (the workbook was never calculated): open it in Excel and save it, or type the value",
        "公式没有保存的计算结果（工作簿从未计算过）：请在Excel中打开并保存，或直接填写数值",
    ),
    "err_model_control_character": (
        "the text holds a control character (U+{code}); retype it",
        "文本中含有控制字符（U+{code}）；请重新输入",
    ),
    "err_cli_expected_month_amount": (
        "{text}: expected MONTH=AMOUNT such as 3=0.5",
        "{text}：应为“月份=金额”，如3=0.5",
    ),
    "err_cli_quota_amount": (
        "{text}: a quota is a finite amount of at least 0",
        "{text}：额度应为不小于0的有限金额",
    ),
    "err_model_sources_add_up": (
        "the sources add up to {given} ({parts}), not the project's total {total}{hint}",
        "各资金来源合计为{given}（{parts}），而非项目总投资{total}{hint}",
    ),
    "err_model_nothing": ("nothing", "无"),
    "err_model_hint_nest": (
        "; if {name} is part of {parent}, head its column 其中：{name} (or give its parent in the sources' table)",
        "；如{name}属于{parent}，请将其列的表头写为“其中：{name}”（或在资金来源表中给出其上级）",
    ),
    "err_model_hint_not_nested": (
        "; {name} is read as part of {parent}: if it is not, do not head it 其中",
        "；{name}被视为{parent}的一部分：如并非如此，表头请勿写“其中”",
    ),
}
"""The table of terms: key -> (English, Chinese)."""


def check_lang(lang: str | None) -> str:
    """``lang`` if capex speaks it, else a :class:`LanguageError` naming the choices;
    ``None``: the language of :data:`capex.options` (``options.lang``), read now."""
    if lang is None:
        return options.lang
    if lang not in LANGS:
        raise LanguageError(
            Message("err_unknown_language", language=repr(lang), langs=", ".join(LANGS))
        )
    return lang


def term(key: str, lang: str | None = "en", **values: object) -> str:
    """The text of ``key`` in ``lang`` (``None``: ``capex.options.lang``), with its
    placeholders filled from ``values``."""
    lang = check_lang(lang)
    try:
        english, chinese = TERMS[key]
    except KeyError:
        raise LanguageError(f"no term {key!r}") from None
    text = chinese if lang == "zh" else english
    if not values:
        return text
    # a message (or an error) among the values is worded in this language, not the option's
    return text.format(
        **{
            name: said(value, lang) if isinstance(value, Message | CapexError) else value
            for name, value in values.items()
        }
    )


def texts(lang: str | None = "en") -> Mapping[str, str]:
    """Every term's text in ``lang``, for code that words many sentences in a row."""
    return _texts(check_lang(lang))


@functools.cache
def _texts(lang: str) -> Mapping[str, str]:
    position = LANGS.index(lang)
    return {key: pair[position] for key, pair in TERMS.items()}


def heading(column: object, lang: str | None, aliases: Mapping[str, str] | None = None) -> object:
    """A table column's heading in ``lang``: its key in English (as programs read it), its
    term in Chinese where there is one (``aliases`` names the term of a key that differs)."""
    if check_lang(lang) == "en" or not isinstance(column, str):
        return column
    key = (aliases or {}).get(column, column)
    if key not in TERMS or "{" in TERMS[key][1]:  # a template needs its values: the key
        return column
    return term(key, lang)


def with_unit(label: str, unit: str, lang: str = "en") -> str:
    """A heading with its unit: ``'total (亿元)'``, ``'合计（亿元）'``."""
    return term("with_unit", lang, label=label, unit=unit)


@runtime_checkable
class Worded(Protocol):
    """Anything capex words in code rather than from one term (a ledger's coverage, say):
    it gives its text in a language."""

    def text(self, lang: str | None = None) -> str: ...


class Message:
    """A sentence capex says: a key of :data:`TERMS` and the values it is filled with,
    worded in a language only when it is shown.

    ``str(message)`` and f-strings word it in ``capex.options.lang``; :meth:`text` (or
    :func:`said`) in the language a report asks for. A value that is itself a message (or an
    error capex raised) is worded in the same language. Two messages are equal when their
    keys and values are: a message never compares by the words of one language.

    >>> Message("wrote", path="a.xlsx").text("zh")
    '已写入a.xlsx'
    """

    __slots__ = ("key", "values")

    key: str
    values: Mapping[str, object]

    def __init__(self, key: str, /, **values: object) -> None:
        if key not in TERMS:
            raise LanguageError(f"no term {key!r}")
        self.key = key
        self.values = values

    def text(self, lang: str | None = None) -> str:
        """The sentence in ``lang`` (``None``: ``capex.options.lang``)."""
        lang = check_lang(lang)
        return term(self.key, lang, **{name: said(v, lang) for name, v in self.values.items()})

    def __str__(self) -> str:
        return self.text(None)

    def __contains__(self, text: str) -> bool:
        """Whether the words shown (in ``capex.options.lang``) contain ``text``."""
        return text in str(self)

    def __repr__(self) -> str:
        values = "".join(f", {name}={value!r}" for name, value in self.values.items())
        return f"Message({self.key!r}{values})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return type(self) is type(other) and (self.key, self.values) == (other.key, other.values)

    def __hash__(self) -> int:
        return hash(self.key)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_remade, (type(self), self.key, dict(self.values)))


def _remade(kind: type[Message], key: str, values: dict[str, object]) -> Message:
    made = kind.__new__(kind)
    made.key, made.values = key, values
    return made


class Joined(Message):
    """Messages (or plain text) joined by a separator of the table (``"; "``, ``"；"``)."""

    __slots__ = ()

    def __init__(self, parts: Iterable[object], separator: str = "semicolon") -> None:
        super().__init__(separator, parts=tuple(parts))

    def text(self, lang: str | None = None) -> str:
        lang = check_lang(lang)
        parts = self.values["parts"]
        return term(self.key, lang).join(said(part, lang) for part in parts)  # type: ignore[attr-defined]


def phrase(key: str, /, **values: object) -> Message:
    """The message ``key`` with its ``values`` (worded when shown).

    >>> said(phrase("wrote", path="a.xlsx"), "zh")
    '已写入a.xlsx'
    """
    return Message(key, **values)


def joined(parts: Iterable[object], separator: str = "semicolon") -> Message:
    """``parts`` (messages or plain text) joined by the term ``separator`` (``"; "`` and
    ``"；"``), worded when shown."""
    return Joined(parts, separator)


def profile_word(profile: object, lang: str | None = "en") -> str:
    """A profile's name in ``lang``: a named shape (``uniform``, 均匀分摊) in words, any
    other (weights, a file) as written."""
    return said(profile_phrase(profile), lang)


def profile_phrase(profile: object) -> Message | str:
    """A profile's name, worded when shown: a named shape as a message, any other (weights, a
    file) as written."""
    key = f"profile_{profile}"
    return Message(key) if key in TERMS else str(profile)


OWN_LINES = ("ceiling", "quota")
"""The names capex gives its own budget lines: ceilings by year, a monthly quota."""


def line_word(name: object, lang: str | None = "en") -> str:
    """A budget line's name in ``lang``: the names capex gives its own lines (``ceiling`` for
    ceilings by year, ``quota`` for a monthly quota) in words, a user's line as named."""
    return said(line_phrase(name), lang)


def line_phrase(name: object) -> Message | str:
    """A budget line's name, worded when shown (see :func:`line_word`)."""
    return Message(str(name)) if name in OWN_LINES else str(name)


def policy_word(policy: object, lang: str | None = "en") -> str:
    """An option's value (``past_window="carry"``, ``before="plan"``) in ``lang``."""
    key = f"policy_{policy}"
    return term(key, lang) if key in TERMS else str(policy)


def method_words(method: object, lang: str | None = "en") -> str:
    """How a plan was solved (``"min-cost flow (aggregated, exact)"``) in ``lang``: in
    Chinese, each description of the table's ``solver_*`` terms said in Chinese, the longest
    first, and the solvers' names kept."""
    text = str(method)
    if check_lang(lang) == "en":
        return text
    pieces = sorted(
        (pair for key, pair in TERMS.items() if key.startswith("solver_")),
        key=lambda pair: -len(pair[0]),
    )
    for english, chinese in pieces:
        text = text.replace(english, chinese)
    return text.replace(")", "）") if "（" in text else text


def rule_word(rule: object, lang: str | None = "en") -> str:
    """A finding's rule in ``lang``: its code in English (as programs read it, ``above_total``),
    its name in Chinese where the table has one (``rule_above_total``)."""
    key = f"rule_{rule}"
    if check_lang(lang) == "en" or key not in TERMS:
        return str(rule)
    return term(key, lang)


def severity_word(severity: object, lang: str | None = "en") -> str:
    """A finding's severity (``error``, ``warning``, ``info``) in ``lang``."""
    return term(str(severity), lang) if severity in ("error", "warning", "info") else str(severity)


def findings_lines(findings: object, lang: str, shown: int) -> list[str]:
    """The first ``shown`` rows of a findings table (``project_id``, ``year`` where it has
    one, ``severity``, ``rule``, ``message``) as indented lines in ``lang``, and how many more
    there are: how every summary lists its findings."""
    import pandas as pd

    lines = []
    for row in findings.iloc[:shown].itertuples(index=False):  # type: ignore[attr-defined]
        pid = row.project_id
        where = "" if pid is None or pd.isna(pid) else f" #{pid}"
        year = getattr(row, "year", None)
        when = "" if year is None or pd.isna(year) else f" {int(year)}"
        lines.append(
            f"    {severity_word(row.severity, lang):<8}{where}{when} "
            f"[{rule_word(row.rule, lang)}] {said(row.message, lang)}"
        )
    more = len(findings) - shown  # type: ignore[arg-type]
    if more > 0:
        lines.append("    " + term("findings_more", lang, n=f"{more:,}"))
    return lines


def said(text: object, lang: str | None = "en") -> str:
    """``text`` in ``lang``: a :class:`Message` (or anything :class:`Worded`) in that
    language, a capex error's message in that language (its places and its problem),
    anything else as it is (ids, numbers, a solver's own message)."""
    if isinstance(text, str):
        return text
    lang = check_lang(lang)
    if isinstance(text, Message):
        return text.text(lang)
    if isinstance(text, DataError):
        return text.worded(
            lambda key, **values: term(
                f"error_{key}", lang, **{name: said(v, lang) for name, v in values.items()}
            ),
            lambda problem: said(problem, lang),
        )
    if isinstance(text, CapexError):
        return said(text.args[0], lang) if text.args else ""
    if isinstance(text, Exception) and len(text.args) == 1 and isinstance(text.args[0], Message):
        return text.args[0].text(lang)  # a ValueError of a lower layer, raised with a message
    if isinstance(text, Worded):
        return text.text(lang)
    return str(text)
