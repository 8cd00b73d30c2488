"""The user's alias file: spellings mapped to a canonical name, and pairs never to merge."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import StoreError
from pipeline.store.names import clean, fold


@dataclass(frozen=True)
class AliasFile:
    """User overrides: `[aliases]` spelling = canonical name; `[separate]` pairs.

    ```toml
    [aliases]
    "Henrik Kruise" = "Henrik Kruse"

    [separate]
    "Anne Hansen" = ["Anne Hanssen"]      # or: pairs = [["Anne Hansen", "Anne Hanssen"]]
    ```
    """

    aliases: dict[str, str] = field(default_factory=dict)  # key -> canonical spelling
    separate: frozenset[frozenset[str]] = frozenset()  # pairs of keys
    text: str = ""  # the file's content, kept in the database so later runs agree

    @classmethod
    def load(cls, path: Path | None) -> AliasFile:
        """Read an alias file; None gives no overrides."""
        if path is None:
            return cls()
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise StoreError(f"alias file not found: {path} (create it or leave out --aliases)") from None
        except UnicodeDecodeError:
            raise StoreError(f"alias file {path} is not UTF-8 text (save it as UTF-8)") from None
        return cls.parse(text, str(path))

    @classmethod
    def parse(cls, text: str, source: str = "alias file") -> AliasFile:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise StoreError(
                f'{source} is not valid TOML: {e} (expected [aliases] lines like "Henrik Kruise" = "Henrik Kruse")'
            ) from None
        aliases = {}
        for spelling, target in (data.get("aliases") or {}).items():
            if not isinstance(target, str):
                raise StoreError(
                    f"{source}: [aliases] {spelling!r} must map to one name "
                    f'in quotes, e.g. "{spelling}" = "Canonical Name"'
                )
            aliases[fold(spelling)] = clean(target)
        return cls(aliases, frozenset(_separate_pairs(data.get("separate") or {}, source)), text)

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest() if self.text else ""


def _separate_pairs(section: dict | list, source: str) -> set[frozenset[str]]:
    """`[separate]` as `"A" = "B"`, `"A" = ["B", "C"]` or `pairs = [["A", "B"]]`."""
    pairs: set[frozenset[str]] = set()
    items = section.items() if isinstance(section, dict) else [("pairs", section)]
    for left, right in items:
        if left == "pairs":
            for pair in right:
                if not isinstance(pair, list) or len(pair) != 2:
                    raise StoreError(f"{source}: each [separate] pair needs two names, got {pair!r}")
                pairs.add(frozenset({fold(pair[0]), fold(pair[1])}))
            continue
        for other in [right] if isinstance(right, str) else right:
            pairs.add(frozenset({fold(left), fold(other)}))
    return pairs
