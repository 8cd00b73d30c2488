"""Hard-wrapped plain text (e-mailed and typed minutes): a paragraph broken at a
fixed width is one block again; lines that open blocks of their own stay apart."""

from __future__ import annotations

from pipeline.ingest.text import starts_block, text_blocks
from pipeline.ingest.unwrap import unwrap, wrap_width

WRAPPED = """\
Referat af bestyrelsesmøde i Sejlklubben Nordvig, tirsdag d. 4/3 kl. 19
Til stede: Hanne Lyng (formand), Rasmus Krog (kasserer), Ib Thomsen og
Maja Vinther (sekretær)
Fraværende: Ole Dahl

1. Godkendelse af dagsorden
Godkendt.

2. Slæbestedet
Ib: Betonen ved slæbestedet er revnet flere steder, og kommunen har
lovet at se på det inden sæsonstart. Bestyrelsen besluttede at bede om
et møde. Rasmus skriver til kommunen og foreslår tirsdag eller onsdag i
uge 12.
- Hanne tager billeder af skaderne
- Maja sætter punktet på hjemmesiden

3. Eventuelt
Intet.
"""


def test_a_wrapped_paragraph_is_one_block():
    texts = [b.text for b in text_blocks(WRAPPED)]
    assert (
        "Ib: Betonen ved slæbestedet er revnet flere steder, og kommunen har lovet at se på det inden sæsonstart. "
        "Bestyrelsen besluttede at bede om et møde. Rasmus skriver til kommunen og foreslår tirsdag eller onsdag i "
        "uge 12." in texts
    )
    assert "Til stede: Hanne Lyng (formand), Rasmus Krog (kasserer), Ib Thomsen og Maja Vinther (sekretær)" in texts


def test_lines_that_open_blocks_stay_apart():
    texts = [b.text for b in text_blocks(WRAPPED)]
    for line in (
        "Fraværende: Ole Dahl",
        "1. Godkendelse af dagsorden",
        "Godkendt.",
        "Hanne tager billeder af skaderne",
    ):
        assert line in texts


def test_quoted_reply_lines_join_each_other_and_not_the_text_around_them():
    text = "\n".join(["> " + line if line else ">" for line in WRAPPED.splitlines()])
    texts = [b.text for b in text_blocks("Tak, ingen rettelser.\n\n" + text)]
    assert texts[0] == "Tak, ingen rettelser."
    assert any(t.startswith("Ib: Betonen") and t.endswith("uge 12.") for t in texts)


def test_text_with_long_unwrapped_lines_is_left_alone():
    lines = [
        "Bestyrelsen drøftede den kommende sæson og de mange nye medlemmer, der er kommet til siden nytår, og hvordan de bedst tages imod.",
        "Kort linje",
    ] * 6
    assert wrap_width(lines) is None


def test_a_rule_line_takes_no_continuation_and_d_dot_date_continues():
    lines = WRAPPED.splitlines()
    lines.insert(0, "-" * 70)
    lines.insert(1, "REFERAT")
    width = wrap_width(lines)
    assert width is not None
    out = list(unwrap(lines, starts_block, width))
    assert out[:2] == ["-" * 70, "REFERAT"]
    assert not starts_block("d. 24/3 kl. 16.00 ved bådebroen.")
    assert starts_block("b. Valg af revisor")


def test_a_hanging_indent_joins_its_lines_and_not_the_heading_beside_it():
    text = "\n".join(
        [
            "REFERAT AF BESTYRELSESMØDE I GRØNNEBAKKEN VANDVÆRK, 4. MARTS 2031 KL. 19",
            "Til stede: Arne Holm, Lis Bak, Kim Dal og Ole Nørgaard, og desuden Hanne",
            "Friis (revisor).",
            "",
            "Pkt. 1  Godkendelse af referat",
            "        Godkendt.",
            "",
            "Pkt. 2  Generalforsamling",
            "        Bestyrelsen besluttede at afholde generalforsamlingen tirsdag den",
            "        24. marts 2031 kl. 19.30 i forsamlingshuset. Lis og Kim står for",
            "        indkaldelsen, som skal ud senest tre uger før.",
            "",
            "Pkt. 3  Eventuelt",
            "        Intet.",
        ]
    )
    texts = [b.text for b in text_blocks(text)]
    assert (
        "Bestyrelsen besluttede at afholde generalforsamlingen tirsdag den 24. marts 2031 kl. 19.30 i "
        "forsamlingshuset. Lis og Kim står for indkaldelsen, som skal ud senest tre uger før." in texts
    )
    assert "Pkt. 2 Generalforsamling" in texts and "Godkendt." in texts


def test_a_wrapped_line_may_start_with_a_date():
    assert not starts_block("24. marts 2031 kl. 19.30 i forsamlingshuset.")
    assert starts_block("2. Generalforsamling")


def test_decimal_sub_item_numbers_open_blocks():
    assert starts_block("3.2    Julekoncert med blæserkvintet søndag den 15. december")
    assert starts_block("4.1.2 Vedligehold")
