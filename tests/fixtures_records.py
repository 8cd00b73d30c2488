"""MeetingRecords built by hand for store/query tests, and a synthetic generator.

Realistic records of two organisations over a couple of years, modelled on the
seeds and their gold: KOMDIR's board (HB) in 2020-2022, with "Henrik Kruise"
(2020) and "Henrik Kruse" (2022) being one person and "Henrik Winther" another,
and Socialchefforeningen's bestyrelse. Every record's provenance points into the
text built with it, so `text[start:end]` is the record's sentence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field

from pipeline.types import (
    Action,
    AgendaItem,
    DateRange,
    Decision,
    DocumentMeta,
    Event,
    Meeting,
    MeetingRecord,
    Participant,
    Provenance,
    RoleAssignment,
    VoteTally,
)


@dataclass
class Built:
    """A record and the canonical text its provenance points into."""

    record: MeetingRecord
    text: str

    def save(self, store, **kw) -> None:
        kw.setdefault("size", len(self.text.encode()))
        kw.setdefault("mtime", 1_700_000_000.0)
        kw.setdefault("reader", "fixture")
        store.save(self.record, DocumentMeta(text=self.text, **kw))


@dataclass
class DocBuilder:
    """Appends lines of canonical text and hands out provenance into them."""

    name: str
    org: str | None
    body: str | None
    kind: str
    date: dt.date | None
    title: str
    mode: str | None = None
    folder: str = "data/raw"
    lines: list[str] = field(default_factory=list)
    page: int = 1
    rec: dict = field(
        default_factory=lambda: {
            k: [] for k in ("attendees", "absentees", "roles", "agenda_items", "decisions", "actions", "events")
        }
    )

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def doc_id(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    def line(self, text: str, rule: str = "fixture") -> Provenance:
        start = len(self.text) + (1 if self.lines else 0)
        self.lines.append(text)
        return Provenance(doc_id="pending", page=self.page, start=start, end=start + len(text), rule=rule)

    def find(self, text: str, rule: str = "fixture") -> Provenance:
        start = self.text.rindex(text)
        return Provenance(doc_id="pending", page=self.page, start=start, end=start + len(text), rule=rule)

    # -- records

    def people(self, names: list[str], status: str, roles: dict[str, str] | None = None) -> None:
        label = "Deltagere: " if status == "present" else "Afbud: "
        self.line(label + ", ".join(names))
        for name in names:
            self.rec["attendees" if status == "present" else "absentees"].append(
                Participant(
                    name=name,
                    status=status,
                    role=(roles or {}).get(name),
                    reason="syg" if status == "absent" and name.startswith("W") else None,
                    provenance=self.find(name, "participants.list@v1"),
                )
            )

    def role(self, name: str, role: str) -> None:
        p = self.line(f"{role.capitalize()}: {name}")
        self.rec["roles"].append(RoleAssignment(name=name, role=role, provenance=p))

    def item(self, number: str, title: str, owner: str | None = None) -> None:
        p = self.line(f"{number}. {title}" + (f" (Tovholder: {owner})" if owner else ""), "agenda.heading@v1")
        self.rec["agenda_items"].append(AgendaItem(number=number, title=title, owner=owner, provenance=p))

    def decision(self, item: str, text: str, due: DateRange | None = None, votes: VoteTally | None = None) -> None:
        p = self.line(text, "decision.cue@v1")
        self.rec["decisions"].append(Decision(item=item, text=text, due=due, votes=votes, provenance=p))

    def action(self, item: str, text: str, owners: list[str], due: DateRange | None = None) -> None:
        p = self.line(text, "action.cue@v1")
        self.rec["actions"].append(Action(item=item, text=text, owners=owners, due=due, provenance=p))

    def event(self, date: dt.date, text: str, end: dt.date | None = None) -> None:
        p = self.line(f"{date.day}/{date.month} {date.year} {text}", "event.calendar@v1")
        self.rec["events"].append(Event(date=date, end=end, text=text, provenance=p))

    def build(self, fmt: str = "txt") -> Built:
        doc_id = self.doc_id
        for records in self.rec.values():
            for r in records:
                r.provenance.doc_id = doc_id
        record = MeetingRecord(
            document=f"{self.name}.{fmt}",
            doc_id=doc_id,
            path=f"{self.folder}/{self.name}.{fmt}",
            format=fmt,
            pages=self.page,
            pipeline="fixture",
            meeting=Meeting(
                organization=self.org, body=self.body, kind=self.kind, title=self.title, date=self.date, mode=self.mode
            ),
            **self.rec,
        )
        return Built(record, self.text)


def due(text: str, start: str, end: str | None = None, precision: str = "day") -> DateRange:
    return DateRange(
        text=text, start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end or start), precision=precision
    )


# ------------------------------------------------------------------ KOMDIR


def komdir_2020() -> Built:
    d = DocBuilder(
        "komdir_hb_2020-09-17_dagsorden",
        "KOMDIR",
        "HB",
        "minutes",
        dt.date(2020, 9, 17),
        "Dagsorden HB-møde",
        "digital",
    )
    d.line("Dagsorden HB-møde")
    d.line("17. september 2020")
    d.people(
        ["Niels Ågesen", "Per Røner", "Lars Svenningsen", "Stine Johansen", "Tommy Christiansen", "Lone Lyrskov"],
        "present",
        {"Niels Ågesen": "formand"},
    )
    d.people(["Lars Holte", "Eik Møller", "Jan Kallestrup", "Willy Feddersen", "Henrik Kruise", "Rie Perry"], "absent")
    d.item("1", "Meddelelser")
    d.item("2", "INDSATSOMRÅDE: Et styrket lokaldemokrati og kommunestyre", "Stine Johansen")
    d.decision(
        "2",
        "HB ønsker en kvantitativ og kvalitativ undersøgelse, der kan præsenteres i forsommeren 2021.",
        due("forsommeren 2021", "2021-05-01", "2021-06-30", "period"),
    )
    d.decision("2", "HB er enige om at fortsætte i det indledende arbejde.")
    d.action("2", "Stine Johansen udarbejder et oplæg til næste møde.", ["Stine Johansen"])
    d.item("3", "INDSATSOMRÅDE: Kommunernes rammevilkår", "Eik Møller")
    d.decision("3", "Drøftelsen fortsætter på næste møde.")
    d.item("4", "INDSATSOMRÅDE: Bedre sammenhæng for borgerne", "Rie Perry")
    d.item("5", "KL/KOMDIR-fællesmøde")
    d.decision("5", "HB besluttede at sætte budgettet på dagsordenen.")
    d.action(
        "5",
        "Sekretariatet tager kontakt til KL om en dato.",
        ["sekretariatet"],
        due("primo oktober", "2020-10-01", "2020-10-10", "period"),
    )
    d.item("6", "Udpegning til udvalg")
    d.decision(
        "6",
        "HB godkendte udpegningen af Per Røner til udvalget.",
        votes=VoteTally(**{"for": 5, "against": 0, "abstain": 1, "text": "5 for, 1 hverken for eller imod"}),
    )
    d.item("7", "Mødekalender")
    d.event(dt.date(2020, 11, 5), "HB-møde")
    d.event(dt.date(2021, 1, 14), "HB-møde")
    d.item("8", "Eventuelt")
    return d.build()


def komdir_2021() -> Built:
    d = DocBuilder(
        "komdir_hb_2021-03-29_referat", "KOMDIR", "HB", "minutes", dt.date(2021, 3, 29), "Referat HB-møde", "digital"
    )
    d.line("Referat HB-møde 29. marts 2021")
    d.people(["Niels Aagesen", "Eik Møller", "Henrik Kruse", "Stine Johansen", "Rie Perry", "Lone Lyrskov"], "present")
    d.people(["Willy Feddersen", "Tommy Christiansen"], "absent")
    d.role("Lone Lyrskov", "referent")
    d.item("1", "Regnskab 2020")
    d.decision("1", "HB godkendte regnskabet for 2020.")
    d.item("2", "Budget 2021")
    d.decision("2", "Det blev aftalt at hæve kontingentet med 2 procent fra 1. juli.", due("1. juli", "2021-07-01"))
    d.action(
        "2",
        "Henrik Kruse undersøger konsekvenserne for de mindre kredse.",
        ["Henrik Kruse"],
        due("uge 20", "2021-05-17", "2021-05-23", "week"),
    )
    d.item("3", "Årsmøde")
    d.decision("3", "Årsmødet afholdes digitalt.")
    d.action("3", "Formandskabet vender tilbage med et program.", ["formandskabet"])
    d.event(dt.date(2021, 5, 20), "Årsmøde")
    return d.build()


def komdir_2022_agenda() -> Built:
    d = DocBuilder(
        "komdir_hb_2022-01-14_dagsorden",
        "KOMDIR",
        "HB",
        "agenda",
        dt.date(2022, 1, 14),
        "Dagsorden HB-møde",
        "physical",
    )
    d.line("Dagsorden HB-møde fredag 14. januar 2022, Kommunernes Hus")
    d.people(["Niels Ågesen", "Eik Møller", "Henrik Kruse", "Henrik Winther"], "present")
    for number, title in [
        ("1", "Deltagere"),
        ("2", "Aktuelt"),
        ("3", "Nyt direktionsforløb"),
        ("4", "Samarbejde med Kronprins Frederiks Center for Offentlig Ledelse"),
        ("5", "Økonomi og kontingent"),
        ("6", "Større arrangementer 2022"),
        ("8", "Eventuelt"),
    ]:
        d.item(number, title)
    return d.build()


def komdir_2022() -> Built:
    d = DocBuilder(
        "komdir_hb_2022-01-14_referat", "KOMDIR", "HB", "minutes", dt.date(2022, 1, 14), "Referat HB-møde", "digital"
    )
    d.line("Referat HB-møde")
    d.line("14. januar 2022")
    d.people(
        [
            "Niels Ågesen",
            "Eik Møller",
            "Christine Brochdorf",
            "Henrik Kruse",
            "Henrik Winther",
            "Jan Kallestrup",
            "Tommy Christiansen",
            "Stine Johansen",
            "Lone Lyrskov",
            "Rie Perry",
        ],
        "present",
    )
    d.people(["Willy Feddersen", "Lars Svenningsen"], "absent")
    d.item("1", "Deltagere (digitalt)")
    d.item("2", "Aktuelt")
    d.action("2", "Eik Møller er i kontakt med KOMDIRs kontakt i DJØF og holder HB informeret.", ["Eik Møller"])
    d.decision(
        "2",
        "HB ønsker fortsat, at formanden kontakter den fyrede/opsagte kollega, lige som det "
        "forventes, at kredsformanden/-næstformanden også gør det.",
    )
    d.decision(
        "2",
        "HB ønsker dels en koordineret indsats med Socialchefforeningen, hvorfor "
        "formandskabet skal tage kontakt til foreningens formand, samt et møde med "
        "Svend Særkjær.",
    )
    d.action(
        "2",
        "HB ønsker dels en koordineret indsats med Socialchefforeningen, hvorfor "
        "formandskabet skal tage kontakt til foreningens formand.",
        ["formandskabet"],
    )
    d.item("3", "Nyt direktionsforløb")
    d.decision("3", "Der er enighed om rammerne og et generelt fokus på kvalitet i oplæg.")
    d.action(
        "3", "KL/Komponent vil nu gå videre med at udforme de endelige programmer + udsende tilbud.", ["KL/Komponent"]
    )
    d.event(dt.date(2022, 1, 11), "møde med Paraplyen og KL")
    d.item("4", "Samarbejde med Kronprins Frederiks Center for Offentlig Ledelse")
    d.item("6", "Større arrangementer 2022")
    d.decision(
        "6",
        "Pga. et sammenfald med et paraplyarrangement i Hovedstadskredsen rykkes årsmødet til 20/5.",
        due("20/5", "2022-05-20"),
    )
    d.action(
        "6",
        "Arbejdsgruppen mødes snarrest. Deltagere er Niels Ågesen, Eik Møller, Henrik Winther og Stine Johansen.",
        ["Niels Ågesen", "Eik Møller", "Henrik Winther", "Stine Johansen"],
    )
    d.action(
        "6",
        "Sekretariatet vil derfor – med arbejdsgruppens input – udarbejde en one pager med "
        "information om KOMDIR-deltagere og KOMDIR-relevante emner",
        ["sekretariatet"],
    )
    d.item("7", "Kalender")
    d.event(dt.date(2022, 2, 2), "Fællesmøde KL/KOMDIR")
    d.event(dt.date(2022, 3, 7), 'svenske "kvalitetsmesse" om kommunal ledelse', dt.date(2022, 3, 9))
    d.event(dt.date(2022, 5, 20), "Årsmøde")
    d.item("8", "Eventuelt")
    d.decision("8", "Emnet sættes på næste HB-møde.")
    return d.build()


# ------------------------------------------------------------------ Socialchefforeningen


def scf_2021() -> Built:
    d = DocBuilder(
        "scf_bestyrelse_2021-05-10_referat",
        "Socialchefforeningen",
        "bestyrelsen",
        "minutes",
        dt.date(2021, 5, 10),
        "Referat af bestyrelsesmøde",
        "physical",
    )
    d.line("Referat af bestyrelsesmøde 10. maj 2021")
    d.people(["Mette Dahl", "Karsten Bjerre", "Anne Marie Holm", "Ole Nielsen"], "present", {"Mette Dahl": "formand"})
    d.people(["Winnie Lund"], "absent")
    d.item("1", "Godkendelse af dagsorden")
    d.decision("1", "Bestyrelsen godkendte dagsordenen.")
    d.item("2", "Medlemssag")
    d.decision("2", "Bestyrelsen besluttede at støtte medlemmet med CPR-nr. 170980-1234 (kontakt tlf. 12 34 56 78).")
    d.action(
        "2",
        "Karsten Bjerre kontakter medlemmet inden udgangen af maj.",
        ["Karsten Bjerre"],
        due("udgangen af maj", "2021-05-31"),
    )
    d.item("3", "Samarbejde med KOMDIR")
    d.action("3", "Mette Dahl tager kontakt til KOMDIRs formandskab.", ["Mette Dahl"])
    return d.build()


def scf_2022() -> Built:
    d = DocBuilder(
        "scf_bestyrelse_2022-02-07_referat",
        "Socialchefforeningen",
        "bestyrelsen",
        "minutes",
        dt.date(2022, 2, 7),
        "Referat af bestyrelsesmøde",
        "hybrid",
    )
    d.line("Referat af bestyrelsesmøde 7. februar 2022")
    d.people(["Mette Dahll", "Karsten Bjerre", "Anne Marie Holm", "Winnie Lund"], "present")
    d.people(["Ole Nielsen"], "absent")
    d.item("1", "Sundhedsreformen")
    d.decision("1", "Bestyrelsen besluttede at udarbejde et høringssvar sammen med KOMDIR.")
    d.action(
        "1",
        "Anne Marie Holm udarbejder udkast til høringssvar.",
        ["Anne Marie Holm"],
        due("ultimo februar", "2022-02-21", "2022-02-28", "period"),
    )
    d.item("2", "Økonomi")
    d.decision(
        "2",
        "Budgettet blev vedtaget med 3 stemmer for og 1 imod.",
        votes=VoteTally(**{"for": 3, "against": 1, "abstain": 0}),
    )
    d.event(dt.date(2022, 3, 15), "Generalforsamling")
    return d.build()


def all_records() -> list[Built]:
    """Six documents: four KOMDIR (one an agenda of a meeting whose minutes are here too), two SCF."""
    return [komdir_2020(), komdir_2021(), komdir_2022_agenda(), komdir_2022(), scf_2021(), scf_2022()]


# ------------------------------------------------------------------ synthetic

_FIRST = [
    "Anne",
    "Bo",
    "Camilla",
    "Dorthe",
    "Erik",
    "Frederik",
    "Gitte",
    "Hans",
    "Ida",
    "Jens",
    "Karen",
    "Lars",
    "Mette",
    "Niels",
    "Ole",
    "Pia",
    "Rasmus",
    "Søren",
    "Tina",
    "Ulla",
]
_LAST = [
    "Andersen",
    "Bech",
    "Christensen",
    "Dam",
    "Eriksen",
    "Frandsen",
    "Graversen",
    "Holm",
    "Iversen",
    "Jørgensen",
    "Kjær",
    "Lund",
    "Mortensen",
    "Nørgaard",
    "Østergaard",
    "Poulsen",
]
_ORGS = [("KOMDIR", "HB"), ("Socialchefforeningen", "bestyrelsen"), ("FOA", "FU")]
_CUES = [
    "HB besluttede at {x}.",
    "Det blev aftalt at {x}.",
    "Bestyrelsen godkendte at {x}.",
    "Der er enighed om at {x}.",
    "Udvalget vedtog at {x}.",
]
_TOPICS = [
    "udsætte budgettet",
    "holde årsmøde i maj",
    "styrke rekrutteringen",
    "ændre kontingentet",
    "invitere ministeren",
    "revidere strategien",
    "nedsætte en arbejdsgruppe",
    "afholde seminar",
]
_BODIES = ["sekretariatet", "formandskabet", "Arbejdsgruppen"]


def _typo(name: str, rng: random.Random) -> str:
    """Double one letter of the last name: a one-edit variant."""
    first, last = name.rsplit(" ", 1)
    i = rng.randrange(1, len(last))
    return f"{first} {last[:i]}{last[i - 1]}{last[i:]}"


def synthetic(n: int = 200, seed: int = 0) -> list[Built]:
    """`n` minutes and agendas of three organisations, 2019-2023, with name typos."""
    rng = random.Random(seed)
    pools = {org: [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(14)] for org, _ in _ORGS}
    for org in pools:
        pools[org] = list(dict.fromkeys(pools[org]))
    out = []
    for i in range(n):
        org, body = _ORGS[i % len(_ORGS)]
        date = dt.date(2019, 1, 1) + dt.timedelta(days=7 * (i // len(_ORGS)) + rng.randrange(3))
        kind = "agenda" if i % 10 == 9 else "minutes"
        d = DocBuilder(
            f"{org.lower()}_{body.lower()}_{date}_{i:04d}_{kind}",
            org,
            body,
            kind,
            date,
            f"{'Dagsorden' if kind == 'agenda' else 'Referat'} {body}-møde",
            "digital",
            folder=f"data/raw/{org.lower()}",
        )
        d.line(f"{d.title} {date.isoformat()}")
        members = rng.sample(pools[org], 10)
        members = [_typo(m, rng) if rng.random() < 0.05 else m for m in members]
        d.people(members[:8], "present")
        d.people(members[8:], "absent")
        for k in range(1, 11):
            d.item(str(k), f"Punkt {k}: {rng.choice(_TOPICS)}", members[k % 8] if k % 3 == 0 else None)
            if kind == "agenda":
                continue
            d.decision(
                str(k),
                rng.choice(_CUES).format(x=rng.choice(_TOPICS)) + f" (sag {i}.{k})",
                due(f"{date + dt.timedelta(days=30)}", str(date + dt.timedelta(days=30))) if k % 4 == 0 else None,
            )
            owner = rng.choice(members[:8] + _BODIES)
            d.action(str(k), f"{owner} undersøger {rng.choice(_TOPICS)} (sag {i}.{k}).", [owner])
            d.event(date + dt.timedelta(days=14 * k), f"Møde {k} i {body}")
        out.append(d.build())
    return out


def simple(
    name: str,
    org: str | None,
    date: str | None,
    present: list[str] = (),
    absent: list[str] = (),
    *,
    body: str | None = "HB",
    kind: str = "minutes",
    decisions: list[str] = (),
    actions: list[tuple[str, list[str]]] = (),
    items: list[tuple[str, str]] = (),
    folder: str = "data/raw",
    fmt: str = "txt",
) -> Built:
    """A small record for one test: people, decisions, actions (text, owners), agenda items."""
    d = DocBuilder(
        name, org, body, kind, dt.date.fromisoformat(date) if date else None, f"Referat {name}", folder=folder
    )
    d.line(f"Referat {name}")
    if present:
        d.people(list(present), "present")
    if absent:
        d.people(list(absent), "absent")
    for number, title in items:
        d.item(number, title)
    for text in decisions:
        d.decision("1", text)
    for text, owners in actions:
        d.action("1", text, owners)
    return d.build(fmt)
