"""The phone line and opening hours, computed by the action server (clock: Monday 10:00)."""
import pytest

PHONE = [
    ("mihin voin soittaa asumistuesta",
     ["Asumisen tuet: 020 692 201, ma–pe klo 9–16. Kaikki Kelan numerot: kela.fi/soita-kelaan",
      "Linja on nyt auki ja sulkeutuu tänään klo 16."]),
    ("vilket nummer ska jag ringa om bostadsbidraget",
     ["Stöd för boende: 020 692 201, mån–fre kl. 9–16. Linjen har inget eget svenskt nummer, "
      "men du får service på svenska när du ringer. Alla FPA:s nummer: kela.fi/soita-kelaan",
      "Linjen är öppen nu och stänger i dag kl. 16."]),
    ("vart ska jag ringa om mitt fpa-kort är borta",
     ["FPA-kortet och EU-kortet: 020 692 224, mån–fre kl. 9–16. Alla FPA:s nummer: kela.fi/soita-kelaan",
      "Linjen är öppen nu och stänger i dag kl. 16."]),
    ("sosiaalityöntekijänä mihin numeroon soitan kelaan asiakkaani toimeentulotuesta",
     ["Viranomaislinja kumppaneille ja ammattilaisille: 020 692 235, ma–pe klo 9–15. "
      "Kaikki Kelan numerot: kela.fi/soita-kelaan",
      "Linja on nyt auki ja sulkeutuu tänään klo 15."]),
]


@pytest.mark.parametrize("question,replies", PHONE)
def test_the_right_line_in_the_users_language(chat, question, replies):
    assert chat.texts(question) == replies


def test_line_follows_the_topic_of_the_conversation(chat):
    chat.say("kuinka paljon opintorahaa saa")
    assert chat.texts("mikä on kelan numero")[0].startswith("Opiskelijat: 020 692 209")


def test_unknown_situation_gets_buttons(chat):
    [reply] = chat.say("kelan puh nro")
    titles = [b["title"] for b in reply["buttons"]]
    assert "Asumisen tuet" in titles and "Viranomaiset ja kumppanit" in titles
    assert chat.texts(reply["buttons"][0]["payload"])[0].startswith("Lapsiperheet: 020 692 206")


@pytest.mark.parametrize("question,replies", [
    ("onko puhelinpalvelu nyt auki",
     ["Kelan puhelinpalvelu palvelee ma–pe klo 9–16, ei arkipyhinä. Numerot eri elämäntilanteisiin: "
      "kela.fi/soita-kelaan", "Linja on nyt auki ja sulkeutuu tänään klo 16."]),
    ("är telefontjänsten öppen just nu",
     ["FPA:s telefontjänst betjänar mån–fre kl. 9–16, inte på helgdagar. Numren för olika "
      "livssituationer: kela.fi/soita-kelaan", "Linjen är öppen nu och stänger i dag kl. 16."]),
])
def test_is_the_phone_service_open_now(chat, question, replies):
    assert chat.texts(question) == replies


@pytest.mark.parametrize("question,start", [
    ("onks opiskelijoiden linja auki lauantaina",
     "Opiskelijat: 020 692 209. Lauantaina linja on kiinni. Se on seuraavan kerran auki"),
    ("är studerandelinjen öppen på lördag?",
     "Studerande: 020 692 209. På lördag är linjen stängd. Den är öppen nästa gång"),
])
def test_a_line_asked_for_a_day_is_answered_for_that_line_and_day(chat, question, start):
    [reply] = chat.texts(question)
    assert reply.startswith(start) and reply.endswith("kela.fi/soita-kelaan")
    if question.startswith("är"):  # no Swedish number of its own: service in Swedish is there
        assert "du får service på svenska när du ringer" in reply
