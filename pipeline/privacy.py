"""Privacy helpers: CPR masking and stable pseudonyms.

`mask_cpr` keeps the length of the text, so character offsets (Provenance
start/end) stay valid after masking. `Pseudonymizer` gives each canonical
person id a stable "Person 001" label within one export.
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import re
from collections.abc import Callable, Hashable, Iterable

# ddmmyy-xxxx or ddmmyyxxxx, not inside a longer run of digits (a hyphen or a letter
# before it is fine: "CPR-150585-4321", "cpr.nr.150585-4321"; so is "-7" after it).
_CPR = re.compile(r"(?<!\d)(?<!\d[-.])(\d{2})(\d{2})(\d{2})([-\u2010\u2011\u2013]?)(\d{4})(?!\d)")


def _valid_birth_date(dd: int, mm: int, yy: int) -> bool:
    """A CPR date is valid if ddmmyy is a real day in 19yy or 20yy."""
    if not 1 <= mm <= 12 or dd < 1:
        return False
    return any(dd <= calendar.monthrange(century + yy, mm)[1] for century in (1900, 2000))


def is_cpr(candidate: str) -> bool:
    """True when `candidate` (ddmmyy-xxxx or ddmmyyxxxx) has a valid date part."""
    m = _CPR.fullmatch(candidate.strip())
    return m is not None and _valid_birth_date(int(m[1]), int(m[2]), int(m[3]))


def _mask(m: re.Match[str]) -> str:
    if not _valid_birth_date(int(m[1]), int(m[2]), int(m[3])):
        return m[0]
    return "XXXXXX" + m[4] + "XXXX"


def mask_cpr(text: str) -> str:
    """Mask Danish CPR numbers: "170980-1234" -> "XXXXXX-XXXX", "1709801234" -> "XXXXXXXXXX".

    Only numbers whose first six digits are a real date (ddmmyy) are masked;
    phone numbers ("12 34 56 78", "+4512345678") and other digit runs stay.
    The separator is kept, so the text keeps its length and offsets.
    """
    if not text:
        return text
    return _CPR.sub(_mask, text)


class Pseudonymizer:
    """Stable pseudonyms per key (a canonical person id) within one export.

    Without a secret, labels are handed out in the order keys are first seen:
    "Person 001", "Person 002", ... With a secret, `preassign(keys)` numbers
    the keys in an order given by an HMAC of the secret, so the numbering does
    not reveal the order of person ids; `token(key)` gives a keyed hash that is
    stable across exports made with the same secret.
    """

    def __init__(self, secret: str | None = None, *, prefix: str = "Person", width: int = 3):
        self._secret = secret.encode() if secret else None
        self._prefix = prefix
        self._width = width
        self._labels: dict[Hashable, str] = {}

    def __call__(self, key: Hashable | None) -> str | None:
        return self.pseudonym(key)

    def pseudonym(self, key: Hashable | None) -> str | None:
        """The label of `key`; None stays None."""
        if key is None:
            return None
        label = self._labels.get(key)
        if label is None:
            label = f"{self._prefix} {len(self._labels) + 1:0{self._width}d}"
            self._labels[key] = label
        return label

    def preassign(self, keys: Iterable[Hashable]) -> None:
        """Number `keys` up front (in HMAC order when a secret is set)."""
        new = [k for k in dict.fromkeys(keys) if k not in self._labels]
        if self._secret:
            new.sort(key=self.token)
        for key in new:
            self.pseudonym(key)

    def token(self, key: Hashable) -> str:
        """A keyed hash of `key` (needs a secret): stable across exports."""
        if not self._secret:
            raise ValueError("token() needs a secret: Pseudonymizer(secret='...')")
        return hmac.new(self._secret, str(key).encode(), hashlib.sha256).hexdigest()[:12]

    @property
    def mapping(self) -> dict[Hashable, str]:
        """Key -> label for every key labelled so far (keep it out of the export)."""
        return dict(self._labels)


# A capitalised word (with a hyphenated second part), or an initial ("K.").
_NAME_TOKEN = re.compile(r"(?<![\w.])([A-ZÆØÅ][a-zæøåäöüéè]+(?:-[A-ZÆØÅ][a-zæøåäöüéè]+)?|[A-ZÆØÅ]\.)")


def find_person_names(text: str) -> list[tuple[int, int]]:
    """Character spans of person names in free text, without a roster: a Danish
    first name (pipeline/lexicon/da_first_names.tsv) as a capitalised word, with
    the capitalised words and initials that follow it ("Svend Særkjær",
    "Anne K. Holm", "Stines"). Errs towards finding too much: it serves
    pseudonymisation, where a missed name is a leak and an extra one costs little."""
    from pipeline.lexicon import is_first_name

    spans: list[tuple[int, int]] = []
    tokens = list(_NAME_TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        word = tok[1]
        base = word[:-1] if word.endswith("s") and not is_first_name(word) else word
        if word.endswith(".") or not is_first_name(base.split("-")[0]):
            i += 1
            continue
        start, end, j = tok.start(), tok.end(), i + 1
        while j < len(tokens) and text[end : tokens[j].start()] in (" ", "\u00a0"):
            end = tokens[j].end()
            j += 1
        spans.append((start, end))
        i = j
    return spans


def replace_person_names(text: str, label: Callable[[str], str]) -> str:
    """`text` with every name find_person_names finds replaced by label(name)."""
    out, pos = [], 0
    for start, end in find_person_names(text):
        out.append(text[pos:start])
        out.append(label(text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


# File names and paths: the parts between separators are words; the separators,
# the extension and the list separator ("; ") of a documents column are kept.
_NAME_SEPARATORS = re.compile(r"([_\-.+ ,()\[\]]+)")
_PATH_PARTS = re.compile(r"([/\\]+)")
_LIST_SEPARATOR = "; "
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def pseudonymize_file_names(value: str, text: Callable[[str], str]) -> str:
    """A file name, a path, or a "; "-separated list of them, with the person names
    `text` (a free-text pseudonymiser, e.g. NameMasker.text_of) finds replaced:
    "referat_Stine_Johansen_2024-03-01.docx" -> "referat_Person 001_2024-03-01.docx".
    Separators ("_", "-", ".", spaces) read as spaces, so a name written with
    underscores is found; whatever is not a name keeps its spelling and separators."""
    return _LIST_SEPARATOR.join(
        "".join(
            part if k % 2 else _pseudonymize_file_name(part, text) for k, part in enumerate(_PATH_PARTS.split(item))
        )
        for item in value.split(_LIST_SEPARATOR)
    )


def _pseudonymize_file_name(name: str, text: Callable[[str], str]) -> str:
    from difflib import SequenceMatcher

    ext = _EXTENSION.search(name)
    stem, suffix = (name[: ext.start()], ext[0]) if ext and ext.start() > 0 else (name, "")
    parts = _NAME_SEPARATORS.split(stem)  # word, separator, word, ...
    words, seps = parts[0::2], parts[1::2]  # seps[i] lies between words[i] and words[i + 1]
    masked = text(" ".join(words)).split(" ")
    if masked == words:
        return name
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, words, masked, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(w + (seps[i] if i < i2 - 1 else "") for i, w in enumerate(words[i1:i2], i1)))
        else:
            out.append(" ".join(masked[j1:j2]))
        if i2 > i1 and i2 - 1 < len(seps):
            out.append(seps[i2 - 1])  # the separator after this run of words
        elif i2 == i1 and out[-1]:
            out.append(" ")  # words inserted between two others
    return "".join(out) + suffix
