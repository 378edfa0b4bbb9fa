"""What one message's NLU costs, for two models compared in one run (issue 14
item 8: "at most 1.5x today's on the same machine, both measured in one run").

    python -m benchmarks.nlu_cost --model models/neuvo.tar.gz \\
        --baseline /path/to/old/models/old.tar.gz --baseline-code /path/to/old/checkout

Each model is parsed in its own process (a model needs the code it was
trained with: give the old checkout with --baseline-code), over every
held-out phrasing, the two alternating for --rounds rounds so both see the
same machine load. Prints the median and p95 milliseconds per message of
each, and the ratio.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run inside the child process: parse every text once, print the milliseconds.
CHILD = r"""
import asyncio, json, sys, time
from tests.quiet import quiet_rasa
quiet_rasa()
from rasa.core.agent import Agent
try:  # the servers' patches (one spaCy pipeline); older checkouts measured have none
    from bot import rasa_patches
    rasa_patches.install()
except ImportError:
    pass
agent = Agent.load(sys.argv[1])
texts = json.load(open(sys.argv[2]))
async def main():
    for text in texts[:20]:  # warm-up
        await agent.parse_message(text)
    out = []
    for text in texts:
        started = time.perf_counter()
        await agent.parse_message(text)
        out.append((time.perf_counter() - started) * 1000)
    print("MS " + json.dumps(out))
asyncio.run(main())
"""


def heldout_texts():
    import yaml

    texts = []
    for path in sorted((ROOT / "tests" / "heldout").glob("*.yml")):
        for block in yaml.safe_load(path.read_text()).get("nlu") or []:
            texts += [line[2:].strip() for line in block["examples"].splitlines()
                      if line.startswith("- ")]
    return texts


def timings(model: str, code: Path, texts_file: Path):
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run([sys.executable, "-c", CHILD, model, str(texts_file)], cwd=code, env=env,
                          capture_output=True, text=True, check=True)
    line = next(l for l in done.stdout.splitlines() if l.startswith("MS "))
    return json.loads(line[3:])


def p95(values):
    return sorted(values)[int(0.95 * (len(values) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=str(ROOT / "models" / "neuvo.tar.gz"))
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--baseline-code", default=str(ROOT))
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    texts_file = ROOT / "results" / "nlu_cost_texts.json"
    texts_file.parent.mkdir(exist_ok=True)
    texts = heldout_texts()
    texts_file.write_text(json.dumps(texts))
    runs = {"model": [], "baseline": []}
    for _ in range(args.rounds):
        runs["baseline"] += timings(args.baseline, Path(args.baseline_code), texts_file)
        runs["model"] += timings(args.model, ROOT, texts_file)
    for name, values in runs.items():
        print(f"{name:9} {len(values)} parses: median {statistics.median(values):.1f} ms, "
              f"p95 {p95(values):.1f} ms")
    ratio = statistics.median(runs["model"]) / statistics.median(runs["baseline"])
    print(f"model / baseline, median: {ratio:.2f}x (issue 14's limit: 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
