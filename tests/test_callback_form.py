"""The call-back request form end to end: the trained model, the real action
server (clock: an ordinary Monday at 10:00, computed from today: conftest.MONDAY)
and a SQLite queue."""
import uuid

import pytest

from actions.callback_form import PHONE_HELD
from actions.callback_queue import CallbackQueue
from tests.clock_days import day_label
from tests.conftest import CALLBACK_CAPACITY, MONDAY, TUESDAY, variation

CLOCK = {"fi": "klo", "sv": "kl.", "en": "at"}


def window_titles(language):
    """Today's and tomorrow's mornings and afternoons, as the buttons say them."""
    return [f"{day_label(day, language)} {CLOCK[language]} {hours}"
            for day in (MONDAY, TUESDAY) for hours in ("9–12", "12–16")]


@pytest.fixture
def queue(callback_db):
    return CallbackQueue(callback_db, CALLBACK_CAPACITY, 30)


def stored(queue, phone):
    return [r for r in queue.open_requests() if r.phone == phone]


def stored_for(queue, chat):
    """This conversation's open requests: the queue is shared by every test."""
    return [r for r in queue.open_requests() if r.open_conversation == chat.sender]


def open_form_at_phone(chat, line="housing", language="fi"):
    """Ask for a call-back, click the matter and the language: the form asks the number."""
    chat.say("soita minulle" if language == "fi" else "kan ni ringa upp mig")
    chat.say(f'/inform{{"phone_line": "{line}"}}')
    return chat.say(f'/inform{{"call_language": "{language}"}}')


def fill_until_consent(chat, phone_text, line_button=True, language="fi"):
    replies = chat.say("soita minulle" if language == "fi" else "kan ni ringa upp mig")
    if line_button:
        assert replies[-1]["buttons"], "asks which matter, with buttons"
        replies = chat.say('/inform{"phone_line": "housing"}')
    replies = chat.say(f'/inform{{"call_language": "{language}"}}')
    assert "040 123 4567" in replies[-1]["text"]  # the example number
    replies = chat.say(phone_text)
    times = replies[-1]["buttons"]
    assert [b["title"] for b in times] == window_titles(language)
    return chat.say(times[2]["payload"])  # Tuesday morning


def test_happy_path_stores_the_request_before_confirming(chat, queue):
    replies = fill_until_consent(chat, "040 111 0001")
    assert "tallentaa" in replies[-1]["text"]
    # until the request is stored the number waits in the queue's database, not in a slot
    assert chat.slot("callback_phone") == PHONE_HELD
    assert queue.held_phone(chat.sender) == "+358401110001"
    [confirmation] = chat.texts("/affirm")
    [request] = stored(queue, "+358401110001")
    assert (request.line, request.language, request.window) == ("housing", "fi", "morning")
    assert confirmation.startswith("Soittopyyntö on tallennettu. Tunnus: " + request.reference)
    assert f"huomenna ({day_label(TUESDAY, 'fi')}) klo 9–12" in confirmation
    assert chat.slot("callback_phone") is None  # the number lives only in the queue
    assert queue.held_phone(chat.sender) is None  # now in the request


def test_swedish_form_takes_the_line_from_the_conversation(chat, queue):
    chat.say("kan jag få allmänt bostadsbidrag för hyran")
    replies = chat.say("kan ni ringa upp mig")
    assert "På vilket språk" in replies[-1]["text"]  # no question about the matter
    chat.say('/inform{"call_language": "sv"}')
    replies = chat.say("+358 40 111 0002")
    chat.say(replies[-1]["buttons"][0]["payload"])
    [confirmation] = chat.texts("/affirm")
    assert confirmation.startswith("Din begäran om uppringning är sparad.")
    assert stored(queue, "+358401110002")[0].line == "housing"


def test_submitting_twice_creates_one_request(chat, queue):
    fill_until_consent(chat, "040 111 0003")
    first = chat.texts("/affirm")[0]
    fill_until_consent(chat, "040 111 0003")
    second = chat.texts("/affirm")[0]
    assert len(stored(queue, "+358401110003")) == 1
    assert first.split("Tunnus: ")[1][:8] == second.split("Tunnus: ")[1][:8]


@pytest.mark.parametrize("language, correction, said", [
    ("fi", "väärä numero, oikea on 050 765 4301", "korjasin numeroksi +358507654301"),
    ("sv", "fel nummer, det rätta är 050 765 4302", "ändrade numret till +358507654302"),
])
def test_number_corrected_at_the_last_step_is_the_one_stored(chat, queue, language, correction,
                                                             said):
    replies = open_form_at_phone(chat, "families", language)
    replies = chat.say("040 111 0009")
    chat.say(replies[-1]["buttons"][-1]["payload"])  # Tuesday afternoon
    replies = chat.say(correction)
    assert said in replies[0]["text"]
    assert replies[-1]["buttons"][0]["payload"] == "/affirm"  # consent asked again
    chat.say("/affirm")
    [request] = stored(queue, said[-13:])
    assert (request.line, request.language) == ("families", language)
    assert not stored(queue, "+358401110009")


def test_invalid_number_is_asked_again_with_an_example(chat, queue):
    open_form_at_phone(chat, "students")
    replies = chat.texts("040 12")
    assert replies[0].startswith("Tämä ei ole kelvollinen suomalainen puhelinnumero")
    assert replies[-1].startswith("Mihin numeroon sinulle soitetaan?")
    replies = chat.texts("+46 70 123 45 67")
    assert replies[0].startswith("Soittopyynnön voi jättää vain suomalaiseen numeroon")


