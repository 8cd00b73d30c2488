"""A self-contained HTML page to review an extraction against its source text.

```python
from pipeline.analyst.review import render_review, review_file
html = render_review(doc, record)          # a SourceDocument and its MeetingRecord
Path("review.html").write_text(review_file("data/raw/referat.pdf"), encoding="utf-8")
```

The page shows the document's canonical text (blocks as lines, page breaks
marked) with every extracted record highlighted at its source span
(`Provenance.start/end`): participants, roles, agenda items, decisions,
actions, the action owners and due dates inside them, events, the meeting
line. Colours follow the kind (see the legend). Spans that nest are nested
elements; spans that cross are split into fragments (the first carries the
anchor id, the rest `data-span` only), so the HTML is always well formed. A
side list, grouped by kind, links to each highlight and shows the record's
fields (owners, due dates, item numbers, votes). No scripts, no external
files: the page can be mailed or archived as is.

By job: highlights.py (the spans and their side-list entries), marks.py (the text
as HTML), page.py (the page), files.py (the page of a file on disk).
"""

from pipeline.analyst.review.files import review_file
from pipeline.analyst.review.highlights import KINDS, Highlight, collect_highlights
from pipeline.analyst.review.marks import render_text
from pipeline.analyst.review.page import render_review

__all__ = ["Highlight", "KINDS", "collect_highlights", "render_review", "render_text", "review_file"]
