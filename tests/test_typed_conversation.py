"""Conversations as people type them (issue 15), through the trained model
and the real action server (clock: an ordinary Monday at 10:00, conftest.MONDAY): asking for a
person, the form's language kept, a day's hours, cancelling a request, and a
Kela matter Neuvo does not cover offered beside an answer.
No phrasing here is a training phrasing."""
from datetime import timedelta

from actions.callback_queue import CallbackQueue
from common.content import other_kela_topics
from tests.conftest import CALLBACK_CAPACITY, MONDAY, variation


def queue(callback_db):
    return CallbackQueue(callback_db, CALLBACK_CAPACITY, 30)


def test_asking_for_a_person_offers_the_call_back_and_yes_starts_it(chat, domain):
    assert chat.texts("en halua jutella botin kaa, ihminen heti") == [
        variation(domain, "utter_offer_human", "fi")]
    assert chat.texts("joo kiitos")[-1] == variation(domain, "utter_ask_callback_line", "fi")


def test_shouting_for_a_person_is_never_the_bot_reply(chat, domain):
    offer = variation(domain, "utter_offer_human", "fi")
    assert chat.texts("IHMINEN!!!") == [offer]
    assert chat.texts("IHMINEN!!!") == [offer]


def test_a_second_bot_question_offers_a_person(chat, domain):
    assert chat.texts("puhunko mä nyt jonkun koneen kanssa") == [
        variation(domain, "utter_bot_challenge", "fi")]
    assert chat.texts("siis ootko sä oikeesti botti") == [variation(domain, "utter_offer_human", "fi")]


def test_swedish_person_request(chat, domain):
    assert chat.texts("kan jag få prata med en riktig handläggare") == [
        variation(domain, "utter_offer_human", "sv")]


def test_a_call_language_typed_in_the_form_does_not_change_the_conversations(chat, domain):
    chat.say("kan någon från FPA ringa upp mig om bostadsbidraget")
    assert chat.slot("language") == "sv" and chat.slot("callback_line") == "housing"
    replies = chat.texts("suomeksi")
    assert replies == [variation(domain, "utter_ask_callback_phone", "sv")]
    assert chat.slot("language") == "sv" and chat.slot("callback_language") == "fi"


def test_a_typed_topic_at_the_topic_step_fills_it(chat, domain):
    chat.say("voisko joku kelalta soittaa mulle")
    replies = chat.texts("toimeentulotuki")
    assert replies == [variation(domain, "utter_ask_callback_language", "fi")]
    assert chat.slot("callback_line") == "social_assistance"


def test_hours_on_a_named_day_and_a_follow_up_about_another(chat):
    [hours] = chat.texts("mihin aikaan kelaan voi soittaa keskiviikkona")
    assert hours.startswith("Keskiviikkona Kelan puhelinpalvelu on auki klo 9–16")
    [closed] = chat.texts("entäs sunnuntaina?")
    assert closed.startswith("Sunnuntaina Kelan puhelinpalvelu on kiinni.")
    # the Sunday after the clock's Monday: open again the Monday after it
    next_monday = MONDAY + timedelta(days=7)
    assert f"maanantaina {next_monday.day}.{next_monday.month}. klo 9" in closed


def test_a_stored_request_is_cancelled_later_in_the_same_conversation(chat, callback_db):
    chat.say("soittakaa mulle asumistuesta")
    chat.say("suomeksi")
    replies = chat.say("040 111 0501")
    chat.say(replies[-1]["buttons"][-1]["payload"])
    confirmation = chat.texts("kyllä")[0]
    [request] = [r for r in queue(callback_db).open_requests() if r.phone == "+358401110501"]
    assert request.reference in confirmation
    [reply] = chat.texts("hei, voitteko perua sen soittopyynnön, asia selvisi")
    assert request.reference in reply and "peruttu" in reply
    assert all(r.reference != request.reference for r in queue(callback_db).open_requests())


