"""Scripted multi-turn conversations for the load benchmark.

Neuvo's mix what users do most: a greeting, a benefit question, a vague
follow-up answered from context, the phone line and opening hours (both custom
actions, so action-server round trips are measured too) and thanks, in Finnish
and Swedish. The baseline (Rasa's starter "moodbot") gets its own small talk,
of the same length.
"""

NEUVO = [
    ["moi", "miten haen asumistukea", "miten haen?", "mihin numeroon soitan", "kiitos"],
    ["hej", "hur ansöker jag om barnbidrag", "vilket nummer ska jag ringa",
     "är telefontjänsten öppen nu", "tack"],
    ["hei", "mä oon opiskelija, saako opintotukea", "onks puhelinpalvelu auki nyt",
     "kiitos paljon", "heippa"],
    ["hejsan", "jag har tappat mitt FPA-kort", "hur får jag ett nytt kort",
     "vilket nummer ska jag ringa", "hej då"],
]

BASELINE = [
    ["hello", "I am feeling great", "that is good", "thanks", "bye"],
    ["hi", "I am sad", "yes", "are you a bot?", "goodbye"],
    ["hey", "very bad", "no", "great", "bye"],
    ["good morning", "I am amazing", "perfect", "are you a human?", "see you"],
]
