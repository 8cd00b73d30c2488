"""Dagsorden-portal JSON exports (pipeline/ingest/portal.py): read as the text the
portal page shows. The export below is invented (committee, people, wording)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from pipeline.discover import discover
from pipeline.errors import UnsupportedFormat
from pipeline.extract import extract_record
from pipeline.ingest import SUPPORTED_SUFFIXES, read_document
from pipeline.ingest.portal import PAGE_LABELS, meeting_datetime
from pipeline.ingest.sniff import sniff_format
from pipeline.lexicon import lexicon
from pipeline.types import BlockKind

# The shape the portal serves: escaped entities, \r\n line ends, the decision and
# the case presentation as <h3> sections inside one field, an unnamed field.
ITEM_1_HTML = (
    "<div><div id='sagsfremstillingContainer'>\r\n\r\n<div><h3>Beslutning</h3>\r\n"
    "<span>Godkendt.&nbsp;<br><br>Afbud: Peter B&oslash;gh Andersen</span>\r\n</div>\r\n"
    "<h3>Fremstilling</h3>\r\n<span class='ukendt'><div>\n<h2><span>Resume</span></h2>\n</div>\n"
    "<p>Dagsordenen for m&oslash;det forel&aelig;gges til godkendelse.</p>\n"
    "<div>\n<h2><span>Indstilling</span></h2>\n</div>\n"
    "<p><em>Sekretariatet indstiller,</em></p>\n<ol>\n    <li><em>at dagsordenen godkendes</em></li>\n</ol>\n"
    "</span></div></div>"
)
ITEM_3_HTML = (
    "<div><div id='sagsfremstillingContainer'>\r\n<div><h3>Beslutning</h3>\r\n"
    "<span><p>Udvalget besluttede at bygge badebroen ved Lyngvig Strand.</p>"
    "<br><br>Afbud: Peter B&oslash;gh Andersen</span>\r\n</div>\r\n"
    "<h3>Fremstilling</h3>\r\n<span class='ukendt'><h4>Sagsbeskrivelse</h4>\n"
    "<p>Der er indhentet to tilbud:</p>\n"
    "<table><tr><td>Tømrer Holm</td><td>412.000 kr.</td></tr>"
    "<tr><td>Broværket ApS</td><td>455.000 kr.</td></tr></table>\n"
    "</span></div></div>"
)
EXPORT = {
    "Dagsordenpunkter": [
        {
            "Punktnummer": "1",
            "Navn": "Godkendelse af dagsorden",
            "Bilag": [],
            "Felter": [{"Navn": "", "Html": ITEM_1_HTML, "Tekst": None}],
            "ExternalAgendaItemAttendees": [],
        },
        {
            "Punktnummer": "2",
            "Navn": "Lukket: Køb af grund ved lystbådehavnen",
            "Felter": [{"Navn": "Beslutning", "Html": "<p>Godkendt.</p>"}],
            "ExternalAgendaItemAttendees": [{"Name": "Signe Ølgaard", "Reason": "Fraværende"}],
        },
        {"Punktnummer": "3", "Navn": "Ny badebro på Lyngvig Strand", "Felter": [{"Navn": "", "Html": ITEM_3_HTML}]},
        {
            "Punktnummer": "4",
            "Navn": "Meddelelser",
            "Felter": [
                {
                    "Navn": "Meddelelser",
                    "Html": None,
                    "Tekst": "Formanden orienterede om vintervedligeholdelsen.\r\nIntet videre.",
                }
            ],
        },
    ],
    "Udvalg": {"Id": "0", "Navn": "Natur- og Havneudvalget", "Historisk": False},
    "Moede": {
        "Navn": "Dagsorden",
        "Dato": "2023-03-08T17:00:00+01:00",
        "Sted": "Havnekontoret",
        "Moededeltagere": [
            {"Name": "Rasmus Kjærgaard Holm", "Absent": False, "ParticipationCancelled": False},
            {"Name": "Signe Ølgaard", "Absent": False, "ParticipationCancelled": False},
            {"Name": "Peter Bøgh Andersen", "Absent": False, "ParticipationCancelled": True},
        ],
    },
    "TillaegsDagsorden": False,
}


@pytest.fixture()
def export_file(tmp_path):
    path = tmp_path / "nhu_2023-03-08.json"
    path.write_text(json.dumps(EXPORT, ensure_ascii=False), encoding="utf-8")
    return path


def test_sniffed_as_portal_and_named_json(export_file):
    assert sniff_format(export_file.read_bytes(), export_file) == "portal"
    assert ".json" in SUPPORTED_SUFFIXES
    assert list(discover([export_file.parent])) == [export_file]  # a folder import picks it up


def test_title_date_place_and_participants(export_file):
    blocks = read_document(export_file).blocks
    assert blocks[0].kind == BlockKind.title
    assert blocks[0].text == "Natur- og Havneudvalget – Dagsorden"
    texts = [b.text for b in blocks[:6]]
    assert "Mødedato: 08.03.2023 kl. 17.00" in texts
    assert "Sted: Havnekontoret" in texts
    assert "Deltagere: Rasmus Kjærgaard Holm, Signe Ølgaard" in texts
    assert "Afbud: Peter Bøgh Andersen" in texts


def test_item_headings_fields_and_html_blocks(export_file):
    blocks = read_document(export_file).blocks
    items = [b.text for b in blocks if b.kind == BlockKind.heading and b.level == 1]
    assert items == [
        "1. Godkendelse af dagsorden",
        "2. Lukket: Køb af grund ved lystbådehavnen",
        "3. Ny badebro på Lyngvig Strand",
        "4. Meddelelser",
    ]
    kinds = [(b.kind, b.text) for b in blocks]
    # the field sections inside the HTML, and a field's own name, are sub-headings
    for name in ("Beslutning", "Fremstilling", "Resume", "Indstilling", "Sagsbeskrivelse", "Meddelelser"):
        assert (BlockKind.heading, name) in kinds, name
    # a <span> wrapping paragraphs is laid out as blocks; entities unescaped; &nbsp; a space
    assert (BlockKind.paragraph, "Godkendt.") in kinds
    assert (BlockKind.paragraph, "Afbud: Peter Bøgh Andersen") in kinds
    assert (BlockKind.paragraph, "Dagsordenen for mødet forelægges til godkendelse.") in kinds
    assert (BlockKind.list_item, "at dagsordenen godkendes") in kinds
    assert (BlockKind.paragraph, "Udvalget besluttede at bygge badebroen ved Lyngvig Strand.") in kinds
    rows = [b.cells for b in blocks if b.kind == BlockKind.table_row]
    assert rows == [["Tømrer Holm", "412.000 kr."], ["Broværket ApS", "455.000 kr."]]
    # a plain-text field: one paragraph a line (\r\n)
    assert (BlockKind.paragraph, "Intet videre.") in kinds
    # a named field is not named twice; no markup or entity survives
    assert sum(1 for k, t in kinds if t == "Beslutning") == 3
    assert not any("&" in t and ";" in t or "<" in t for _, t in kinds)


def test_earlier_meetings_entries_start_their_own_line(tmp_path):
    """'Sagens forløb': each earlier meeting is an underlined line after a blank
    source line; the previous entry's last line ('Afbud: X') does not run into it."""
    markup = (
        "<h3>Sagens forløb</h3>\r\n<span class='sagsforloeb'><u>02-05-2023 Økonomiudvalget</u><br>\r\n"
        "<p>Anbefales.</p><br>\r\n<br>Afbud: Jonas Krog\r\n\r\n<u>09-05-2023 Byrådet</u><br>\r\n"
        "<p>Godkendt.</p><br></span>"
    )
    export = {"Dagsordenpunkter": [{"Punktnummer": "5", "Navn": "Budget", "Felter": [{"Html": markup}]}]}
    path = tmp_path / "f.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    assert [b.text for b in read_document(path).blocks] == [
        "5. Budget",
        "Sagens forløb",
        "02-05-2023 Økonomiudvalget",
        "Anbefales.",
        "Afbud: Jonas Krog",
        "09-05-2023 Byrådet",
        "Godkendt.",
    ]


