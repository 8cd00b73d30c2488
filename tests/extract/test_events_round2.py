"""Events, round two of the blind-written set: a date fixed or moved with 'til' ("Næste
møde blev fastsat til onsdag den 19. marts", "Skolefesten flyttes til fredag d. 28/11") is
a happening; a deadline with 'til' is still none. Every document here is synthetic."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from helpers.events import H, P, _dates  # noqa: E402


def _one(line: str) -> set[str]:
    return _dates(
        [(P, "Referat af bestyrelsesmøde 22. januar 2025"), (H, "5. Eventuelt"), (P, line)], date(2025, 1, 22)
    )


def test_a_meeting_fixed_with_til_is_an_event():
    assert _one("Næste bestyrelsesmøde blev fastsat til onsdag den 19. marts kl. 17.00 på værket.") == {"2025-03-19"}
    assert _one("Næste møde blev fastlagt til tirsdag d. 4/3 kl. 9.30 på Rådhuset.") == {"2025-03-04"}


def test_a_happening_moved_with_til_is_an_event():
    assert _one("Skolefesten flyttes fra uge 46 til fredag d. 28/11.") == {"2025-11-28"}


def test_a_deadline_with_til_is_none():
    assert _one("Tilmeldingen er åben til 1. marts.") == set()
    assert _one("Tilbuddet gælder til den 15. april.") == set()
