"""One copy of the spaCy pipeline per process, without the parts nobody reads.

Rasa 3.6's predict graph has two SpacyNLP nodes (one provides the model, one
processes messages); each calls SpacyNLP.load_model, so the pipeline is loaded
twice. Rasa already leaves out the parser; the named-entity recogniser is left
out here as well: no component uses spaCy's entities (the tokenizer needs
tokens and lemmas, the featurizers vectors and part-of-speech tags).
"""
from __future__ import annotations

import functools

UNUSED_PIPES = ["parser", "ner"]


def apply() -> None:
    from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP

    if getattr(SpacyNLP.load_model, "loads_once", False):
        return

    original = SpacyNLP.load_model

    @functools.lru_cache(maxsize=None)
    def load_model(spacy_model_name: str) -> SpacyModel:
        model = original(spacy_model_name)  # Rasa's own: its checks and error messages
        for name in UNUSED_PIPES:
            if name in model.model.pipe_names:
                model.model.disable_pipe(name)
        return model

    load_model.loads_once = True
    SpacyNLP.load_model = staticmethod(load_model)
