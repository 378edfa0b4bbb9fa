"""The performance targets (issue "Scale-out and performance", on 2 cores) and
how one benchmark run's figures compare with them."""
from __future__ import annotations

THINK_P95_MS = 300        # 100 users, one message every 5 s each
START_TO_ANSWER_S = 30    # server start to first answer
REPLICA_THROUGHPUT = 1.0  # 2 replicas, closed loop: at least the baseline's messages/s


def check(figures: dict) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for each target the run has figures for."""
    rows = []
    base = figures.get("baseline")
    two = figures.get("prod-2-replicas")
    if base and two:
        ratio = two["closed"]["msg_per_s"] / base["closed"]["msg_per_s"]
        rows.append((f"closed loop, 2 replicas: throughput >= {REPLICA_THROUGHPUT}x baseline",
                     f"{ratio:.2f}x", ratio >= REPLICA_THROUGHPUT))
        rows.append(("closed loop, 2 replicas: p95 <= baseline p95",
                     f"{two['closed']['p95_ms']} ms vs {base['closed']['p95_ms']} ms",
                     two["closed"]["p95_ms"] <= base["closed"]["p95_ms"]))
    for name, figure in figures.items():
        if name == "baseline":
            continue
        think = figure.get("think")
        if think:
            rows.append((f"{name}, think time: p95 <= {THINK_P95_MS} ms and no errors",
                         f"{think['p95_ms']} ms, {think['errors']} errors",
                         think["p95_ms"] <= THINK_P95_MS and think["errors"] == 0))
        rows.append((f"{name}: start to first answer <= {START_TO_ANSWER_S} s",
                     f"{figure['start_s']:.1f} s", figure["start_s"] <= START_TO_ANSWER_S))
    return rows