def test_three_invalid_numbers_give_the_phone_line_instead(chat, queue):
    open_form_at_phone(chat, "students")
    chat.say("123")
    chat.say("kaksi kolme")
    replies = chat.texts("040 12")
    assert replies[0].startswith("Numero ei valitettavasti mennyt läpi")
    assert replies[1].startswith("Opiskelijat: 020 692 209")
    assert stored_for(queue, chat) == []


@pytest.mark.parametrize("stop,language", [("peruuta", "fi"), ("avbryt", "sv")])
def test_stop_works_at_any_step_and_stores_nothing(chat, queue, stop, language):
    open_form_at_phone(chat, "housing", language)
    chat.say("040 111 0009")
    [reply] = chat.texts(stop)
    assert reply.startswith("Soittopyyntö peruttiin" if language == "fi" else "Begäran om uppringning avbröts")
    assert stored_for(queue, chat) == [] and chat.slot("callback_phone") is None
    assert queue.held_phone(chat.sender) is None  # the number given before stopping is gone


def test_identity_code_is_refused_never_stored_or_echoed(chat, queue):
    open_form_at_phone(chat, "housing")
    replies = chat.texts("131052-308T")
    assert replies[0].startswith("Älä kirjoita henkilötunnustasi")
    assert not any("131052" in r for r in replies)
    assert replies[-1].startswith("Mihin numeroon")  # asked again, form goes on
    assert chat.slot("callback_phone") is None
    assert not any("131052" in (r.phone or "") for r in queue.open_requests())


def test_identity_code_outside_the_form_is_refused(chat):
    assert chat.texts("hetuni on 131052-308T, mikä on päätökseni?")[0].startswith(
        "Älä kirjoita henkilötunnustasi")


def test_english_request_is_asked_in_english_and_called_back_in_english(chat, queue, domain):
    """Issue 14 item 4: "call me back" in English gets the form in English, with
    the call language preset, all typed; the replies after it go back to the
    user's own language when they write Finnish again."""
    replies = chat.say("could somebody from kela ring me back")
    assert replies[-1]["text"] == variation(domain, "utter_ask_callback_line", "en")
    assert replies[-1]["buttons"][0]["title"] == "Families with children"
    replies = chat.texts("it's about my housing allowance")
    assert replies == [variation(domain, "utter_ask_callback_phone", "en")]  # no language question
    replies = chat.say("040 111 0077")
    assert [b["title"] for b in replies[-1]["buttons"]][:2] == window_titles("en")[:2]
    replies = chat.texts("this morning")
    assert replies == [variation(domain, "utter_ask_callback_consent", "en")]
    [confirmation] = chat.texts("yes, that's ok")
    [request] = stored(queue, "+358401110077")
    assert (request.line, request.language, str(request.day), request.window) == (
        "housing", "en", MONDAY.isoformat(), "morning")
    assert f"Reference: {request.reference}" in confirmation
    assert f"We will call today ({day_label(MONDAY, 'en')}) at 9–12" in confirmation
    assert chat.texts("kiitos paljon")[0] == variation(domain, "utter_thank", "fi")


def test_question_in_the_middle_of_the_form_is_answered_and_the_form_goes_on(chat):
    chat.say("kan ni ringa upp mig")
    chat.say('/inform{"phone_line": "housing"}')
    replies = chat.texts("är du en riktig människa")
    assert replies[0].startswith("Jag är Neuvo, en automatisk rådgivningsbot")
    assert replies[-1].startswith("På vilket språk vill du bli uppringd?")


def test_no_consent_stores_nothing(chat, queue):
    fill_until_consent(chat, "040 111 0005")
    [reply] = chat.texts("/deny")
    assert reply.startswith("Selvä, en tallenna numeroasi")
    assert not stored(queue, "+358401110005")
    assert queue.held_phone(chat.sender) is None


@pytest.fixture
def students_tuesday_full(queue):
    """The students' line full on Tuesday, for one test: emptied after it, so
    the tests after it (in any order) can still book that day."""
    fillers = [f"filler-{n}-{uuid.uuid4().hex[:6]}" for n in range(CALLBACK_CAPACITY)]
    for filler in fillers:
        queue.submit(filler, "+358401119999", "students", "fi", TUESDAY, "morning")
    yield
    for filler in fillers:
        queue.cancel_open(filler)


def test_full_line_apologises_and_offers_an_appointment_or_the_line(chat, queue,
                                                                    students_tuesday_full):
    open_form_at_phone(chat, "students")
    replies = chat.say("040 111 0006")
    chat.say(replies[-1]["buttons"][2]["payload"])  # Tuesday, the full day
    replies = chat.texts("/affirm")
    assert replies[0].startswith("Valitettavasti soittopyyntöjä ei tälle päivälle")
    assert "kela.fi/varaa-aika" in replies[0]
    assert replies[1].startswith("Opiskelijat: 020 692 209")
    assert not stored(queue, "+358401110006")


def test_two_fallbacks_in_a_row_offer_a_call_back(chat):
    chat.say("xqzt vbnm")
    [reply] = chat.say("zxcv bnmq")
    assert reply["text"].startswith("En valitettavasti osaa auttaa tässä")
    assert [b["payload"] for b in reply["buttons"]] == ["/request_callback", "/deny"]
