/*
 * Wegwijs caseworker console. Talks only to the console API (/api/..., see docs/console-api.md)
 * and takes every text from /console-texts.json (content/console/<lang>.yml).
 * Every text that comes from the API (messages, notes, names, titles) is set with textContent
 * or as an attribute value: nothing a newcomer or a caseworker writes is ever parsed as HTML.
 * The CSRF token lives in memory only; the session itself is an HttpOnly cookie.
 */
(function () {
  "use strict";

  var LANGUAGE_KEY = "wegwijs-console:language";
  var ROLES = ["user", "bot", "person", "system"];
  var OPEN_STATES = ["waiting", "human"];
  var RECONNECT_MS = 3000;
  var STATUS_MS = 8000;

  var texts = null;        // {languages: {code: {...}}}
  var language = storedLanguage();
  var session = { caseworker: null, csrf: null };
  var queue = [];          // the open handoffs, as last received
  var queueReceivedAt = 0; // when `queue` arrived: waiting times count on from there
  var current = null;      // {handoff, transcript, notes, context, canned}
  var openSequence = 0;    // ignores answers for a handoff that is no longer selected
  var loadingId = null;    // the handoff being read right now
  var unread = {};
  var team = null;
  var audit = null;
  var events = null;
  var liveLost = false;
  var reconnectTimer = null;
  var busy = {};
  var statusTimer = null;
  var el = {};

  // --- helpers -----------------------------------------------------------------------------
  function storedLanguage() {
    try { return localStorage.getItem(LANGUAGE_KEY) || "nl"; } catch (error) { return "nl"; }
  }

  function storeLanguage(code) {
    try { localStorage.setItem(LANGUAGE_KEY, code); } catch (error) { /* storage unavailable */ }
  }

  function lookup(key, code) {
    var value = texts && texts.languages[code];
    key.split(".").forEach(function (part) { value = value && typeof value === "object" ? value[part] : undefined; });
    return typeof value === "string" ? value : undefined;
  }

  function has(key) { return lookup(key, language) !== undefined || lookup(key, "nl") !== undefined; }

  function t(key, values) {
    var template = lookup(key, language);
    if (template === undefined) { template = lookup(key, "nl"); }
    if (template === undefined) { template = key; }
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      return values && values[name] !== undefined && values[name] !== null ? String(values[name]) : match;
    });
  }

  function node(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name] !== undefined && attributes[name] !== null && attributes[name] !== false) {
        element.setAttribute(name, String(attributes[name]));
      }
    });
    if (text !== undefined) { element.textContent = String(text === null ? "" : text); }
    return element;
  }

  function direction(value) { return value === "rtl" || value === "ltr" ? value : "auto"; }

  function isOpen(handoff) { return OPEN_STATES.indexOf(handoff.state) >= 0; }

  function nameOf(value) {
    if (value && typeof value === "object") { return value.name || ""; }
    return value === undefined || value === null ? "" : String(value);
  }

  function parseDate(value) {
    if (!value) { return null; }
    if (typeof value === "number") {
      // Seconds since 1970 (message times); milliseconds when it is that large.
      var number = new Date(value < 1e12 ? value * 1000 : value);
      return isNaN(number.getTime()) ? null : number;
    }
    var text = String(value);
    // A time without a zone is UTC (the server stores UTC).
    if (/T\d/.test(text) && !/(Z|[+-]\d\d:?\d\d)$/i.test(text)) { text += "Z"; }
    var date = new Date(text);
    return isNaN(date.getTime()) ? null : date;
  }

  function formatTime(value) {
    var date = parseDate(value);
    if (!date) { return ""; }
    var today = date.toDateString() === new Date().toDateString();
    var options = today ? { hour: "2-digit", minute: "2-digit" }
      : { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" };
    try { return date.toLocaleString(t("locale"), options); } catch (error) { return date.toLocaleString(); }
  }

  function duration(total) {
    total = Math.max(0, Math.floor(total || 0));
    var hours = Math.floor(total / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = total % 60;
    if (hours) { return t("time.hours", { hours: hours, minutes: minutes }); }
    if (minutes) { return t("time.minutes", { minutes: minutes, seconds: seconds }); }
    return t("time.seconds", { seconds: seconds });
  }

  // --- API ---------------------------------------------------------------------------------
  function failure(code, status) {
    var error = new Error(code);
    error.code = code;
    error.status = status;
    return error;
  }

  function api(method, path, body) {
    var headers = { Accept: "application/json" };
    if (method !== "GET" && session.csrf) { headers["X-CSRF-Token"] = session.csrf; }
    var options = { method: method, headers: headers, credentials: "same-origin", cache: "no-store" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (answer) {
      return answer.text().then(function (raw) {
        var data = {};
        try { data = raw ? JSON.parse(raw) : {}; } catch (error) { data = {}; }
        if (answer.ok) { return data; }
        throw failure(data && typeof data.error === "string" ? data.error : "unknown", answer.status);
      });
    }, function () { throw failure("network", 0); });
  }

  function showError(error) {
    var code = error && error.code ? error.code : "unknown";
    el.alert.textContent = has("errors." + code) ? t("errors." + code) : t("errors.unknown");
    if (code === "not_logged_in" && session.caseworker) { endSession(); }
  }

  function clearAlert() { el.alert.textContent = ""; }

  function say(key) {
    // Re-setting the same text would not be announced again; clear it first. The notice goes
    // away by itself after a while, so it does not keep covering the page.
    el.status.textContent = "";
    window.clearTimeout(statusTimer);
    statusTimer = window.setTimeout(function () {
      el.status.textContent = t(key);
      statusTimer = window.setTimeout(function () { el.status.textContent = ""; }, STATUS_MS);
    }, 50);
  }

  // --- texts -------------------------------------------------------------------------------
  function translate() {
    var info = texts.languages[language] || {};
    document.documentElement.lang = language;
    document.documentElement.dir = info.direction === "rtl" ? "rtl" : "ltr";
    document.title = t("page_title");
    Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (element) {
      element.textContent = t(element.getAttribute("data-t"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-t-label]"), function (element) {
      element.setAttribute("aria-label", t(element.getAttribute("data-t-label")));
    });
    el.language.textContent = "";
    Object.keys(texts.languages).forEach(function (code) {
      var option = node("option", { value: code, lang: code }, texts.languages[code].language_name || code);
      option.selected = code === language;
      el.language.appendChild(option);
    });
    renderAccount();
    renderQueue();
    renderDetail();
    renderTeam();
    renderAudit();
  }

  function chooseLanguage(code) {
    if (!texts.languages[code]) { return; }
    language = code;
    storeLanguage(code);
    translate();
  }

  // --- session -----------------------------------------------------------------------------
  function showLogin() {
    el.loading.hidden = true;
    el.app.hidden = true;
    el.account.hidden = true;
    el.login.hidden = false;
  }

  function startSession(data) {
    session.caseworker = data.caseworker || null;
    session.csrf = data.csrf_token || null;
    if (!session.caseworker) { showLogin(); return; }
    window.clearTimeout(statusTimer);
    el.status.textContent = "";
    el.loading.hidden = true;
    el.login.hidden = true;
    el.app.hidden = false;
    el.account.hidden = false;
    var coordinator = session.caseworker.role === "coordinator";
    el.team.hidden = !coordinator;
    el.audit.hidden = !coordinator;
    renderAccount();
    loadQueue();
    connectEvents();
    if (coordinator) {
      loadTeam();
      loadAudit();
    }
  }

  function endSession() {
    if (events) { events.close(); events = null; }
    window.clearTimeout(reconnectTimer);
    session = { caseworker: null, csrf: null };
    openSequence += 1;
    loadingId = null;
    queue = [];
    current = null;
    unread = {};
    team = null;
    audit = null;
    liveLost = false;
    renderQueue();
    renderDetail();
    renderTeam();
    renderAudit();
    showLogin();
  }

  function restore() {
    api("GET", "/api/me").then(startSession, function (error) {
      showLogin();
      if (error.code !== "not_logged_in") { showError(error); }
    });
  }

  function submitLogin(event) {
    event.preventDefault();
    if (busy.login) { return; }
    clearAlert();
    var body = { email: el.email.value.trim(), password: el.password.value };
    var code = el.totp.value.replace(/\s+/g, "");
    if (!el.totpRow.hidden && code) { body.totp = code; }
    busy.login = true;
    el.loginSubmit.setAttribute("aria-disabled", "true");
    api("POST", "/api/login", body).then(function (data) {
      el.password.value = "";
      el.totp.value = "";
      el.totpRow.hidden = true;
      startSession(data);
      el.main.focus();
    }, function (error) {
      showError(error);
      if (error.code === "totp_required") {
        el.totpRow.hidden = false;
        el.totp.focus();
      } else if (error.code === "invalid_credentials") {
        el.password.select();
        el.password.focus();
      }
    }).then(function () {
      busy.login = false;
      el.loginSubmit.removeAttribute("aria-disabled");
    });
  }

  function logout() {
    clearAlert();
    api("POST", "/api/logout").then(function () {
      endSession();
      say("login.logged_out");
      el.email.focus();
    }, function (error) {
      if (error.code === "not_logged_in") { endSession(); el.email.focus(); return; }
      showError(error);
    });
  }

  function renderAccount() {
    var caseworker = session.caseworker;
    if (!caseworker) { return; }
    el.userName.textContent = caseworker.name || caseworker.email || "";
    el.userRole.textContent = caseworker.role ? t("roles." + caseworker.role) : "";
    el.userOrg.textContent = nameOf(caseworker.organisation);
    el.duty.checked = Boolean(caseworker.on_duty);
  }

  function changeDuty() {
    var wanted = el.duty.checked;
    clearAlert();
    api("POST", "/api/duty", { on_duty: wanted }).then(function (data) {
      var onDuty = data.on_duty === undefined ? wanted : Boolean(data.on_duty);
      if (session.caseworker) { session.caseworker.on_duty = onDuty; }
      el.duty.checked = onDuty;
      say(onDuty ? "account.duty_on" : "account.duty_off");
      if (team) { loadTeam(); }
    }, function (error) {
      el.duty.checked = !wanted;
      showError(error);
    });
  }

  // --- live updates ------------------------------------------------------------------------
  function parse(raw) {
    try { return JSON.parse(raw); } catch (error) { return null; }
  }

  function connectEvents() {
    if (events || typeof window.EventSource !== "function") { return; }
    events = new window.EventSource("/api/events");
    events.addEventListener("queue", function (event) {
      var data = parse(event.data);
      if (data && Array.isArray(data.handoffs)) { setQueue(data.handoffs); }
    });
    events.addEventListener("messages", function (event) {
      var data = parse(event.data);
      if (data && data.handoff_id && Array.isArray(data.messages)) { receiveMessages(data.handoff_id, data.messages); }
    });
    events.addEventListener("ended", function () {
      // The session ended on the server (logged out elsewhere, expired, account disabled).
      if (events) { events.close(); events = null; }
      reconnect();
    });
    events.addEventListener("open", function () {
      if (!liveLost) { return; }
      liveLost = false;
      say("live.restored");
      // Messages sent while the stream was down are not replayed: read the state again.
      loadQueue();
      if (current && !loadingId) { loadHandoff(current.handoff.id, false); }
    });
    events.addEventListener("error", function () {
      if (!session.caseworker) { return; }
      if (!liveLost) {
        liveLost = true;
        say("live.lost");
      }
      if (events && events.readyState === window.EventSource.CLOSED) {
        // The server refused the stream (not 200): check the session, then try again.
        events = null;
        window.clearTimeout(reconnectTimer);
        reconnectTimer = window.setTimeout(reconnect, RECONNECT_MS);
      }
    });
  }

  function reconnect() {
    api("GET", "/api/me").then(function (data) {
      session.csrf = data.csrf_token || session.csrf;
      connectEvents();
    }, function (error) {
      if (error.code === "not_logged_in") { showError(error); return; }
      reconnectTimer = window.setTimeout(reconnect, RECONNECT_MS);
    });
  }

  // --- queue -------------------------------------------------------------------------------
  function loadQueue() {
    api("GET", "/api/handoffs").then(function (data) {
      if (Array.isArray(data.handoffs)) { setQueue(data.handoffs); }
    }, showError);
  }

  function setQueue(handoffs) {
    queue = handoffs.filter(function (handoff) { return handoff && handoff.id; });
    queueReceivedAt = Date.now();
    if (current) {
      var fresh = queue.filter(function (handoff) { return handoff.id === current.handoff.id; })[0];
      if (fresh && (fresh.state !== current.handoff.state || fresh.mine !== current.handoff.mine)) {
        current.handoff = fresh;
        renderDetail();
      } else if (fresh) {
        current.handoff = fresh;
      } else if (isOpen(current.handoff) && !loadingId) {
        // No longer open (withdrawn, closed or handed back by someone else): read its state.
        loadHandoff(current.handoff.id, false);
      }
    }
    renderQueue();
  }

  function replaceInQueue(handoff) {
    queue = queue.map(function (item) { return item.id === handoff.id ? handoff : item; })
      .filter(isOpen);
    renderQueue();
  }

  function renderQueue() {
    if (!texts) { return; }
    var focused = document.activeElement;
    var focusedId = focused && el.queueList.contains(focused) ? focused.getAttribute("data-handoff-id") : null;
    el.queueList.textContent = "";
    el.queueList.hidden = queue.length === 0;
    el.queueEmpty.hidden = queue.length > 0;
    queue.forEach(function (handoff) { el.queueList.appendChild(queueItem(handoff)); });
    if (focusedId) {
      var again = el.queueList.querySelector('[data-handoff-id="' + window.CSS.escape(focusedId) + '"]');
      if (again) { again.focus(); }
    }
  }

  function queueItem(handoff) {
    var item = node("li", { class: "cw-queue-item" });
    var selected = current && current.handoff.id === handoff.id;
    var button = node("button", { type: "button", class: "cw-queue-button cw-state-" + handoff.state,
      "data-handoff-id": handoff.id, "aria-current": selected ? "true" : null });
    var top = node("span", { class: "cw-queue-top" });
    top.appendChild(node("span", { class: "cw-queue-topic" }, handoff.topic_title || t("queue.no_topic")));
    if (handoff.confidential) {
      top.appendChild(document.createTextNode(" "));
      top.appendChild(node("span", { class: "cw-badge cw-badge-confidential" }, t("queue.confidential")));
    }
    if (unread[handoff.id]) {
      top.appendChild(document.createTextNode(" "));
      top.appendChild(node("span", { class: "cw-badge cw-badge-new" }, t("queue.new_messages")));
    }
    var meta = node("span", { class: "cw-queue-meta" });
    meta.appendChild(node("span", { class: "cw-queue-language", lang: handoff.language || null,
      dir: direction(handoff.direction) }, handoff.language_name || handoff.language || ""));
    meta.appendChild(document.createTextNode(" "));
    if (handoff.state === "waiting") {
      meta.appendChild(node("span", { class: "cw-queue-time", "data-waiting": Number(handoff.waiting_seconds) || 0 },
        waitingText(Number(handoff.waiting_seconds) || 0)));
    } else {
      var claimed = handoff.mine ? t("queue.claimed_by_you")
        : t("queue.claimed_by", { name: nameOf(handoff.claimed_by) });
      meta.appendChild(node("span", { class: "cw-queue-claimed" }, claimed));
    }
    button.appendChild(top);
    button.appendChild(document.createTextNode(" "));
    button.appendChild(meta);
    button.addEventListener("click", function () { loadHandoff(handoff.id, true); });
    item.appendChild(button);
    return item;
  }

  function waitingText(base) {
    return t("queue.waiting", { time: duration(base + (Date.now() - queueReceivedAt) / 1000) });
  }

  function tick() {
    Array.prototype.forEach.call(el.queueList.querySelectorAll(".cw-queue-time"), function (span) {
      span.textContent = waitingText(Number(span.getAttribute("data-waiting")) || 0);
    });
  }

  // --- one handoff -------------------------------------------------------------------------
  function loadHandoff(id, moveFocus) {
    var sequence = ++openSequence;
    loadingId = id;
    if (moveFocus) { clearAlert(); }
    delete unread[id];
    api("GET", "/api/handoffs/" + encodeURIComponent(id)).then(function (data) {
      if (sequence !== openSequence) { return; }
      loadingId = null;
      var sameLanguage = current && current.handoff.id === id && current.handoff.language === data.handoff.language;
      current = {
        handoff: data.handoff,
        transcript: Array.isArray(data.transcript) ? data.transcript : [],
        notes: Array.isArray(data.notes) ? data.notes : [],
        context: data.context || {},
        canned: sameLanguage ? current.canned : null,
      };
      renderDetail();
      renderQueue();
      if (moveFocus) { el.detailTitle.focus(); }
      if (!sameLanguage) { loadCanned(sequence); }
    }, function (error) {
      if (sequence !== openSequence) { return; }
      loadingId = null;
      showError(error);
    });
  }

  function loadCanned(sequence) {
    var code = current.handoff.language || "";
    api("GET", "/api/canned?language=" + encodeURIComponent(code)).then(function (data) {
      if (sequence !== openSequence || !current) { return; }
      current.canned = Array.isArray(data.replies) ? data.replies : [];
      renderCanned();
    }, showError);
  }

  function renderDetail() {
    if (!texts) { return; }
    el.detailBody.hidden = !current;
    el.detailNone.hidden = Boolean(current);
    if (!current) {
      el.detailTitle.textContent = t("handoff.title");
      return;
    }
    var handoff = current.handoff;
    var mine = handoff.state === "human" && handoff.mine;
    el.detailTitle.textContent = handoff.topic_title || t("queue.no_topic");
    el.detailState.textContent = t("handoff.state", { state: t("states." + handoff.state) });
    if (handoff.state === "human") {
      el.detailState.appendChild(document.createTextNode(" · "));
      el.detailState.appendChild(node("span", {}, handoff.mine ? t("queue.claimed_by_you")
        : t("queue.claimed_by", { name: nameOf(handoff.claimed_by) })));
    }
    if (handoff.confidential) {
      el.detailState.appendChild(document.createTextNode(" "));
      el.detailState.appendChild(node("span", { class: "cw-badge cw-badge-confidential" }, t("queue.confidential")));
    }
    el.claim.hidden = handoff.state !== "waiting";
    el.release.hidden = !mine;
    el.close.hidden = !(handoff.state === "waiting" || mine);
    renderContext();
    renderTranscript();
    el.replySection.hidden = !(handoff.state === "waiting" || mine);
    el.replyClosed.hidden = handoff.state !== "waiting";
    el.replyOpen.hidden = !mine;
    if (handoff.language) { el.replyText.setAttribute("lang", handoff.language); } else { el.replyText.removeAttribute("lang"); }
    renderCanned();
    renderNotes();
  }

  function renderContext() {
    var context = current.context || {};
    var handoff = current.handoff;
    var situation = context.situation;
    var languageValue = context.language === handoff.language || !context.language
      ? handoff.language_name || context.language : context.language;
    var rows = [
      ["context.municipality", context.municipality],
      ["context.situation", situation && has("situations." + situation) ? t("situations." + situation) : situation],
      ["context.language", languageValue],
    ];
    el.context.textContent = "";
    rows.forEach(function (row) {
      el.context.appendChild(node("dt", {}, t(row[0])));
      var value = row[1] === undefined || row[1] === null || row[1] === "" ? t("context.unknown") : nameOf(row[1]);
      var dd = node("dd");
      if (row[0] === "context.language" && row[1] === handoff.language_name && handoff.language) {
        dd.appendChild(node("bdi", { lang: handoff.language }, value));
      } else {
        dd.textContent = value;
      }
      el.context.appendChild(dd);
    });
  }

  function messageItem(message) {
    var role = ROLES.indexOf(message.role) >= 0 ? message.role : "system";
    var item = node("div", { class: "cw-msg cw-msg-" + role, "data-message-id": message.id || null });
    var time = formatTime(message.at);
    var who = t("transcript.roles." + role);
    item.appendChild(node("p", { class: "cw-msg-meta" }, time ? t("transcript.message_by", { role: who, time: time }) : who));
    item.appendChild(node("p", { class: "cw-msg-text", lang: message.language || null,
      dir: direction(message.direction) }, message.text));
    return item;
  }

  function renderTranscript() {
    el.transcript.textContent = "";
    if (!current.transcript.length) {
      el.transcript.appendChild(node("p", { class: "cw-empty" }, t("transcript.empty")));
    }
    current.transcript.forEach(function (message) { el.transcript.appendChild(messageItem(message)); });
    el.transcript.scrollTop = el.transcript.scrollHeight;
  }

  function appendMessages(messages) {
    var added = false;
    messages.forEach(function (message) {
      if (!message) { return; }
      var known = message.id && current.transcript.some(function (item) { return item.id === message.id; });
      if (known) { return; }
      if (!current.transcript.length) { el.transcript.textContent = ""; }
      current.transcript.push(message);
      el.transcript.appendChild(messageItem(message));
      added = true;
    });
    if (added) { el.transcript.scrollTop = el.transcript.scrollHeight; }
  }

  function receiveMessages(handoffId, messages) {
    if (current && current.handoff.id === handoffId) {
      appendMessages(messages);
      return;
    }
    if (messages.length) {
      unread[handoffId] = true;
      renderQueue();
    }
  }

  function act(kind, doneKey) {
    if (!current || busy.act) { return; }
    var id = current.handoff.id;
    busy.act = true;
    clearAlert();
    api("POST", "/api/handoffs/" + encodeURIComponent(id) + "/" + kind).then(function (data) {
      if (data.handoff) {
        replaceInQueue(data.handoff);
        if (current && current.handoff.id === id) {
          current.handoff = data.handoff;
          renderDetail();
        }
      }
      say(doneKey);
      if (kind === "claim" && !el.replyOpen.hidden) { el.replyText.focus(); } else { el.detailTitle.focus(); }
    }, function (error) {
      showError(error);
      // The state changed under us (a colleague was faster): show what it is now.
      if (error.status === 409 && current && current.handoff.id === id) { loadHandoff(id, false); }
    }).then(function () { busy.act = false; });
  }

  // --- reply, canned replies, notes --------------------------------------------------------
  function sendReply() {
    if (!current || busy.reply) { return; }
    var text = el.replyText.value;
    if (!text.trim()) { showError(failure("empty", 400)); return; }
    var id = current.handoff.id;
    busy.reply = true;
    clearAlert();
    api("POST", "/api/handoffs/" + encodeURIComponent(id) + "/reply", { text: text }).then(function (data) {
      if (current && current.handoff.id === id) {
        el.replyText.value = "";
        if (data.message) { appendMessages([data.message]); }
      }
      say("reply.sent");
    }, function (error) {
      showError(error);
      if (error.status === 409 && current && current.handoff.id === id) { loadHandoff(id, false); }
    }).then(function () { busy.reply = false; });
  }

  function renderCanned() {
    el.cannedList.textContent = "";
    var replies = current && current.canned;
    el.cannedEmpty.hidden = !replies || replies.length > 0;
    el.cannedList.hidden = !replies || replies.length === 0;
    (replies || []).forEach(function (reply) {
      var button = node("button", { type: "button", class: "cw-canned-button", lang: current.handoff.language || null,
        dir: direction(current.handoff.direction) }, reply.title);
      button.addEventListener("click", function () {
        el.replyText.value = String(reply.text || "");
        el.replyText.focus();
        say("canned.used");
      });
      var item = node("li");
      item.appendChild(button);
      el.cannedList.appendChild(item);
    });
  }

  function renderNotes() {
    el.notesList.textContent = "";
    el.notesEmpty.hidden = current.notes.length > 0;
    el.notesList.hidden = current.notes.length === 0;
    current.notes.forEach(function (note) {
      var item = node("li", { class: "cw-note" });
      item.appendChild(node("p", { class: "cw-note-meta" }, t("notes.by", { author: nameOf(note.author), time: formatTime(note.at) })));
      item.appendChild(node("p", { class: "cw-note-text", dir: "auto" }, note.text));
      el.notesList.appendChild(item);
    });
  }

  function addNote(event) {
    event.preventDefault();
    if (!current || busy.note) { return; }
    var text = el.noteText.value;
    if (!text.trim()) { showError(failure("empty", 400)); return; }
    var id = current.handoff.id;
    busy.note = true;
    clearAlert();
    api("POST", "/api/handoffs/" + encodeURIComponent(id) + "/notes", { text: text }).then(function (data) {
      if (current && current.handoff.id === id) {
        el.noteText.value = "";
        if (data.note) { current.notes.push(data.note); }
        renderNotes();
      }
      say("notes.added");
    }, showError).then(function () { busy.note = false; });
  }

  // --- coordinators: team and audit --------------------------------------------------------
  function loadTeam() {
    api("GET", "/api/team").then(function (data) {
      team = Array.isArray(data.members) ? data.members : [];
      renderTeam();
    }, showError);
  }

  function renderTeam() {
    if (!texts) { return; }
    el.teamBody.textContent = "";
    el.teamEmpty.hidden = !team || team.length > 0;
    (team || []).forEach(function (member) {
      var row = node("tr");
      row.appendChild(node("td", {}, member.name));
      row.appendChild(node("td", {}, member.role ? t("roles." + member.role) : ""));
      row.appendChild(node("td", {}, member.on_duty ? t("team.on_duty") : t("team.off_duty")));
      row.appendChild(node("td", {}, member.last_seen ? formatTime(member.last_seen) : t("team.never")));
      el.teamBody.appendChild(row);
    });
  }

  function loadAudit() {
    api("GET", "/api/audit").then(function (data) {
      audit = Array.isArray(data.records) ? data.records : [];
      renderAudit();
    }, showError);
  }

  function renderAudit() {
    if (!texts) { return; }
    el.auditBody.textContent = "";
    el.auditEmpty.hidden = !audit || audit.length > 0;
    (audit || []).forEach(function (record) {
      var action = String(record.action || "");
      var row = node("tr");
      row.appendChild(node("td", {}, formatTime(record.at)));
      row.appendChild(node("td", {}, nameOf(record.actor)));
      row.appendChild(node("td", {}, has("audit.actions." + action) ? t("audit.actions." + action) : action));
      row.appendChild(node("td", { class: "cw-id" }, record.handoff_id ? String(record.handoff_id).slice(0, 8) : t("audit.none")));
      el.auditBody.appendChild(row);
    });
  }

  // --- start -------------------------------------------------------------------------------
  function bind() {
    var ids = {
      alert: "cw-alert", status: "cw-status", main: "cw-main", loading: "cw-loading", language: "cw-language",
      account: "cw-account", userName: "cw-user-name", userRole: "cw-user-role", userOrg: "cw-user-org",
      duty: "cw-duty", logout: "cw-logout", login: "cw-login", loginForm: "cw-login-form",
      email: "cw-email", password: "cw-password", totpRow: "cw-totp-row", totp: "cw-totp",
      loginSubmit: "cw-login-submit", app: "cw-app", queueList: "cw-queue-list", queueEmpty: "cw-queue-empty",
      detailTitle: "cw-detail-title", detailNone: "cw-detail-none", detailBody: "cw-detail-body",
      detailState: "cw-detail-state", claim: "cw-claim", release: "cw-release", close: "cw-close",
      context: "cw-context", transcript: "cw-transcript", replyClosed: "cw-reply-closed",
      replyOpen: "cw-reply-open", replyForm: "cw-reply-form", replyText: "cw-reply-text",
      cannedList: "cw-canned-list", cannedEmpty: "cw-canned-empty", notesList: "cw-notes-list",
      notesEmpty: "cw-notes-empty", noteForm: "cw-note-form", noteText: "cw-note-text",
      team: "cw-team", teamBody: "cw-team-body", teamEmpty: "cw-team-empty", teamRefresh: "cw-team-refresh",
      audit: "cw-audit", auditBody: "cw-audit-body", auditEmpty: "cw-audit-empty", auditRefresh: "cw-audit-refresh",
    };
    Object.keys(ids).forEach(function (name) { el[name] = document.getElementById(ids[name]); });
    el.replySection = el.replyOpen.parentNode;

    el.language.addEventListener("change", function () { chooseLanguage(el.language.value); });
    el.loginForm.addEventListener("submit", submitLogin);
    el.logout.addEventListener("click", logout);
    el.duty.addEventListener("change", changeDuty);
    el.claim.addEventListener("click", function () { act("claim", "handoff.claimed"); });
    el.release.addEventListener("click", function () { act("release", "handoff.released"); });
    el.close.addEventListener("click", function () { act("close", "handoff.closed"); });
    el.replyForm.addEventListener("submit", function (event) { event.preventDefault(); sendReply(); });
    el.replyText.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        sendReply();
      }
    });
    el.noteForm.addEventListener("submit", addNote);
    el.teamRefresh.addEventListener("click", loadTeam);
    el.auditRefresh.addEventListener("click", loadAudit);
    window.setInterval(tick, 1000);
  }

  function loadTexts() {
    fetch("/console-texts.json", { credentials: "same-origin" }).then(function (answer) {
      if (!answer.ok) { throw failure("unknown", answer.status); }
      return answer.json();
    }).then(function (data) {
      texts = data;
      if (!texts.languages[language]) { language = texts.languages.nl ? "nl" : Object.keys(texts.languages)[0]; }
      translate();
      restore();
    }, function () {
      // Without texts there is nothing to show yet: try again shortly.
      window.setTimeout(loadTexts, RECONNECT_MS);
    });
  }

  function start() {
    bind();
    loadTexts();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
