"""Every Danish word the extractors react to has an example that runs.

The examples live beside the vocabulary, in pipeline/lexicon/examples/*.jsonl,
one JSON object per line:

    {"key": "cue:vedtage", "text": "Forslaget blev vedtaget."}
    {"key": "participants_absent", "entry": "meldt afbud", "text": "Ole har meldt afbud.",
     "expect": {"absentees": ["Ole"]}}

- "key" is "cue:<id>" for a pattern of pipeline/nlp/patterns/cues.jsonl, or the
  name of a list or table of pipeline/lexicon/da_minutes.json / da_dates.json
  ("dates:<key>" for the latter), with "entry" the entry it illustrates.
- The test checks that every cue id and every entry has at least one example, that
  the cue fires on the example (or the entry occurs in it, as whole words), and,
  when "expect" is given, that extracting the example as a document yields it:
  "attendees"/"absentees" (names), "decisions"/"actions" (each a text that one
  extracted record contains), "agenda_items" (titles), "events" (ISO dates), "date"
  (the meeting date), "not_decisions"/"not_actions" (texts that must not become one),
  "dues" (ISO start dates among the actions' due dates).

So adding a cue is one line of data plus one line here.

Adding a cue or a word
- Put the example in your own file, pipeline/lexicon/examples/<name>.jsonl (every
  *.jsonl there is read). A new key of da_minutes.json also needs its field in the
  Lexicon model (pipeline/lexicon/__init__.py); one of da_dates.json in DateLexicon
  (pipeline/dates/vocabulary.py).
- "text" is one document, each "\\n" a paragraph block, with no reference date of its own:
  the first date in the header is the meeting date (never an event), and yearless dates
  are read around it (else around 1 July of the first year the text names). So an "events" example starts with a dated title
  line ("Referat af bestyrelsesmøde 12. marts 2024\\n...") and states the event after it.
- A line like "1. Budget" (or "1. halvår 2024: ...") is an agenda item heading; participant
  labels count in the header zone before the first item (or under an item titled like
  one, "2. Deltagere").
- The entry must occur as whole words: a role suffix such as "chef" needs a word like
  "IT-chef", not "Økonomichef".
- Run: python -m pytest -q tests/nlp/test_lexicon_examples.py
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from pipeline.nlp.components import load_cue_patterns

LEXICON = Path(__file__).resolve().parents[2] / "pipeline" / "lexicon"
EXAMPLES = LEXICON / "examples"
# Keys whose entries are not words the extractors look for in text (they map codes, or are
# open sets of names that tests/store/test_people.py covers) and so need no example.
EXEMPT = {"_comment", "dates:_comment"}


def load_examples() -> list[dict]:
    rows = []
    for path in sorted(EXAMPLES.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                row["_where"] = f"{path.name}:{n}"
                rows.append(row)
    return rows


EXAMPLE_ROWS = load_examples()


def vocabulary() -> dict[str, list[str]]:
    """key -> entries, for every list or table of the two lexicon files."""
    out: dict[str, list[str]] = {}
    for prefix, name in (("", "da_minutes.json"), ("dates:", "da_dates.json")):
        data = json.loads((LEXICON / name).read_text(encoding="utf-8"))
        for key, value in data.items():
            if prefix + key in EXEMPT:
                continue
            if isinstance(value, dict):
                out[prefix + key] = list(value)
            elif isinstance(value, list):
                out[prefix + key] = [v for v in value if isinstance(v, str)]
    return out


def cue_ids() -> set[str]:
    return {row["id"] for row in load_cue_patterns()}


def test_examples_are_well_formed():
    known = set(vocabulary()) | {f"cue:{c}" for c in cue_ids()}
    assert EXAMPLE_ROWS, "no examples found"
    for row in EXAMPLE_ROWS:
        assert row.get("key") in known, f"{row['_where']}: unknown key {row.get('key')!r}"
        assert isinstance(row.get("text"), str) and row["text"].strip(), row["_where"]
        if not row["key"].startswith("cue:"):
            assert isinstance(row.get("entry"), str), f"{row['_where']}: an example of a list names its entry"


def test_every_cue_id_has_an_example():
    have = {r["key"][4:] for r in EXAMPLE_ROWS if r["key"].startswith("cue:")}
    missing = sorted(cue_ids() - have)
    assert not missing, f"cue ids without an example in {EXAMPLES}: {missing}"


def test_every_lexicon_entry_has_an_example():
    have = {(r["key"], r.get("entry")) for r in EXAMPLE_ROWS}
    missing = [f"{k}: {e}" for k, entries in vocabulary().items() for e in entries if (k, e) not in have]
    assert not missing, f"{len(missing)} lexicon entries without an example, e.g. {missing[:15]}"


@pytest.mark.parametrize(
    "row", [r for r in EXAMPLE_ROWS if r["key"].startswith("cue:")], ids=lambda r: f"{r['key']}@{r['_where']}"
)
def test_cue_fires_on_its_example(nlp, row):
    doc = nlp(row["text"])
    fired = {s.id_ for s in doc.spans["cues"]}
    assert row["key"][4:] in fired, f"{row['text']!r}: fired {sorted(fired)}"


@pytest.mark.parametrize(
    "row",
    [r for r in EXAMPLE_ROWS if not r["key"].startswith("cue:")],
    ids=lambda r: f"{r['key']}:{r.get('entry')}@{r['_where']}",
)
def test_entry_occurs_in_its_example(row):
    entry = row["entry"].casefold()
    text = row["text"].casefold()
    boundary = r"(?<!\w)" + re.escape(entry) + (r"(?!\w)" if entry[-1:].isalnum() else "")
    assert re.search(boundary, text), f"{row['entry']!r} is not in {row['text']!r}"


@cache
def _extract(text: str, nlp_id: int):
    from pipeline.extract import extract_record
    from pipeline.types import BlockKind, RawBlock, SourceDocument

    raw = [
        RawBlock(kind=BlockKind.table_row, text=line, cells=line.split("\t"))
        if "\t" in line
        else RawBlock(kind=BlockKind.paragraph, text=line)
        for line in text.split("\n")
        if line.strip()
    ]
    doc = SourceDocument.from_blocks(
        raw, doc_id="0" * 64, path="example.txt", name="example.txt", format="txt", reader="example"
    )
    return extract_record(doc, _NLP[nlp_id]).to_gold_json()


_NLP: dict[int, object] = {}


@pytest.mark.parametrize(
    "row", [r for r in EXAMPLE_ROWS if r.get("expect")], ids=lambda r: f"{r['key']}:{r.get('entry', '')}@{r['_where']}"
)
def test_example_extracts_as_expected(nlp, row):
    _NLP[id(nlp)] = nlp
    got = _extract(row["text"], id(nlp))
    for field, want in row["expect"].items():
        if field in ("attendees", "absentees"):
            assert set(want) <= set(got[field]), f"{field}: {got[field]}"
        elif field in ("decisions", "actions"):
            texts = [r["text"] for r in got[field]]
            for w in want:
                assert any(w in t for t in texts), f"{field}: {w!r} not in {texts}"
        elif field in ("not_decisions", "not_actions"):
            texts = [r["text"] for r in got[field[4:]]]
            for w in want:
                assert not any(w in t for t in texts), f"{field[4:]}: {w!r} extracted: {texts}"
        elif field == "agenda_items":
            titles = [i["title"] for i in got["agenda_items"]]
            assert all(t in titles for t in want), titles
        elif field == "events":
            dates = [e["date"] for e in got["events"]]
            assert all(d in dates for d in want), dates
        elif field == "date":
            assert got["meeting"]["date"] == want
        elif field == "dues":
            dues = [a["due"]["start"] for a in got["actions"] if a.get("due")]
            assert all(d in dues for d in want), f"dues: {dues}"
        else:
            raise AssertionError(f"{row['_where']}: unknown expect field {field!r}")
