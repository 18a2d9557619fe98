/*
 * Wegwijs chat widget. Embed with one tag on a page of an allowed origin:
 *   <script src="https://wegwijs.example/widget/wegwijs.js" data-municipality="lindewaard"
 *           data-language="nl" data-server="https://wegwijs.example:5005" defer></script>
 * No third-party requests: the socket.io client and the texts come from the same server.
 * The conversation lives in sessionStorage (gone when the tab closes) and on the server;
 * "End and delete" removes both. Every text is set with textContent: nothing a user or the
 * server sends is ever parsed as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.__wegwijsLoaded) { return; }
  window.__wegwijsLoaded = true;

  var base = new URL(".", script.src).href;
  var config = {
    server: script.dataset.server || new URL(script.src).origin,
    municipality: script.dataset.municipality || "",
    language: script.dataset.language || "nl",
    exitUrl: script.dataset.exitUrl || "https://www.knmi.nl/",
  };
  var storageKey = "wegwijs:" + (config.municipality || "default");
  var RETRY_MS = 10000;
  var URL_PATTERN = /(https?:\/\/[^\s<>"')\]]+[^\s<>"')\].,;:!?])/g;

  var ui = null;          // {languages: {code: {name, direction}}, strings: {code: {...}}}
  var socket = null;
  var leaving = false;
  var state = load();
  var el = {};

  function load() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(storageKey) || "null");
      if (saved && typeof saved === "object") { return saved; }
    } catch (error) { /* storage unavailable or corrupt: start fresh */ }
    return { token: null, language: config.language, messages: [], outbox: [], open: false };
  }

  function save() {
    if (leaving) { return; }
    try { sessionStorage.setItem(storageKey, JSON.stringify(state)); } catch (error) { /* private mode */ }
  }

  function wipe() {
    try { sessionStorage.removeItem(storageKey); } catch (error) { /* nothing to wipe */ }
    state = { token: null, language: state.language, messages: [], outbox: [], open: state.open };
    // Keep only the open panel and the language, so a reload right after wiping looks the same.
    save();
  }

  function t(key) {
    var strings = (ui && (ui.strings[state.language] || ui.strings.nl)) || {};
    return strings[key] || key;
  }

  function direction(language) {
    var info = ui && ui.languages[language];
    return info ? info.direction : "ltr";
  }

  function node(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    if (text !== undefined) { element.textContent = text; }
    return element;
  }

  function appendText(parent, text) {
    // Links become <a> elements only for http(s) addresses; everything else stays text.
    var last = 0;
    text.replace(URL_PATTERN, function (match, _url, offset) {
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var link = node("a", { href: match, target: "_blank", rel: "noopener noreferrer" }, match);
      parent.appendChild(link);
      last = offset + match.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // --- layout ------------------------------------------------------------------------------
  function build() {
    var root = node("div", { class: "wegwijs", id: "wegwijs-root" });
    el.launcher = node("button", { type: "button", class: "wegwijs-launcher", "aria-expanded": "false",
      "aria-controls": "wegwijs-panel" });
    el.panel = node("section", { class: "wegwijs-panel", id: "wegwijs-panel", hidden: "",
      "aria-labelledby": "wegwijs-title" });
    var header = node("header", { class: "wegwijs-header" });
    el.title = node("h2", { id: "wegwijs-title", class: "wegwijs-title" });
    el.subtitle = node("p", { class: "wegwijs-subtitle" });
    el.languageLabel = node("label", { for: "wegwijs-language", class: "wegwijs-language-label" });
    el.language = node("select", { id: "wegwijs-language", class: "wegwijs-language" });
    el.exit = node("button", { type: "button", class: "wegwijs-exit" });
    el.end = node("button", { type: "button", class: "wegwijs-end" });
    el.close = node("button", { type: "button", class: "wegwijs-close" }, "×");
    var titleRow = node("div", { class: "wegwijs-title-row" });
    [el.title, el.exit, el.close].forEach(function (item) { titleRow.appendChild(item); });
    var tools = node("div", { class: "wegwijs-tools" });
    [el.languageLabel, el.language, el.end].forEach(function (item) { tools.appendChild(item); });
    header.appendChild(titleRow);
    header.appendChild(el.subtitle);
    header.appendChild(tools);
    el.status = node("p", { class: "wegwijs-status", role: "status", "aria-live": "polite" });
    el.log = node("div", { class: "wegwijs-log", role: "log", "aria-live": "polite", tabindex: "0" });
    el.typing = node("p", { class: "wegwijs-typing", hidden: "" });
    el.confirm = node("div", { class: "wegwijs-confirm", hidden: "", role: "alertdialog",
      "aria-labelledby": "wegwijs-confirm-text" });
    el.confirmText = node("p", { id: "wegwijs-confirm-text" });
    el.confirmYes = node("button", { type: "button", class: "wegwijs-danger" });
    el.confirmNo = node("button", { type: "button" });
    [el.confirmText, el.confirmYes, el.confirmNo].forEach(function (item) { el.confirm.appendChild(item); });
    el.form = node("form", { class: "wegwijs-form" });
    el.inputLabel = node("label", { for: "wegwijs-input", class: "wegwijs-visually-hidden" });
    el.input = node("textarea", { id: "wegwijs-input", rows: "2", maxlength: "2000", dir: "auto" });
    el.send = node("button", { type: "submit", class: "wegwijs-send" });
    [el.inputLabel, el.input, el.send].forEach(function (item) { el.form.appendChild(item); });
    [header, el.status, el.log, el.typing, el.confirm, el.form].forEach(function (item) { el.panel.appendChild(item); });
    root.appendChild(el.launcher);
    root.appendChild(el.panel);
    document.body.appendChild(root);

    el.launcher.addEventListener("click", function () { setOpen(true); });
    el.close.addEventListener("click", function () { setOpen(false); });
    el.exit.addEventListener("click", quickExit);
    el.end.addEventListener("click", function () { el.confirm.hidden = false; el.confirmNo.focus(); });
    el.confirmNo.addEventListener("click", function () { el.confirm.hidden = true; el.end.focus(); });
    el.confirmYes.addEventListener("click", endConversation);
    el.language.addEventListener("change", function () { chooseLanguage(el.language.value); });
    el.form.addEventListener("submit", function (event) { event.preventDefault(); sendTyped(); });
    el.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); sendTyped(); }
    });
    el.panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { setOpen(false); }
    });
  }

  function translate() {
    var dir = direction(state.language);
    el.panel.setAttribute("lang", state.language);
    el.panel.setAttribute("dir", dir);
    el.launcher.setAttribute("lang", state.language);
    el.launcher.setAttribute("dir", dir);
    el.launcher.textContent = t("title");
    el.launcher.setAttribute("aria-label", t("open_chat"));
    el.title.textContent = t("title");
    el.subtitle.textContent = t("subtitle");
    el.languageLabel.textContent = t("language_label");
    el.end.textContent = t("end_and_clear");
    el.exit.textContent = t("quick_exit");
    el.exit.setAttribute("aria-label", t("quick_exit_label"));
    el.close.setAttribute("aria-label", t("close_chat"));
    el.log.setAttribute("aria-label", t("messages_label"));
    el.typing.textContent = t("typing");
    el.confirmText.textContent = t("end_confirm");
    el.confirmYes.textContent = t("end_confirm_yes");
    el.confirmNo.textContent = t("end_confirm_no");
    el.inputLabel.textContent = t("input_label");
    el.input.setAttribute("placeholder", t("input_placeholder"));
    el.send.textContent = t("send");
    el.language.textContent = "";
    Object.keys(ui.languages).forEach(function (code) {
      var option = node("option", { value: code, lang: code, dir: ui.languages[code].direction },
        ui.languages[code].name);
      if (code === state.language) { option.selected = true; }
      el.language.appendChild(option);
    });
  }

  function setOpen(open) {
    state.open = open;
    save();
    el.panel.hidden = !open;
    el.launcher.hidden = open;
    el.launcher.setAttribute("aria-expanded", String(open));
    if (open) {
      connect();
      el.input.focus();
    } else {
      el.launcher.focus();
    }
  }

  // --- messages ----------------------------------------------------------------------------
  function render() {
    el.log.textContent = "";
    if (!state.messages.length) {
      el.log.appendChild(node("p", { class: "wegwijs-hint" }, t("shared_phone_hint")));
    }
    state.messages.forEach(function (message, index) {
      el.log.appendChild(renderMessage(message, index === state.messages.length - 1));
    });
    state.outbox.forEach(function (message) { el.log.appendChild(renderMessage(message, false)); });
    el.log.scrollTop = el.log.scrollHeight;
  }

  function renderMessage(message, isLast) {
    var role = message.role || "bot";
    var item = node("div", { class: "wegwijs-message wegwijs-" + role });
    var who = role === "user" ? t("you") : role === "person" ? t("person_name") : role === "system" ? "" : t("bot_name");
    if (who) { item.appendChild(node("span", { class: "wegwijs-visually-hidden" }, who + ": ")); }
    var parts = message.parts && message.parts.length ? message.parts : [message];
    parts.forEach(function (part) {
      var paragraph = node("p", { dir: part.direction || "auto" });
      if (part.language) { paragraph.setAttribute("lang", part.language); }
      appendText(paragraph, String(part.text || ""));
      item.appendChild(paragraph);
    });
    if (message.pending) { item.appendChild(node("span", { class: "wegwijs-pending" }, t("sending"))); }
    if (isLast && role === "bot" && message.buttons && message.buttons.length) {
      var buttons = node("div", { class: "wegwijs-buttons" });
      message.buttons.forEach(function (button) {
        var choice = node("button", { type: "button", dir: "auto" }, String(button.title));
        if (message.language) { choice.setAttribute("lang", message.language); }
        choice.addEventListener("click", function () { send(String(button.payload), String(button.title)); });
        buttons.appendChild(choice);
      });
      item.appendChild(buttons);
    }
    return item;
  }

  function addMessage(message) {
    if (message.id && state.messages.some(function (known) { return known.id === message.id; })) { return; }
    state.messages.push(message);
    save();
    render();
  }

  function sendTyped() {
    var text = el.input.value.trim();
    if (!text) { return; }
    el.input.value = "";
    send(text, text);
  }

  function send(text, display) {
    var clientId = "c" + Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
    var message = { id: clientId, client_id: clientId, role: "user", text: display, payload: text, pending: true };
    state.outbox.push(message);
    save();
    render();
    flush();
  }

  function flush() {
    if (!socket || !socket.connected || !state.token) { return; }
    var pending = state.outbox.slice();
    state.outbox = [];
    pending.forEach(function (message) {
      state.messages.push({ id: message.id, client_id: message.client_id, role: "user", text: message.text, payload: message.payload });
      socket.emit("user_uttered", {
        message: message.payload,
        client_id: message.client_id,
        metadata: { language: state.language, municipality: config.municipality, display: message.text },
      });
    });
    save();
    render();
  }

  // The server could not accept a message (its database is unreachable): keep it in the
  // outbox and send it again a little later, so nothing the user wrote is lost.
  function requeue(clientId) {
    var index = -1;
    state.messages.forEach(function (message, i) { if (message.client_id === clientId) { index = i; } });
    if (index < 0) { return; }
    var message = state.messages.splice(index, 1)[0];
    state.outbox.push({ id: message.id, client_id: clientId, role: "user", text: message.text,
      payload: message.payload || message.text, pending: true });
    save();
    setTimeout(flush, RETRY_MS);
  }

  function chooseLanguage(code) {
    state.language = code;
    save();
    translate();
    render();
    send('/choose_language{"language": "' + code + '"}', ui.languages[code].name);
  }

  function setStatus(text) { el.status.textContent = text || ""; }

  // --- connection --------------------------------------------------------------------------
  function connect() {
    if (socket) { return; }
    setStatus(t("connecting"));
    socket = window.io(config.server, { path: "/socket.io", transports: ["websocket", "polling"],
      reconnectionDelayMax: 5000, timeout: 5000 });
    var offlineTimer = setTimeout(function () { setStatus(t("offline")); }, 5000);
    socket.on("connect", function () {
      clearTimeout(offlineTimer);
      socket.emit("session_request", { token: state.token, language: state.language,
        municipality: config.municipality });
    });
    socket.on("session_confirm", function (data) {
      var wasOffline = el.status.textContent === t("offline");
      state.token = data.token;
      save();
      setStatus(wasOffline ? t("reconnected") : "");
    });
    socket.on("transcript", function (data) {
      // The server's transcript is the truth; messages still in the outbox are sent after it.
      state.messages = (data.messages || []).map(function (entry) {
        return entry.role === "user" ? { id: entry.id, client_id: entry.client_id, role: "user", text: entry.text } : entry;
      });
      save();
      render();
      flush();
    });
    socket.on("bot_uttered", function (message) {
      var sender = message.custom && message.custom.from;
      var role = sender === "person" || sender === "system" ? sender : "bot";
      addMessage(Object.assign({ role: role }, message));
    });
    socket.on("system_message", function (message) {
      if (message.code === "unavailable" && message.client_id) { requeue(message.client_id); }
      addMessage(Object.assign({ role: "system" }, message));
    });
    socket.on("typing", function (data) { el.typing.hidden = !(data && data.active); });
    socket.on("conversation_ended", function () { wipe(); render(); setStatus(t("ended")); });
    socket.on("disconnect", function () { offlineTimer = setTimeout(function () { setStatus(t("offline")); }, 2000); });
    socket.on("connect_error", function () { setStatus(t("offline")); });
  }

  function endConversation() {
    el.confirm.hidden = true;
    if (socket && socket.connected) { socket.emit("end_conversation", {}); }
    wipe();
    render();
    setStatus(t("ended"));
    if (socket) { socket.disconnect(); socket = null; }
    connect();
  }

  function quickExit() {
    leaving = true;  // nothing may be written back, not even by a late server event
    if (socket && socket.connected) { socket.emit("end_conversation", {}); }
    wipe();
    try { sessionStorage.removeItem(storageKey); } catch (error) { /* nothing stored */ }
    window.location.replace(config.exitUrl);
  }

  // --- start -------------------------------------------------------------------------------
  function loadScript(src, done) {
    var tag = document.createElement("script");
    tag.src = src;
    tag.onload = done;
    document.head.appendChild(tag);
  }

  function start() {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = base + "wegwijs.css";
    document.head.appendChild(css);
    fetch(new URL("../widget-texts.json", base).href).then(function (answer) { return answer.json(); }).then(function (data) {
      ui = data;
      if (!ui.languages[state.language]) { state.language = "nl"; }
      build();
      translate();
      render();
      loadScript(base + "socket.io.min.js", function () { if (state.open) { setOpen(true); } });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
