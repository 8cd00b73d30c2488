"""Attendees, absentees and stated roles; the meeting's roster of full names.

This module gathers the public names of the participant stage; the work is split by job:
participant_labels (the labels and zones that open a list, the status they give),
names (name parsing and splitting), roster (the roster and how a mention resolves),
roles (stated roles, first names resolved to full names) and participants (the finder).

Participant lists are found from cue labels ("Til stede:", "Afbud:",
"Deltagere (digitalt)", "Udeblivende medlemmer") anywhere in the document: the
header zone, an item whose title is such a cue, inside any item ("c)
Tilstedeværende", "§1 Til stede:") and in table cells. Names are split on
commas/"og", one per line or as a lettered list "(a) Name;", with reasons and
roles in parentheses or after a dash kept apart ("Jens Hansen (syg)", "Ulla -
syg", "Mette Lund, formand"). A participant line after a dated line naming
another meeting ("09/04/2025 Økonomiudvalget", the history of a case in a
portal export) belongs to that meeting and is skipped. First names stay as
written unless the document gives the person's full name somewhere (a
participant list, a "Referent:" line, a signature).
"""

from __future__ import annotations

from pipeline.extract.names import NameMention, _is_role_word, _strip_role_prefix, looks_like_name, split_names
from pipeline.extract.participant_labels import Roll, Status, _cue_status, participant_labels
from pipeline.extract.participants import ParticipantFinder, find_participants
from pipeline.extract.roster import Roster

__all__ = [
    "NameMention",
    "ParticipantFinder",
    "Roll",
    "Roster",
    "Status",
    "_cue_status",
    "_is_role_word",
    "_strip_role_prefix",
    "find_participants",
    "looks_like_name",
    "participant_labels",
    "split_names",
]
