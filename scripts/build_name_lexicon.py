"""Build pipeline/lexicon/da_first_names.txt and da_last_names.txt from the
Danish name frequencies in ../shared/data/names (2005 statistics of
"Danskernes Navne", Afdeling for Navneforskning, University of Copenhagen, via
Thomas-Rosenkrans-Vestergaard/danish-names; see ../shared/data/SOURCES.md).

Only names borne by at least MIN_COUNT people are kept: the lists tell a
person's name from an ordinary word; they never reject a name on their own.

    python scripts/build_name_lexicon.py [--names ../shared/data/names]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

MIN_COUNT = 20
OUT = Path(__file__).resolve().parents[1] / "pipeline" / "lexicon"


def load(path: Path) -> list[tuple[str, int]]:
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(f, delimiter="\t")
        return [(r["name"], int(r["count"])) for r in rows if int(r["count"]) >= MIN_COUNT]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--names", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "names")
    a = ap.parse_args()
    for src, dst in (
        ("first_names.tsv", "da_first_names.tsv"),
        ("last_names.tsv", "da_last_names.tsv"),
        ("middle_names.tsv", "da_middle_names.tsv"),
    ):
        rows = load(a.names / src)
        header = "# Danish names borne by >= %d people (Danskernes Navne 2005, KU); name<TAB>count\n" % MIN_COUNT
        (OUT / dst).write_text(header + "".join(f"{n}\t{c}\n" for n, c in rows), encoding="utf-8")
        print(dst, len(rows))


if __name__ == "__main__":
    main()
