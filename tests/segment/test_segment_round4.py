"""Fourth round of real layouts (synthetic documents, invented names): times in agenda
topics, form labels repeated in every entry of a log, a general assembly written as a
timed programme with outcome lines, option lists inside a case text, and sub-items
numbered "5.1" or "3a" under their item."""

from __future__ import annotations

from pipeline.extract.agenda import agenda_items
from pipeline.extract.people import Roster
from pipeline.segment import segment
from pipeline.types import RawBlock, SourceDocument


def blocks_of(lines, fmt="txt"):
    """Lines as paragraphs; a (kind, text) or (kind, level, text) tuple gives the kind."""
    raw = []
    for x in lines:
        if isinstance(x, str):
            x = ("paragraph", 0, x)
        elif len(x) == 2:
            x = (x[0], 1 if x[0] in ("heading", "list_item") else 0, x[1])
        kind, level, text = x
        raw.append(RawBlock(kind=kind, level=level, text=text))
    return SourceDocument.from_blocks(raw, doc_id="x", path="x", name="x", format=fmt, reader="t").blocks


ROSTER = Roster(names=["Sanne Holt", "Peter Vang", "Lone Birk"])


def titles_of(lines, fmt="txt"):
    seg = segment(blocks_of(lines, fmt))
    return [(a.number, a.title) for a in agenda_items(seg.items, ROSTER, "x")]


def body(lines, title, fmt="txt"):
    seg = segment(blocks_of(lines, fmt))
    return [b.text for it in seg.items if it.title == title for b in it.blocks]


# --------------------------------------------------------------- topics with a colon


def test_a_time_in_a_topic_is_no_cut_and_a_subtitle_stays():
    """'Frokost 12:00 - 12:30': a colon between digits is a time; 'Kravliste: første
    udkast' under 'Dagsorden' is the topic's whole title, not a title and its outcome."""
    lines = [
        ("heading", 1, "Logbog"),
        ("heading", 2, "Mandag d. 3/02"),
        ("heading", 3, "Dagsorden"),
        ("list_item", "Statusmøde 10:15"),
        ("list_item", "Frokost 12:00 - 12:30"),
        ("list_item", "Kravliste: første udkast"),
        ("heading", 3, "Referat"),
        "Vi gennemgik kravlisten.",
        ("heading", 2, "Tirsdag d. 4/02"),
        ("heading", 3, "Dagsorden"),
        ("list_item", "Budget: Kassereren fremlagde tallene og de blev godkendt."),
        ("heading", 3, "Referat"),
        "Intet nyt.",
    ]
    titles = [t for _, t in titles_of(lines, "md")]
    assert titles == ["Statusmøde 10:15", "Frokost 12:00 - 12:30", "Kravliste: første udkast", "Budget"]


# --------------------------------------------------------------- repeated form labels


def test_a_label_repeated_in_every_entry_is_a_form_field():
    """A log whose every entry repeats 'Aktivitet(er):' and names the member who worked
    ('Bent:'): the label is a form field, the name a person, neither an item; the one
    topic labels that do not repeat are the items."""
    lines = [("heading", 1, "Logbog - elektronik")]
    for day in ("3/4-19", "4/4-19", "8/4-19"):
        lines += [f"Dato: {day}", "Deltagere: Bent, Ida og Ulrik", "Aktivitet(er):", "Vi målte på forstærkeren."]
    lines[4:4] = ["Strømforsyning:", "Der bygges en ny strømforsyning med to spændinger."]
    lines[-1:-1] = ["Display:", "Displayet viser nu spændingen."]
    lines += ["Bent:", "Har skrevet koden til displayet færdig."]
    assert [t for _, t in titles_of(lines, "docx")] == ["Strømforsyning", "Display"]


# --------------------------------------------------------------- a general assembly as a timed programme


ASSEMBLY = [
    ("heading", 1, "Generalforsamling i Egeskov Idrætsforening 2025"),
    "Tirsdag den 11. marts 2025 kl. 19:00 i klubhuset",
    "Program:",
    "Kl. 18.30 Kaffen står klar",
    "Valg af dirigent: Gorm Lyhne vælges. Han konstaterer at generalforsamlingen er lovligt indkaldt.",
    ("heading", 1, "Beretninger fra afdelingerne"),
    "1. Svømning: Udvalget fortsætter uændret.",
    "2. Tennis: Udvalget fortsætter uændret.",
    "Kl. 19.30 Musikalsk indslag.",
    "Kl. 20.00 Ordinær generalforsamling",
    ("list_item", "Godkendelse af regnskabet: Kassereren gennemgik regnskabet, som blev godkendt."),
    ("list_item", "Behandling af indkomne forslag: Ingen forslag modtaget."),
    ("heading", 1, "Valg til bestyrelsen"),
    "1. Valg af kasserer Jens Kolding ønsker genvalg - Godkendt",
    "2. Valg af suppleant Rikke Aagaard ønsker genvalg - Godkendt",
    "Eventuelt: Intet til punktet",
    ("heading", 1, "Kl. 20.45 Uddeling af pokaler"),
    "Indstillet var: Mads Holt (tennis)",
    ("heading", 1, "Rasmus Bech Ladefoged (Svømning) - Vinder"),
    "Underskrift af dirigent",
    "Gorm Lyhne",
    ("heading", 1, "Formandens beretning 2025 v. Hanne Skov"),
    "Året har været godt for foreningen. Vi har fået flere medlemmer.",
    ("heading", 1, "Årsberetning tennis v. Kim Dahl"),
    "Tennis har haft en god sæson med mange nye spillere.",
]


def test_a_timed_programme_with_outcome_lines():
    """A general assembly laid out as its programme: the timed lines after the meeting has
    opened and the 'agenda phrase: outcome' lines are items (the time dropped); a timed line
    before the first item ('Kl. 18.30 Kaffen står klar') is the programme's preamble; an
    award line naming the winner and the reports appended after the signature are text."""
    assert [t for _, t in titles_of(ASSEMBLY, "pdf")] == [
        "Valg af dirigent",
        "Beretninger fra afdelingerne",
        "Svømning",
        "Tennis",
        "Musikalsk indslag",
        "Ordinær generalforsamling",
        "Godkendelse af regnskabet",
        "Behandling af indkomne forslag",
        "Valg til bestyrelsen",
        "Valg af kasserer",
        "Valg af suppleant",
        "Eventuelt",
        "Uddeling af pokaler",
    ]
    assert body(ASSEMBLY, "Eventuelt", "pdf") == ["Intet til punktet"]
