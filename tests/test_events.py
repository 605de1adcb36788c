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
        ("Chilean President Gabriel Boric is to take part in the celebration of the 200th anniversary in Lima.", Status.PLANNED),
        ("The Kenyan president was to meet his Ugandan counterpart in Kampala on Tuesday.", Status.PLANNED),
        ("Boric took part in the celebration of the anniversary in Lima on Monday.", Status.HAPPENED),
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


# -- issue #5: in-document grouping, dates, scope of participants, weak types ---------------------


def _by_type(mentions, kind):
    return [m for m in mentions if m.type == kind]


def test_a_speech_takes_the_date_of_the_parade_told_just_before(nlp):
    _, mentions = _mentions(
        nlp,
        "The army held a military parade in the capital on Saturday. "
        "President Emmanuel Macron, in a grey coat, told the crowd that the country would never bow to pressure.",
        anchor="2024-05-13",
    )
    [speech] = _by_type(mentions, "statement")
    assert speech.date is not None and speech.date.value == "2024-05-11"
    assert {p.role for p in speech.participants} <= {"speaker"}


def test_a_definite_reference_joins_the_event_already_told(nlp):
    _, mentions = _mentions(
        nlp,
        "Leaders of the bloc opened their summit in Johannesburg on Tuesday. "
        "Officials said a new membership category may be announced at the meeting.",
        anchor="2024-05-16",
    )
    groups = {m.group for m in mentions if m.type in {"summit", "meeting"}}
    assert len(groups) == 1, "'the meeting' is the summit told in the sentence before"
    assert all(m.type == "summit" for m in mentions if m.group in groups)


def test_people_inside_another_events_phrase_are_not_participants(nlp):
    _, mentions = _mentions(
        nlp,
        "Pyongyang held a parade on Saturday to mark the anniversary. "
        "The absence of Russian ministers at the festivities fuelled speculation about a possible summit between Kim Jong Un and Vladimir Putin.",
        anchor="2023-09-11",
    )
    parade_people = {p.name for m in mentions if m.type in {"parade", "ceremony"} for p in m.participants}
    assert "Vladimir Putin" not in parade_people
    summit = [m for m in mentions if m.type in {"summit", "meeting"}]
    assert summit and {"Kim Jong Un", "Vladimir Putin"} <= {p.name for m in summit for p in m.participants}


def test_a_clause_that_only_dates_the_event_brings_no_participants(nlp):
    _, mentions = _mentions(
        nlp,
        "The army paraded its newest missiles on Monday. "
        "The parade came three weeks before Yoon Suk Yeol takes office as president.",
        anchor="2022-04-26",
    )
    assert "Yoon Suk Yeol" not in {p.name for m in _by_type(mentions, "parade") for p in m.participants}


def test_a_predecessor_named_in_passing_is_not_a_participant(nlp):
    _, mentions = _mentions(
        nlp,
        "The parade was held on Monday evening. Yoon Suk Yeol has promised a tougher line than his predecessor, Moon Jae-in, at the parade.",
        anchor="2022-04-26",
    )
    assert "Moon Jae-in" not in {p.name for m in mentions for p in m.participants}


def test_an_expected_weekday_is_the_coming_one(nlp):
    _, mentions = _mentions(nlp, "A large military parade is expected on Thursday in the capital.", anchor="2024-05-13")
    [parade] = _by_type(mentions, "parade")
    assert parade.status == Status.PLANNED
    assert parade.date.value == "2024-05-16"


def test_a_week_gives_its_month(nlp):
    _, mentions = _mentions(nlp, "The minister met the visiting general earlier this week to discuss security.", anchor="2023-07-27")
    [meeting] = _by_type(mentions, "meeting")
    assert meeting.date is not None and meeting.date.value == "2023-07"


def test_a_word_that_names_a_place_is_not_a_trigger(nlp):
    _, mentions = _mentions(
        nlp,
        "Satellite images showed troops drilling at a parade training ground, and a large parade is expected on Friday.",
        anchor="2024-05-13",
    )
    [parade] = _by_type(mentions, "parade")
    assert parade.status == Status.PLANNED


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("No agreement was signed at the end of the talks.", "agreement"),
        ("The minister did not give a speech at the ceremony.", "statement"),
        ("The planned signing ceremony was cancelled at the last minute.", "ceremony"),
        ("Russian troop deployments have changed the course of the war.", "troop_deployment"),
        ("Solid-fuel missiles can be fired more quickly than older ones.", "weapons_test"),
        ("The president has met his counterpart five times.", "meeting"),
    ],
)
def test_events_said_not_to_exist_or_only_in_general_are_not_mentions(nlp, sentence, kind):
    _, mentions = _mentions(nlp, sentence)
    assert not _by_type(mentions, kind), sentence


