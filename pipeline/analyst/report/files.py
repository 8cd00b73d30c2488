"""Writing a digest: `out`.md and `out`.html, each all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from pipeline.analyst import query
from pipeline.analyst.report.digest import DateLike, Digest, ReportError, build_digest
from pipeline.analyst.report.html_page import to_html
from pipeline.analyst.report.markdown import to_markdown
from pipeline.analyst.report.plots import NO_MATPLOTLIB, charts


@dataclass
class Report:
    """What write_report wrote."""

    markdown: Path
    html: Path
    digest: Digest
    charts: bool
    note: Optional[str] = None
    files: list[Path] = field(default_factory=list)


def output_paths(out: Union[str, Path]) -> tuple[Path, Path]:
    """digest.md and digest.html for `--out digest` (a suffix .md/.html is dropped);
    inside the folder for an existing folder."""
    out = Path(out)
    if out.is_dir():
        out = out / "digest"
    elif out.suffix.lower() in (".md", ".html", ".htm"):
        out = out.with_suffix("")
    return out.with_name(out.name + ".md"), out.with_name(out.name + ".html")


def write_report(
    db: query.DbLike,
    out: Union[str, Path],
    *,
    since: DateLike,
    until: DateLike,
    as_of: DateLike,
    organization: Optional[str] = None,
    body: Optional[str] = None,
    with_charts: bool = True,
) -> Report:
    """Write the digest as `out`.md and `out`.html (see output_paths); return what was written."""
    from pipeline.analyst.atomic import write_atomic

    md_path, html_path = output_paths(out)
    if not md_path.parent.is_dir():
        raise ReportError(f"cannot write {md_path}: the folder {md_path.parent} does not exist")
    digest = build_digest(db, since=since, until=until, as_of=as_of, organization=organization, body=body)
    pngs = charts(digest) if with_charts else {}
    note = NO_MATPLOTLIB if pngs is None else None
    write_atomic(md_path, to_markdown(digest, note=note).encode("utf-8"))
    write_atomic(html_path, to_html(digest, pngs, note=note).encode("utf-8"))
    return Report(
        markdown=md_path, html=html_path, digest=digest, charts=bool(pngs), note=note, files=[md_path, html_path]
    )