def test_inline_emphasis_at_a_line_end_stays_in_its_line(tmp_path):
    export = {
        "Dagsordenpunkter": [
            {
                "Punktnummer": "1",
                "Navn": "Regnskab",
                "Felter": [{"Html": "<p>Regnskabet er <strong>godkendt</strong><br>uden bemærkninger.</p>"}],
            }
        ]
    }
    path = tmp_path / "g.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    assert [b.text for b in read_document(path).blocks] == [
        "1. Regnskab",
        "Regnskabet er godkendt",
        "uden bemærkninger.",
    ]


def test_item_absence_shown_under_its_item(export_file):
    blocks = read_document(export_file).blocks
    texts = [b.text for b in blocks]
    start = texts.index("2. Lukket: Køb af grund ved lystbådehavnen")
    assert texts[start + 1] == "Fraværende: Signe Ølgaard"


def test_extraction_over_a_portal_export(export_file, nlp):
    rec = extract_record(read_document(export_file), nlp).to_gold_json()
    assert rec["meeting"]["date"] == "2023-03-08"  # from the meeting's date field
    assert [(a["number"], a["title"]) for a in rec["agenda_items"]] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Lukket: Køb af grund ved lystbådehavnen"),
        ("3", "Ny badebro på Lyngvig Strand"),
        ("4", "Meddelelser"),
    ]
    decisions = {(d["item"], d["text"]) for d in rec["decisions"]}
    assert ("1", "Godkendt.") in decisions
    assert ("2", "Godkendt.") in decisions
    assert ("3", "Udvalget besluttede at bygge badebroen ved Lyngvig Strand.") in decisions
    assert set(rec["attendees"]) >= {"Rasmus Kjærgaard Holm", "Signe Ølgaard"}
    assert "Peter Bøgh Andersen" in rec["absentees"]