def test_a_signed_or_adopted_declaration_is_an_agreement(nlp):
    _, mentions = _mentions(nlp, "The leaders adopted a joint declaration on Wednesday.", anchor="2024-05-10")
    assert _by_type(mentions, "agreement")
    assert not _by_type(mentions, "statement")


def test_what_an_office_holder_says_is_a_statement_and_an_analyst_is_a_source(nlp):
    _, mentions = _mentions(nlp, "President Joe Biden told reporters on Monday that the talks had gone well.", anchor="2024-05-10")
    [statement] = _by_type(mentions, "statement")
    assert {p.name: p.role for p in statement.participants} == {"Joe Biden": "speaker"}
    _, mentions = _mentions(nlp, "Analysts said the parade was larger than last year's.")
    assert not _by_type(mentions, "statement")


def test_a_hedge_inside_what_was_said_does_not_hedge_the_statement(nlp):
    _, mentions = _mentions(nlp, "At a news conference on Thursday, President Emmanuel Macron suggested that a deal could come soon.", anchor="2024-05-10")
    [statement] = _by_type(mentions, "statement")
    assert statement.status == Status.HAPPENED


def test_a_delegation_that_will_attend_is_planned(nlp):
    _, mentions = _mentions(
        nlp,
        "The country will hold a military parade on Friday. "
        "State media said that a Chinese delegation led by Vice Premier Liu Guozhong will also attend.",
        anchor="2024-05-13",
    )
    [cue] = [m for m in mentions if "Liu Guozhong" in {p.name for p in m.participants}]
    assert cue.status == Status.PLANNED


def test_the_organising_country_tells_who_are_guests(nlp):
    _, mentions = _mentions(
        nlp,
        "North Korea staged a military parade on Friday night. Chinese Premier Li Qiang watched the parade beside the leader.",
        anchor="2025-10-11",
    )
    roles = {p.name: p.role for m in mentions for p in m.participants}
    assert roles.get("Li Qiang") == "delegation_head"


def test_a_speculated_meeting_with_someone_new_is_not_the_meeting_already_told(nlp):
    _, mentions = _mentions(
        nlp,
        "In August, the foreign ministry held a meeting of its ambassadors. "
        "The country may change course. "
        "Its leader has left open the possibility of talks with President Donald Trump.",
        anchor="2025-10-10",
    )
    meetings = _by_type(mentions, "meeting")
    first = meetings[0].group
    assert "Donald Trump" not in {p.name for m in meetings if m.group == first for p in m.participants}


def test_talks_between_other_people_are_another_meeting(nlp):
    _, mentions = _mentions(
        nlp,
        "Kim Jong Un met Sergei Shoigu on Wednesday. "
        "Shoigu also held talks with Defence Minister Kang Sun Nam, who later hosted a reception for him.",
        anchor="2023-07-28",
    )
    meetings = _by_type(mentions, "meeting")
    assert len({m.group for m in meetings}) == 2
    [kang] = [m for m in meetings if "Kang Sun Nam" in {p.name for p in m.participants}]
    assert "Kim Jong Un" not in {p.name for m in meetings if m.group == kang.group for p in m.participants}


def test_a_trip_told_as_the_setting_of_a_parade_is_the_parade(nlp):
    _, mentions = _mentions(
        nlp,
        "Last month the leader travelled to Beijing, where he stood with President Xi Jinping at a military parade.",
        anchor="2025-10-11",
    )
    assert _by_type(mentions, "parade")
    assert not _by_type(mentions, "visit")


def test_the_first_launch_since_a_date_implies_one_then(nlp):
    _, mentions = _mentions(
        nlp,
        "The army fired a long-range missile into the sea on Tuesday. It was the country's first missile launch since the end of March.",
        anchor="2024-05-10",
    )
    dates = {m.date.value for m in _by_type(mentions, "weapons_test") if m.date}
    assert "2024-05-07" in dates and "2024-03" in dates
    assert len({m.group for m in _by_type(mentions, "weapons_test")}) == 2


