"""The chat widget as a person uses it on the demo partner page: Debian's
chromium (through Playwright) against the real servers that `make run` starts
(scripts/run.sh). The assertions read what the page shows: labels, messages,
links and buttons."""
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import answer, variation
from tests.servers import ROOT

AXE = ROOT / "bot" / "widget" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT = ROOT / "artifacts" / "widget.png"
REPLY_MS = 60_000  # the first replies can be slow on a 2-core machine

# The widget's own words, as a user sees them.
LABELS = {
    "fi": {"launcher": "Kysy Neuvolta", "close": "Sulje keskustelu", "input": "Kysymyksesi",
           "send": "Lähetä", "typing": "Neuvo kirjoittaa…", "choices": "Vaihtoehdot",
           "lost": "Yhteys Neuvoon katkesi. Yritetään uudelleen…",
           "placeholder": "Kirjoita kysymyksesi…"},
    "sv": {"launcher": "Fråga Neuvo", "close": "Stäng chatten", "input": "Din fråga",
           "send": "Skicka", "typing": "Neuvo skriver…", "choices": "Alternativ",
           "lost": "Anslutningen till Neuvo bröts. Försöker igen…",
           "placeholder": "Skriv din fråga…"},
}
PAGES = {"fi": "/demo/", "sv": "/demo/sv.html"}


class Widget:
    """The widget on a demo page, through what a user sees and does."""

    def __init__(self, page, language="fi"):
        self.page, self.words = page, LABELS[language]
        self.launcher = page.get_by_role("button", name=self.words["launcher"])
        self.dialog = page.get_by_role("dialog", name="Neuvo")
        self.close_button = page.get_by_role("button", name=self.words["close"])
        self.input = page.get_by_role("textbox", name=self.words["input"])
        self.send_button = page.get_by_role("button", name=self.words["send"], exact=True)
        self.log = page.get_by_role("log")
        self.bot = page.locator(".neuvo-message--bot .neuvo-message__text")
        self.user = page.locator(".neuvo-message--user .neuvo-message__text")
        self.choices = page.get_by_role("group", name=self.words["choices"]).get_by_role("button")
        self.status = page.get_by_role("status")
        self.alert = page.get_by_role("alert")

    def open(self):
        self.launcher.click()
        expect(self.dialog).to_be_visible()
        expect(self.input).to_be_focused()

    def ask(self, text, *replies):
        """Type and send `text`; the bot's next messages must be `replies`."""
        before = self.bot.count()
        self.input.fill(text)
        self.send_button.click()
        expect(self.user.last).to_have_text(text)
        self.expect_replies(before, replies)

    def expect_replies(self, before, replies):
        for i, reply in enumerate(replies):
            expect(self.bot.nth(before + i)).to_have_text(reply, timeout=REPLY_MS)
        expect(self.bot).to_have_count(before + len(replies))

    def ask_anything(self, text):
        """Send `text` and wait for whatever the bot answers: its texts."""
        before = self.bot.count()
        self.input.fill(text)
        self.input.press("Enter")
        self.bot.nth(before).wait_for(timeout=REPLY_MS)
        expect(self.status).to_have_text("")
        return self.bot.all_inner_texts()[before:]


@pytest.fixture(scope="module")
def server(web_server):
    if not AXE.exists():
        pytest.fail("bot/widget/node_modules is missing: run `make setup`")
    return web_server


@pytest.fixture
def open_page(new_page, server):
    """A fresh browser (own storage, so a new chat session) on a demo page."""
    def open_page(language="fi", width=1280, height=800):
        return new_page(server.widget + PAGES[language], width, height)

    return open_page


def test_finnish_questions_get_answers_for_the_pages_topic(open_page, domain):
    page = open_page("fi")
    widget = Widget(page, "fi")
    expect(widget.dialog).to_be_hidden()
    widget.open()
    expect(widget.input).to_have_attribute("placeholder", LABELS["fi"]["placeholder"])
    widget.ask("hei", variation(domain, "utter_greet", "fi"))
    # a vague question: the demo page's topic (housing) reaches the bot as metadata
    housing = answer("general_housing_allowance", "fi")
    widget.ask("miten haen?", housing)
    url = re.search(r"https://\S+$", housing).group(0)
    expect(widget.log.get_by_role("link", name=url)).to_have_attribute("href", url)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))

    # "kela.fi/soita-kelaan" without https:// is a link too
    widget.ask_anything("mihin voin soittaa asumistuesta")
    expect(widget.log.get_by_role("link", name="kela.fi/soita-kelaan").last).to_have_attribute(
        "href", "https://kela.fi/soita-kelaan")

    # what the user types is shown as text, never run as HTML
    widget.ask_anything('<img src="x" onerror="document.title=\'hacked\'"> moi')
    expect(widget.user.last).to_have_text('<img src="x" onerror="document.title=\'hacked\'"> moi')
    expect(page.locator(".neuvo-message img")).to_have_count(0)
    assert page.title() != "hacked"


def test_swedish_page_has_swedish_labels_and_answers(open_page, domain):
    widget = Widget(open_page("sv"), "sv")
    widget.open()
    expect(widget.close_button).to_be_visible()
    widget.ask("hej", variation(domain, "utter_greet", "sv"))
    widget.ask("kan jag få allmänt bostadsbidrag för min hyresbostad?", answer("general_housing_allowance", "sv"))


