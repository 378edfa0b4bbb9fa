"""Rasa's command line with Neuvo's patches installed first (bot/rasa_patches.py):

    python -m bot.rasa_cli run --model models/neuvo.tar.gz ...   (any `rasa` command)

Every argument goes to Rasa unchanged. On another Rasa version it refuses to
start, with the reason, instead of running with patches that may not fit.
"""
from __future__ import annotations

import sys

from bot import rasa_patches


def main(argv: list[str] | None = None) -> int:
    try:
        rasa_patches.install()
    except rasa_patches.WrongRasaVersion as refusal:
        print(refusal, file=sys.stderr)
        return 2
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
