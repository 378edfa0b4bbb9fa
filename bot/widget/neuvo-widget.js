/*
 * Neuvo chat widget for partner sites: plain JavaScript, no build step.
 *
 *   <script src="https://NEUVO-HOST/neuvo-widget.js"></script>
 *   <script>NeuvoWidget.init({socketUrl: "https://RASA-HOST", language: "fi", topic: "housing"});</script>
 *
 * It talks to Rasa's socket.io channel (credentials.yml) and loads its style
 * sheet and the socket.io client from beside this file, so a partner page
 * needs nothing from a CDN. Bot text is always put in the page as text nodes
 * (links as <a> elements built here), never as HTML.
 */
(function () {
  "use strict";

  // Captured while this file runs: document.currentScript is null afterwards.
  var SCRIPT_URL = (document.currentScript && document.currentScript.src) || location.href;

  var LABELS = {
    fi: {
      launcher: "Kysy Neuvolta",
      title: "Neuvo",
      subtitle: "Automaattinen neuvontabotti: yleistä tietoa Kelan etuuksista",
      close: "Sulje keskustelu",
      log: "Keskustelu Neuvon kanssa",
      you: "Sinä:",
      bot: "Neuvo:",
      choices: "Vaihtoehdot",
      inputLabel: "Kysymyksesi",
      placeholder: "Kirjoita kysymyksesi…",
      send: "Lähetä",
      intro: "Kysy Kelan etuuksista omin sanoin, suomeksi tai ruotsiksi. Älä kirjoita henkilötunnustasi tai muita henkilötietoja.",
      typing: "Neuvo kirjoittaa…",
      connectionLost: "Yhteys Neuvoon katkesi. Yritetään uudelleen…",
      newTab: "(avautuu uuteen välilehteen)"
    },
    sv: {
      launcher: "Fråga Neuvo",
      title: "Neuvo",
      subtitle: "Automatisk rådgivningsbot: allmän information om FPA:s förmåner",
      close: "Stäng chatten",
      log: "Samtal med Neuvo",
      you: "Du:",
      bot: "Neuvo:",
      choices: "Alternativ",
      inputLabel: "Din fråga",
      placeholder: "Skriv din fråga…",
      send: "Skicka",
      intro: "Fråga om FPA:s förmåner med egna ord, på svenska eller finska. Skriv inte din personbeteckning eller andra personuppgifter.",
      typing: "Neuvo skriver…",
      connectionLost: "Anslutningen till Neuvo bröts. Försöker igen…",
      newTab: "(öppnas i en ny flik)"
    }
  };

  // Long enough for a whole visit, short enough that storage stays small.
  var HISTORY_LIMIT = 60;
  // The typing indicator gives up if the bot stays silent this long.
  var TYPING_TIMEOUT_MS = 60000;

  var instance = null;

  /* ---------- storage: the session id and what the user has seen ---------- */

  // Storage can be blocked (private mode, partner's policy): the chat then
  // still works, it just forgets on reload.
  function storageOf(kind) {
    try {
      var s = window[kind];
      s.setItem("neuvo:probe", "1");
      s.removeItem("neuvo:probe");
      return s;
    } catch (e) {
      return null;
    }
  }

  function createStore(prefix) {
    var local = storageOf("localStorage");
    var perTab = storageOf("sessionStorage");
    function read(storage, key, fallback) {
      if (!storage) return fallback;
      try {
        var value = storage.getItem(prefix + ":" + key);
        return value === null ? fallback : JSON.parse(value);
      } catch (e) {
        return fallback;
      }
    }
    function write(storage, key, value) {
      if (!storage) return;
      try {
        storage.setItem(prefix + ":" + key, JSON.stringify(value));
      } catch (e) { /* full or blocked: keep going without memory */ }
    }
    return {
      sessionId: function () { return read(local, "session", null); },
      setSessionId: function (id) { write(local, "session", id); },
      // History belongs to one session: another session id starts empty.
      history: function (sessionId) {
        var saved = read(local, "history", null);
        return saved && saved.sessionId === sessionId && Array.isArray(saved.messages)
          ? saved.messages : [];
      },
      setHistory: function (sessionId, messages) {
        var kept = messages.slice(-HISTORY_LIMIT).map(function (m) {
          return { from: m.from, text: m.text, buttons: m.buttons || [] };
        });
        write(local, "history", { sessionId: sessionId, messages: kept });
      },
      // Open or closed is per tab: a reload keeps the chat open, a new tab starts closed.
      wasOpen: function () { return read(perTab, "open", false) === true; },
      setOpen: function (open) { write(perTab, "open", open); }
    };
  }

  /* ---------- safe text: links become <a>, everything else stays text ---------- */

  var LINK = /(https?:\/\/[^\s<>"']+)|((?:www\.)?(?:[a-z0-9-]+\.)+(?:fi|se|eu|com|org|net)(?:\/[^\s<>"']*)?)/gi;
  var TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

  function appendLinkedText(parent, text, hintId) {
    var last = 0;
    var match;
    LINK.lastIndex = 0;
    while ((match = LINK.exec(text)) !== null) {
      var shown = match[0].replace(TRAILING_PUNCTUATION, "");
      var before = text.charAt(match.index - 1);
      // "tilastot@kela.fi" is an address, "FPA.fi" inside a word is not a link
      if (!shown || (match[2] && /[@\w.\/-]/.test(before))) continue;
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var a = document.createElement("a");
      a.href = match[1] ? shown : "https://" + shown;
      a.textContent = shown;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.setAttribute("aria-describedby", hintId);
      parent.appendChild(a);
      last = match.index + shown.length;
      LINK.lastIndex = last;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /* ---------- small DOM helper ---------- */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name === "hidden") node.hidden = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = el("script", { src: src });
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  // The partner page may have its own (other version of) window.io: keep it.
  function loadSocketIo(src) {
    var theirs = window.io;
    return loadScript(src).then(function () {
      var ours = window.io;
      if (theirs !== undefined) window.io = theirs;
      else delete window.io;
      if (typeof ours !== "function") throw new Error("socket.io client did not load");
      return ours;
    });
  }

  /* ---------- the widget ---------- */

  function Widget(config) {
    this.config = config;
    this.labels = LABELS[config.language];
    this.store = createStore(config.storageKey);
    this.sessionId = this.store.sessionId();
    this.messages = this.store.history(this.sessionId);
    this.outbox = [];
    this.confirmed = false;
    this.socket = null;
    this.typingTimer = null;
    this.build();
    this.messages.forEach(this.render, this);
    if (this.store.wasOpen()) this.open(false);
  }

  Widget.prototype.build = function () {
    var t = this.labels;
    var self = this;
    var host = el("div", { id: "neuvo-widget" });
    // Hidden until the style sheet is in, so the page never shows it unstyled.
    host.style.display = "none";
    // A shadow root keeps the partner page's CSS out of the widget and ours out of the page.
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    var styles = el("link", { rel: "stylesheet", href: this.config.stylesUrl });
    styles.onload = styles.onerror = function () { host.style.display = ""; };
    root.appendChild(styles);

    this.launcher = el("button", {
      type: "button", class: "neuvo-launcher", "aria-expanded": "false",
      "aria-controls": "neuvo-panel", text: t.launcher
    });
    this.closeButton = el("button", {
      type: "button", class: "neuvo-close", "aria-label": t.close
    }, [el("span", { "aria-hidden": "true", text: "×" })]);
    // tabindex 0: keyboard users scroll back through the conversation with the arrow keys.
    this.log = el("div", {
      class: "neuvo-log", role: "log", "aria-live": "polite", "aria-label": t.log, tabindex: "0"
    }, [el("p", { class: "neuvo-intro", text: t.intro })]);
    this.typing = el("div", { class: "neuvo-typing", role: "status" });
    this.error = el("div", { class: "neuvo-error", role: "alert" });
    this.input = el("input", {
      id: "neuvo-input", class: "neuvo-input", type: "text", autocomplete: "off",
      maxlength: "500", placeholder: t.placeholder
    });
    this.sendButton = el("button", { type: "submit", class: "neuvo-send", text: t.send });
    this.form = el("form", { class: "neuvo-form" }, [
      el("label", { for: "neuvo-input", class: "neuvo-sr", text: t.inputLabel }),
      this.input, this.sendButton
    ]);
    this.panel = el("div", {
      id: "neuvo-panel", class: "neuvo-panel", role: "dialog", "aria-modal": "false",
      "aria-labelledby": "neuvo-title", "aria-describedby": "neuvo-subtitle", hidden: true
    }, [
      el("div", { class: "neuvo-header" }, [
        el("div", {}, [
          el("h2", { id: "neuvo-title", class: "neuvo-title", text: t.title }),
          el("p", { id: "neuvo-subtitle", class: "neuvo-subtitle", text: t.subtitle })
        ]),
        this.closeButton
      ]),
      this.log, this.typing, this.error, this.form,
      el("span", { id: "neuvo-new-tab", class: "neuvo-sr", text: t.newTab })
    ]);
    root.appendChild(el("div", { class: "neuvo", lang: this.config.language }, [this.launcher, this.panel]));
    document.body.appendChild(host);

    this.launcher.addEventListener("click", function () { self.open(true); });
    this.closeButton.addEventListener("click", function () { self.close(); });
    this.panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        self.close();
      }
    });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = self.input.value.trim();
      if (!text) return;
      self.input.value = "";
      self.send(text, text);
    });
  };

  // moveFocus: the user opened it (focus to the input); a reload that reopens
  // the chat must not pull focus away from the partner page.
  Widget.prototype.open = function (moveFocus) {
    this.panel.hidden = false;
    this.launcher.hidden = true;
    this.launcher.setAttribute("aria-expanded", "true");
    this.store.setOpen(true);
    this.scrollToEnd();
    this.connect();
    if (moveFocus) this.input.focus();
  };

  Widget.prototype.close = function () {
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute("aria-expanded", "false");
    this.store.setOpen(false);
    this.launcher.focus();
  };

  /* ---------- messages ---------- */

  Widget.prototype.addMessage = function (message) {
    this.messages.push(message);
    this.store.setHistory(this.sessionId, this.messages);
    this.render(message);
  };

  Widget.prototype.render = function (message) {
    var t = this.labels;
    var self = this;
    var text = el("p", { class: "neuvo-message__text" });
    if (message.from === "bot") appendLinkedText(text, message.text, "neuvo-new-tab");
    else text.textContent = message.text;
    var item = el("div", { class: "neuvo-message neuvo-message--" + message.from }, [
      el("span", { class: "neuvo-sr", text: message.from === "bot" ? t.bot : t.you }),
      text
    ]);
    if (message.buttons && message.buttons.length) {
      var group = el("div", { class: "neuvo-choices", role: "group", "aria-label": t.choices });
      message.buttons.forEach(function (button) {
        var choice = el("button", { type: "button", class: "neuvo-choice", text: button.title });
        choice.addEventListener("click", function () {
          self.send(button.payload, button.title);
          // The clicked button is gone now: keep keyboard users in the chat.
          self.input.focus();
        });
        group.appendChild(choice);
      });
      item.appendChild(group);
    }
    message.node = item;
    this.log.appendChild(item);
    this.scrollToEnd();
  };

  // Buttons answer the question they came with: once the user says something
  // else, an old button would send a stale answer, so they go.
  Widget.prototype.dropButtons = function () {
    this.messages.forEach(function (message) {
      if (!message.buttons || !message.buttons.length) return;
      message.buttons = [];
      var group = message.node && message.node.querySelector(".neuvo-choices");
      if (group) group.remove();
    });
  };

  Widget.prototype.scrollToEnd = function () {
    this.log.scrollTop = this.log.scrollHeight;
  };

  // text: what Rasa gets (a button's payload); shown: what the user sees (its title).
  Widget.prototype.send = function (text, shown) {
    this.dropButtons();
    this.addMessage({ from: "user", text: shown });
    this.outbox.push(text);
    this.setTyping(true);
    this.flush();
  };

  Widget.prototype.onBotUttered = function (data) {
    data = data || {};
    var text = typeof data.text === "string" ? data.text : "";
    // Rasa's socket.io channel sends buttons as quick_replies; other senders use buttons.
    var buttons = (data.quick_replies || data.buttons || []).filter(function (b) {
      return b && typeof b.title === "string" && typeof b.payload === "string";
    }).map(function (b) {
      return { title: b.title, payload: b.payload };
    });
    this.setTyping(false);
    if (!text && !buttons.length) return; // images and custom payloads: Neuvo sends none
    this.addMessage({ from: "bot", text: text, buttons: buttons });
  };

  Widget.prototype.setTyping = function (on) {
    var self = this;
    clearTimeout(this.typingTimer);
    this.typing.textContent = "";
    if (!on) return;
    this.typing.appendChild(el("span", { class: "neuvo-dots", "aria-hidden": "true" },
      [el("span"), el("span"), el("span")]));
    this.typing.appendChild(document.createTextNode(this.labels.typing));
    this.typingTimer = setTimeout(function () { self.setTyping(false); }, TYPING_TIMEOUT_MS);
  };

  Widget.prototype.setError = function (message) {
    if (this.error.textContent !== (message || "")) this.error.textContent = message || "";
  };

  /* ---------- socket.io: Rasa's channel with session persistence ---------- */

  Widget.prototype.connect = function () {
    var self = this;
    if (this.socket) return;
    this.socket = "connecting";
    loadSocketIo(this.config.socketClientUrl).then(function (io) {
      // websocket only: Rasa's socket.io server sends no CORS headers for
      // long-polling, and the partner page is on another origin.
      var socket = io(self.config.socketUrl, { path: self.config.socketPath, transports: ["websocket"] });
      self.socket = socket;
      // On every (re)connect: join this browser's session again, else replies go nowhere.
      socket.on("connect", function () {
        self.confirmed = false;
        socket.emit("session_request", { session_id: self.sessionId });
      });
      socket.on("session_confirm", function (data) {
        var id = data && typeof data === "object" ? data.session_id : data;
        if (id !== self.sessionId) {
          self.sessionId = id;
          self.store.setSessionId(id);
          self.store.setHistory(id, self.messages);
        }
        self.confirmed = true;
        self.setError(null);
        self.flush();
      });
      socket.on("bot_uttered", function (data) { self.onBotUttered(data); });
      socket.on("disconnect", function () {
        self.confirmed = false;
        self.setTyping(false);
        self.setError(self.labels.connectionLost);
      });
      socket.on("connect_error", function () { self.setError(self.labels.connectionLost); });
    }).catch(function () {
      self.socket = null;
      self.setError(self.labels.connectionLost);
    });
  };

  // Messages wait here until the server has confirmed the session: sent
  // before that, a reply could go to a room this socket has not joined yet.
  Widget.prototype.flush = function () {
    if (!this.confirmed) return;
    var metadata = this.config.topic ? { topic: this.config.topic } : {};
    while (this.outbox.length) {
      this.socket.emit("user_uttered", {
        message: this.outbox.shift(), session_id: this.sessionId, metadata: metadata
      });
    }
  };

  /* ---------- public API ---------- */

  function init(options) {
    if (instance) return instance;
    options = options || {};
    if (!options.socketUrl) throw new Error("NeuvoWidget.init: socketUrl is required");
    var base = options.assetsUrl || SCRIPT_URL;
    var config = {
      socketUrl: options.socketUrl,
      socketPath: options.socketPath || "/socket.io",
      language: options.language === "sv" ? "sv" : "fi",
      topic: typeof options.topic === "string" && options.topic ? options.topic : null,
      storageKey: options.storageKey || "neuvo",
      stylesUrl: new URL("neuvo-widget.css", base).href,
      socketClientUrl: new URL("vendor/socket.io.min.js", base).href
    };
    instance = {};
    function start() { instance.widget = new Widget(config); }
    if (document.body) start();
    else document.addEventListener("DOMContentLoaded", start);
    return instance;
  }

  window.NeuvoWidget = { init: init };
})();