def test_a_denial_in_the_next_sentence_denies_the_alleged_transfer(nlp):
    _, mentions = _mentions(
        nlp,
        "Western governments have accused the regime of supplying artillery shells to the junta. Both governments have denied the claim.",
    )
    transfers = _by_type(mentions, "arms_transfer")
    assert transfers and {m.status for m in transfers} == {Status.DENIED}
    assert len({m.group for m in transfers}) == 1


def test_a_denial_in_a_relative_clause_denies_the_event(nlp):
    _, mentions = _mentions(nlp, "Officials say the country has sent ammunition to its neighbour, which its government denies.")
    [transfer] = _by_type(mentions, "arms_transfer")
    assert transfer.status == Status.DENIED


def test_a_negated_verb_does_not_deny_an_event_named_in_a_side_phrase(nlp):
    _, mentions = _mentions(
        nlp,
        "The army held a parade on Saturday. Unlike the parade in July, the event did not feature long-range missiles.",
        anchor="2023-09-11",
    )
    assert Status.DENIED not in {m.status for m in _by_type(mentions, "parade")}


def test_arriving_is_a_visit_only_for_people(nlp):
    _, mentions = _mentions(nlp, "The prime minister, who arrived by train on Tuesday, met the president on Wednesday.", anchor="2024-05-10")
    assert _by_type(mentions, "visit")
    _, mentions = _mentions(nlp, "The missile flew for forty minutes before landing in the sea, the ministry said.", anchor="2024-05-10")
    assert not _by_type(mentions, "visit")


def test_the_leader_watching_a_launch_takes_part_in_the_test(nlp):
    _, mentions = _mentions(
        nlp,
        "North Korea test-fired a new solid-fuel missile on Thursday. Kim Jong Un watched the launch with senior officials.",
        anchor="2023-04-14",
    )
    tests = _by_type(mentions, "weapons_test")
    assert "Kim Jong Un" in {p.name for m in tests for p in m.participants}


def test_follow_up_talks_by_someone_else_are_another_meeting(nlp):
    _, mentions = _mentions(
        nlp,
        "Donald Trump and Kim Jong Un held a summit in Singapore on Tuesday. "
        "Secretary of State Mike Pompeo is expected to hold follow-up talks with officials soon.",
        anchor="2018-06-13",
    )
    summit = [m for m in mentions if m.type == "summit"]
    assert summit and "Mike Pompeo" not in {p.name for m in mentions if m.group == summit[0].group for p in m.participants}


def test_on_the_same_day_takes_the_day_of_the_main_event(nlp):
    _, mentions = _mentions(
        nlp,
        "The two leaders met at a space centre in the far east on Wednesday. They held talks for several hours. "
        "Officials described the mood as warm. On the same day, the army fired two short-range ballistic missiles into the sea.",
        anchor="2023-09-14",
    )
    [test] = _by_type(mentions, "weapons_test")
    assert test.date is not None and test.date.value == "2023-09-13"


def test_a_question_tells_of_no_new_event(nlp):
    _, mentions = _mentions(nlp, "What was the purpose of the visit? Is there a potential meeting between the two leaders?")
    assert not _by_type(mentions, "meeting")


def test_an_earlier_meeting_implied_by_since_attracts_no_other_mention(nlp):
    _, mentions = _mentions(
        nlp,
        "Vladimir Putin hosted Kim Jong Un at a launch site on Wednesday. It was the pair's first meeting since 2019. "
        "The two leaders then held talks lasting several hours.",
        anchor="2023-09-14",
    )
    by_group: dict[int, set[str]] = {}
    for m in mentions:
        if m.type in {"meeting", "summit"}:
            by_group.setdefault(m.group, set()).add(m.date.value if m.date else None)
    assert {"2019"} in by_group.values()
    assert any("2023-09-13" in dates for dates in by_group.values())


@pytest.mark.parametrize(
    "sentence",
    [
        "The vice premier is in Hanoi from Saturday to Monday, state media said.",
        "The president is expected to reach the border town of Lang Son on Tuesday.",
        "The prime minister landed at the capital's airport shortly after dawn on Wednesday.",
    ],
)
def test_being_reaching_and_landing_somewhere_are_visits(nlp, sentence):
    _, mentions = _mentions(nlp, sentence)
    assert _by_type(mentions, "visit"), sentence


