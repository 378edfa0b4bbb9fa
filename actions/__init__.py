"""Custom actions run by the rasa-sdk action server (`rasa run actions --actions actions`)."""
