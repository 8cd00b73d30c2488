"""The date a file name carries: the last resort for the meeting date."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Optional

from pipeline.dates.years import _full_year

_NAME_DATES = (  # a date in a file name: (pattern, order of its groups)
    (re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?([01]\d)[-_.]?([0-3]\d)(?!\d)"), "ymd"),  # 2024-05-07, 20240507
    (re.compile(r"(?<!\d)([0-3]\d)[-_.]([01]\d)[-_.]((?:19|20)\d{2})(?!\d)"), "dmy"),  # 07-05-2024
    (re.compile(r"(?<!\d)([0-3]\d)([01]\d)(\d{2})(?!\d)"), "dmy"),  # 070524
)


def date_in_name(name: str) -> Optional[date]:
    """The date a file name carries ("bestyrelse_2024-05-07.pdf", "referat_070524.docx"):
    the last resort for the meeting date and the reference of yearless dates."""
    stem = Path(name).stem
    for pattern, order in _NAME_DATES:
        for m in pattern.finditer(stem):
            parts = dict(zip(order, m.groups()))
            try:
                return date(_full_year(parts["y"]), int(parts["m"]), int(parts["d"]))
            except ValueError:
                continue
    return None