def test_reaching_an_agreement_is_not_a_visit(nlp):
    _, mentions = _mentions(nlp, "The two leaders reached an agreement on border patrols on Monday.")
    assert not _by_type(mentions, "visit")
    assert _by_type(mentions, "agreement")


def test_telling_reporters_is_quoting_unless_it_is_an_occasion(nlp):
    _, mentions = _mentions(nlp, "Defence Secretary Lloyd Austin told reporters that the missile flew higher than expected.")
    assert not _by_type(mentions, "statement")
    _, mentions = _mentions(nlp, "Defence Secretary Lloyd Austin told reporters on Tuesday that the missile flew higher than expected.", anchor="2024-05-10")
    assert _by_type(mentions, "statement")


def test_the_day_of_a_report_does_not_date_what_it_reports(nlp):
    _, mentions = _mentions(
        nlp,
        "The country said on Friday that it had tested a new long-range missile. "
        "State media said Kim Jong Un watched Thursday's launch from a command post.",
        anchor="2023-04-14",
    )
    dates = {m.date.value for m in _by_type(mentions, "weapons_test") if m.date}
    assert "2023-04-14" not in dates
    assert "2023-04-13" in dates


# -- rules added for previews, background and the parts of a visit ----------------------------------------


def test_a_capital_named_as_the_government_is_not_where_the_site_lies(nlp):
    _, mentions = _mentions(nlp, "The Russian leader hosted Kim Jong Un at the Vostochny Cosmodrome on Monday, suggesting Moscow could help with rockets.")
    places = {m.location.name for m in mentions if m.location}
    assert "Moscow" not in places
    assert "Vostochny Cosmodrome" in places


def test_a_relative_clause_says_when_and_where_the_summit_takes_place(nlp):
    _, mentions = _mentions(
        nlp, "The leader's train was heading for Vietnam for his second summit with the president, which is set to take place in Hanoi on Wednesday.", anchor="2019-02-25"
    )
    summit = _by_type(mentions, "summit")
    assert summit and summit[0].location.name == "Hanoi"
    assert summit[0].date.value == "2019-02-27"


def test_talks_on_the_next_day_of_a_summit_are_part_of_it(nlp):
    _, mentions = _mentions(
        nlp, "Trump and Kim will hold a summit in Hanoi on Wednesday. The two leaders will then hold talks on Thursday at a hotel in Hanoi.", anchor="2019-02-25"
    )
    assert {m.group for m in mentions if m.type in ("summit", "meeting")} == {mentions[0].group}


def test_a_trip_told_only_as_the_way_to_talks_is_not_an_event_of_its_own(nlp):
    _, mentions = _mentions(nlp, "Kim visited Russia last September and met Putin at a spaceport in the Far East.", anchor="2024-06-18")
    assert not _by_type(mentions, "visit")
    assert _by_type(mentions, "meeting") or _by_type(mentions, "summit")


def test_talks_on_the_day_of_a_visit_and_its_welcome_ceremony_belong_to_the_visit(nlp):
    _, mentions = _mentions(
        nlp,
        "Vladimir Putin arrived in Pyongyang on Wednesday and was greeted by Kim Jong Un. "
        "A welcome ceremony was later held in Kim Il Sung Square. "
        "A treaty was signed on Wednesday after talks at a guest house.",
        anchor="2024-06-19",
    )
    visit = _by_type(mentions, "visit")
    assert visit
    assert not _by_type(mentions, "meeting"), "the talks are the visit's"
    ceremony = _by_type(mentions, "ceremony")
    assert ceremony and {"Vladimir Putin", "Kim Jong Un"} <= {p.name for p in ceremony[0].participants}


def test_a_speculated_trip_is_not_the_meeting_of_years_ago(nlp):
    _, mentions = _mentions(
        nlp, "Kim Jong Un could travel to Russia next week to meet Vladimir Putin, officials said. Kim and Putin last met in April 2019 in Vladivostok.", anchor=None
    )
    past = [m for m in mentions if m.date and m.date.value == "2019-04"]
    ahead = [m for m in mentions if m.status in (Status.SPECULATED, Status.PLANNED)]
    assert past and ahead
    assert {m.group for m in past}.isdisjoint({m.group for m in ahead})


