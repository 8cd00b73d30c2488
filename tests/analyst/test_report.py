"""`referat report`: the digest of a period as Markdown and a self-contained HTML page,
on a store built from tests/fixtures_records.py."""

from __future__ import annotations

import base64
import datetime as dt
import sys
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from fixtures_records import DocBuilder, all_records, due
from pipeline.analyst.report import NO_MATPLOTLIB, ReportError, build_digest, output_paths, to_html, write_report
from pipeline.cli import app
from pipeline.store import Store

runner = CliRunner()
PERIOD = dict(since="2020-01-01", until="2022-12-31")
PNG = b"\x89PNG\r\n\x1a\n"
SECTIONS = [
    "## Meetings and decisions per body and month",
    "## Attendance per person",
    "## Open and overdue actions by owner",
    "### Overdue actions",
    "## Coming events (on or after ",
    "## Decisions by meeting",
]


def _hostile() -> DocBuilder:
    d = DocBuilder(
        "hostile_2022-06-01_referat", "Ond & Co <Forening>", "HB", "minutes", dt.date(2022, 6, 1), "Referat <b>fed</b>"
    )
    d.line("Referat")
    d.people(["Anna Hansen"], "present")
    d.item("1", "Punkt <i>kursiv</i> & mere")
    d.decision("1", 'Det blev besluttet at <script>alert("x")</script> & <img src=x onerror=alert(1)> | ok.')
    d.action("1", "Anna Hansen <b>følger</b> op.", ["Anna Hansen"], due("1/6", "2022-06-01"))
    return d


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "referat.db"
    with Store(path) as store:
        for built in all_records():
            built.save(store)
        _hostile().build().save(store)
    return path


class _Page(HTMLParser):
    """Collects tags, image sources, links and text; counts unclosed/misnested tags."""

    VOID = {"meta", "img", "br", "hr", "link", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.images: list[str] = []
        self.refs: list[str] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "img":
            self.images.append(a.get("src") or "")
        for key in ("href", "src"):
            if key in a and tag != "img":
                self.refs.append(a[key])
        for key in a:
            if key.startswith("on"):
                self.errors.append(f"event handler {key}")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}>")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    p.close()
    assert not p.errors and not p.stack, (p.errors, p.stack)
    return p


# ------------------------------------------------------------------ Markdown


def test_markdown_has_the_sections_and_counts(db, tmp_path):
    result = write_report(db, tmp_path / "digest", **PERIOD, as_of="2022-03-01")
    assert result.markdown == tmp_path / "digest.md" and result.html == tmp_path / "digest.html"
    md = result.markdown.read_text(encoding="utf-8")
    pos = [md.index(s) for s in SECTIONS]
    assert pos == sorted(pos)
    assert md.startswith("# Digest 2020-01-01 – 2022-12-31")
    # six meetings (the 2022-01-14 agenda and minutes are one), 18 decisions, 13 open actions,
    # overdue before 2022-03-01: sekretariatet 2020, Kruse 2021, Bjerre 2021, Holm 2022
    assert "6 meetings, 18 decisions, 13 open actions (4 overdue), 3 coming events" in md
    assert "| 2022-01 | KOMDIR | HB | 1 | 5 |" in md
    assert "| 2021-05 | Socialchefforeningen | bestyrelsen | 1 | 2 |" in md
    assert "| Henrik Kruse | 2 | 1 | 67% | 2020-09-17 | 2022-01-14 |" in md
    assert "| sekretariatet | 2 | 1 | 2020-10-01 |" in md
    assert "### 2021-03-29 KOMDIR HB (komdir_hb_2021-03-29_referat.txt)" in md
    assert "- 2. Budget 2021: Det blev aftalt at hæve kontingentet med 2 procent fra 1. juli. (due 1. juli)" in md
    assert "170980-1234" not in md and "XXXXXX-XXXX" in md  # CPR masked


