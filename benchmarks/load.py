"""Load benchmark: what one machine holds, against Rasa's starter assistant.

    make benchmark                     # or: .venv/bin/python -m benchmarks.load [options]

For each target it starts the servers (as `make run` does), times server start
to first answer, then runs
  * closed loop: --users simulated users (default 20), each sending its next
    message as soon as the reply is in, for --seconds;
  * think time: --think-users users (default 100), one message every
    --think-seconds (default 5) each, for --think-duration;
and prints p50/p95/p99 latency, messages per second, errors and the servers'
peak memory (RSS of every process they started).

Targets: `baseline` (Rasa's starter assistant: `rasa init --no-prompt` in a
temporary folder, trained there), `embedded` (SQLite, in-process locks),
`prod-1-replica` and `prod-2-replicas` (PostgreSQL and Redis on this machine,
one shared action server; each simulated user keeps to one replica, as nginx's
sticky routing does). Our figures are also printed as ratios to the baseline's,
and checked against the targets in benchmarks/targets.py. Results are written to
results/benchmark.json. Needs the trained model (`make train`) and, for the
prod targets, PostgreSQL and Redis (NEUVO_TEST_POSTGRES_URL, NEUVO_TEST_REDIS_URL).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

from benchmarks import targets
from benchmarks.conversations import BASELINE, NEUVO
from benchmarks.load_client import run_load
from benchmarks.process_memory import group_rss_mb
from tests.servers import ROOT, Server, endpoints_with_own_tracker, free_port
from tests.shared_services import (fresh_postgres_database, own_redis_prefix,
                                   production_profile_env)

ALL_TARGETS = ["baseline", "embedded", "prod-1-replica", "prod-2-replicas"]
# A Monday morning: the phone lines are open, so the actions take their usual path.
MONDAY_MORNING = "2026-11-23T10:00:00+02:00"


class PeakMemory:
    """Samples the RSS of the servers' process groups every half second."""

    def __init__(self, group_ids):
        self.group_ids, self.peak, self._stop = group_ids, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(group_rss_mb(g) for g in self.group_ids))
            self._stop.wait(0.5)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def first_answer_seconds(base: str, message: str, started: float, timeout: float = 300) -> float:
    """Seconds from `started` until `message` gets a reply over REST."""
    import urllib.request

    body = json.dumps({"sender": "bench-start", "message": message}).encode()
    deadline = started + timeout
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(base + "/webhooks/rest/webhook", data=body,
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as response:
                if json.load(response):
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{base} gave no answer within {timeout} s")


class BaselineServer:
    """Rasa's starter assistant, trained in `folder` (created there unless a
    trained one is already in it), served over REST."""

    def __init__(self, folder: Path, log):
        rasa = str(Path(sys.executable).with_name("rasa"))
        if not list((folder / "models").glob("*.tar.gz")):
            print(f"training the baseline (rasa init --no-prompt) in {folder} ...", flush=True)
            subprocess.run([rasa, "init", "--no-prompt", "--init-dir", str(folder)], check=True,
                           stdout=log, stderr=subprocess.STDOUT,
                           env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [rasa, "run", "--port", str(self.port), "--interface", "127.0.0.1"], cwd=folder,
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=60)


def measure(name, bases, group_ids, conversations, start_s, args) -> dict:
    print(f"[{name}] first answer {start_s:.1f} s after start; loading ...", flush=True)
    # warm-up: every server answers each conversation once before timing
    asyncio.run(run_load(bases, conversations, users=len(bases) * len(conversations),
                         seconds=10))
    figure = {"start_s": round(start_s, 1)}
    with PeakMemory(group_ids) as memory:
        closed = asyncio.run(run_load(bases, conversations, args.users, args.seconds))
        figure["closed"] = closed.summary()
        if args.think_users:
            think = asyncio.run(run_load(bases, conversations, args.think_users,
                                         args.think_duration, think=args.think_seconds))
            figure["think"] = think.summary()
    figure["rss_mb"] = round(memory.peak)
    for mode in ("closed", "think"):
        if mode in figure:
            print(f"[{name}] {mode}: {figure[mode]}", flush=True)
    print(f"[{name}] peak RSS {figure['rss_mb']} MB", flush=True)
    return figure


def neuvo_env(database=None, redis=None) -> dict:
    env = {"NEUVO_NOW": MONDAY_MORNING, "RASA_CREDENTIALS": str(ROOT / "credentials.yml"),
           "NEUVO_WIDGET": "off"}
    if database:
        env.update(production_profile_env(database, redis, "benchmark-actions-token"))
    return env


def run_target(name: str, workdir: Path, args) -> dict:
    with ExitStack() as stack:
        if name == "baseline":
            folder = Path(args.baseline_dir) if args.baseline_dir else \
                Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="rasa-init-")))
            folder.mkdir(parents=True, exist_ok=True)
            server = BaselineServer(folder, open(workdir / "baseline.log", "ab"))
            stack.callback(server.stop)
            start_s = first_answer_seconds(server.base, "hello", server.started)
            return measure(name, [server.base], [server.proc.pid], BASELINE, start_s, args)

        database = redis = None
        if name.startswith("prod"):
            database = stack.enter_context(fresh_postgres_database("neuvo_bench"))
            redis = stack.enter_context(own_redis_prefix("neuvobench"))
        env = neuvo_env(database, redis)
        if name == "embedded":
            endpoints = endpoints_with_own_tracker(workdir, workdir / "tracker.db")
            env.update({"RASA_ENDPOINTS": str(endpoints),
                        "NEUVO_CALLBACK_DB_URL": f"sqlite:///{workdir / 'callbacks.db'}"})
        started = time.monotonic()
        first = Server(workdir, env, f"{name}-a.log", widget=False, wait=False)
        stack.callback(first.stop)
        servers = [first]
        if name == "prod-2-replicas":
            second = Server(workdir, env, f"{name}-b.log", actions_url=first.actions_url,
                            widget=False, wait=False)
            stack.callback(second.stop)
            servers.append(second)
        # start to first answer: the slowest replica's
        start_s = max(first_answer_seconds(s.base, "hei", started) for s in servers)
        return measure(name, [s.base for s in servers], [s.proc.pid for s in servers],
                       NEUVO, start_s, args)


