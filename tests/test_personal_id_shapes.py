"""Identity codes in every shape people type them (issue 16): found, so they
are refused and redacted everywhere; and what only looks like one (dates,
phone numbers, reference codes, account numbers) is left alone. The codes
are made up: real dates, individual numbers chosen here, check characters
computed by the rule (or deliberately wrong)."""
import pytest

from common.privacy.personal_data import (MARKERS, PERSONAL_ID, PHONE_NUMBER, find_personal_data,
                                       redact_personal_data)

FOUND = [
    ("hetu 131052-308T", "131052-308T"),  # the exact shape
    ("131052-308t", "131052-308t"),  # lower case
    ("mun on 010199-123y", "010199-123y"),
    ("240707A456M", "240707A456M"),  # 2000s
    ("240707a456m kiitos", "240707a456m"),
    ("150623B789W", "150623B789W"),  # the 2023 century signs: B-F for the 2000s ...
    ("220201D333T", "220201D333T"),
    ("251212E777Y", "251212E777Y"),
    ("060606F606T", "060606F606T"),
    ("010101C345U", "010101C345U"),
    ("311299Y050U", "311299Y050U"),  # ... and U-Y for the 1900s
    ("120390U217C", "120390U217C"),
    ("010190W124N", "010190W124N"),
    ("181266X420V", "181266X420V"),
    ("300697V888V", "300697V888V"),
    ("isoisän 010180+5550", "010180+5550"),  # 1800s
    ("131052 - 308T", "131052 - 308T"),  # spaces around the parts
    ("131052 -308T", "131052 -308T"),
    ("131052- 308T", "131052- 308T"),
    ("131052-308 T", "131052-308 T"),
    ("131052–308T", "131052–308T"),  # a typed en dash
    ("131052−308T", "131052−308T"),  # a minus sign
    ("131052308T", "131052308T"),  # no century sign, right check character
    ("hetu 131052 308T?", "131052 308T"),
    ("240707456M", "240707456M"),
    ("131052308U", "131052308U"),  # no sign, a letter that is not the right one
    ("131052-308U", "131052-308U"),  # a wrong check character: a typo of a real code
    ("010199-123A", "010199-123A"),
    ("240707A456N", "240707A456N"),
    ("290204A902E", "290204A902E"),  # the temporary range (900-999)
    ("050578-9545", "050578-9545"),
    ("050578-9546", "050578-9546"),  # temporary and a wrong check character
    ("minun hetu on 111111-111C kiitos", "111111-111C"),
    ("(281175-6121)", "281175-6121"),
    ("HETU:070885-2222.", "070885-2222"),
    ("personbeteckning 300697V888V, kan ni", "300697V888V"),
]

NOT_FOUND = [
    "syntynyt 13.10.1952",
    "13102026",
    "2026-12-03",
    "1.1.-31.12.2026",
    "klo 12-16",
    "K-7QX3PA",  # a call-back reference
    "viite K-2024AB",
    "Y-tunnus 1234567-8",  # a business ID
    "500001-2345",  # an old-format bank account: day 50 is no date
    "tilinumero 800012-70123456",
    "320152-308T",  # day 32
    "131352-308T",  # month 13
    "290223A902E",  # 29 February 2023 never was
    "1310523081",  # no sign and a wrong check digit: just ten digits
    "12345678901",
    "X131052-308T",  # inside a longer code
    "131052-308T5",
    "hakemus 2024/123456",
    "020 692 201",  # Kela's line
    "020692201",
    "asiakasnumero 1234567",
    "1200 euroa 13.10.2026",
    "Miten voin hakea asumistukea?",
    "studiepenning 2026",
]

PHONES = [  # ten digits with a real date: phone numbers, for the call-back form
    "0401234567",
    "040 123 4567",
    "0401213813",  # its right "check character" too: still a mobile number
    "0451234567",
    "+358401234567",
    "050 1234567",
]


@pytest.mark.parametrize("text, code", FOUND)
def test_identity_code_is_found_in_every_shape(text, code):
    assert [(text[d.start:d.end], d.kind) for d in find_personal_data(text)] == [(code, PERSONAL_ID)]
    redacted = redact_personal_data(text)
    assert MARKERS[PERSONAL_ID] in redacted and code not in redacted


@pytest.mark.parametrize("text", NOT_FOUND)
def test_what_only_looks_like_a_code_is_not_found(text):
    assert [d for d in find_personal_data(text) if d.kind == PERSONAL_ID] == []


@pytest.mark.parametrize("text", PHONES)
def test_phone_numbers_stay_phone_numbers(text):
    assert [d.kind for d in find_personal_data(text)] == [PHONE_NUMBER]

