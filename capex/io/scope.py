"""Class counts and areas read from a scope text (建设内容), as Chinese plans write them.

A plan's table writes ``24班，用地面积23335平米，建筑面积19750平米。`` in one cell. When a
project table has such a scope column but no ``classes``, ``site_area_m2`` or
``floor_area_m2`` column, the loader reads them from the text, so the reconciliation's
area checks work on the plan's own table as on capex's CSV.

* classes: the number before 班 at the start (``扩12班`` builds 12 classes);
* site area: after 用地 or 用地面积 (新增用地面积 counts the added land);
* floor area: after 建筑面积 or 扩建校舍;
* the unit written (平米 or 平方, both square metres) and whether the text says 约.
"""

from __future__ import annotations

import re

__all__ = ["SCOPE_COLUMNS", "read_scope"]

SCOPE_COLUMNS = ("classes", "site_area_m2", "floor_area_m2", "area_unit", "area_approximate")
"""The columns a scope text gives."""

_NUMBER = r"(约)?(\d+(?:\.\d+)?)(平米|平方米|平方)"
_SITE = re.compile(r"用地(?:面积)?" + _NUMBER)
_FLOOR = re.compile(r"(?:建筑面积|扩建校舍)" + _NUMBER)
_CLASSES = re.compile(r"^扩?(\d+)个?班")


def read_scope(text: str) -> dict[str, str]:
    """The class count, areas, area unit and approximation a scope text gives, as text
    (``""`` where it says nothing).

    >>> read_scope("24班，用地面积23335平米，建筑面积19750平米。")["site_area_m2"]
    '23335'
    """
    site, floor, classes = _SITE.search(text), _FLOOR.search(text), _CLASSES.search(text.strip())
    units = sorted({m.group(3) for m in (site, floor) if m})
    return {
        "classes": classes.group(1) if classes else "",
        "site_area_m2": site.group(2) if site else "",
        "floor_area_m2": floor.group(2) if floor else "",
        "area_unit": "/".join(units),
        "area_approximate": "yes" if any(m and m.group(1) for m in (site, floor)) else "no",
    }
