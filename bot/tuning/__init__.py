"""Rasa 3.6 made cheaper to run, without changing what it answers.

Measured under load (py-spy on the Rasa server, 20 closed-loop users,
2026-11-24; docs/performance.md): validating each action server reply
re-checked the JSON schema itself (13 % of the server's time), and the spaCy
pipeline was loaded twice (two graph nodes, each its own copy: seconds at
start and hundreds of MB) and ran its named-entity recogniser, which no
component reads (40 % of spaCy's time per message).

Installed with Neuvo's other changes to Rasa by bot/rasa_patches.py, before
Rasa builds the model's graph, in training and serving.
"""
