"""What every reader returns, and the limits every reader respects."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from pipeline.types import RawBlock


@dataclass(frozen=True)
class Limits:
    """Budgets that keep one hostile file from taking the batch down."""

    max_file_bytes: int = 100 * 1024 * 1024  # larger files are refused before reading
    max_unzipped_bytes: int = 200 * 1024 * 1024  # sum of member sizes in a .docx/.odt
    max_zip_members: int = 2000
    max_compression_ratio: float = 200.0  # per member, for members over 1 MB
    max_pages: int = 2000
    ocr: bool = True  # run OCR on pages without a text layer
    ocr_lang: str = "dan"
    extra: dict = field(default_factory=dict)


DEFAULT_LIMITS = Limits()


class ReaderResult(BaseModel):
    blocks: list[RawBlock]
    reader: str  # e.g. "python-docx", "pdfplumber", "pdfplumber+tesseract"
    pages: int = 1
    ocr: bool = False
    ocr_confidence: float | None = None
    warnings: list[str] = Field(default_factory=list)
