"""Custom actions run by the rasa-sdk action server (`rasa run actions --actions actions`)."""
from bot.privacy import log_redaction

# The action server imports this package after it has set up its logging, so
# this is where its log handlers get the personal-data filter.
log_redaction.install()
