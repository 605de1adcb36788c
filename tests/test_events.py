"""Unit tests of the NLP stages on sentences written for these tests."""

from __future__ import annotations

import pytest

from tribune.records import Status


def _mentions(nlp, text: str, anchor: str | None = "2024-05-10"):
    doc = nlp.make_doc(text)
    doc._.tribune_doc_id = "test"
    doc._.tribune_anchor = anchor
    doc = nlp(doc)
    return doc, doc._.event_mentions


def test_one_actor_for_every_spelling(nlp):
    doc, _ = _mentions(
        nlp,
        "North Korean leader Kim Jong-un inspected a shipyard on Monday. "
        "Kim Jong Un later met officials. Kim told them to speed up the work.",
    )
    ids = {a.actor_id for a in doc._.actors if a.kind == "person"}
    assert ids == {"kim-jong-un"}


def test_titles_as_stated_before_and_after_a_name(nlp):
    doc, _ = _mentions(nlp, "Chinese Premier Li Qiang met Dmitry Medvedev, deputy chairman of Russia's Security Council, in Beijing.")
    titles = {a.name: a.title for a in doc._.actors if a.kind == "person"}
    assert titles["Li Qiang"] == "Chinese Premier"
    assert titles["Dmitry Medvedev"].startswith("deputy chairman of Russia")


def test_model_errors_are_repaired(nlp):
    doc, _ = _mentions(nlp, "Troops marched across Kim Il Sung Square as hypersonic missiles rolled past the stand.")
    people = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert people == []
    assert any(e.label_ == "FAC" and "Square" in e.text for e in doc.ents)


@pytest.mark.parametrize(
    "sentence, status",
    [
        ("The army held a military parade in the capital on Friday.", Status.HAPPENED),
        ("The army will hold a military parade in the capital next week.", Status.PLANNED),
        ("The minister is expected to attend the summit in Jakarta next month.", Status.PLANNED),
        ("Analysts say the parade could feature a new missile.", Status.SPECULATED),
        ("The government denied that a missile test took place.", Status.DENIED),
        ("Officials were scheduled to sign the agreement in Hanoi.", Status.PLANNED),
    ],
)
def test_status_from_modality(nlp, sentence, status):
    _, mentions = _mentions(nlp, sentence)
    assert mentions, sentence
    assert mentions[0].status == status


def test_relative_dates_anchor_on_the_document(nlp):
    _, mentions = _mentions(nlp, "The navy held a live-fire exercise on Tuesday off the east coast.", anchor="2024-05-10")
    [exercise] = [m for m in mentions if m.type == "military_exercise"]
    assert exercise.date.value == "2024-05-07"


def test_a_report_before_the_event_is_not_a_report_that_it_happened(nlp):
    _, mentions = _mentions(nlp, "The country held a parade on May 20 to mark its founding.", anchor="2024-05-10")
    assert mentions[0].date.value == "2024-05-20"
    assert mentions[0].status == Status.PLANNED


def test_delegation_head_and_host(nlp):
    _, mentions = _mentions(
        nlp,
        "North Korea held a military parade in Pyongyang on Thursday. "
        "A Chinese delegation led by Vice Premier Liu Guozhong attended the parade.",
        anchor="2023-09-10",
    )
    roles = {p.name: p.role for m in mentions for p in m.participants}
    assert roles.get("Liu Guozhong") == "delegation_head"
    assert len({m.group for m in mentions if m.type == "parade"}) == 1, "both sentences describe one parade"


def test_sender_and_recipient_of_a_letter(nlp):
    _, mentions = _mentions(nlp, "Vladimir Putin sent a letter to Kim Jong Un on Sunday.")
    [letter] = [m for m in mentions if m.type == "letter"]
    roles = {p.name: p.role for p in letter.participants}
    assert roles == {"Vladimir Putin": "sender", "Kim Jong Un": "recipient"}


def test_weapons_known_and_unknown(nlp):
    _, mentions = _mentions(nlp, "The parade showed the Hwasong-18 and a new intercontinental ballistic missile called Hwasong-21.")
    weapons = {w.name: w.weapon_class for m in mentions for w in m.weapons}
    assert weapons["Hwasong-18"] == "ICBM"
    assert weapons.get("Hwasong-21") == "ICBM"
