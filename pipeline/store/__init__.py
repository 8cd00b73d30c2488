"""MeetingRecord -> SQLite: the Store, its schema and the people registry.

docs/schema.md describes the tables and views analysts query.
"""

from pipeline.store.aliases import AliasFile
from pipeline.store.names import fold, is_body
from pipeline.store.people import PersonRegistry
from pipeline.store.schema import SCHEMA_VERSION
from pipeline.store.stemming import fts_query, stem_text
from pipeline.store.writer import Store

__all__ = ["AliasFile", "PersonRegistry", "SCHEMA_VERSION", "Store", "fold", "fts_query", "is_body", "stem_text"]
