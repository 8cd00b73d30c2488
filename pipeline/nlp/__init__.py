"""The spaCy pipeline: built once, explicitly, and passed in."""

from pipeline.nlp.build import build_nlp, pipeline_name

__all__ = ["build_nlp", "pipeline_name"]