def test_a_request_is_cancelled_from_another_conversation_with_its_code(chat, agent, event_loop_,
                                                                          callback_db, domain):
    from tests.conftest import Chat
    chat.say("ring upp mig om studiestöd")
    chat.say("på svenska")
    replies = chat.say("040 111 0502")
    chat.say(replies[-1]["buttons"][0]["payload"])
    chat.say("ja")
    [request] = [r for r in queue(callback_db).open_requests() if r.phone == "+358401110502"]

    other = Chat(agent, event_loop_)
    assert other.texts("jag vill avboka en uppringning som jag bad om") == [
        variation(domain, "utter_ask_cancel_details", "sv")]
    [wrong] = other.texts(f"{request.reference} 9999")
    assert wrong == variation(domain, "utter_callback_request_not_found", "sv")
    assert any(r.reference == request.reference for r in queue(callback_db).open_requests())
    other.say("jag vill avboka en uppringning som jag bad om")
    [done] = other.texts(f"koden är {request.reference.lower()} och slutet 0502")
    assert request.reference in done
    assert other.slot("cancel_details") is None


def test_one_typed_message_with_the_number_and_the_matter_fills_both(chat, domain, callback_db):
    from actions.callback_form import PHONE_HELD
    replies = chat.texts("soita mulle numeroon 040 555 6677 asumistuesta")
    assert replies[-1] == variation(domain, "utter_ask_callback_language", "fi")
    assert chat.slot("callback_line") == "housing" and chat.slot("callback_phone") == PHONE_HELD
    assert queue(callback_db).held_phone(chat.sender) == "+358405556677"


def test_a_question_on_a_matter_neuvo_does_not_cover_gets_kelas_page_at_once(chat):
    replies = chat.texts("apteekissa lääkkeet maksoi tammikuussa ihan täyden hinnan, "
                         "liittyykö tää alkuomavastuuseen")
    assert other_kela_topics()["medicine_reimbursements"]["url"]["fi"] in replies[0]


def test_a_question_naming_a_matter_neuvo_does_not_cover_offers_it_and_a_typed_choice_routes(chat):
    [offer] = chat.say("unohdin kela-kortin kotiin, saanko silti apteekissa korvauksen "
                       "vaikka alkuomavastuu on täynnä")
    assert "Lääkekorvaukset" in [b["title"] for b in offer["buttons"]]
    replies = chat.texts("no se viimeinen sitten")
    assert other_kela_topics()["medicine_reimbursements"]["url"]["fi"] in replies[0]


def test_a_swedish_question_naming_an_uncovered_matter_is_offered_it_too(chat):
    [offer] = chat.say("glömde fpa-kortet hemma, får jag ändå ersättningen på apoteket "
                       "fast initialsjälvrisken är full")
    [matter] = [b for b in offer["buttons"] if b["title"] == "Läkemedelsersättningar"]
    replies = chat.texts(matter["payload"])
    assert other_kela_topics()["medicine_reimbursements"]["url"]["sv"] in replies[0]


def test_a_situation_that_may_be_another_kela_matter_offers_it_and_a_typed_choice_routes(chat):
    [offer] = chat.say("työterveyslääkäri sanoi et voisin palata masennuksen jälkeen ensin "
                       "puolipäiväsesti töihin, mitä rahaa siihen väliin saa")
    assert "Muu Kelan asia" in [b["title"] for b in offer["buttons"]]
    replies = chat.texts("no se viimeinen sitten")
    assert "https://www.kela.fi/kelan-etuudet" in replies[0]


def test_a_swedish_situation_that_may_be_another_fpa_matter_offers_it_too(chat):
    [offer] = chat.say("min rygg opererades och jag har varit hemma en månad utan lön, vad kan jag få")
    [matter] = [b for b in offer["buttons"] if b["title"] == "Annat FPA-ärende"]
    replies = chat.texts(matter["payload"])
    assert "https://www.kela.fi/fpas-formaner" in replies[0]
