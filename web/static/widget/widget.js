/*!
 * Ospina Medical chat widget: plain JavaScript, no build step.
 *
 * Embed on any page with one script tag and a config object (web/README.md):
 *   <script src="https://SITE/widget/widget.js" defer
 *           data-config='{"serverUrl": "https://RASA-SERVER", "title": "…", "colors": {"primary": "#17557a"}}'></script>
 * or set window.OspinaChatConfig = {...} before it. The rest (clinic details, the approved short
 * disclaimer, the safety texts) comes from /config.json on the widget's own server.
 *
 * Talks to Rasa's socket.io channel: session_request / session_confirm / user_uttered / bot_uttered,
 * session id in localStorage so a reload keeps the conversation. Every visitor and bot text is
 * inserted with textContent: this file never parses HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.OspinaChat) return;

  var WIDGET_BASE = new URL(".", script.src).href;
  var SOCKET_IO_URL = new URL("vendor/socket.io.min.js", WIDGET_BASE).href;
  var DEFAULT_PRIMARY = "#17557a";
  var INK = "#1f2328";
  var WHITE = "#ffffff";
  // Long stories with the question at the end are common; the server takes up to 50,000.
  var MAX_INPUT = 5000;
  var INPUT_WARNING = 500;  // characters left when the count is shown
  var MAX_STORED = 200;
  var REPLY_TIMEOUT_MS = 30000;
  // A reply is several messages, each action's sent as it finishes: it is taken as complete when
  // none has come for this long. A message typed before then waits, so that it is not shown in
  // the middle of the reply (session 25's tester).
  var SETTLE_MS = 800;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var OFFLINE = "You're offline. Your message will be sent when you're back online.";
  var RECONNECTING = "Connection lost. Reconnecting…";
  // Safety guidance the widget shows as an alert with call links (texts from the page config).
  var ALERT_KINDS = ["emergency", "poisoning", "crisis", "screening"];
  var ICONS = {
    chat: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm0 2v10h2v2l2.5-2H20V6H4z",
    close: "M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6 6.4 5z",
    send: "M3 20.5 21 12 3 3.5V10l12 2-12 2v6.5z",
    external: "M14 3h7v7h-2V6.4l-8.3 8.3-1.4-1.4L17.6 5H14V3zM5 5h6v2H5v12h12v-6h2v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z",
    phone: "M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1A17 17 0 0 1 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1l-2.3 2.2z",
    alert: "M12 2 1 21h22L12 2zm1 16h-2v-2h2v2zm0-4h-2v-5h2v5z"
  };

  // ---- configuration ------------------------------------------------------------------------

  function embedConfig() {
    var fromGlobal = window.OspinaChatConfig && typeof window.OspinaChatConfig === "object" ? window.OspinaChatConfig : {};
    var fromAttribute = {};
    var raw = script.getAttribute("data-config");
    if (raw) {
      try {
        fromAttribute = JSON.parse(raw) || {};
      } catch (error) {
        console.error("Ospina chat: data-config is not valid JSON", error);
      }
    }
    var merged = Object.assign({}, fromGlobal, fromAttribute);
    merged.colors = Object.assign({}, fromGlobal.colors, fromAttribute.colors);
    return merged;
  }

  function fetchServerConfig(url) {
    return fetch(url, { credentials: "omit", cache: "no-cache" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .catch(function (error) {
        console.warn("Ospina chat: could not load " + url + " (" + error.message + ")");
        return {};
      });
  }

  function str(value, fallback) {
    return typeof value === "string" && value.trim() ? value.trim() : fallback;
  }

  function buildConfig(embed, server) {
    var clinic = server.clinic && typeof server.clinic === "object" ? server.clinic : {};
    return {
      serverUrl: str(embed.serverUrl, str(server.serverUrl, "")).replace(/\/+$/, ""),
      socketPath: str(embed.socketPath, str(server.socketPath, "/socket.io")),
      title: str(embed.title, str(server.title, "Chat")),
      launcherText: str(embed.launcherText, "Chat with us"),
      colors: embed.colors || {},
      clinic: clinic,
      disclaimer: str(server.disclaimerShort, ""),
      privacyNotice: str(server.privacyNotice, ""),
      greetPayload: str(server.greetPayload, "/greet"),
      endPayload: str(server.endPayload, "/end_session"),
      sessionMinutes: Number(server.sessionMinutes) > 0 ? Number(server.sessionMinutes) : 30
    };
  }

  // ---- colours: the configured primary colour, with text colours that keep 4.5:1 ----------------

  function parseHex(value) {
    var match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(value || "").trim());
    if (!match) return null;
    var hex = match[1].length === 3 ? match[1].replace(/./g, "$&$&") : match[1];
    return [0, 2, 4].map(function (i) { return parseInt(hex.slice(i, i + 2), 16); });
  }

  function luminance(rgb) {
    var c = rgb.map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  function theme(colors) {
    var primaryHex = str(colors.primary, DEFAULT_PRIMARY);
    var primary = parseHex(primaryHex);
    var white = parseHex(WHITE), ink = parseHex(INK);
    if (!primary || Math.max(contrast(primary, white), contrast(primary, ink)) < 4.5) {
      console.warn("Ospina chat: colors.primary " + primaryHex + " is not a #rrggbb colour that text can be read on; using " + DEFAULT_PRIMARY);
      primaryHex = DEFAULT_PRIMARY;
      primary = parseHex(primaryHex);
    }
    var onPrimaryHex = str(colors.onPrimary, "");
    var onPrimary = parseHex(onPrimaryHex);
    if (!onPrimary || contrast(primary, onPrimary) < 4.5) {
      onPrimaryHex = contrast(primary, white) >= contrast(primary, ink) ? WHITE : INK;
    }
    return {
      "--omc-primary": primaryHex,
      "--omc-on-primary": onPrimaryHex,
      // The primary colour as text on white (reply buttons, links) only where it is readable.
      "--omc-accent-text": contrast(primary, white) >= 4.5 ? primaryHex : INK
    };
  }

  // ---- DOM helpers: elements and text only, never HTML strings -------------------------------

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      var value = props[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) { if (child) node.append(child); });
    return node;
  }

  // A phone number is never broken across lines ("+1 (202) 555-" / "0100" on a phone: session 49's
  // tester): the text as text nodes, each number in a span that does not wrap.
  var PHONE_NUMBER = /\+?\d[\d ().-]{5,}\d/g;
  function unbroken(text) {
    var nodes = [], last = 0, match;
    PHONE_NUMBER.lastIndex = 0;
    while ((match = PHONE_NUMBER.exec(text)) !== null) {
      nodes.push(document.createTextNode(text.slice(last, match.index)));
      nodes.push(el("span", { class: "omc-nowrap", text: match[0] }));
      last = match.index + match[0].length;
    }
    nodes.push(document.createTextNode(text.slice(last)));
    return nodes;
  }

  function icon(name) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "omc-icon");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "currentColor");
    svg.append(path);
    return svg;
  }

  function visuallyHidden(text) {
    return el("span", { class: "omc-vh", text: text });
  }

  // A quick-reply payload that is a link: https:// opens the page, tel: calls, sms: texts. Anything
  // else is a message for the assistant. Returns the safe href or null.
  function linkFor(payload) {
    if (/^tel:\+?[0-9][0-9\-\s().]*$/i.test(payload)) return "tel:" + payload.slice(4).replace(/[^0-9+]/g, "");
    if (/^sms:\+?[0-9][0-9\-\s().]*$/i.test(payload)) return "sms:" + payload.slice(4).replace(/[^0-9+]/g, "");
    if (/^https:\/\//i.test(payload)) {
      try {
        var url = new URL(payload);
        if (url.protocol === "https:") return url.href;
      } catch (error) { /* not a URL: sent as text */ }
    }
    return null;
  }

  function telLink(number) {
    return "tel:" + String(number).replace(/[^0-9+]/g, "");
  }

  function newSessionId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID().replace(/-/g, "");
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // ---- storage: the session id and the transcript, in localStorage (memory if unavailable) ----

  function openStorage() {
    try {
      var probe = "__ospina_chat_probe";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      var memory = {};
      return {
        getItem: function (key) { return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null; },
        setItem: function (key, value) { memory[key] = String(value); },
        removeItem: function (key) { delete memory[key]; }
      };
    }
  }

  function cleanMessage(m) {
    if (!m || typeof m !== "object" || typeof m.text !== "string") return null;
    var from = m.from === "user" || m.from === "note" ? m.from : "bot";
    var replies = Array.isArray(m.replies) ? m.replies.filter(function (r) {
      return r && typeof r.title === "string" && typeof r.payload === "string";
    }).map(function (r) { return { title: r.title, payload: r.payload }; }) : [];
    var citations = Array.isArray(m.citations) ? m.citations.filter(function (c) { return typeof c === "string"; }) : [];
    return {
      from: from,
      text: m.text,
      replies: replies,
      citations: citations,
      alert: ALERT_KINDS.indexOf(m.alert) >= 0 ? m.alert : null,
      booking: m.booking === true
    };
  }

  // ---- socket.io-client, loaded from the widget's own server ----------------------------------

  var scriptUrlPolicy = null;
  try {
    if (window.trustedTypes && window.trustedTypes.createPolicy) {
      scriptUrlPolicy = window.trustedTypes.createPolicy("ospina-chat", {
        createScriptURL: function (url) {
          if (url === SOCKET_IO_URL) return url;
          throw new TypeError("Ospina chat loads no script but " + SOCKET_IO_URL);
        }
      });
    }
  } catch (error) {
    scriptUrlPolicy = null; // the page's Trusted Types policy list does not name ospina-chat
  }

  var socketIoPromise = null;
  function loadSocketIo() {
    if (socketIoPromise) return socketIoPromise;
    socketIoPromise = new Promise(function (resolve, reject) {
      var previous = window.io;
      var tag = document.createElement("script");
      tag.src = scriptUrlPolicy ? scriptUrlPolicy.createScriptURL(SOCKET_IO_URL) : SOCKET_IO_URL;
      tag.async = true;
      tag.onload = function () {
        var io = window.io;
        // Leave the page's own socket.io (if any) where it was.
        if (previous !== undefined) window.io = previous;
        if (typeof io === "function") resolve(io);
        else reject(new Error("socket.io-client did not load"));
      };
      tag.onerror = function () { reject(new Error("could not load " + SOCKET_IO_URL)); };
      document.head.append(tag);
    });
    socketIoPromise.catch(function () { socketIoPromise = null; });
    return socketIoPromise;
  }

  // ---- the widget -------------------------------------------------------------------------------

  function Widget(cfg) {
    this.cfg = cfg;
    this.storage = openStorage();
    this.key = "ospina-chat:" + cfg.serverUrl;
    this.state = this.loadState();
    this.socket = null;
    this.connecting = false;
    this.ready = false;
    this.everConnected = false;
    this.dropped = false;
    this.queue = [];
    this.replying = false;  // a reply is under way (see SETTLE_MS)
    this.held = [];  // [message, options] sent while it was
    this.settleTimer = null;
    this.greetSent = false;
    this.unread = 0;
    this.turnAnchor = null;
    this.replyTimer = null;
    this.statusTimer = null;
    this.reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
    this.fullScreen = window.matchMedia("(max-width: 480px)");
    this.coarsePointer = window.matchMedia("(pointer: coarse)");
    this.build();
  }

  Widget.prototype.loadState = function () {
    return this.stateFrom(this.readSaved());
  };

  // What this site's tab last stored (an object), or null.
  Widget.prototype.readSaved = function () {
    try {
      var saved = JSON.parse(this.storage.getItem(this.key) || "null");
      return saved && typeof saved === "object" ? saved : null;
    } catch (error) {
      return null;
    }
  };

  Widget.prototype.stateFrom = function (saved) {
    var state = { sessionId: newSessionId(), open: false, messages: [], updated: Date.now(), ended: false };
    if (saved) {
      if (typeof saved.sessionId === "string" && /^[A-Za-z0-9_-]{8,64}$/.test(saved.sessionId)) state.sessionId = saved.sessionId;
      // A transcript lives as long as Rasa's session (domain.yml session_expiration_time): after
      // that the visitor's screen is cleared, on a shared computer too. The session id stays, so
      // Rasa can still send a closing the last conversation missed.
      var fresh = Number(saved.updated) > Date.now() - this.cfg.sessionMinutes * 60000;
      // A conversation the visitor ended is not shown again, nor opened, on the next page: on a
      // shared computer the next person would see it (session 25's exploratory tester).
      // Still ended: the next question begins a new conversation under a new id (send).
      state.ended = saved.ended === true;
      if (fresh && saved.ended !== true && Array.isArray(saved.messages)) {
        state.messages = saved.messages.map(cleanMessage).filter(Boolean).slice(-MAX_STORED);
        state.open = saved.open === true;
      }
    }
    return state;
  };

  Widget.prototype.save = function () {
    this.state.updated = Date.now();
    this.state.messages = this.state.messages.slice(-MAX_STORED);
    // An ended conversation is kept on screen only, not in the browser's storage.
    var kept = this.state.ended ? {
      sessionId: this.state.sessionId, open: false, messages: [], updated: this.state.updated, ended: true
    } : this.state;
    try {
      this.storage.setItem(this.key, JSON.stringify(kept));
    } catch (error) { /* storage full or blocked: the conversation still works */ }
  };

  Widget.prototype.build = function () {
    var self = this, cfg = this.cfg;
    this.host = el("div", { id: "ospina-chat", "data-ospina-chat": "" });
    var vars = theme(cfg.colors);
    Object.keys(vars).forEach(function (name) { self.host.style.setProperty(name, vars[name]); });
    var root = this.host.attachShadow({ mode: "open" });
    this.root = root;
    var stylesheet = el("link", { rel: "stylesheet", href: new URL("widget.css", WIDGET_BASE).href });

    this.unreadText = visuallyHidden("");
    this.badge = el("span", { class: "omc-badge", "aria-hidden": "true", hidden: true });
    this.launcher = el("button", {
      type: "button", class: "omc-launcher", "aria-expanded": "false", "aria-controls": "omc-panel",
      onclick: function () { self.open(); }
    }, [icon("chat"), el("span", { class: "omc-launcher-text", text: cfg.launcherText }), this.badge, this.unreadText]);

    this.endButton = el("button", {
      type: "button", class: "omc-header-button omc-end", onclick: function () { self.endChat(); }
    }, [el("span", { text: "End chat" })]);
    this.closeButton = el("button", {
      type: "button", class: "omc-header-button omc-close", "aria-label": "Close chat",
      title: "Close chat", onclick: function () { self.close(); }
    }, [icon("close")]);
    this.deleteButton = el("button", {
      type: "button", class: "omc-header-button omc-delete", "aria-expanded": "false", "aria-controls": "omc-confirm",
      onclick: function () { self.askToDelete(); }
    }, [el("span", { text: "Delete" })]);
    // The buttons are one group: where the title and they do not fit on one line (a 320 px
    // phone), the group moves under the title whole, instead of covering it.
    var header = el("div", { class: "omc-header" }, [
      el("h2", { id: "omc-title", class: "omc-title", text: cfg.title }),
      el("div", { class: "omc-header-buttons" }, [this.deleteButton, this.endButton, this.closeButton])
    ]);
    // "Delete my conversation", confirmed first: it cannot be undone.
    this.confirmYes = el("button", { type: "button", class: "omc-reply omc-reply--urgent", onclick: function () { self.deleteConversation(); } },
      [el("span", { text: "Delete my conversation" })]);
    this.confirm = el("div", { id: "omc-confirm", class: "omc-confirm", role: "group", "aria-labelledby": "omc-confirm-text", hidden: true }, [
      el("p", { id: "omc-confirm-text", text: "Delete this conversation from this browser and from the clinic's assistant? This cannot be undone." }),
      el("div", { class: "omc-replies" }, [
        this.confirmYes,
        el("button", { type: "button", class: "omc-reply", onclick: function () { self.cancelDelete(); } }, [el("span", { text: "Cancel" })])
      ])
    ]);

    this.welcome = el("div", { class: "omc-welcome" }, [
      cfg.clinic.name ? el("p", { class: "omc-welcome-name", text: cfg.clinic.name }) : null,
      cfg.disclaimer ? el("p", { id: "omc-disclaimer", class: "omc-welcome-text", text: cfg.disclaimer }) : null
    ]);
    this.list = el("ol", { class: "omc-messages" });
    this.typing = el("div", { class: "omc-typing", hidden: true }, [
      el("span", { class: "omc-dots", "aria-hidden": "true" }, [el("span"), el("span"), el("span")]),
      visuallyHidden("The assistant is typing")
    ]);
    this.log = el("div", {
      class: "omc-log", role: "region", "aria-label": "Conversation", tabindex: "0"
    }, [this.welcome, this.list, this.typing]);

    // Typing while the conversation has focus (a touch screen with a keyboard: open() focuses the
    // conversation there) writes in the text box: session 49's tester typed an emergency that went
    // nowhere. Keys that move or scroll the conversation stay with it.
    this.log.addEventListener("keydown", function (event) {
      if (event.key && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey &&
          event.key !== " " && !self.input.disabled) {
        self.input.focus();
      }
    });

    this.status = el("div", { class: "omc-status", role: "status" });

    this.input = el("input", {
      id: "omc-input", class: "omc-input", type: "text", autocomplete: "off",
      placeholder: "Type your question…", enterkeyhint: "send", "aria-describedby": cfg.disclaimer ? "omc-footnote" : null
    });
    // Say how much room is left, and how much is over: a box that cut at its limit lost the
    // question at the end of a pasted story without a word (session 24's and 27's testers).
    this.input.addEventListener("input", function () { self.showRoomLeft(); });
    var form = el("form", { class: "omc-composer", novalidate: true, onsubmit: function (event) {
      event.preventDefault();
      self.submitInput();
    } }, [
      el("label", { for: "omc-input", class: "omc-vh", text: "Your question" }),
      this.input,
      el("button", { type: "submit", class: "omc-send" }, [icon("send"), el("span", { text: "Send" })])
    ]);

    var footnote = null;
    if (cfg.clinic.emergencyNumber) {
      footnote = el("p", { id: "omc-footnote", class: "omc-footnote" }, [
        el("span", { text: "General information only. In an emergency, call " }),
        el("a", { href: telLink(cfg.clinic.emergencyNumber), text: cfg.clinic.emergencyNumber }),
        el("span", { text: "." })
      ]);
    }
    // What is kept, for how long and how to delete it: in view from the moment the chat opens,
    // folded to one line once the visitor has asked (on a phone the whole notice took a third of
    // the screen for the whole conversation; session 25's tester); one click shows it again.
    var privacy = null;
    if (cfg.privacyNotice) {
      privacy = el("details", { id: "omc-privacy", class: "omc-footnote omc-privacy" }, [
        el("summary", { text: "Privacy: what is kept, and for how long" }),
        el("span", { text: cfg.privacyNotice + " " }),
        /^https:\/\//.test(cfg.clinic.privacyUrl || "") ? el("a", {
          href: cfg.clinic.privacyUrl, target: "_blank", rel: "noopener noreferrer", text: "Privacy policy"
        }, [visuallyHidden(" (opens in a new tab)")]) : null
      ]);
      privacy.open = !this.state.messages.some(function (m) { return m.from === "user"; });
    }
    this.privacy = privacy;

    this.panel = el("div", {
      id: "omc-panel", class: "omc-panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "omc-title",
      hidden: true, onkeydown: function (event) { self.onPanelKey(event); }
    }, [header, this.confirm, this.log, this.status, form, footnote, privacy]);

    // Announces each new message once (the transcript itself is not a live region, so a
    // restored conversation is not read out again). Safety messages use role="alert" in the
    // open panel; with the panel closed they go to the assertive region, not behind the others.
    this.announcer = el("div", { class: "omc-vh", "aria-live": "polite", "aria-atomic": "false" });
    this.urgentAnnouncer = el("div", { class: "omc-vh", "aria-live": "assertive", "aria-atomic": "false" });

    var wrapper = el("div", { class: "omc", hidden: true }, [this.launcher, this.panel, this.announcer, this.urgentAnnouncer]);
    // Hidden until styled; a panel opened meanwhile (a reload) could not be scrolled then.
    stylesheet.addEventListener("load", function () { wrapper.hidden = false; self.showLastTurn(); });
    stylesheet.addEventListener("error", function () { wrapper.hidden = false; self.showLastTurn(); });
    root.append(stylesheet, wrapper);
    document.body.append(this.host);

    this.showMessages();

    document.addEventListener("keydown", function (event) { self.onPageKey(event); });
    window.addEventListener("storage", function (event) { if (event.key === self.key) self.onStoredElsewhere(); });
    // Offline, the socket may look connected for a while, and only the typing dots showed
    // (session 27's tester): say so. What is typed meanwhile waits in the socket or the queue.
    window.addEventListener("offline", function () { self.setStatus(OFFLINE, "warn"); });
    window.addEventListener("online", function () {
      if (self.statusText === OFFLINE) self.setStatus(self.dropped ? RECONNECTING : "", "warn");
    });
    if (navigator.onLine === false) this.setStatus(OFFLINE, "warn");

    // Buttons on the page that open the chat: <button data-ospina-chat-open hidden>…</button>
    document.querySelectorAll("[data-ospina-chat-open]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { self.open(); });
    });

    if (this.state.open) this.open({ focus: false });
    else if (this.state.messages.length) this.connect(); // to receive what the assistant pushes
  };

  // ---- rendering ------------------------------------------------------------------------------

  // stale: a message of an earlier turn, whose reply buttons no longer apply.
  Widget.prototype.render = function (m, stale) {
    var self = this;
    if (m.from === "note") return el("li", { class: "omc-note", text: m.text });
    var li = el("li", { class: "omc-msg omc-msg--" + m.from + (m.alert ? " omc-msg--alert" : "") });
    var bubble = el("div", { class: "omc-bubble" });
    if (m.alert) bubble.setAttribute("role", "alert");
    bubble.append(visuallyHidden(m.from === "user" ? "You: " : "Assistant: "));
    if (m.alert) bubble.append(icon("alert"));
    var text = m.text || "";
    bubble.append(el("p", { class: "omc-text" }, m.from === "user" ? [document.createTextNode(text)] : unbroken(text)));
    // Safety guidance: its call links above it, so that the top of the alert shows both them and its
    // first sentence (on a 320 px phone an alert is taller than the view: scrolled to its links,
    // "Call Poison Help now" was out of sight; session 28's tester).
    if (m.alert) li.append(this.renderAlertActions(m.alert, m.text));
    li.append(bubble);
    m.citations.forEach(function (c) { bubble.append(self.renderCitation(c)); });
    if (m.replies.length) li.append(this.renderReplies(m.replies, m.booking, stale));
    li._message = m;
    return li;
  };

  Widget.prototype.renderCitation = function (text) {
    var p = el("p", { class: "omc-citation" });
    var match = /^(.*\S)\s+(https:\/\/\S+)$/.exec(text);
    var href = match ? linkFor(match[2]) : null;
    if (href) {
      p.append(document.createTextNode(match[1] + " "));
      p.append(el("a", { href: href, target: "_blank", rel: "noopener noreferrer", text: match[2] },
        [visuallyHidden(" (opens in a new tab)")]));
    } else {
      p.textContent = text;
    }
    return p;
  };

  // Call links under emergency and crisis guidance: one for each of the clinic's emergency
  // and crisis numbers that the guidance names (the crisis line also takes text messages).
  Widget.prototype.renderAlertActions = function (kind, text) {
    var clinic = this.cfg.clinic, links = [];
    var numbers = kind === "crisis" || kind === "screening" ? [clinic.crisisLine, clinic.emergencyNumber]
      : kind === "poisoning" ? [clinic.poisonControlLine, clinic.emergencyNumber, clinic.crisisLine]
      : [clinic.emergencyNumber, clinic.crisisLine];
    numbers.forEach(function (number) {
      if (!number || text.indexOf(String(number)) < 0) return;
      links.push(["Call " + number, telLink(number)]);
      if (number === clinic.crisisLine) links.push(["Text " + number, "sms:" + String(number).replace(/[^0-9+]/g, "")]);
    });
    return el("div", { class: "omc-replies omc-alert-actions" }, links.map(function (link) {
      return el("a", { class: "omc-reply omc-reply--urgent", href: link[1] }, [icon("phone"), el("span", { text: link[0] })]);
    }));
  };

  // A click on a booking link is counted for the clinic's dashboard: which button, nothing else.
  function reportBooking(button) {
    try {
      if (navigator.sendBeacon) navigator.sendBeacon(new URL("/events/booking", WIDGET_BASE).href, JSON.stringify({ button: button }));
    } catch (error) { /* counting must never get in the visitor's way */ }
  }

  Widget.prototype.renderReplies = function (replies, booking, stale) {
    var self = this;
    var group = el("div", { class: "omc-replies", role: "group", "aria-label": "Suggested replies" });
    replies.forEach(function (reply) {
      var href = linkFor(reply.payload);
      if (href && (href.slice(0, 4) === "tel:" || href.slice(0, 4) === "sms:")) {
        group.append(el("a", { class: "omc-reply omc-reply--link", href: href,
          onclick: booking ? function () { reportBooking("call"); } : null }, [icon("phone"), el("span", { text: reply.title })]));
      } else if (href) {
        group.append(el("a", { class: "omc-reply omc-reply--link", href: href, target: "_blank", rel: "noopener noreferrer",
          onclick: booking ? function () { reportBooking("online"); } : null },
          [el("span", { text: reply.title }), visuallyHidden(" (opens in a new tab)"), icon("external")]));
      } else {
        group.append(el("button", { type: "button", class: "omc-reply", text: reply.title, disabled: stale, onclick: function () {
          self.send(reply.payload, { display: reply.title });
          self.input.focus();
        } }));
      }
    });
    return group;
  };

  // Once the visitor sends something, the buttons of the replies before it are out of date
  // (Shift+Tab walked back through the greeting's topics; session 27's tester): they are
  // disabled, out of the Tab order. Links stay: the call links of safety guidance, booking.
  Widget.prototype.retireReplies = function () {
    this.list.querySelectorAll(".omc-replies button").forEach(function (button) { button.disabled = true; });
  };

  Widget.prototype.updateWelcome = function () {
    this.welcome.hidden = this.state.messages.length > 0;
  };

  Widget.prototype.add = function (m) {
    this.state.messages.push(m);
    this.save();
    var li = this.render(m);
    this.list.append(li);
    this.updateWelcome();
    return li;
  };

  // A restored conversation shows its last turn (the visitor's last message and what followed),
  // not the welcome at the top (session 45's tester, after a reload, on a desktop and a phone).
  Widget.prototype.showLastTurn = function () {
    if (this.panel.hidden) return;
    var sent = this.list.querySelectorAll(".omc-msg--user");
    if (!(this.turnAnchor && this.turnAnchor.isConnected) && sent.length) this.turnAnchor = sent[sent.length - 1];
    this.scrollToLatest(true);
  };

  Widget.prototype.scrollToLatest = function (instant) {
    var log = this.log;
    var bottom = log.scrollHeight - log.clientHeight;
    var target = bottom;
    // Never scroll the start of this turn (the visitor's question) out of view: long answers
    // are read from their beginning. Nothing asked yet: the welcome is read from its greeting
    // (on a phone, the open privacy notice scrolled it out of view; session 45's tester).
    if (!(this.turnAnchor && this.turnAnchor.isConnected) && !this.list.querySelector(".omc-msg--user, .omc-msg--note")) {
      target = 0;
    } else if (this.turnAnchor && this.turnAnchor.isConnected) {
      var top = function (node) { return log.scrollTop + node.getBoundingClientRect().top - log.getBoundingClientRect().top; };
      var anchorTop = top(this.turnAnchor) - 8;
      var tall = this.turnAnchor.offsetHeight;
      if (this.turnAnchor.classList.contains("omc-msg--user") && tall > log.clientHeight / 2) {
        // A pasted story taller than half the view: its end and the reply below it are shown, not
        // its first lines with the reply out of sight (session 46's tester, 4,000 characters).
        anchorTop += tall - log.clientHeight / 3;
      }
      var actions = this.turnAnchor.querySelector(".omc-alert-actions");
      if (actions) {
        // An alert taller than the view (a phone held sideways): its call links must show, the
        // first row of them at least (44 px links can take two rows that the view cannot hold).
        var actionsBottom = top(actions) + actions.offsetHeight + 8;
        if (actionsBottom - anchorTop > log.clientHeight) {
          anchorTop = Math.min(actionsBottom - log.clientHeight, top(actions) - 8);
        }
      }
      target = Math.min(bottom, Math.max(anchorTop, 0));
    }
    log.scrollTo({ top: target, behavior: instant || this.reducedMotion.matches ? "auto" : "smooth" });
  };

  Widget.prototype.announce = function (text, urgent) {
    var region = urgent ? this.urgentAnnouncer : this.announcer;
    region.append(el("p", { text: text }));
    while (region.childNodes.length > 4) region.firstChild.remove();
  };

  Widget.prototype.setStatus = function (text, tone, clearAfterMs, withPhone) {
    var self = this;
    clearTimeout(this.statusTimer);
    // While offline, that is what the line says when it has nothing else to say.
    if (!text && navigator.onLine === false) { text = OFFLINE; tone = "warn"; }
    this.statusText = text;
    this.untilSent = false;
    this.status.textContent = "";
    this.status.className = "omc-status" + (text ? " omc-status--" + (tone || "info") : "");
    if (!text) return;
    this.status.append(document.createTextNode(text));
    var phone = this.cfg.clinic.phone;
    if (withPhone && phone) {
      this.status.append(document.createTextNode(" To talk to us now, call "));
      this.status.append(el("a", { href: this.cfg.clinic.phoneLink || telLink(phone), text: phone }));
      this.status.append(document.createTextNode("."));
    }
    if (clearAfterMs) this.statusTimer = setTimeout(function () { self.setStatus(""); }, clearAfterMs);
  };

  // A notice of something over and done (a deletion, a reply that did not come): it goes when
  // the visitor sends the next message (the deletion notice stayed through the next questions
  // and answers; session 27's tester).
  Widget.prototype.notice = function (text, tone, withPhone) {
    this.setStatus(text, tone, null, withPhone);
    this.untilSent = true;
  };

  // The reply is complete when no message has come for SETTLE_MS: the next held message goes.
  Widget.prototype.settleLater = function () {
    var self = this;
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(function () { self.settled(); }, SETTLE_MS);
  };

  Widget.prototype.settled = function () {
    clearTimeout(this.settleTimer);
    this.replying = false;
    var next = this.held.shift();
    if (next) this.send(next[0], next[1]);
  };

  Widget.prototype.showTyping = function (on) {
    var self = this;
    clearTimeout(this.replyTimer);
    this.typing.hidden = !on;
    if (on) {
      this.scrollToLatest();
      this.replyTimer = setTimeout(function () {
        self.typing.hidden = true;
        self.settled();  // no reply came: a held message is not kept waiting for ever
        self.notice("No reply yet. The assistant may be busy; please try again in a moment.", "warn", true);
      }, REPLY_TIMEOUT_MS);
    }
  };

  // ---- opening and closing ---------------------------------------------------------------------

  Widget.prototype.open = function (options) {
    var focus = !options || options.focus !== false;
    this.panel.hidden = false;
    this.launcher.hidden = true;
    this.launcher.setAttribute("aria-expanded", "true");
    this.panel.setAttribute("aria-modal", this.fullScreen.matches ? "true" : "false");
    this.state.open = true;
    this.save();
    this.setUnread(0);
    this.connect();
    if (!this.state.messages.length && !this.greetSent) {
      this.greetSent = true;
      this.send(this.cfg.greetPayload, { hidden: true });
    }
    this.scrollToLatest(true);
    if (focus) {
      // On a touch screen, focusing the text box would raise the on-screen keyboard over the
      // welcome: focus the conversation instead (the text box is one tap or swipe away).
      if (this.coarsePointer.matches) this.log.focus();
      else this.input.focus();
    }
  };

  // options.keepFocus: leave focus where it is (see onPageKey).
  Widget.prototype.close = function (options) {
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute("aria-expanded", "false");
    this.state.open = false;
    this.save();
    if (!options || !options.keepFocus) this.launcher.focus();
  };

  // The open panel covers part of the page. When the visitor tabs to something on the page that
  // is behind it, Escape hides the panel without moving focus, so the focused element is seen
  // (WCAG 2.4.11). Escape elsewhere on the page is left to the page.
  Widget.prototype.onPageKey = function (event) {
    if (event.key !== "Escape" || event.defaultPrevented || this.panel.hidden) return;
    var focused = document.activeElement;
    if (!focused || focused === this.host || focused === document.body) return;
    var a = focused.getBoundingClientRect(), b = this.panel.getBoundingClientRect();
    var covered = a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
    if (covered) this.close({ keepFocus: true });
  };

  Widget.prototype.onPanelKey = function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      this.close();
      return;
    }
    // Full screen (phones, or a desktop zoomed to 400 %), the panel covers the page: keep Tab in it.
    if (event.key === "Tab" && this.fullScreen.matches) {
      var focusable = Array.prototype.filter.call(
        this.panel.querySelectorAll("a[href], button:not([disabled]), input, [tabindex='0']"),
        function (node) { return node.getClientRects().length > 0; });
      if (!focusable.length) return;
      var first = focusable[0], last = focusable[focusable.length - 1];
      var active = this.root.activeElement;
      if (event.shiftKey && active === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && active === last) { event.preventDefault(); first.focus(); }
    }
  };

  Widget.prototype.setUnread = function (count) {
    this.unread = count;
    this.badge.hidden = count === 0;
    this.badge.textContent = count ? String(count) : "";
    this.unreadText.textContent = count ? " (" + count + (count === 1 ? " new message)" : " new messages)") : "";
  };

  // ---- conversation ---------------------------------------------------------------------------

  Widget.prototype.showRoomLeft = function () {
    var left = MAX_INPUT - this.input.value.length;
    if (left < 0) {
      this.setStatus(tooLong(-left, this.cfg.clinic), "warn");
    } else if (left === 0) {
      this.setStatus("This message has reached the " + MAX_INPUT.toLocaleString("en-US") +
        "-character limit.", "warn");
    } else if (left <= INPUT_WARNING) {
      this.setStatus(left.toLocaleString("en-US") + (left === 1 ? " character" : " characters") + " left.", "info");
    } else if (this.roomShown) {
      this.setStatus("");
    }
    this.roomShown = left <= INPUT_WARNING;
  };

  // Where help is, said with it: a long story over the limit may hold a disclosure that the
  // assistant never reads (session 28's tester).
  function tooLong(over, clinic) {
    var help = clinic && clinic.emergencyNumber && clinic.crisisLine ? " If you need help now, call " +
      clinic.emergencyNumber + ", or call or text " + clinic.crisisLine + "." : "";
    return over.toLocaleString("en-US") + (over === 1 ? " character" : " characters") + " over the " +
      MAX_INPUT.toLocaleString("en-US") + "-character limit: please shorten your message, or ask " +
      "your question on its own. Nothing has been sent." + help;
  }

  Widget.prototype.submitInput = function () {
    var text = this.input.value.trim();
    if (!text) {
      // Say why nothing happened (session 24's tester pressed Enter on an empty box).
      this.setStatus("Type your question first, then press Send.", "info", 4000);
      this.input.focus();
      return;
    }
    if (text.length > MAX_INPUT) {
      // Kept in the box to shorten: never sent cut, never lost.
      this.setStatus(tooLong(text.length - MAX_INPUT, this.cfg.clinic), "warn");
      this.input.focus();
      return;
    }
    this.input.value = "";
    if (this.roomShown) this.showRoomLeft();
    this.send(text, {});
  };

  // Send a message to the assistant. options.display: what the visitor sees instead of the
  // payload (a button's title); options.hidden: show nothing; options.note: a line of context.
  Widget.prototype.send = function (message, options) {
    this.retireReplies();
    if (this.untilSent) this.setStatus("");
    if (this.replying) {
      this.held.push([message, options]);
      if (!options.hidden) this.showTyping(true);
      return;
    }
    this.replying = true;
    if (!options.hidden && this.state.ended) {
      // A new question after End chat: a new conversation to keep, without the ended one, under
      // an id of its own (the next person at this computer is not filed with the last one;
      // session 26's tester).
      this.state.ended = false;
      this.state.messages = [];
      this.renewSession();
    }
    if (!options.hidden && this.privacy) this.privacy.open = false;
    if (!options.hidden) {
      this.turnAnchor = this.add({ from: "user", text: options.display || message, replies: [], citations: [], alert: null });
    } else if (options.note) {
      this.turnAnchor = this.add({ from: "note", text: options.note, replies: [], citations: [], alert: null });
    } else {
      this.turnAnchor = null;
    }
    this.queue.push(message);
    this.showTyping(true);
    this.connect();
    this.flush();
  };

  // A new id for the conversation; the socket joins it before anything queued is sent.
  Widget.prototype.renewSession = function () {
    this.state.sessionId = newSessionId();
    this.save();
    this.joinSession();
  };

  // The socket joins the conversation's id (again); nothing is sent until Rasa confirms it.
  Widget.prototype.joinSession = function () {
    this.ready = false;
    if (this.socket && this.socket.connected) this.socket.emit("session_request", { session_id: this.state.sessionId });
  };

  // The transcript on screen: the conversation's messages, or the welcome.
  Widget.prototype.showMessages = function () {
    var self = this;
    this.list.textContent = "";
    // The replies before the visitor's last message (or End chat) are of earlier turns.
    var lastSent = -1;
    this.state.messages.forEach(function (m, i) { if (m.from !== "bot") lastSent = i; });
    this.state.messages.forEach(function (m, i) { self.list.append(self.render(m, i < lastSent)); });
    this.updateWelcome();
  };

  // Another tab of this site ended the conversation, or deleted it or began a new one: this tab
  // follows, so that it does not write the ended conversation back into the browser's storage
  // (session 26's tester: after End chat in one tab, a reload showed it all again).
  Widget.prototype.onStoredElsewhere = function () {
    var saved = this.readSaved();
    if (!saved) return;
    var stored = this.stateFrom(saved);
    var ended = stored.ended && !this.state.ended;
    var renewed = typeof saved.sessionId === "string" && stored.sessionId !== this.state.sessionId;
    if (!ended && !renewed) return;
    this.state.sessionId = stored.sessionId;
    this.state.ended = stored.ended;
    this.state.messages = stored.messages;
    this.held = [];
    this.replying = false;
    this.showMessages();
    if (renewed) this.joinSession();
  };

  Widget.prototype.askToDelete = function () {
    this.confirm.hidden = false;
    this.deleteButton.setAttribute("aria-expanded", "true");
    this.confirmYes.focus();
  };

  Widget.prototype.cancelDelete = function () {
    this.confirm.hidden = true;
    this.deleteButton.setAttribute("aria-expanded", "false");
    this.deleteButton.focus();
  };

  // The server deletes every stored event of this session; then the transcript goes from this
  // browser and a new session id starts a fresh conversation.
  Widget.prototype.deleteConversation = function () {
    var self = this;
    this.confirm.hidden = true;
    this.deleteButton.setAttribute("aria-expanded", "false");
    this.setStatus("Deleting your conversation…", "info");
    this.pendingDelete = true;
    this.connect();
    var send = function () {
      if (!self.ready) { setTimeout(send, 200); return; }
      self.socket.emit("forget_session", { session_id: self.state.sessionId });
    };
    send();
    clearTimeout(this.deleteTimer);
    this.deleteTimer = setTimeout(function () { self.deleteFailed(); }, REPLY_TIMEOUT_MS);
  };

  Widget.prototype.deleteFailed = function () {
    if (!this.pendingDelete) return;
    this.pendingDelete = false;
    clearTimeout(this.deleteTimer);
    this.notice("Your conversation could not be deleted right now. Please try again.", "warn", true);
  };

  Widget.prototype.onForgotten = function () {
    if (!this.pendingDelete) return;
    this.pendingDelete = false;
    clearTimeout(this.deleteTimer);
    this.showTyping(false);
    this.queue = [];
    this.held = [];
    this.replying = false;
    this.state.messages = [];
    this.state.sessionId = newSessionId();
    this.save();
    this.showMessages();
    // Said once the new session is confirmed (its confirmation would clear an earlier status).
    this.deleted = true;
    this.joinSession();
    this.deleteButton.focus();
  };

  // Focus stays on the button: the closing (disclaimer, booking links) is announced as it comes.
  Widget.prototype.endChat = function () {
    this.state.ended = true;
    this.send(this.cfg.endPayload, { hidden: true, note: "You ended the chat." });
  };

  Widget.prototype.flush = function () {
    while (this.ready && this.queue.length) {
      this.socket.emit("user_uttered", { message: this.queue.shift(), session_id: this.state.sessionId });
    }
  };

  // What a bot message is comes with it (custom.kind, set by the assistant's actions): the
  // widget never guesses from the wording. Safety guidance is an alert with call links.
  function kindOf(data) {
    var custom = data.custom && typeof data.custom === "object" ? data.custom : {};
    return { kind: typeof custom.kind === "string" ? custom.kind : null, alert: custom.alert };
  }

  function alertOf(described) {
    if (described.kind === "screening") return "screening";
    if (described.kind !== "alert") return null;
    return ALERT_KINDS.indexOf(described.alert) >= 0 ? described.alert : "emergency";
  }

  Widget.prototype.onBotMessage = function (data) {
    if (!data || typeof data !== "object") return;
    var text = typeof data.text === "string" ? data.text : "";
    var buttons = Array.isArray(data.quick_replies) ? data.quick_replies : Array.isArray(data.buttons) ? data.buttons : [];
    var replies = buttons.filter(function (b) {
      return b && typeof b.title === "string" && (typeof b.payload === "string" || typeof b.url === "string");
    }).map(function (b) { return { title: b.title, payload: typeof b.payload === "string" ? b.payload : b.url }; });
    if (!text.trim() && !replies.length) return; // images and custom payloads alone: not used by this assistant
    this.showTyping(false);

    var last = this.state.messages[this.state.messages.length - 1];
    var lastItem = this.list.lastElementChild;
    var described = kindOf(data);
    var alert = alertOf(described);
    if (described.kind === "citation" && last && last.from === "bot" && !last.alert && lastItem) {
      // A citation belongs under the answer it cites.
      last.citations.push(text);
      this.save();
      lastItem.querySelector(".omc-bubble").append(this.renderCitation(text));
    } else {
      var item = this.add({ from: "bot", text: text, replies: replies, citations: [], alert: alert,
                            booking: described.kind === "booking" });
      // Safety guidance and its call links are what must be in view, not the question above it
      // (on a phone, with the keyboard open or held sideways, the alert fell below the fold;
      // session 26's tester): the turn is read from the alert.
      if (alert) this.turnAnchor = item;
    }
    this.settleLater();
    if (this.panel.hidden) {
      this.setUnread(this.unread + 1);
      // Safety guidance is not queued behind other news: it is read out at once, in full.
      if (alert) this.announce("Safety guidance from the assistant: " + text, true);
      else this.announce("New message from the assistant.");
    } else {
      // role="alert" announces safety guidance itself: it is not read twice.
      if (!alert) this.announce(text);
      this.scrollToLatest();
    }
  };

  // ---- connection -----------------------------------------------------------------------------

  Widget.prototype.connect = function () {
    var self = this;
    if (this.socket || this.connecting) return;
    if (!this.everConnected) this.setStatus("Connecting…", "info");
    this.connecting = true;
    loadSocketIo().then(function (io) {
      self.connecting = false;
      self.startSocket(io);
    }, function (error) {
      self.connecting = false;
      console.error("Ospina chat: " + error.message);
      self.setStatus("The chat could not start.", "warn", null, true);
    });
  };

  Widget.prototype.startSocket = function (io) {
    var self = this, cfg = this.cfg;
    var socket = io(cfg.serverUrl, {
      path: cfg.socketPath,
      // Lets a load balancer keep this visitor on one Rasa server (sticky sessions; see
      // cluster/nginx.conf). It is the random id the conversation already has, nothing more.
      query: { visitor: this.state.sessionId },
      reconnection: true,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10000,
      timeout: 10000
    });
    this.socket = socket;
    socket.on("connect", function () {
      // A new socket each (re)connection: ask to join this visitor's conversation again.
      socket.emit("session_request", { session_id: self.state.sessionId });
    });
    socket.on("session_confirm", function (sessionId) {
      if (typeof sessionId === "string" && sessionId && sessionId !== self.state.sessionId) {
        self.state.sessionId = sessionId;
        self.save();
      }
      self.ready = true;
      if (self.deleted) self.notice("Your conversation was deleted, here and on the clinic's assistant.", "ok");
      else if (self.dropped) self.setStatus("Connected again.", "ok", 5000);
      else self.setStatus("");
      self.deleted = false;
      self.dropped = false;
      self.everConnected = true;
      self.flush();
    });
    socket.on("bot_uttered", function (data) { self.onBotMessage(data); });
    socket.on("session_forgotten", function () { self.onForgotten(); });
    socket.on("forget_refused", function () { self.deleteFailed(); });
    socket.on("disconnect", function (reason) {
      self.ready = false;
      if (reason === "io client disconnect") return;
      self.dropped = true;
      self.setStatus(navigator.onLine === false ? OFFLINE : RECONNECTING, "warn");
      if (reason === "io server disconnect") socket.connect();
    });
    socket.on("connect_error", function (error) {
      self.ready = false;
      if (!socket.active && error && error.message) {
        // The server refused this connection (too many chats open from this network) and
        // will not be retried: say why, in the clinic's words (they carry the phone number).
        self.setStatus(error.message, "warn", null, false);
        return;
      }
      if (self.everConnected) self.dropped = true;
      if (navigator.onLine === false) {
        self.setStatus(OFFLINE, "warn");
      } else if (self.everConnected) {
        self.setStatus(RECONNECTING, "warn", null, true);
      } else {
        self.setStatus("Can't reach the assistant right now. Trying again…", "warn", null, true);
      }
    });
  };

  // ---- start ------------------------------------------------------------------------------------

  function start() {
    var embed = embedConfig();
    var configUrl = str(embed.configUrl, new URL("/config.json", WIDGET_BASE).href);
    fetchServerConfig(configUrl).then(function (server) {
      var cfg = buildConfig(embed, server);
      if (!cfg.serverUrl) {
        console.error("Ospina chat: no serverUrl (the Rasa server) in the config; the widget is not shown.");
        return;
      }
      var widget = new Widget(cfg);
      window.OspinaChat.open = function () { widget.open(); };
      window.OspinaChat.close = function () { widget.close(); };
    });
  }

  window.OspinaChat = { open: function () {}, close: function () {} };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
