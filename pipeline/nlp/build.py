"""build_nlp(): the only place a spaCy pipeline is created.

Two pipelines: the Danish statistical pipeline trained here,
`models/da_referat_sm` (see models/README.md; rebuilt by
scripts/train_model.py: parser, morphology, lemmas, PER/ORG/LOC entities), and
the rule-based blank Danish pipeline, `spacy.blank("da")` with the Danish
lemma lookup tables (spacy-lookups-data). DEFAULT_PIPELINE says which one
`model=None` gives: the rules, until the model scores at least as well on
every extracted field (see its comment). When the default is the model and its
folder is not there (an installed copy without the repository), the rules are
used and one log line says so.

In the rule-based pipeline the lemmatizer is there but disabled, its lookup
tables unread, unless `lemmas=True`: no extractor and no cue pattern reads a
lemma, the lookup cost ~40 % of what the pipeline did per token, and reading
its tables ~1.6 s and ~200 MB per process (enable_lemmas turns it on; the
statement model's optional lemma features do so while they read, see
statement_model.lemmatizing).

Either way `minutes_sentencizer` runs first and `minutes_cues` after the
statistical components; a parser is disabled there and runs after the cues, on
the sentences with a statement cue only (pipeline/nlp/candidate_parser.py). The
sentencizer sets every token's sentence start (True or False) and the parser
respects preset boundaries, so sentences are the same with and without the
statistical model: the extractors work per block and rely on them.

`model` may be None (the default above), "blank" (the rule-only pipeline),
"da_referat_sm" (the bundled model, required), an installed spaCy package
("da_core_news_sm") or a model folder. A model asked for by name that is
missing or broken raises ModelError (one line), never a silent fallback.
Nothing here runs at import time: call it once per process and pass the result in.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.errors import ModelError
from pipeline.nlp import candidate_parser, components  # noqa: F401  (registers the factories)

log = logging.getLogger(__name__)
DEFAULT_MODEL = "da_referat_sm"
BLANK = "blank"
# What build_nlp() loads when no model is named. Measured at 5933ea8 (models/README.md, "Extraction"):
# with da_referat_sm the seeds, tests/corpus and blind round 7 score the same as the rules alone, but
# the real corpus loses on actions (0.617 -> 0.613) and action_owners (0.667 -> 0.632) and tests/blind
# on actions (0.907 -> 0.905): one-word PER entities taken for people. So the rule-only pipeline stays
# the default and the model is opt-in (--model da_referat_sm, or model = "da_referat_sm" in
# referat.toml). Set this to DEFAULT_MODEL once it scores at least as well on every field; the
# loading and fallback below are ready for it.
DEFAULT_PIPELINE = BLANK
BLANK_NAME = "blank:da+rules"
# The repository's models/ folder, next to pipeline/ (an editable install or a checkout).
REPO_MODELS = Path(__file__).resolve().parents[2] / "models"
MODELS_ENV = "REFERAT_MODELS"  # another models/ folder
# Where a non-editable install puts the model (pyproject.toml [tool.setuptools.data-files]).
INSTALLED_MODELS = Path(sys.prefix) / "share" / "referat" / "models"


def model_dirs() -> list[Path]:
    """Where the bundled model is looked for, in order: $REFERAT_MODELS, the
    repository's models/ (beside the package), <prefix>/share/referat/models
    (a non-editable install), ./models in the working directory."""
    dirs = [Path(os.environ[MODELS_ENV])] if os.environ.get(MODELS_ENV) else []
    dirs += [REPO_MODELS, INSTALLED_MODELS, Path.cwd() / "models"]
    seen, out = set(), []
    for d in dirs:
        key = d.resolve()
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def default_model_path() -> Path | None:
    """The bundled da_referat_sm folder, or None when no models/ folder holds it."""
    for d in model_dirs():
        if (d / DEFAULT_MODEL / "meta.json").is_file():
            return d / DEFAULT_MODEL
    return None


def build_nlp(
    model: str | Path | None = None, *, prefer_statistical: bool = True, parse_all: bool = False, lemmas: bool = False
) -> Language:
    """Build the Danish pipeline (see the module docstring for `model`). A statistical
    pipeline's parser runs only on the sentences with a statement cue
    (`minutes_candidate_parser`, after `minutes_cues`), unless `parse_all`. The
    rule-based pipeline's lemma lookup runs only with `lemmas` (or when a cue
    pattern tests LEMMA)."""
    if model is None and (DEFAULT_PIPELINE == BLANK or not prefer_statistical):
        model = BLANK
    # model None here: the default model, falling back to the rules (one log line) when it is not there
    nlp = _blank_pipeline() if model == BLANK else _load(model)
    for name in ("senter", "sentencizer"):  # sentences come from minutes_sentencizer only
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    nlp.add_pipe("minutes_sentencizer", first=True)
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("minutes_entity_filter", after="ner")
    nlp.add_pipe("minutes_cues", last=True)
    if pipeline_name(nlp) == BLANK_NAME and LEMMATIZER in nlp.pipe_names:
        nlp.disable_pipe(LEMMATIZER)  # its tables unread (_blank_pipeline) ...
        if (lemmas or _cues_test_lemmas()) and not enable_lemmas(nlp):  # ... unless lemmas are wanted
            nlp.remove_pipe(LEMMATIZER)
    if "parser" in nlp.pipe_names and not parse_all:
        nlp.disable_pipe("parser")
        nlp.add_pipe("minutes_candidate_parser", last=True)
    log.debug("spaCy pipeline: %s (%s)", pipeline_name(nlp), ", ".join(nlp.pipe_names))
    return nlp


LEMMATIZER = "lemmatizer"


def _cues_test_lemmas() -> bool:
    """Does a cue pattern (patterns/cues.jsonl) test a token's LEMMA?"""
    return any("LEMMA" in spec for row in components.load_cue_patterns() for spec in row["pattern"])


