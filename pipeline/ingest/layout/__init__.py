"""PDF and OCR page geometry: what the positions of a page's lines say before they
are grouped into blocks (pipeline.ingest.layout_blocks), one module per job:
`model` (Line, TableRow), `margins` (running headers/footers, page numbers),
`columns` (column bands), `tables` (tabulate). Every name is re-exported here.

Lines carry their page, position and font (Line; TableRow for a table's rows).
Repeated page headers/footers (in the margins, or long lines at one height on
most pages) and page numbers (in a margin, or a page's first or last line) are
dropped; a running line that names the meeting and its day is kept once
(running_copies). A page laid out in two columns side by side has its bands
found (column_bands), so each column is read as a flow of its own. Runs of
lines whose tab-stop cells start at the same positions are a table without
rules (tabulate).

The shared text-line rules (bullets, list numbers, page numbers, hyphenation)
live in pipeline.ingest.lines and are re-exported here for the readers that
import them from this module.
"""

from __future__ import annotations

from pipeline.ingest.layout.columns import COLUMN_BREAK as COLUMN_BREAK
from pipeline.ingest.layout.columns import COLUMN_LINES as COLUMN_LINES
from pipeline.ingest.layout.columns import COLUMN_SIDE as COLUMN_SIDE
from pipeline.ingest.layout.columns import COLUMN_ZONE as COLUMN_ZONE
from pipeline.ingest.layout.columns import GUTTER as GUTTER
from pipeline.ingest.layout.columns import Span as Span
from pipeline.ingest.layout.columns import _bands_at as _bands_at
from pipeline.ingest.layout.columns import _side as _side
from pipeline.ingest.layout.columns import column_bands as column_bands
from pipeline.ingest.layout.margins import DIGIT_RUN as DIGIT_RUN
from pipeline.ingest.layout.margins import MARGIN as MARGIN
from pipeline.ingest.layout.margins import REPEAT_MIN_CHARS as REPEAT_MIN_CHARS
from pipeline.ingest.layout.margins import REPEAT_TOP as REPEAT_TOP
from pipeline.ingest.layout.margins import SIDE_MARGIN as SIDE_MARGIN
from pipeline.ingest.layout.margins import _in_margin as _in_margin
from pipeline.ingest.layout.margins import _in_side_margin as _in_side_margin
from pipeline.ingest.layout.margins import _margin_key as _margin_key
from pipeline.ingest.layout.margins import _page_ends as _page_ends
from pipeline.ingest.layout.margins import _page_number_here as _page_number_here
from pipeline.ingest.layout.margins import _running as _running
from pipeline.ingest.layout.margins import _same_key as _same_key
from pipeline.ingest.layout.margins import drop_headers_footers as drop_headers_footers
from pipeline.ingest.layout.margins import running_copies as running_copies
from pipeline.ingest.layout.model import ALIGN as ALIGN
from pipeline.ingest.layout.model import Line as Line
from pipeline.ingest.layout.model import TableRow as TableRow
from pipeline.ingest.layout.tables import CELL_END as CELL_END
from pipeline.ingest.layout.tables import MAX_COLUMN_GAP as MAX_COLUMN_GAP
from pipeline.ingest.layout.tables import MIN_TABLE_ROWS as MIN_TABLE_ROWS
from pipeline.ingest.layout.tables import _aligned as _aligned
from pipeline.ingest.layout.tables import _flush as _flush
from pipeline.ingest.layout.tables import _participant_heads as _participant_heads
from pipeline.ingest.layout.tables import _row_like as _row_like
from pipeline.ingest.layout.tables import _under_columns as _under_columns
from pipeline.ingest.layout.tables import _wraps_last_cell as _wraps_last_cell
from pipeline.ingest.layout.tables import tabulate as tabulate
from pipeline.ingest.lines import AMBIGUOUS_BULLETS as AMBIGUOUS_BULLETS
from pipeline.ingest.lines import BULLET_GLYPHS as BULLET_GLYPHS
from pipeline.ingest.lines import PIPE_RULE as PIPE_RULE
from pipeline.ingest.lines import UNAMBIGUOUS_BULLETS as UNAMBIGUOUS_BULLETS
from pipeline.ingest.lines import _dated as _dated
from pipeline.ingest.lines import _names_a_meeting as _names_a_meeting
from pipeline.ingest.lines import is_enumerator as is_enumerator
from pipeline.ingest.lines import is_list_marker as is_list_marker
from pipeline.ingest.lines import is_page_number as is_page_number
from pipeline.ingest.lines import join_lines as join_lines
from pipeline.ingest.lines import normalise_ligatures as normalise_ligatures
from pipeline.ingest.lines import numbered_head as numbered_head
from pipeline.ingest.lines import pipe_cells as pipe_cells
from pipeline.ingest.lines import split_bullet as split_bullet
from pipeline.ingest.lines import tab_cells as tab_cells
