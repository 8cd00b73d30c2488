"""Typed queries over the store, returning pandas DataFrames.

```python
from pipeline.analyst import query
query.decisions("data/processed/referat.db", person="Henrik Kruise", since="2021-01-01")
query.search(db, "beslutte årsmøde")
query.sql(db, "SELECT body, count(*) FROM meetings GROUP BY body")
```

`db` is a path to a referat database (opened read-only) or an open Store.
This package is the one home of analyst SQL: the export, calendar, review and
report modules read the store through it (`table_view` gives the rows of each
exported table). By job: connection.py (the read-only connection), filters.py
(the SQL builders: filters and person names -> WHERE parts), records.py
(decisions, actions, events, search), summaries.py (attendance, people,
documents, meetings), readback.py (one document's records as models), views.py
(the exported tables), adhoc.py (`sql`).
Person filters go through the people registry: any spelling seen of a person
(or a one-letter variant of it) finds the canonical person. All SQL is
parameterised; `sql()` runs only SELECT/WITH statements on a read-only
connection.
"""

from pipeline.analyst.query.adhoc import SQL_TIMEOUT_S, sql
from pipeline.analyst.query.connection import DateLike, DbLike, connect
from pipeline.analyst.query.filters import person_ids
from pipeline.analyst.query.readback import document_meta, record
from pipeline.analyst.query.records import actions, decisions, events, search
from pipeline.analyst.query.summaries import attendance, documents, meetings, people
from pipeline.analyst.query.views import TABLES, action_owners, person_kinds, person_spellings, table_view
from pipeline.errors import QueryError, StoreError

__all__ = [
    "SQL_TIMEOUT_S",
    "TABLES",
    "DateLike",
    "DbLike",
    "QueryError",
    "StoreError",
    "action_owners",
    "actions",
    "attendance",
    "connect",
    "decisions",
    "document_meta",
    "documents",
    "events",
    "meetings",
    "people",
    "person_ids",
    "person_kinds",
    "person_spellings",
    "record",
    "search",
    "sql",
    "table_view",
]
