"""Staff command for the call-back queue.

    python -m actions.callbacks list          open requests by line and time window
    python -m actions.callbacks done K-ABC234 mark one handled
    python -m actions.callbacks purge         delete handled ones past the retention period
    python -m actions.callbacks serve         the same over HTTP, with NEUVO_STAFF_TOKEN
                                              (actions/callbacks_api.py)
"""
from __future__ import annotations

import argparse
import sys

from actions.callback_queue import default_queue


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.callbacks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="open requests by line and time window")
    done = commands.add_parser("done", help="mark a request handled")
    done.add_argument("reference")
    commands.add_parser("purge", help="delete handled requests past the retention period")
    serve = commands.add_parser("serve", help="token-protected HTTP endpoint for the same")
    serve.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)

    if args.command == "serve":
        from actions import settings
        from actions.callbacks_api import serve as serve_http

        if not settings.staff_token():
            print("Set NEUVO_STAFF_TOKEN in .env first: the endpoint needs a token.",
                  file=sys.stderr)
            return 2
        serve_http(args.host)
        return 0

    queue = default_queue()
    if args.command == "list":
        requests = queue.open_requests()
        for r in requests:
            print(f"{r.line:18} {r.day.isoformat()} {r.window:9} {r.reference} "
                  f"{r.phone} {r.language}")
        print(f"{len(requests)} open")
        return 0
    if args.command == "done":
        if queue.mark_done(args.reference):
            print(f"{args.reference.upper()} marked handled")
            return 0
        print(f"No open request {args.reference.upper()}", file=sys.stderr)
        return 1
    print(f"{queue.purge()} handled requests deleted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
