"""What both servers need, and nothing of either: reading the content files
(phone lines, answers, hours), the wording of times and lines, the clock,
language detection, which channels are public, and what counts as personal
data. The Rasa server's code (bot/) and the action server's (actions/) import
this package and never each other, so each container image holds its own
server's folder and this one (deploy/README.md); tests/test_dependencies.py
fails when an import breaks that."""
