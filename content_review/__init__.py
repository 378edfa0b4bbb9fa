"""Tools for content editors: what the assistant states, how old it is, and its links.

Reads only data files (data/responses/, domain.yml, content/); imports neither
the Rasa side (bot/) nor the action server (actions/).
"""
