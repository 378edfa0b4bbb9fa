"""Someone with no money for food today gets urgent help, typed as people type it."""
import pytest

from tests.conftest import answer


@pytest.mark.parametrize("text,language", [
    ("rahat on ihan lopussa enkä pysty ostamaan lapsille ruokaa tänään", "fi"),
    ("har inte en cent kvar och barnen behöver mat i kväll", "sv"),
])
def test_urgent_need_gets_urgent_social_assistance_and_the_county(chat, text, language):
    [reply] = chat.texts(text)
    assert reply == answer("social_assistance_urgent", language)
    assert ("sosiaalipäivysty" if language == "fi" else "socialjouren") in reply
    assert "112" in reply and "kela.fi/soita-kelaan" in reply
