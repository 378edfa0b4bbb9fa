"""A short follow-up is answered within the conversation's topic, and the
answer just given is not repeated: a note and the related answers instead."""
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import yaml

from actions.answer import ActionAnswer
from actions.follow_up import is_follow_up, within_topic
from tests.conftest import ROOT

DOMAIN = {"responses": yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]}


def message(text, *ranking):
    return {"text": text, "intent": {"name": "faq"},
            "response_selector": {"faq": {"ranking": [
                {"intent_response_key": f"faq/{k}", "confidence": p} for k, p in ranking]}}}


def answered(key):
    """The events of a turn in which the assistant gave `key`."""
    return [{"event": "user", "text": "q", "parse_data": {
                "intent": {"name": "faq"},
                "response_selector": {"faq": {"response": {"intent_response_key": f"faq/{key}"}}}}},
            {"event": "bot", "text": "...", "metadata": {"utter_action": f"utter_faq/{key}"}}]


def run(latest, earlier_events):
    tracker = Tracker("t", {"language": "fi"}, latest, earlier_events + [{"event": "user", **latest}],
                      False, None, {}, None)
    dispatcher = CollectingDispatcher()
    events = ActionAnswer().run(dispatcher, tracker, DOMAIN)
    return dispatcher.messages, events


def test_a_short_follow_up_gets_the_topics_answer_over_another_benefits():
    latest = message("entä jos asun kämppiksen kanssa?",
                     ("study_grant", 0.5), ("general_housing_allowance_household", 0.3),
                     ("housing_report_changes", 0.05))
    [reply], _ = run(latest, answered("general_housing_allowance"))
    assert reply["response"] == "utter_faq/general_housing_allowance_household"


def test_close_answers_of_the_topic_are_offered_instead():
    latest = message("entä jos muutan?",
                     ("study_grant", 0.5), ("general_housing_allowance_household", 0.2),
                     ("housing_report_changes", 0.18))
    [reply], events = run(latest, answered("general_housing_allowance"))
    assert [b["payload"] for b in reply["buttons"]][:2] == [
        '/choose_answer{"answer_key": "general_housing_allowance_household"}',
        '/choose_answer{"answer_key": "housing_report_changes"}']
    assert events[0]["value"] == ["general_housing_allowance_household", "housing_report_changes"]


def test_a_question_naming_a_benefit_keeps_its_own_answer():
    latest = message("entä opintotuki?", ("study_grant", 0.6), ("general_housing_allowance", 0.2))
    assert within_topic(latest, "housing") is None
    [reply], _ = run(latest, answered("general_housing_allowance"))
    assert reply["response"] == "utter_faq/study_grant"


def test_a_long_question_stands_alone():
    text = "saako opiskelija jonka vanhemmat asuvat ulkomailla jotain tukea asumiseen kesällä"
    assert not is_follow_up(text) and is_follow_up("kuinka paljon sitä saa?")


def test_the_answer_just_given_is_not_repeated():
    latest = message("ja vielä kerran se sama", ("child_benefit", 0.6), ("child_benefit_apply", 0.2),
                     ("child_benefit_single_parent_supplement", 0.1))
    [reply], _ = run(latest, answered("child_benefit"))
    assert reply["text"] == DOMAIN["responses"]["utter_already_answered"][0]["text"]
    assert all("child_benefit\"" not in b["payload"] for b in reply["buttons"])
    assert len(reply["buttons"]) >= 2


def test_a_first_question_gets_its_answer():
    latest = message("paljonko lapsilisää saa", ("child_benefit", 0.8), ("study_grant", 0.1))
    [reply], events = run(latest, [])
    assert reply["response"] == "utter_faq/child_benefit"
    assert {"event": "slot", "timestamp": None, "name": "topic", "value": "families"} in events


def housing_texts():
    from content_review.catalogue import answers
    return {t.text for t in answers() if t.metadata.get("topic") == "housing"}


def test_typed_follow_up_in_a_housing_conversation_stays_on_housing(chat):
    from common.content import answer_topics
    chat.say("voinko saada yleistä asumistukea vuokra-asuntoon")
    [reply] = chat.say("entäs jos asun kaverin kanssa?")
    if reply.get("buttons"):
        keys = [b["payload"].split('"')[3] for b in reply["buttons"][:-1]]
        assert keys and all(answer_topics()[k] == "housing" for k in keys)
    else:
        assert reply["text"] in housing_texts()


def read_elsewhere(intent, text, *ranking):
    """A message the intent model sent to `intent`; a ranking only when it left the answers a share."""
    latest = {"text": text, "intent": {"name": intent}}
    if ranking:
        latest["response_selector"] = message(text, *ranking)["response_selector"]
    return latest


def run_action(action, latest, earlier_events):
    tracker = Tracker("t", {"language": "fi"}, latest, earlier_events + [{"event": "user", **latest}],
                      False, None, {}, None)
    dispatcher = CollectingDispatcher()
    action.run(dispatcher, tracker, DOMAIN)
    return dispatcher.messages


def test_a_follow_up_the_model_read_as_out_of_scope_gets_the_topics_answer():
    from actions.out_of_scope import ActionOutOfScope
    latest = read_elsewhere("out_of_scope", "millon se tulee tilille",
                            ("payment_dates", 0.4), ("housing_allowance_paid_to_landlord", 0.2),
                            ("study_aid_payment", 0.05))
    [reply] = run_action(ActionOutOfScope(), latest, answered("general_housing_allowance"))
    assert reply["response"] == "utter_faq/housing_allowance_paid_to_landlord"


def test_out_of_scope_without_a_topic_or_a_ranking_keeps_the_hand_off():
    from actions.out_of_scope import ActionOutOfScope
    with_ranking = read_elsewhere("out_of_scope", "millon se tulee tilille", ("payment_dates", 0.4))
    [reply] = run_action(ActionOutOfScope(), with_ranking, [])
    assert reply["response"] == "utter_out_of_scope"
    # "the weather then?" after a housing answer: the model left the answers no share
    [reply] = run_action(ActionOutOfScope(), read_elsewhere("out_of_scope", "entä sää huomenna"),
                         answered("general_housing_allowance"))
    assert reply["response"] == "utter_out_of_scope"


def test_a_follow_up_read_as_another_kela_matter_stays_in_the_topic():
    from actions.other_kela_topic import ActionOtherKelaTopic
    latest = read_elsewhere("ask_other_kela_topic", "och om vi bor två där?",
                            ("general_housing_allowance_household", 0.5), ("study_grant", 0.1))
    [reply] = run_action(ActionOtherKelaTopic(), latest, answered("general_housing_allowance"))
    assert reply["response"] == "utter_faq/general_housing_allowance_household"
