"""The analyst layer, on top of pipeline.store: query (typed filters -> DataFrames, the one home
of analyst SQL), export (CSV/Parquet), ics (iCalendar), review (HTML), report (the digest),
serve (Datasette)."""
