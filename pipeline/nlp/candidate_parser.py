"""The dependency parser on candidate sentences only (issue 11, "Speed").

A statistical pipeline's `parser` is disabled in `nlp.pipe` and this component,
placed after `minutes_cues`, parses only the sentences that hold a statement
cue (a decision, collective decision, postponement or task cue: the sentences
the decision and action rules read), each as its own Doc cut from the block
with the block's tok2vec tensor, so the parse is the one the full pipeline
gives that sentence. Its heads and labels are written back into the block's Doc;
every other sentence of such a block gets a flat tree (its first token the root,
labelled UNPARSED, the others unlabelled: `dep_ == ""`), a block with no candidate
no parse at all, so its sentence boundaries stay exactly those of
`minutes_sentencizer` and an extractor can tell a parsed sentence
(`sentence_parsed`) from one that was not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.tokens import Doc, Span

# the cue labels (pipeline/nlp/components.py CueLabel) whose sentences are parsed
CANDIDATE_LABELS = frozenset({"DECISION", "DECISION_COLLECTIVE", "POSTPONE", "ACTION"})
PARSER = "parser"
# The root label of a sentence the parser skipped: its first token, with every other token
# hanging on it unlabelled (spaCy takes an unlabelled token as "no head known" and a labelled
# one with itself as head as a sentence's root, so the sentence keeps its boundaries).
UNPARSED = "unparsed"


@Language.factory("minutes_candidate_parser")
def make_candidate_parser(nlp: Language, name: str) -> CandidateParser:
    return CandidateParser(nlp)


class CandidateParser:
    def __init__(self, nlp: Language):
        self.nlp = nlp

    @property
    def parser(self):
        return self.nlp.get_pipe(PARSER)  # disabled in the pipeline, still there

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._parse_batch(batch)
                batch = []
        if batch:
            yield from self._parse_batch(batch)

    def _parse_batch(self, docs: list[Doc]) -> list[Doc]:
        wanted = [(doc, candidate_sentences(doc)) for doc in docs]
        cut = [s.as_doc() for _, sents in wanted for s in sents]
        parsed = iter(self.parser.pipe(cut, batch_size=max(len(cut), 1)) if cut else ())
        for doc, sents in wanted:
            if sents:  # a block with no candidate keeps no parse at all
                _write_back(doc, [(s, next(parsed)) for s in sents])
        return docs


def candidate_sentences(doc: Doc) -> list[Span]:
    """The sentences of `doc` that hold a statement cue, in order."""
    cues = [c for c in doc.spans.get("cues", []) if c.label_ in CANDIDATE_LABELS]
    if not cues:
        return []
    return [s for s in doc.sents if any(s.start <= c.start < s.end for c in cues)]


def _write_back(doc: Doc, parses: list[tuple[Span, Doc]]) -> None:
    n = len(doc)
    heads = numpy.zeros(n, dtype="int64")  # relative offsets, as Doc.to_array(HEAD) gives them
    deps = numpy.zeros(n, dtype="uint64")
    unparsed = doc.vocab.strings.add(UNPARSED)
    for sent in doc.sents:  # flat: every token on the sentence's first token, no label
        deps[sent.start] = unparsed
        for i in range(sent.start + 1, sent.end):
            heads[i] = sent.start - i
    for sent, parsed in parses:
        a = parsed.to_array([HEAD, DEP])
        heads[sent.start : sent.end] = a[:, 0].astype("int64")
        deps[sent.start : sent.end] = a[:, 1]
    values: Any = numpy.stack([heads.astype("uint64"), deps], axis=1)
    doc.from_array([HEAD, DEP], values)


def sentence_parsed(sent: Span) -> bool:
    """Did the parser run on this sentence (a root labelled ROOT)?"""
    return any(t.dep_ == "ROOT" for t in sent)
