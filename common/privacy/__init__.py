"""What counts as personal data in text, how it is redacted, and the log filter
that redacts it, for both servers."""
