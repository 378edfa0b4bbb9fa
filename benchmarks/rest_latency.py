"""REST reply latency of a running Neuvo (`make run`): one user, sequential messages.

    .venv/bin/python benchmarks/rest_latency.py [--url http://127.0.0.1:5005] [--rounds 10]

Prints the median and p95 reply time per message, in both languages.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
import urllib.request
import uuid

MESSAGES = ["moi", "miten haen asumistukea", "mihin numeroon soitan asumistuesta", "kiitos",
            "hej", "hur ansöker jag om barnbidrag", "är telefontjänsten öppen nu", "tack"]


def send(url: str, sender: str, text: str) -> float:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(url + "/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        json.load(response)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:5005")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    send(args.url, "warm-up", "hei")
    timings = [send(args.url, f"bench-{uuid.uuid4().hex[:6]}", text)
               for _ in range(args.rounds) for text in MESSAGES]
    timings.sort()
    print(f"messages={len(timings)} median_ms={statistics.median(timings) * 1000:.0f} "
          f"p95_ms={timings[int(len(timings) * 0.95) - 1] * 1000:.0f} max_ms={timings[-1] * 1000:.0f}")


if __name__ == "__main__":
    main()
