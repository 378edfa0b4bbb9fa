"""Neuvo's NLU components, which Rasa imports by module path (config.yml).
Rasa's own code is patched elsewhere, explicitly: bot/rasa_patches.py."""