def test_markdown_filters_and_escapes(db, tmp_path):
    md = write_report(
        db,
        tmp_path / "komdir.md",
        since="2022-01-01",
        until="2022-12-31",
        as_of="2022-03-01",
        organization="KOMDIR",
        body="hb",
    ).markdown.read_text(encoding="utf-8")
    assert "Meetings of KOMDIR hb from 2022-01-01 to 2022-12-31" in md
    assert "1 meeting, 5 decisions, 5 open actions (0 overdue)" in md
    assert "Socialchefforeningen" not in md.split("## Decisions by meeting")[0].split("## Coming events")[0]
    hostile = write_report(
        db, tmp_path / "h", since="2022-06-01", until="2022-06-30", as_of="2022-06-02"
    ).markdown.read_text(encoding="utf-8")
    assert "<script>" not in hostile and "\\<script\\>" in hostile and "\\| ok." in hostile


# ------------------------------------------------------------------ HTML


def test_html_parses_is_self_contained_and_has_inline_charts(db, tmp_path):
    pytest.importorskip("matplotlib")
    result = write_report(db, tmp_path / "digest", **PERIOD, as_of="2022-03-01")
    assert result.charts and result.note is None
    page = _parse(result.html.read_text(encoding="utf-8"))
    assert "script" not in page.tags and "link" not in page.tags and "iframe" not in page.tags
    assert not page.refs  # no external files, no links out
    assert len(page.images) == 3
    for src in page.images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1]).startswith(PNG)
    text = " ".join(page.text)
    for heading in (
        "Meetings and decisions per body and month",
        "Attendance per person",
        "Open and overdue actions by owner",
        "Coming events",
        "Decisions by meeting",
    ):
        assert heading in text
    assert "Henrik Kruse" in text and "rykkes årsmødet til 20/5" in text


def test_html_escapes_every_text(db, tmp_path):
    result = write_report(
        db, tmp_path / "h.html", since="2022-06-01", until="2022-06-30", as_of="2022-06-02", with_charts=False
    )
    raw = result.html.read_text(encoding="utf-8")
    assert "<script>" not in raw and "<img src=x" not in raw and "<b>fed" not in raw
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in raw
    page = _parse(raw)
    assert "script" not in page.tags and not page.images
    text = " ".join(page.text)
    assert '<script>alert("x")</script>' in text  # shown as text
    assert "Ond & Co <Forening>" in text and "Punkt <i>kursiv</i> & mere" in text
    assert "Anna Hansen <b>følger</b> op." in text  # overdue on 2022-06-02 (due 2022-06-01)


def test_without_matplotlib_the_digest_says_so(db, tmp_path, monkeypatch):
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    result = write_report(db, tmp_path / "digest", **PERIOD, as_of="2022-03-01")
    assert not result.charts and result.note == NO_MATPLOTLIB
    md = result.markdown.read_text(encoding="utf-8")
    assert md.count("matplotlib is not installed") == 1 and SECTIONS[0] in md
    page = _parse(result.html.read_text(encoding="utf-8"))
    assert not page.images and "matplotlib is not installed" in " ".join(page.text)
    res = runner.invoke(
        app, ["report", *_period(), "--as-of", "2022-03-01", "--out", str(tmp_path / "cli"), "--db", str(db)]
    )
    assert res.exit_code == 0, res.output
    assert res.stderr.strip().splitlines() == [f"Note: {NO_MATPLOTLIB}"]


# ------------------------------------------------------------------ overdue and coming events


def _owners(d) -> dict[str, tuple[int, int]]:
    return {r.owner: (r.open, r.overdue) for r in d.owners.itertuples()}


