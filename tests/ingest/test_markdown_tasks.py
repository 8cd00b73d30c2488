"""Markdown task lists: '- [ ]' is a task whatever its wording, '- [x]' a task done
(no task after the meeting, GUIDE 'Not decisions' / 'Actions')."""

from __future__ import annotations

from pipeline.extract import extract_record
from pipeline.ingest.text import TASK_DONE, TASK_OPEN, text_blocks
from pipeline.types import SourceDocument

NOTES = """\
# Referat af elevrådsmøde 12. marts 2031

Til stede: Freja Holm, Anton Bak og Sofie Lind

## 1. Skolefesten

Vi talte om musikken.

- [ ] Anton Bak finder en DJ
- [ ] plakater til festen
- [x] Sofie Lind har booket salen
"""


def test_task_boxes_are_kept_as_the_block_style():
    blocks = [b for b in text_blocks(NOTES) if b.kind.value == "list_item"]
    assert [(b.text, b.style) for b in blocks] == [
        ("Anton Bak finder en DJ", TASK_OPEN),
        ("plakater til festen", TASK_OPEN),
        ("Sofie Lind har booket salen", TASK_DONE),
    ]


def test_open_tasks_are_actions_and_done_tasks_are_not(nlp):
    doc = SourceDocument.from_blocks(
        text_blocks(NOTES), doc_id="t", path="x.md", name="elevraad_2031-03-12.md", format="md", reader="text"
    )
    rec = extract_record(doc, nlp)
    actions = {a.text: a.owners for a in rec.actions}
    assert actions == {"Anton Bak finder en DJ": ["Anton Bak"], "plakater til festen": []}
