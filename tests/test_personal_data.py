"""What counts as personal data in a message (bot/privacy/personal_data.py)."""
import pytest

from bot.privacy.personal_data import (PERSONAL_ID, PHONE_NUMBER, contains_personal_data,
                                       find_personal_data, without_personal_data)


@pytest.mark.parametrize("text, found, kind", [
    ("hetu 131052-308T", "131052-308T", PERSONAL_ID),
    ("131052A308T on mun", "131052A308T", PERSONAL_ID),
    ("soita 040 123 4567", "040 123 4567", PHONE_NUMBER),
    ("ring +358 50 1234567 tack", "+358 50 1234567", PHONE_NUMBER),
    ("numero 0401234567", "0401234567", PHONE_NUMBER),
    ("kotinumero 09 1234567", "09 1234567", PHONE_NUMBER),
])
def test_identity_codes_and_personal_phone_numbers_are_found(text, found, kind):
    [data] = find_personal_data(text)
    assert (text[data.start:data.end], data.kind) == (found, kind)


@pytest.mark.parametrize("text", [
    "miten haen asumistukea?",
    "soitin Kelaan numeroon 020 692 201",  # an organisation's service number
    "sain 1200 euroa 13.10.2026",
    "131052-308A",  # wrong check character
    "hakemus 2024/123456",
])
def test_other_text_is_not_personal_data(text):
    assert not contains_personal_data(text)


def test_data_can_be_cut_out_without_repeating_it():
    text = "Olen 131052-308T, soita 040 123 4567."
    assert [d.kind for d in find_personal_data(text)] == [PERSONAL_ID, PHONE_NUMBER]
    assert without_personal_data(text, "[poistettu]") == "Olen [poistettu], soita [poistettu]."
