"""Make ``ledger_2021_2025.xls``: the bundled plan's own 2021-2025 cash flow as an old Excel
97-2003 ledger, the fixture of the ``.xls`` reader's tests.

capex reads ``.xls`` through xlrd but never writes one, so the file is made once with xlwt
(``pip install xlwt``, not a dependency of capex) and kept here. It holds what such ledgers hold:
a merged title, a 单位 note, Chinese headings, ``-`` for no spending, amounts shown through
the display format ``0.00``, a 合计 column and row, and a footer. Re-make it from the
repository root with ``python tests/data/make_ledger_xls.py``.
"""

from __future__ import annotations

from pathlib import Path

import xlwt

import capex

TARGET = Path(__file__).resolve().parent / "ledger_2021_2025.xls"
YEARS = list(range(2021, 2026))


def main() -> None:
    portfolio = capex.load_projects()
    flows = capex.cash_flow(portfolio).flows_minor.loc[:, YEARS]  # 万元
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("2021-2025支出")
    sheet.write_merge(0, 0, 0, 7, "越城区“十四五”教育项目支出台账")
    sheet.write(1, 0, "单位：万元")
    for column, heading in enumerate(["序号", "项目名称", *[f"{y}年" for y in YEARS], "合计"]):
        sheet.write(2, column, heading)
    amount = xlwt.easyxf(num_format_str="0.00")
    row = 3
    for pid, values in flows.iterrows():
        sheet.write(row, 0, int(pid))
        sheet.write(row, 1, str(portfolio.frame.loc[pid, "name"]))
        for k, value in enumerate(values.tolist()):
            if value:
                sheet.write(row, 2 + k, int(value), amount)
            else:
                sheet.write(row, 2 + k, "-")
        sheet.write(row, 2 + len(YEARS), int(values.sum()), amount)
        row += 1
    sheet.write(row, 1, "合计")
    for k, year in enumerate(YEARS):
        sheet.write(row, 2 + k, int(flows[year].sum()), amount)
    sheet.write(row, 2 + len(YEARS), int(flows.to_numpy().sum()), amount)
    sheet.write(row + 2, 0, "制表人：财务科    审核人：    填报日期：2026年1月10日")
    book.save(str(TARGET))
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
