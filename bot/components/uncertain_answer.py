"""NLU component: a question whose likeliest answer is not clearly ahead of the
next one gets `nlu_fallback` instead of that answer, so the assistant asks
"did you mean ...?" (actions/did_you_mean.py) rather than risk a wrong one.

A citizen cannot tell a wrong answer from a right one: unless the answer
selector's top answer is at least `min_ratio` times as likely as the next, the
answer ranking stays in the message (`response_selector.faq`) for the action to
offer as buttons. The ratio replaced a difference of probabilities (0.2) on
2026-12-03: at the same share of "did you mean" it leaves fewer outright wrong
answers, as 0.30 against 0.35 is as close a call as 0.06 against 0.07 and a
difference treats them apart. Set on the held-out phrasings
(docs/answer-quality.md): 2.2 then, 2.4 since the 2026-12-04 phrasings made
the model surer and "did you mean" rarer (12 % instead of 13-15 %).
A question that names a Kela matter Neuvo does not cover ("alkuomavastuu",
"handikappbidrag"), with some chance of being about it in the intent model
(common/other_kela.py), is uncertain too: the offer adds that matter. So is a question the intent
model gives at least `min_not_ours` of being another Kela matter or no Kela
matter at all, when its top answer is below `not_ours_top`: a guess at an
answer for what may be a question about sickness allowance ("the
occupational doctor suggested half days after my depression") or tax; the
offer adds "another Kela matter" when that is likely (common/other_kela.py).
Runs after FallbackClassifier: a message it already sent to the fallback keeps
its ranking too.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY,
                                       PREDICTED_CONFIDENCE_KEY, TEXT)
from rasa.shared.nlu.training_data.message import Message

from bot.components.answer_selector import RETRIEVAL_INTENT
from common.other_kela import OTHER_KELA_INTENT, OUT_OF_SCOPE_INTENT, named_other_matter, share_of


def is_uncertain(ranking: List[Dict[str, Any]], min_ratio: float, min_top: float = 0.0) -> bool:
    """Whether the top answer is less than `min_ratio` times as likely as the
    next, or itself less likely than `min_top`."""
    if len(ranking) < 2:
        return False
    first, second = ranking[0]["confidence"], ranking[1]["confidence"]
    return first < min_ratio * second or first < min_top


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class UncertainAnswer(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"min_ratio": 2.4, "min_top": 0.2, "min_not_ours": 0.2, "not_ours_top": 0.6}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "UncertainAnswer":
        return cls(config)

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.min_ratio = float(config["min_ratio"])
        # a top answer this unlikely is a guess however far ahead of the next
        # (it kept two routed Swedish questions from a benefit answer)
        self.min_top = float(config["min_top"])
        self.min_not_ours = float(config["min_not_ours"])
        self.not_ours_top = float(config["not_ours_top"])

    def may_not_be_ours(self, parse: Dict[str, Any], ranking: List[Dict[str, Any]]) -> bool:
        """The intent model leaves a fair chance that the question is not one of
        Neuvo's answers, and the answer selector is not sure of its top one."""
        return (bool(ranking) and ranking[0]["confidence"] < self.not_ours_top
                and share_of(parse, OTHER_KELA_INTENT, OUT_OF_SCOPE_INTENT) >= self.min_not_ours)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) != RETRIEVAL_INTENT:
                continue
            ranking = ((message.get("response_selector") or {}).get(RETRIEVAL_INTENT)
                       or {}).get("ranking") or []
            parse = {"text": message.get(TEXT), "intent_ranking": message.get(INTENT_RANKING_KEY)}
            # the keyword scan only for an answer that is otherwise clear
            if (is_uncertain(ranking, self.min_ratio, self.min_top)
                    or self.may_not_be_ours(parse, ranking) or named_other_matter(parse)):
                message.set(INTENT, {INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME,
                                     PREDICTED_CONFIDENCE_KEY: intent.get(PREDICTED_CONFIDENCE_KEY)},
                            add_to_output=True)
        return messages
