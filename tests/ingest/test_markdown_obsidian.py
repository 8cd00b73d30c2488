"""Obsidian notes typed as minutes: YAML front matter, wikilinks, embeds, Dataview
inline fields ("Til stede:: [[Name]]", "[ansvar:: [[Name]]]"), callouts and block ids."""

from __future__ import annotations

from pipeline.extract import extract_record
from pipeline.ingest.text import strip_markdown, text_blocks
from pipeline.types import SourceDocument

NOTE = """\
---
aliases: [FR-møde 3]
tags: [fagråd, referat]
status: udkast
---

# FR-møde #3 – onsdag 11/3 2037 ^top

Sted:: Lokale 2.11
Til stede:: [[Ronja Kvist]] (formand), [[Malte Holm]], [[Ida Brandt|Ida]]
Afbud:: [[Svend Aagaard]]

> [!note] Dagsorden
> 1. Semesterstart
> 2. Økonomi

## 1. Semesterstart ^pkt1

Bilaget ![[Plan.pdf]] blev gennemgået.

- [ ] Malte booker lokalet [ansvar:: [[Malte Holm]]] [frist:: inden fredag]
"""


def test_wikilinks_show_their_alias_or_target_and_embeds_nothing():
    assert strip_markdown("[[Ida Brandt|Ida]] og [[Malte Holm]]") == "Ida og Malte Holm"
    assert strip_markdown("se [[Møder#Punkt 2]]") == "se Møder"
    assert strip_markdown("Bilaget ![[Plan.pdf]] blev gennemgået.") == "Bilaget  blev gennemgået."


def test_dataview_fields_read_as_labels():
    assert strip_markdown("Til stede:: Ronja Kvist") == "Til stede: Ronja Kvist"
    assert strip_markdown("booker lokalet [ansvar:: Malte Holm]") == "booker lokalet (ansvar: Malte Holm)"
    assert strip_markdown("kl. 10.30 :: pause") == "kl. 10.30 :: pause"  # no key before it


def test_callout_type_and_block_ids_are_dropped():
    assert strip_markdown("[!abstract] Dagsorden") == "Dagsorden"
    assert strip_markdown("1. Semesterstart ^pkt1") == "1. Semesterstart"


def test_front_matter_lines_are_paragraphs_not_a_heading():
    blocks = text_blocks(NOTE)
    assert [b.text for b in blocks[:3]] == ["aliases: [FR-møde 3]", "tags: [fagråd, referat]", "status: udkast"]
    assert blocks[2].kind.value == "paragraph"  # the closing "---" is no setext underline
    assert blocks[3].kind.value == "heading" and blocks[3].text == "FR-møde #3 – onsdag 11/3 2037"


def test_an_obsidian_note_gives_its_participants_items_and_tasks(nlp):
    doc = SourceDocument.from_blocks(
        text_blocks(NOTE), doc_id="t", path="x.md", name="fr_2037-03-11_referat.md", format="md", reader="text"
    )
    rec = extract_record(doc, nlp)
    assert [p.name for p in rec.attendees] == ["Ronja Kvist", "Malte Holm", "Ida"]
    assert [p.name for p in rec.absentees] == ["Svend Aagaard"]
    assert [(a.number, a.title) for a in rec.agenda_items] == [("1", "Semesterstart"), ("2", "Økonomi")]
    assert [(a.owners, a.due.start.isoformat() if a.due else None) for a in rec.actions] == [
        (["Malte Holm"], "2037-03-13")
    ]
