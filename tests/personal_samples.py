"""One of each kind of personal data, and a search for them in stored text or
a log that also finds them written with other spacing or as bare digits."""
import re

from common.privacy.personal_data import MARKERS

PERSONAL_ID = "131052-308T"  # a valid identity code (stdnum's example)
PHONE = "040 123 4567"
EMAIL = "matti.meikalainen@example.fi"
IBAN = "FI21 1234 5600 0007 85"
SAMPLES = (PERSONAL_ID, PHONE, EMAIL, IBAN)
MESSAGE = f"Hetu {PERSONAL_ID}, soita {PHONE} tai {EMAIL}, tili {IBAN}. Saanko asumistukea?"
# what MESSAGE holds once stored: a marker per sample, in this order
MARKERS_IN_ORDER = [MARKERS[kind] for kind in ("personal_id", "phone_number", "email", "iban")]


def _compact(text):
    return re.sub(r"[\s\-.]", "", text).lower()


def leaks(text):
    """The samples `text` still holds: as typed, without spaces or hyphens, or
    (for those with digits) their digits in a row, a leading 0 dropped as in
    "+358401234567"."""
    digits = re.sub(r"\D", "", text)
    found = []
    for value in SAMPLES:
        value_digits = re.sub(r"\D", "", value)
        if (value.lower() in text.lower() or _compact(value) in _compact(text)
                or (value_digits and value_digits.lstrip("0") in digits)):
            found.append(value)
    return found