def _load(model: str | Path | None) -> Language:
    if model is None:
        path = default_model_path()
        if path is None:
            log.info(
                "spaCy pipeline: %s not found in %s; using the rule-based %s",
                DEFAULT_MODEL,
                " or ".join(str(d) for d in model_dirs()),
                BLANK_NAME,
            )
            return _blank_pipeline()
        return _load_path(path, DEFAULT_MODEL)
    if str(model) == DEFAULT_MODEL:
        path = default_model_path()
        if path is None:
            raise ModelError(
                f"{DEFAULT_MODEL} not found in {' or '.join(str(d) for d in model_dirs())} "
                f"(rebuild it with: python scripts/train_model.py)"
            )
        return _load_path(path, DEFAULT_MODEL)
    text = str(model)
    if isinstance(model, Path) or os.sep in text or text.startswith(".") or Path(text).exists():
        return _load_path(Path(text), text)
    if not spacy.util.is_package(text):
        raise ModelError(
            f"{text!r} is neither an installed spaCy package nor a model folder "
            f"(use {BLANK}, {DEFAULT_MODEL}, a package name or a path)"
        )
    try:
        return spacy.load(text)
    except Exception as e:  # noqa: BLE001 - a broken package: one line naming it
        raise ModelError(f"the spaCy package {text} cannot be loaded: {_one_line(e)}") from e


def _load_path(path: Path, label: str) -> Language:
    if not path.is_dir():
        raise ModelError(f"{path}: no such model folder")
    if not (path / "meta.json").is_file() or not (path / "config.cfg").is_file():
        raise ModelError(f"{path}: not a spaCy model folder (no meta.json or config.cfg)")
    try:
        return spacy.load(path)
    except Exception as e:  # noqa: BLE001 - a broken model folder: one line naming it
        raise ModelError(f"{label}: the model in {path} cannot be loaded: {_one_line(e)}") from e


def _one_line(e: BaseException) -> str:
    return " ".join(f"{type(e).__name__}: {e}".split())[:300]


def _blank_pipeline() -> Language:
    """spacy.blank("da") with the lookup lemmatizer added but its tables not read yet:
    they are read (~550,000 entries: ~1.6 s and ~200 MB per process) when the
    lemmatizer is enabled (enable_lemmas)."""
    nlp = spacy.blank("da")
    logging.getLogger("spacy").setLevel(logging.WARNING)  # initialize() logs at INFO
    nlp.initialize()
    nlp.add_pipe(LEMMATIZER, config={"mode": "lookup"})
    return nlp


def enable_lemmas(nlp: Language) -> bool:
    """Enable the pipeline's lemmatizer, reading the rule-based pipeline's lookup tables
    the first time; False when there is no lemmatizer or its tables cannot be read
    (spacy-lookups-data missing: one warning, and the lemmatizer stays disabled)."""
    if LEMMATIZER not in nlp.component_names:
        return False
    pipe = nlp.get_pipe(LEMMATIZER)
    if getattr(pipe, "mode", None) == "lookup" and not pipe.lookups.tables:  # type: ignore[attr-defined]
        try:
            pipe.initialize()  # type: ignore[attr-defined]
        except (ValueError, OSError, ImportError) as e:  # spacy-lookups-data missing
            log.warning("Danish lemma tables unavailable (%s); continuing without lemmas", e)
            return False
    if LEMMATIZER in nlp.disabled:
        nlp.enable_pipe(LEMMATIZER)
    return True


def pipeline_name(nlp: Language) -> str:
    meta = nlp.meta
    if meta.get("name") in (None, "", "pipeline"):
        return BLANK_NAME
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}+rules"


def is_statistical(nlp: Language) -> bool:
    return "parser" in nlp.component_names or "ner" in nlp.component_names


def describe(nlp: Language) -> dict:
    """What `referat info` prints: name, path, version, components, held-out accuracy."""
    meta = nlp.meta
    path = getattr(nlp, "path", None)
    perf = meta.get("performance") or {}
    keys = ("pos_acc", "morph_acc", "dep_uas", "dep_las", "lemma_acc", "ents_p", "ents_r", "ents_f")
    return {
        "name": pipeline_name(nlp),
        "path": str(path) if path else None,
        "version": meta.get("version") if meta.get("name") not in (None, "", "pipeline") else None,
        "spacy_version": spacy.__version__,
        "components": list(nlp.pipe_names),
        "statistical": is_statistical(nlp),
        "accuracy": {k: round(perf[k], 3) for k in keys if isinstance(perf.get(k), (int, float))},
        "evaluated_on": (meta.get("referat") or {}).get("evaluated_on"),
        "license": meta.get("license") or None,
    }