def test_a_button_sends_its_choice(open_page, domain):
    widget = Widget(open_page("fi"), "fi")
    widget.open()
    widget.ask("apua", variation(domain, "utter_help", "fi"))
    expect(widget.choices).to_have_text(
        [b["title"] for b in domain.responses["utter_help"][0]["buttons"]])
    before = widget.bot.count()
    widget.choices.filter(has_text="Asumisen tuet").click()
    # the user sees the button's title as their message, never its payload
    expect(widget.user.last).to_have_text("Asumisen tuet")
    widget.expect_replies(before, [variation(domain, "utter_topic_intro", "fi", topic="housing")])
    expect(widget.choices).to_have_count(0)  # answered: old buttons would send stale choices
    expect(widget.input).to_be_focused()


def test_reload_shows_the_history_and_continues_the_same_session(open_page):
    page = open_page("sv")
    widget = Widget(page, "sv")
    widget.open()
    first = widget.ask_anything("hur mycket studiepenning kan man få")

    page.reload()
    widget = Widget(page, "sv")
    expect(widget.dialog).to_be_visible()  # it was open: a reload keeps it open
    expect(widget.user).to_have_text(["hur mycket studiepenning kan man få"])
    expect(widget.bot).to_have_text(first)
    # the same session: the conversation's topic (students) beats the page's (housing)
    widget.ask("hur gör jag för att ansöka?", answer("student_applying", "sv"))


def focused(locator):
    """True when `locator` has the keyboard focus (inside the widget's shadow root too)."""
    return locator.evaluate("el => el.getRootNode().activeElement === el")


def press_until_focused(page, key, locator, at_most=20):
    for _ in range(at_most):
        page.keyboard.press(key)
        if focused(locator):
            return
    raise AssertionError(f"{key} never reached {locator}")


def test_keyboard_only(open_page, domain):
    page = open_page("fi")
    widget = Widget(page, "fi")
    press_until_focused(page, "Tab", widget.launcher)
    assert widget.launcher.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    expect(widget.dialog).to_be_visible()
    expect(widget.input).to_be_focused()
    assert widget.input.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"

    page.keyboard.type("apua")
    page.keyboard.press("Enter")
    expect(widget.bot.last).to_have_text(variation(domain, "utter_help", "fi"), timeout=REPLY_MS)
    housing = widget.choices.filter(has_text="Asumisen tuet")
    press_until_focused(page, "Shift+Tab", housing)
    assert housing.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    expect(widget.bot.last).to_have_text(
        variation(domain, "utter_topic_intro", "fi", topic="housing"), timeout=REPLY_MS)
    expect(widget.input).to_be_focused()

    page.keyboard.type("miten haen?")
    page.keyboard.press("Enter")
    expect(widget.bot.last).to_have_text(answer("general_housing_allowance", "fi"),
                                         timeout=REPLY_MS)

    page.keyboard.press("Escape")
    expect(widget.dialog).to_be_hidden()
    expect(widget.launcher).to_be_focused()
    page.keyboard.press("Enter")  # and back, with the conversation still there
    expect(widget.input).to_be_focused()
    expect(widget.bot.last).to_have_text(answer("general_housing_allowance", "fi"))
    press_until_focused(page, "Shift+Tab", widget.close_button)
    page.keyboard.press("Enter")
    expect(widget.dialog).to_be_hidden()
    expect(widget.launcher).to_be_focused()


class HeldReplies:
    """Sits between the page and Rasa's socket.io channel: holds the bot's
    replies back (so the typing indicator can be seen) and can cut the
    connection, as a network failure would."""

    def __init__(self):
        self.holding, self.held, self.connections = True, [], []

    def route(self, page_side):
        rasa = page_side.connect_to_server()
        self.connections.append(page_side)

        def from_rasa(message):
            if self.holding and isinstance(message, str) and '"bot_uttered"' in message:
                self.held.append((page_side, message))
            else:
                page_side.send(message)

        rasa.on_message(from_rasa)

    def release(self, page):
        """Wait for a held reply, then pass it and everything after it on."""
        for _ in range(REPLY_MS // 200):
            if self.held:
                break
            page.wait_for_timeout(200)  # Playwright delivers the socket's messages meanwhile
        self.holding = False
        for page_side, message in self.held:
            page_side.send(message)

    def cut(self):
        self.connections[-1].close()


def test_typing_indicator_and_a_dropped_connection(open_page, domain):
    page = open_page("fi")
    replies = HeldReplies()
    page.route_web_socket(re.compile(r"/socket\.io/"), replies.route)
    widget = Widget(page, "fi")
    widget.open()
    widget.input.fill("hei")
    widget.input.press("Enter")
    expect(widget.status).to_have_text(LABELS["fi"]["typing"])
    replies.release(page)
    expect(widget.bot.last).to_have_text(variation(domain, "utter_greet", "fi"))
    expect(widget.status).to_have_text("")

    replies.cut()
    expect(widget.alert).to_have_text(LABELS["fi"]["lost"])
    # socket.io reconnects by itself and the widget joins its session again
    expect(widget.alert).to_have_text("", timeout=30_000)
    widget.ask("miten haen?", answer("general_housing_allowance", "fi"))


def test_360_px_wide_screen_has_no_sideways_scroll(open_page):
    page = open_page("fi", width=360, height=740)
    widget = Widget(page, "fi")
    widget.open()
    widget.ask("miten haen?", answer("general_housing_allowance", "fi"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for part in (widget.dialog, widget.input, widget.send_button, widget.close_button):
        box = part.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, part
    assert widget.log.evaluate("el => el.scrollWidth <= el.clientWidth")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_no_serious_accessibility_violations_with_the_widget_open(open_page, domain, language):
    page = open_page(language)
    widget = Widget(page, language)
    widget.open()
    widget.ask("apua" if language == "fi" else "hjälp", variation(domain, "utter_help", language))
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == []
