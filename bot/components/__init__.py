# Rasa imports this package before it builds the model's graph: the moment to
# make Rasa cheaper to run (bot/tuning), in training and serving alike.
from bot.tuning import apply as _apply_tuning

_apply_tuning()
