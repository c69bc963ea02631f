"""Make ``made_up_bank_2026_2030.xlsx``: a MADE-UP project bank (项目库) for the 十五五 plan.

Fourteen candidate school projects for 2026-2030, every one invented for the examples (each
name says 虚构): a bank as a district keeps it in Excel, with a title, a unit note, the plan's
Chinese headings, a school type (学校类型) and a score (评分) beside the project fields, and a
合计 row. ``capex select examples/made_up_bank_2026_2030.xlsx --value 学位 ...`` counts each
candidate's school places from its classes and type. Run it from the repository root to
re-make it:

    python examples/make_made_up_bank.py
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from capex.io.files import atomic_write

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2026, 1, 1)  # the file's own metadata, so a re-made file is the same

HEADINGS = (
    "序号",
    "项目名称",
    "开工年份",
    "竣工年份",
    "建设地点",
    "建设内容",
    "总投资（亿元）",
    "2026-2030年投资额（亿元）",
    "学校类型",
    "评分",
    "备注",
)

# id, name, start, end, street, scope, total (亿元, all of it in 2026-2030), type, score
CANDIDATES = (
    ("N1", "镜湖新城第二小学（甲地块，虚构）", 2026, 2028, "灵芝街道", "36班", "3.2", "小学", "82"),
    ("N2", "镜湖新城第二小学（乙地块，虚构）", 2026, 2028, "灵芝街道", "36班", "2.8", "小学", "78"),
    ("N3", "梅山初级中学（虚构）", 2027, 2029, "府山街道", "30班", "3.5", "初级中学", "70"),
    (
        "N4",
        "东浦九年一贯制学校（虚构）",
        2026,
        2029,
        "东浦街道",
        "36班，其中小学24班、初中12班",
        "4.6",
        "九年一贯制",
        "88",
    ),
    (
        "N5",
        "越西幼儿园（虚构）",
        2027,
        2028,
        "北海街道",
        "12班，小班4个、中班4个、大班4个",
        "0.9",
        "幼儿园",
        "65",
    ),
    ("N6", "皋埠中学（虚构）", 2027, 2029, "皋埠街道", "36班", "3.8", "完全中学", "74"),
    ("N7", "城南小学扩建（虚构）", 2026, 2027, "城南街道", "扩12班", "1.1", "小学", "60"),
    (
        "N8",
        "迪荡幼儿园（虚构）",
        2028,
        2029,
        "迪荡街道",
        "9班，小班3个、中班3个、大班3个",
        "0.7",
        "幼儿园",
        "58",
    ),
    ("N9", "马山初级中学（虚构）", 2028, 2030, "马山街道", "36班", "4.2", "初级中学", "80"),
    ("N10", "灵芝小学（虚构）", 2027, 2029, "灵芝街道", "42班", "3.9", "小学", "84"),
    ("N11", "斗门小学（虚构）", 2029, 2030, "斗门街道", "30班", "2.9", "小学", "66"),
    (
        "N12",
        "孙端幼儿园（虚构）",
        2029,
        2030,
        "孙端街道",
        "6班，小班2个、中班2个、大班2个",
        "0.5",
        "幼儿园",
        "52",
    ),
    ("N13", "府山初级中学（虚构）", 2026, 2028, "府山街道", "24班", "2.7", "初级中学", "68"),
    ("N14", "北海小学二期（虚构）", 2028, 2030, "北海街道", "24班", "2.2", "小学", "62"),
)


def bank_workbook(path: Path = HERE / "made_up_bank_2026_2030.xlsx") -> Path:
    """The made-up bank on a sheet named 项目库, a title and unit note above, 合计 below."""
    book = Workbook()
    sheet = book.active
    sheet.title = "项目库"
    sheet.append(["越城区“十五五”教育项目库（虚构，仅供演示）"])
    sheet.append(["单位：亿元"])
    sheet.append(list(HEADINGS))
    for pid, name, start, end, street, scope, total, kind, score in CANDIDATES:
        sheet.append(
            [
                pid,
                name,
                start,
                end,
                street,
                scope,
                float(total),
                float(total),
                kind,
                int(score),
                "虚构",
            ]
        )
    total = sum(Decimal(c[6]) for c in CANDIDATES)
    sheet.append(["合计", None, None, None, None, None, float(total), float(total)])
    book.properties.created = book.properties.modified = FIXED_TIME
    with atomic_write(path) as temporary:
        book.save(temporary)
    return path


if __name__ == "__main__":
    print(f"wrote {bank_workbook()}")
