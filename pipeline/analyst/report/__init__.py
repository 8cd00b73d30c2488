"""A digest of a period: Markdown and a self-contained HTML page with charts.

```python
import datetime as dt
from pipeline.analyst.report import build_digest, write_report
digest = build_digest("data/processed/referat.db", since="2022-01-01", until="2022-12-31",
                      as_of=dt.date(2022, 3, 1), organization="KOMDIR")
result = write_report(db, "out/digest", since="2022-01-01", until="2022-12-31", as_of="2022-03-01")
result.markdown, result.html      # out/digest.md, out/digest.html
```

The digest covers the meetings dated from `since` to `until` (inclusive),
optionally of one organisation and/or body:

- meetings and decisions per body and month (a bar chart);
- attendance per person at those meetings (table and chart);
- the open actions decided at those meetings, by owner, and which are overdue:
  an open action is overdue when its due date (`due_start`) is before the
  report's `as_of` date;
- coming events: those the documents (of the organisation/body) mention on
  or after `as_of` (an event running over several days while `as_of` falls
  in it counts);
- the period's decisions, listed by meeting.

`as_of` is always passed in (the CLI gives today's date unless `--as-of`), so
a digest can be made again exactly. The data comes from pipeline.analyst.query and
parameterised SQL over the read-only store. Charts need matplotlib (the
`notebook` extra), imported only when charts are drawn, with the Agg
backend; without it the digest is written without charts and
`Report.note` says so. The HTML page has no scripts and no external files
(charts are inline base64 PNG); every text in it is HTML-escaped.

By job: digest.py (the data), cells.py (cells as text), markdown.py,
html_page.py and plots.py (the renderings), files.py (writing them).
"""

from pipeline.analyst.report.cells import summary
from pipeline.analyst.report.digest import Digest, ReportError, build_digest
from pipeline.analyst.report.files import Report, output_paths, write_report
from pipeline.analyst.report.html_page import to_html
from pipeline.analyst.report.markdown import to_markdown
from pipeline.analyst.report.plots import NO_MATPLOTLIB, charts

__all__ = [
    "Digest",
    "NO_MATPLOTLIB",
    "Report",
    "ReportError",
    "build_digest",
    "charts",
    "output_paths",
    "summary",
    "to_html",
    "to_markdown",
    "write_report",
]
