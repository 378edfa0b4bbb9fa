"""Token-protected HTTP endpoint for staff, the same operations as the command:

    GET  /callbacks                 open requests by line and time window
    POST /callbacks/{reference}/done mark one handled
    POST /callbacks/purge           delete handled ones past the retention period

Every request needs `Authorization: Bearer <NEUVO_STAFF_TOKEN>`. It binds to
127.0.0.1 by default: the list holds phone numbers, so put it behind the
organisation's own access control before exposing it anywhere else.
"""
from __future__ import annotations

import hmac

from aiohttp import web

from actions.callback_queue import CallbackQueue

QUEUE = web.AppKey("queue", CallbackQueue)


def _as_json(request) -> dict:
    return {"reference": request.reference, "line": request.line, "day": request.day.isoformat(),
            "window": request.window, "phone": request.phone, "language": request.language}


def create_app(queue: CallbackQueue, token: str) -> web.Application:
    if not token:
        raise ValueError("NEUVO_STAFF_TOKEN is not set: the staff endpoint needs a token")
    expected = f"Bearer {token}".encode()

    @web.middleware
    async def require_token(request: web.Request, handler):
        given = request.headers.get("Authorization", "").encode()
        if not hmac.compare_digest(given, expected):
            return web.json_response({"error": "missing or wrong bearer token"}, status=401)
        return await handler(request)

    async def list_open(request: web.Request) -> web.Response:
        requests = [_as_json(r) for r in request.app[QUEUE].open_requests()]
        return web.json_response({"open": requests, "count": len(requests)})

    async def mark_done(request: web.Request) -> web.Response:
        reference = request.match_info["reference"].upper()
        if request.app[QUEUE].mark_done(reference):
            return web.json_response({"reference": reference, "handled": True})
        return web.json_response({"error": f"no open request {reference}"}, status=404)

    async def purge(request: web.Request) -> web.Response:
        return web.json_response({"deleted": request.app[QUEUE].purge()})

    app = web.Application(middlewares=[require_token], client_max_size=1024)
    app[QUEUE] = queue
    app.router.add_get("/callbacks", list_open)
    app.router.add_post("/callbacks/purge", purge)
    app.router.add_post("/callbacks/{reference}/done", mark_done)
    return app


def serve(host: str = "127.0.0.1") -> None:
    from actions import settings
    from actions.callback_queue import default_queue

    web.run_app(create_app(default_queue(), settings.staff_token()), host=host,
                port=settings.staff_port())