def test_overdue_is_due_before_the_as_of_date(db):
    period = dict(since="2020-01-01", until="2021-12-31")
    d = build_digest(db, **period, as_of=dt.date(2021, 5, 20))
    assert list(d.overdue["due_start"]) == ["2020-10-01", "2021-05-17"]
    owners = _owners(d)
    assert owners["sekretariatet"] == (1, 1) and owners["Henrik Kruse"] == (1, 1)
    assert owners["Karsten Bjerre"] == (1, 0)  # due 2021-05-31: not yet
    assert owners["Stine Johansen"] == (1, 0)  # no due date: never overdue
    assert list(d.owners["owner"][:2]) == ["Henrik Kruse", "sekretariatet"]  # most overdue first
    # the due day itself is not overdue; the day after it is
    assert list(build_digest(db, **period, as_of="2021-05-17").overdue["due_start"]) == ["2020-10-01"]
    assert list(build_digest(db, **period, as_of="2021-05-18").overdue["due_start"]) == ["2020-10-01", "2021-05-17"]
    assert len(build_digest(db, **period, as_of="2030-01-01").overdue) == 3
    assert build_digest(db, **period, as_of="2020-01-01").overdue.empty


def test_coming_events_from_the_as_of_date(db):
    d = build_digest(db, **PERIOD, as_of="2022-03-08", organization="KOMDIR")
    assert list(d.events["text"]) == ['svenske "kvalitetsmesse" om kommunal ledelse', "Årsmøde"]  # 7-9 March
    assert build_digest(db, **PERIOD, as_of="2030-01-01").events.empty


def test_bad_arguments(db, tmp_path):
    with pytest.raises(ReportError, match="after until"):
        build_digest(db, since="2022-12-31", until="2022-01-01", as_of="2022-03-01")
    with pytest.raises(ReportError, match="as_of must be a date"):
        build_digest(db, **PERIOD, as_of="today")
    with pytest.raises(ReportError, match="does not exist"):
        write_report(db, tmp_path / "missing" / "digest", **PERIOD, as_of="2022-03-01")
    folder = tmp_path / "reports"
    folder.mkdir()
    assert output_paths(folder) == (folder / "digest.md", folder / "digest.html")
    assert output_paths(tmp_path / "x.html") == (tmp_path / "x.md", tmp_path / "x.html")


def test_empty_period(db, tmp_path):
    result = write_report(db, tmp_path / "none", since="1999-01-01", until="1999-12-31", as_of="2030-01-01")
    md = result.markdown.read_text(encoding="utf-8")
    assert "0 meetings, 0 decisions, 0 open actions (0 overdue), 0 coming events" in md
    assert md.count("_None._") == 6
    _parse(to_html(result.digest))


# ------------------------------------------------------------------ CLI


def _period() -> list[str]:
    return ["--since", PERIOD["since"], "--until", PERIOD["until"]]


def test_cli_writes_both_files(db, tmp_path):
    out = tmp_path / "digest"
    res = runner.invoke(
        app,
        [
            "report",
            *_period(),
            "--as-of",
            "2022-03-01",
            "--org",
            "KOMDIR",
            "--body",
            "HB",
            "--out",
            str(out),
            "--db",
            str(db),
        ],
    )
    assert res.exit_code == 0, res.output
    assert (tmp_path / "digest.md").is_file() and (tmp_path / "digest.html").is_file()
    assert "3 meetings, 13 decisions, 9 open actions (2 overdue)" in res.stdout
    assert "as of 2022-03-01" in res.stdout


def test_cli_as_of_defaults_to_today(db, tmp_path):
    res = runner.invoke(app, ["report", *_period(), "--no-charts", "--out", str(tmp_path / "d"), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert f"as of {dt.date.today().isoformat()}" in res.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--since", "2022-13-01", "--until", "2022-12-31"],
        ["--since", "2022-01-01", "--until", "31/12"],
        [*["--since", "2022-01-01", "--until", "2022-12-31"], "--as-of", "tomorrow"],
        ["--since", "2022-12-31", "--until", "2022-01-01"],
        ["--until", "2022-12-31"],
    ],
)
def test_cli_usage_errors(db, tmp_path, args):
    res = runner.invoke(app, ["report", *args, "--out", str(tmp_path / "d"), "--db", str(db)])
    assert res.exit_code == 2, res.output
    assert not (tmp_path / "d.md").exists()


def test_cli_missing_database(tmp_path):
    res = runner.invoke(app, ["report", *_period(), "--out", str(tmp_path / "d"), "--db", str(tmp_path / "no.db")])
    assert res.exit_code == 1 and "no database at" in res.stderr
