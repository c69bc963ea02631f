"""Make ``store_schema_0001.db``: a store of the first schema (revision 0001), kept as written.

The migration test upgrades a copy of it in place and checks that every hash stays as this
program recorded it in ``store_schema_0001.json``. It was run once, by the capex of the first
schema, from the root of the repository::

    SOURCE_DATE_EPOCH=1609459200 python tests/store/data/make_store_schema_0001.py

and is kept to say how the file was made: a later capex writes the newer schema, so running
it again would not make a store of the first one.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import capex
from capex.store import open_store

HERE = Path(__file__).resolve().parent
STORE = HERE / "store_schema_0001.db"
RECORD = HERE / "store_schema_0001.json"


def main() -> None:
    STORE.unlink(missing_ok=True)
    portfolio = capex.load_projects()
    ceilings = {2021: 11, 2022: 10, 2023: 10, 2024: 10, 2025: 9}
    plan = capex.spread(portfolio, ceilings)
    cut = capex.shift(portfolio, {y: c * 0.9 for y, c in ceilings.items()}, max_delay=2)
    actuals = capex.load_actuals(ROOT / "examples" / "made_up_actuals_2018_2025.csv")
    with open_store(STORE) as store:
        store.save(portfolio, "项目表", stage="年初预算", author="王芳", note="the bundled plan")
        store.save(plan, "2021年初预算", stage="年初预算", author="王芳")
        store.submit("2021年初预算", by="王芳")
        approval = store.approve("2021年初预算", by="李强", reason="区政府常务会议通过")
        store.save(cut, "2021调整预算", stage="调整预算", parent="2021年初预算", author="王芳")
        store.save(actuals, "实际支出2018-2025", stage="决算", author="张伟")
    with sqlite3.connect(STORE) as connection:  # one file: no write-ahead log beside it
        connection.execute("PRAGMA journal_mode = DELETE")
        tables = {
            table: [list(row) for row in connection.execute(query)]
            for table, query in (
                (
                    "versions",
                    "SELECT id, name, content_sha256, hash FROM capex_versions ORDER BY id",
                ),
                ("ledger", "SELECT seq, hash FROM capex_ledger ORDER BY seq"),
                ("contents", "SELECT sha256 FROM capex_contents ORDER BY sha256"),
                ("revision", "SELECT version_num FROM capex_alembic_version"),
            )
        }
    record = {"fingerprint": approval.fingerprint, **tables}
    RECORD.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


ROOT = HERE.parent.parent.parent

if __name__ == "__main__":
    main()
