"""Read the project table of section 五、重大建设项目 straight from the seed text.

Kept independent of ``capex`` so that the data test compares the bundled CSV with the
source document, not with the code that loads it.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
BUNDLED_COPY = HERE / "data" / "yuecheng_education_plan.txt"
SHARED_SEED = HERE.parent.parent / "shared" / "seeds" / "000_356db9a72693fc68.txt"

FIELDS = (
    "id",
    "name",
    "window",
    "street",
    "scope",
    "total_investment",
    "plan_investment",
    "builder",
    "government_investment",
    "note",
)


def seed_text() -> str:
    return BUNDLED_COPY.read_text(encoding="utf-8")


def _blocks(text: str) -> list[list[str]]:
    section = text.split("五、重大建设项目", 1)[1]
    blocks, current = [], []
    for line in section.splitlines():
        if line.startswith("\t"):
            current.append(line[1:])
        elif current:
            blocks.append(current)
            current = []
        elif line.strip() and blocks:  # the closing 抄送 line ends the table
            break
    return blocks


def headline() -> tuple[str, str]:
    """The published totals of the headline row (亿元, as written)."""
    for block in _blocks(seed_text()):
        if block[0].startswith("（一）"):
            numbers = [cell.strip() for cell in block if cell.strip()]
            return numbers[1], numbers[2]
    raise AssertionError("headline row not found in the seed")


def project_rows() -> list[dict[str, str]]:
    """The 35 project rows, each field stripped of surrounding blanks."""
    rows = []
    for block in _blocks(seed_text()):
        if not block[0].strip().isdigit():
            continue
        cells = [cell.strip() for cell in block] + [""] * (len(FIELDS) - len(block))
        rows.append(dict(zip(FIELDS, cells[: len(FIELDS)])))
    return rows
