"""build_nlp(): the only place a spaCy pipeline is created.

Uses the statistical `da_core_news_sm` when it is installed (parser subjects,
PER entities, lemmas improve the extractors); otherwise `spacy.blank("da")`
with the Danish lemma lookup tables (spacy-lookups-data), a sentence splitter
that respects the minutes' lines, and the rule components. Nothing here runs
at import time: call it once per process and pass the result in.
"""
from __future__ import annotations

import logging

import spacy
from spacy.language import Language

from pipeline.nlp import components  # noqa: F401  (registers the factories)

log = logging.getLogger(__name__)
STATISTICAL_MODEL = "da_core_news_sm"


def build_nlp(model: str | None = None, *, prefer_statistical: bool = True) -> Language:
    """Build the Danish pipeline. `model` names an installed spaCy package or path."""
    nlp = _load_statistical(model) if (model or prefer_statistical) else None
    if nlp is None:
        nlp = _blank_pipeline()
    if "minutes_sentencizer" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
        nlp.add_pipe("minutes_sentencizer", first=True)
    nlp.add_pipe("minutes_cues", last=True)
    log.debug("spaCy pipeline: %s (%s)", pipeline_name(nlp), ", ".join(nlp.pipe_names))
    return nlp


def _load_statistical(model: str | None) -> Language | None:
    name = model or STATISTICAL_MODEL
    try:
        return spacy.load(name)
    except OSError:
        if model:  # asked for explicitly: say so
            raise
        log.debug("%s is not installed; using the rule-based blank Danish pipeline", name)
        return None


def _blank_pipeline() -> Language:
    nlp = spacy.blank("da")
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        logging.getLogger("spacy").setLevel(logging.WARNING)  # initialize() logs at INFO
        nlp.initialize()
    except (ValueError, OSError, ImportError) as e:  # spacy-lookups-data missing
        log.warning("Danish lemma tables unavailable (%s); continuing without lemmas", e)
        nlp.remove_pipe("lemmatizer")
    return nlp


def pipeline_name(nlp: Language) -> str:
    meta = nlp.meta
    if meta.get("name") in (None, "", "pipeline"):
        return "blank:da+rules"
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}+rules"


def is_statistical(nlp: Language) -> bool:
    return "parser" in nlp.pipe_names or "ner" in nlp.pipe_names
