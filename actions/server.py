"""The action server (rasa-sdk), reachable only by the Rasa server.

    python -m actions.server [--port 5055]

Two controls, because custom actions write call-back requests (with phone
numbers) and read every conversation they are sent:
  * it listens on ACTIONS_INTERFACE, 127.0.0.1 unless set: only this machine;
  * with NEUVO_ACTIONS_TOKEN set, every call must carry it (Rasa sends the
    action endpoint's `token` as the query parameter `token`, endpoints.yml),
    others get 401. Listening beyond this machine without a token is refused.
/health stays open for load balancers and start-up checks.

It also runs the retention job every NEUVO_PURGE_INTERVAL_MINUTES
(actions/retention.py), so what Neuvo keeps is deleted on time without anyone
running purge.

Why not `rasa run actions`: it can do neither, and it imports all of Rasa
(TensorFlow included), which costs seconds of start-up beside the Rasa server.
"""
from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys

from rasa_sdk.endpoint import create_app
from sanic import response

from actions import retention, settings  # settings reads .env before the variables below
from common.privacy import log_redaction

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
OPEN_PATHS = {"/health"}

logger = logging.getLogger(__name__)


def build_app(token: str):
    # no CORS: browsers never call the action server, only the Rasa server does
    app = create_app("actions", cors_origins=None)

    @app.middleware("request")
    async def require_token(request):
        if not token or request.path in OPEN_PATHS:
            return None
        if not hmac.compare_digest(request.args.get("token", ""), token):
            return response.json({"error": "this server takes calls from the Rasa server only"},
                                 status=401)
        return None

    @app.after_server_start
    async def start_retention(app, _loop):
        app.ctx.retention = retention.start(settings.purge_interval_minutes())

    @app.before_server_stop
    async def stop_retention(app, _loop):
        await retention.stop(app.ctx.retention)

    return app


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTIONS_PORT", "5055")))
    args = parser.parse_args(argv)
    interface = os.environ.get("ACTIONS_INTERFACE") or "127.0.0.1"
    token = os.environ.get("NEUVO_ACTIONS_TOKEN", "")
    if interface not in LOOPBACK and not token:
        print(f"ACTIONS_INTERFACE={interface} opens the action server beyond this machine: "
              "set NEUVO_ACTIONS_TOKEN (the same value for every Rasa server) first",
              file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    log_redaction.install()  # personal data out of every log line, whoever writes it
    logger.info("action server on %s:%s, token %s", interface, args.port,
                "required" if token else "not required (this machine only)")
    build_app(token).run(interface, args.port, workers=1, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
