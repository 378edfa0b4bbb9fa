"""Static server for `make run`: the chat widget, its demo partner page and the
socket.io client that npm put in node_modules.

Only the files named in ROUTES are served, so node_modules and the sources
beside them stay private. The demo page learns where Rasa is from
/demo/config.js, written here from --rasa-port (tests run Rasa on a free port).

    python bot/widget/serve.py --host 127.0.0.1 --port 8080 --rasa-port 5005
"""
import argparse
import http.server
import sys
from pathlib import Path
from urllib.parse import urlsplit

WIDGET = Path(__file__).resolve().parent

ROUTES = {
    "/neuvo-widget.js": WIDGET / "neuvo-widget.js",
    "/neuvo-widget.css": WIDGET / "neuvo-widget.css",
    "/vendor/socket.io.min.js": WIDGET / "node_modules/socket.io-client/dist/socket.io.min.js",
    "/demo/": WIDGET / "demo/index.html",
    "/demo/index.html": WIDGET / "demo/index.html",
    "/demo/sv.html": WIDGET / "demo/sv.html",
    "/demo/demo.css": WIDGET / "demo/demo.css",
}
REDIRECTS = {"/": "/demo/", "/demo": "/demo/"}
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}


def demo_config(rasa_port: int) -> bytes:
    # Same host as the page: works for 127.0.0.1 and for RASA_INTERFACE=0.0.0.0.
    return (
        "// Where the demo page finds Rasa's socket.io channel (written by serve.py).\n"
        "window.NEUVO_DEMO = {socketUrl: location.protocol + '//' + location.hostname"
        f" + ':{int(rasa_port)}'}};\n"
    ).encode()


def handler(rasa_port: int):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):
            self.respond(head=True)

        def do_GET(self):
            self.respond(head=False)

        def respond(self, head):
            path = urlsplit(self.path).path
            if path in REDIRECTS:
                self.send_response(302)
                self.send_header("Location", REDIRECTS[path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if path == "/demo/config.js":
                body, kind = demo_config(rasa_port), TYPES[".js"]
            elif path in ROUTES and ROUTES[path].is_file():
                body, kind = ROUTES[path].read_bytes(), TYPES[ROUTES[path].suffix]
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            # Edits to the widget show on the next reload while developing.
            self.send_header("Cache-Control", "no-cache")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def log_message(self, *args):
            pass  # keep `make run`'s terminal for the servers' own messages

    return Handler


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--rasa-port", type=int, default=5005)
    args = parser.parse_args(argv)
    if not ROUTES["/vendor/socket.io.min.js"].is_file():
        sys.exit("bot/widget/node_modules is missing: run `make setup` (npm ci) first")
    try:
        server = http.server.ThreadingHTTPServer((args.host, args.port), handler(args.rasa_port))
    except OSError as error:
        sys.exit(f"Widget server: cannot listen on {args.host}:{args.port} ({error}); "
                 "set WIDGET_PORT to a free port")
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
