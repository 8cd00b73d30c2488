"""The lines of a PDF or OCR page with their position and font (Line) and the rows of a
table without rules (TableRow); ALIGN, the tolerance every geometry rule shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

ALIGN = 3.0  # points: cells of consecutive rows starting this close form a column


@dataclass
class Line:
    text: str
    page: int
    x0: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    page_height: float = 792.0
    page_width: Optional[float] = None
    confidence: Optional[float] = None  # OCR word confidence, 0..100
    group: Optional[tuple] = None  # OCR: the engine's (block, paragraph); lines of one group continue
    x1: Optional[float] = None  # right edge
    cells: Optional[list[tuple[float, str]]] = None  # (x, text) of parts split at tab-stop gaps
    lead_bold: bool = False  # opens with a bold run-in label ("Valg af dirigent: ...") in a body-font line
    body_x: Optional[float] = None  # a numbered line: where the text after its number starts
    flow: int = 0  # reading order within the page before top: the column or band the line stands in

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class TableRow:
    cells: list[str]
    page: int
    top: float
    flow: int = 0