def test_twice_escaped_entities_are_unescaped(tmp_path):
    export = {
        "Dagsordenpunkter": [
            {
                "Punktnummer": "1",
                "Navn": "Regnskab",
                "Felter": [{"Html": "<p>Regnskabet blev godkendt af m&amp;oslash;det.</p>"}],
            }
        ]
    }
    path = tmp_path / "x.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    assert [b.text for b in read_document(path).blocks] == ["1. Regnskab", "Regnskabet blev godkendt af mødet."]


def test_meeting_datetime():
    assert meeting_datetime("2023-03-08T17:00:00+01:00") == "08.03.2023 kl. 17.00"
    assert meeting_datetime("2023-03-08T16:00:00Z") == "08.03.2023 kl. 17.00"  # UTC shown in Danish time
    assert meeting_datetime("2023-03-08T00:00:00") == "08.03.2023"
    assert meeting_datetime("8. marts 2023") == "8. marts 2023"  # not ISO: as given


def test_page_labels_are_lexicon_labels():
    lx = lexicon()
    assert PAGE_LABELS["date"].casefold() in lx.date_fields
    assert PAGE_LABELS["place"].casefold() in lx.place_fields
    assert PAGE_LABELS["present"].casefold() in lx.participants_present
    assert PAGE_LABELS["cancelled"].casefold() in lx.participants_absent
    assert PAGE_LABELS["absent"].casefold() in lx.participants_absent


@pytest.mark.parametrize(
    "content",
    [
        b'{"name": "referat-tools", "version": "1.0.0"}',  # a package.json in an archive
        b'[{"id": 1, "title": "Dagsorden"}]',  # other JSON data
    ],
)
def test_other_json_is_refused_in_one_line(tmp_path, content):
    path = tmp_path / "data.json"
    path.write_bytes(content)
    with pytest.raises(UnsupportedFormat, match="^JSON that is not a dagsorden-portal export"):
        read_document(path)


def test_json_like_text_under_another_name_stays_text(tmp_path):
    path = tmp_path / "noter.txt"
    path.write_text("{Udkast} Referat af mødet 3. maj\nGodkendt.\n", encoding="utf-8")
    assert sniff_format(path.read_bytes(), path) == "txt"


def test_portal_shape_checked_by_the_reader(tmp_path):
    path = tmp_path / "odd.json"
    path.write_bytes(b'{"Dagsordenpunkter": [], "note": "x"}')  # the key, but no items to show
    with pytest.raises(Exception, match="no text found|not a dagsorden-portal"):
        read_document(path)


def test_meeting_date_field_wins_over_dates_in_items(tmp_path, nlp):
    export = {
        "Moede": {"Navn": "Dagsorden", "Dato": "2021-11-02T19:00:00+01:00"},
        "Dagsordenpunkter": [
            {"Punktnummer": "1", "Navn": "Mødeplan", "Felter": [{"Html": "<p>Næste møde er den 7. december 2021.</p>"}]}
        ],
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    rec = extract_record(read_document(path), nlp)
    assert rec.meeting.date == date(2021, 11, 2)