def print_report(figures: dict, args) -> None:
    print(f"\n== Load benchmark {datetime.now().isoformat(timespec='minutes')} on "
          f"{platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()})")
    print(f"closed loop: {args.users} users, {args.seconds:.0f} s; think time: "
          f"{args.think_users} users, one message every {args.think_seconds:.0f} s, "
          f"{args.think_duration:.0f} s")
    header = (f"{'target':<16}{'start s':>8}{'msg/s':>8}{'p50':>6}{'p95':>6}{'p99':>6}"
              f"{'err':>5}  | think{'p50':>6}{'p95':>6}{'p99':>6}{'err':>5}{'RSS MB':>8}")
    print(header)
    for name, f in figures.items():
        c, t = f["closed"], f.get("think") or {}
        print(f"{name:<16}{f['start_s']:>8.1f}{c['msg_per_s']:>8.1f}{c['p50_ms']:>6}"
              f"{c['p95_ms']:>6}{c['p99_ms']:>6}{c['errors']:>5}  |     "
              f"{t.get('p50_ms', '-'):>6}{t.get('p95_ms', '-'):>6}{t.get('p99_ms', '-'):>6}"
              f"{t.get('errors', '-'):>5}{f['rss_mb']:>8}")
    base = figures.get("baseline")
    if base:
        print("\nratio to the baseline (throughput: higher is better; p95, RSS: lower is better)")
        for name, f in figures.items():
            if name == "baseline":
                continue
            print(f"{name:<16} throughput {f['closed']['msg_per_s'] / base['closed']['msg_per_s']:.2f}x"
                  f"  p95 {f['closed']['p95_ms'] / base['closed']['p95_ms']:.2f}x"
                  f"  RSS {f['rss_mb'] / base['rss_mb']:.2f}x"
                  f"  start {f['start_s'] / base['start_s']:.2f}x")
    print("\ntargets")
    for target, measured, met in targets.check(figures):
        print(f"  {'MET    ' if met else 'NOT MET'} {target}: {measured}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--targets", default=",".join(ALL_TARGETS),
                        help=f"comma-separated, from {ALL_TARGETS}")
    parser.add_argument("--users", type=int, default=20, help="closed-loop users")
    parser.add_argument("--seconds", type=float, default=60, help="closed-loop duration")
    parser.add_argument("--think-users", type=int, default=100, help="0: no think-time run")
    parser.add_argument("--think-seconds", type=float, default=5.0)
    parser.add_argument("--think-duration", type=float, default=60)
    parser.add_argument("--baseline-dir",
                        help="keep the baseline here (trained once, reused next time)")
    parser.add_argument("--out", default=str(ROOT / "results" / "benchmark.json"))
    args = parser.parse_args()
    chosen = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = set(chosen) - set(ALL_TARGETS)
    if unknown:
        parser.error(f"unknown targets {sorted(unknown)}; choose from {ALL_TARGETS}")
    if any(t != "baseline" for t in chosen) and not (ROOT / "models" / "neuvo.tar.gz").exists():
        parser.error("no trained model: run `make train` first")

    workdir = Path(tempfile.mkdtemp(prefix="neuvo-bench-"))
    figures = {}
    for name in chosen:  # one at a time: they would compete for the same cores
        figures[name] = run_target(name, workdir, args)
    print_report(figures, args)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"date": datetime.now().isoformat(timespec="minutes"),
                               "cores": os.cpu_count(), "args": vars(args),
                               "figures": figures}, indent=2))
    print(f"\nwritten to {out}; server logs in {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