def test_a_trip_that_may_happen_is_the_trip_to_the_summit_speculated_about(nlp):
    _, mentions = _mentions(
        nlp,
        "Officials expect a summit between Kim Jong Un and Vladimir Putin soon. Kim may travel to Russia by train in the coming days.",
        anchor="2023-09-10",
    )
    assert not _by_type(mentions, "visit")
    assert len({m.group for m in mentions}) == 1


def test_topics_and_routines_are_not_events(nlp):
    _, mentions = _mentions(nlp, "The three allies agreed to share data on missile launches by the end of the year and to hold annual military exercises.")
    assert not _by_type(mentions, "weapons_test")
    assert not _by_type(mentions, "military_exercise")


def test_the_parade_that_began_at_midnight_is_the_days_parade(nlp):
    _, mentions = _mentions(
        nlp, "North Korea staged a militia parade on Saturday. The parade in Kim Il Sung Square began at midnight on Sunday.", anchor="2023-09-10"
    )
    assert len({m.group for m in _by_type(mentions, "parade")}) == 1


def test_what_a_past_summit_produced_is_part_of_that_summit(nlp):
    _, mentions = _mentions(nlp, "Kim and Trump met in Singapore in June and signed a statement on denuclearisation.", anchor="2018-09-09")
    assert not _by_type(mentions, "agreement")
    # the same, told as news, is an agreement of its own
    _, news = _mentions(nlp, "Kim and Trump met in Singapore on Tuesday and signed a statement on denuclearisation.", anchor="2018-06-13")
    assert _by_type(news, "agreement")


def test_a_day_that_times_another_event_does_not_date_the_meeting(nlp):
    _, mentions = _mentions(nlp, "The two leaders landed in Singapore on Sunday, two days before their first meeting.", anchor="2018-06-10")
    assert all(m.date_evidence != "Sunday" for m in _by_type(mentions, "meeting") + _by_type(mentions, "summit"))
    _, mentions = _mentions(nlp, "Kim, who arrived by train on Wednesday, said he hoped the meeting would succeed.", anchor="2019-04-25")
    assert all(m.date is None for m in _by_type(mentions, "meeting"))


def test_the_city_visited_is_where_the_visit_was(nlp):
    _, mentions = _mentions(nlp, "In July, the defence minister Sergei Shoigu visited Pyongyang.", anchor=None)
    visit = _by_type(mentions, "visit")
    assert visit and visit[0].location and visit[0].location.name == "Pyongyang"


def test_hedged_weapon_lists_belong_to_the_display_that_may_happen(nlp):
    text = (
        "The parade planned for next month could also be used to unveil new strategic weapons. "
        "The leader has boasted of a powerful new weapon without describing it. "
        "Analysts said candidates could include the Hwasong-19 and a new Chonma-20 tank."
    )
    _doc, mentions = _mentions(nlp, text, anchor="2024-09-12")
    parades = [m for m in mentions if m.type == "parade"]
    assert parades and all(m.status in (Status.SPECULATED, Status.PLANNED) for m in parades)
    shown = {w.name for m in parades for w in m.weapons}
    assert {"Hwasong-19", "Chonma-20"} <= shown
    # the same list after a parade that happened is not pinned on it
    _doc, past = _mentions(nlp, "The parade was held on Monday in the capital. Analysts said later tests could include the Hwasong-19.", anchor="2024-09-12")
    assert not any(w.name == "Hwasong-19" for m in past if m.type == "parade" for w in m.weapons)


def test_the_year_an_anniversary_was_marked_dates_that_earlier_gathering(nlp):
    text = (
        "China will send Premier Li Qiang to Pyongyang's military parade on October 10 marking the party's 80th anniversary. "
        "The delegation will arrive on Thursday. Officials in Seoul are watching closely. "
        "For the party's 70th anniversary in 2015, China sent Liu Yunshan, then fifth in its hierarchy."
    )
    _doc, mentions = _mentions(nlp, text, anchor="2025-10-08")
    parades = {m.date.value if m.date else None: m for m in mentions if m.type == "parade"}
    assert [p.name for p in parades["2025-10-10"].participants if p.name != "China"] == ["Li Qiang"]
    assert [p.name for p in parades["2015"].participants] == ["Liu Yunshan"] and parades["2015"].status == Status.HAPPENED
