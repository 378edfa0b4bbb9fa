"""What counts as personal data in a message (common/privacy/personal_data.py),
and what a redacted message looks like."""
import re

import pytest

from common.privacy.personal_data import (EMAIL, IBAN, MARKERS, PERSONAL_ID, PHONE_NUMBER,
                                       contains_personal_data, find_personal_data,
                                       redact_personal_data, without_personal_data)


@pytest.mark.parametrize("text, found, kind", [
    ("hetu 131052-308T", "131052-308T", PERSONAL_ID),
    ("131052A308T on mun", "131052A308T", PERSONAL_ID),
    ("soita 040 123 4567", "040 123 4567", PHONE_NUMBER),
    ("ring +358 50 1234567 tack", "+358 50 1234567", PHONE_NUMBER),
    ("numero 0401234567", "0401234567", PHONE_NUMBER),
    ("kotinumero 09 1234567", "09 1234567", PHONE_NUMBER),
    ("soita 040 123 45 67.", "040 123 45 67", PHONE_NUMBER),
    ("tili FI21 1234 5600 0007 85 kiitos", "FI21 1234 5600 0007 85", IBAN),
    ("tilille FI2112345600000785.", "FI2112345600000785", IBAN),
    ("fi21-1234-5600-0007-85", "fi21-1234-5600-0007-85", IBAN),
    ("Konto DE89 3704 0044 0532 0130 00 bitte", "DE89 3704 0044 0532 0130 00", IBAN),
    ("IBAN FI21 1234 5600 0007 85 KIITOS", "FI21 1234 5600 0007 85", IBAN),
    ("posti matti.meikäläinen@example.fi.", "matti.meikäläinen@example.fi", EMAIL),
    ("<anna+kela@posti.example.com>", "anna+kela@posti.example.com", EMAIL),
])
def test_each_kind_of_personal_data_is_found(text, found, kind):
    [data] = find_personal_data(text)
    assert (text[data.start:data.end], data.kind) == (found, kind)


@pytest.mark.parametrize("text", [
    "miten voin hakea asumistukea?",
    "soitin Kelaan numeroon 020 692 201",  # an organisation's service number
    "soitin 020 634 0200 eikä kukaan vastannut",
    "sain 1200 euroa 13.10.2026",
    "hakemus 2024/123456",
    "FI21 1234 5600 0007 86",  # wrong check digits: not an IBAN
    "AB12 on lomakkeen nimi",
    "kela.fi/soita-kelaan tai @kela",
    "matti@localhost",
])
def test_other_text_is_not_personal_data(text):
    assert not contains_personal_data(text)


def test_data_can_be_cut_out_without_repeating_it():
    text = "Olen 131052-308T, soita 040 123 4567."
    assert [d.kind for d in find_personal_data(text)] == [PERSONAL_ID, PHONE_NUMBER]
    assert without_personal_data(text, "[poistettu]") == "Olen [poistettu], soita [poistettu]."


def test_redaction_names_each_kind_and_keeps_no_digit_of_it():
    text = ("Olen 131052-308T, soita 040 123 4567 tai matti@example.fi, "
            "tili FI21 1234 5600 0007 85 040 765 4321. Kelan numero 020 692 201.")
    assert redact_personal_data(text) == (
        "Olen [henkilötunnus poistettu], soita [puhelinnumero poistettu] tai "
        "[sähköposti poistettu], tili [tilinumero poistettu] [puhelinnumero poistettu]. "
        "Kelan numero 020 692 201.")
    assert re.sub(r"\D", "", redact_personal_data(text)) == "020692201"


def test_markers_are_not_found_again():
    for marker in MARKERS.values():
        assert not contains_personal_data(marker)
    once = redact_personal_data("hetu 131052-308T, tili FI2112345600000785")
    assert redact_personal_data(once) == once
