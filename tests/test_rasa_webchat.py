"""A partner page that already runs rasa-webchat (the npm package, locked in
tests/webchat/package-lock.json) pointed at Neuvo, as a person uses it:
Debian's chromium through Playwright, the real servers, the page served from
an allowed origin of its own. The page's context comes as rasa-webchat's
`customData`; the assertions read what the widget shows."""
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.conftest import answer, variation
from tests.servers import ROOT

WEBCHAT = ROOT / "tests" / "webchat"
BUNDLE = WEBCHAT / "node_modules" / "rasa-webchat" / "lib" / "index.js"
REPLY_MS = 60_000  # the first replies can be slow on a 2-core machine


def props(server, **page):
    """rasa-webchat's props, as a partner sets them in its snippet (README)."""
    return {"socketUrl": server.base, "socketPath": "/socket.io/", "title": "Neuvo",
            "initPayload": "/greet", "inputTextFieldHint": "Kirjoita kysymyksesi",
            **page}


class PartnerSite:
    """Static pages /<name>/ of the partner, each with its own rasa-webchat props."""

    def __init__(self, port, pages):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                name, _, file = self.path.strip("/").partition("/")
                if self.path == "/rasa-webchat.js":
                    self.send(BUNDLE.read_bytes(), "text/javascript")
                elif name in site.pages and file == "":
                    self.send((WEBCHAT / "partner.html").read_bytes(), "text/html")
                elif name in site.pages and file == "props.js":
                    self.send(f"window.NEUVO_WEBCHAT = {json.dumps(site.pages[name])};".encode(),
                              "text/javascript")
                else:
                    self.send_error(404)

            def send(self, body, kind):
                self.send_response(200)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.pages = pages
        self.url = f"http://127.0.0.1:{port}"
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def site(web_server, partner_port):
    if not BUNDLE.exists():
        pytest.fail("tests/webchat/node_modules is missing: run `make test`, which installs it")
    site = PartnerSite(partner_port, {
        # a youth centre's page on student benefits, its conversation kept for the tab
        "opiskelu": props(web_server, customData={"topic": "students", "language": "fi"},
                          params={"storage": "session"}),
        # a Swedish page; its conversation kept in local storage (rasa-webchat's default)
        "svenska": props(web_server, customData={"language": "sv"},
                         inputTextFieldHint="Skriv din fråga", params={"storage": "local"}),
    })
    yield site
    site.close()


class Webchat:
    """rasa-webchat on a page, through what a user sees and does."""

    def __init__(self, page):
        self.page = page
        self.launcher = page.locator(".rw-launcher")
        self.input = page.locator(".rw-new-message")
        self.bot = page.locator(".rw-response")
        self.user = page.locator(".rw-client")
        self.replies = page.locator(".rw-replies .rw-reply")

    def open(self):
        self.launcher.click()
        expect(self.input).to_be_visible()

    def ask(self, text):
        """Type `text` and send it; the bot's first new message, once shown."""
        before = self.bot.count()
        self.input.fill(text)
        self.input.press("Enter")
        expect(self.user.last).to_have_text(text)
        expect(self.bot).not_to_have_count(before, timeout=REPLY_MS)
        return self.bot.nth(before)


@pytest.fixture
def open_page(new_page, site):
    return lambda name: new_page(f"{site.url}/{name}/")


def test_finnish_page_topic_answers_a_vague_question_and_links_render(open_page, domain):
    chat = Webchat(open_page("opiskelu"))
    chat.open()
    # initPayload "/greet": the greeting in the page's language
    expect(chat.bot.first).to_have_text(variation(domain, "utter_greet", "fi"), timeout=REPLY_MS)
    # "how do I apply?" names no benefit: the page's topic (customData) says students
    students = answer("student_applying", "fi")
    expect(chat.ask("miten mä sitä haen?")).to_have_text(students, timeout=REPLY_MS)
    url = re.search(r"https://\S+$", students).group(0)
    expect(chat.bot.last.locator(f'a[href="{url}"]')).to_have_text(url)


def test_swedish_page_greets_and_answers_in_swedish(open_page, domain):
    page = open_page("svenska")
    chat = Webchat(page)
    chat.open()
    expect(chat.bot.first).to_have_text(variation(domain, "utter_greet", "sv"), timeout=REPLY_MS)
    expect(chat.ask("vi hyr en tvåa, kan vi få allmänt bostadsbidrag?")).to_have_text(
        answer("general_housing_allowance", "sv"), timeout=REPLY_MS)
    shown = chat.bot.all_inner_texts()
    page.reload()  # local storage, rasa-webchat's default: the chat is still there
    expect(Webchat(page).bot).to_have_text(shown, timeout=REPLY_MS)


def test_quick_reply_is_pressed_and_a_reload_keeps_the_conversation(open_page, domain):
    page = open_page("opiskelu")
    chat = Webchat(page)
    chat.open()
    expect(chat.bot.first).to_have_text(variation(domain, "utter_greet", "fi"), timeout=REPLY_MS)
    expect(chat.ask("voitko auttaa mua")).to_have_text(variation(domain, "utter_help", "fi"),
                                                      timeout=REPLY_MS)
    expect(chat.replies).to_have_text(
        [b["title"] for b in domain.responses["utter_help"][0]["buttons"]])
    before = chat.bot.count()
    chat.replies.filter(has_text="Asumisen tuet").click()
    expect(chat.bot.nth(before)).to_have_text(
        variation(domain, "utter_topic_intro", "fi", topic="housing"), timeout=REPLY_MS)
    shown = chat.bot.all_inner_texts()

    page.reload()
    chat = Webchat(page)
    expect(chat.bot).to_have_text(shown, timeout=REPLY_MS)  # the history, from session storage
    # the same conversation on the server: its topic (housing, chosen above)
    # beats the page's (students) for a question that names no benefit
    expect(chat.ask("entä miten tätä haetaan?")).to_have_text(
        answer("general_housing_allowance", "fi"), timeout=REPLY_MS)
