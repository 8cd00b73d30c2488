"""What the import passes around: a file's task, its Outcome, the ImportSummary,
and the shapes of a processor and a progress callback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple, Optional

from pydantic import BaseModel, Field

from pipeline.ingest import Limits
from pipeline.types import DocumentMeta, MeetingRecord, SourceDocument


class Outcome(BaseModel):
    """What processing one file gave: a record, or a one-line error."""

    path: str
    status: Literal["ok", "failed"]
    record: Optional[MeetingRecord] = None
    text: str = ""
    reader: str = ""
    format: Optional[str] = None
    ocr: bool = False
    ocr_confidence: Optional[float] = None
    warnings: list[str] = Field(default_factory=list)
    document: Optional[SourceDocument] = None  # only from process_file_keeping_document (the review page)
    sha256: Optional[str] = None
    size: Optional[int] = None
    mtime: Optional[float] = None
    pages: int = 0
    error: str = ""
    seconds: float = 0.0

    def meta(self) -> DocumentMeta:
        """What the store keeps of the document beside its record."""
        return DocumentMeta(
            text=self.text,
            size=self.size or 0,
            mtime=self.mtime or 0.0,
            reader=self.reader,
            ocr=self.ocr,
            ocr_confidence=self.ocr_confidence,
            warnings=self.warnings,
        )


@dataclass
class ImportSummary:
    imported: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    pages: int = 0
    seconds: float = 0.0
    pipeline: str = ""  # the spaCy pipeline that ran ("" when nothing needed extracting)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, sha) identical to another file
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason) passed over in folders
    thin: list[tuple[str, str]] = field(default_factory=list)  # (path, "no date, no attendees, ...") imported

    @property
    def documents_per_second(self) -> float:
        return self.imported / self.seconds if self.seconds else 0.0


# (event, path, detail): "pipeline" (detail = its name), "unchanged", "imported", "failed" (detail = reason)
ProgressFn = Callable[[str, str, str], None]
Processor = Callable[[Path, Any, Limits], Outcome]


class _Task(NamedTuple):
    path: str
    sha256: Optional[str]
    size: Optional[int]
    mtime: Optional[float]
