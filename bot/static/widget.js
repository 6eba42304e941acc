/*
 * Borgerrådgiveren chat widget. Embed with one tag:
 *   <script src="https://<gateway>/static/widget.js" defer></script>
 *
 * No framework and no HTML parsing: every text from the citizen or the bot is inserted as text,
 * and only http(s) links become links (new tab, rel="noopener noreferrer").
 * Delivery: each citizen message gets a client id and waits in an outbox (sessionStorage)
 * until the gateway sends it back with a sequence number; on reconnect the widget asks for
 * everything after the last number it has, so nothing is lost and nothing shows twice.
 */
(function boot(loadedFrom) {
  "use strict";

  var script = loadedFrom || document.currentScript;
  if (!script || window.__borgerraadgiverenWidget) { return; }
  // The language module first (widget-i18n.js, issue #18); without it the widget is Danish.
  if (!window.BorgerraadgiverenI18n && !loadedFrom) {
    var i18nScript = document.createElement("script");
    i18nScript.src = new URL("widget-i18n.js", new URL(script.src, document.baseURI)).href;
    i18nScript.onload = i18nScript.onerror = function () { boot(script); };
    document.head.appendChild(i18nScript);
    return;
  }
  window.__borgerraadgiverenWidget = true;

  var BASE = new URL(script.src, document.baseURI);
  var ORIGIN = BASE.origin;
  var WS_URL = ORIGIN.replace(/^http/, "ws") + "/api/ws";
  var OUTBOX_KEY = "brw-outbox";
  var OPEN_KEY = "brw-open";
  var POLL_MS = 4000;
  // "Forlad siden" goes here; the page that embeds the widget may name another neutral site.
  var DEFAULT_EXIT_URL = "https://www.dr.dk/";
  var EXIT_ESCAPES = 3;
  var EXIT_ESCAPE_WINDOW_MS = 3000;
  var TYPING_REPEAT_MS = 3000;
  var TYPING_IDLE_MS = 5000;
  var WS_FAILURES_BEFORE_FALLBACK = 2;

  var TEXT = {
    launcher: "Chat med politiet",
    title: "Spørg politiets borgerrådgiver",
    close: "Luk chatten",
    exit: "Forlad siden",
    exitHint: "Viser straks en anden hjemmeside og fjerner chatten fra skærmen. " +
      "Du kan også trykke på Esc tre gange.",
    intro: "Du skriver med politiets chatbot. Den svarer automatisk. Vil du tale med en person, " +
      "så skriv \"Jeg vil tale med en person\", eller ring 114.",
    urgent: "Er det akut? Ring 112. Vil du tale med politiet? Ring 114.",
    urgentShort: "Akut? Ring 112.",
    about: "Om chatten",
    privacyDays: function (days) {
      return "Vi gemmer samtalen i " + days + " dage. CPR-numre, telefonnumre og " +
        "e-mailadresser bliver skjult i det, vi gemmer. Skriv kun det, der er nødvendigt.";
    },
    reference: function (ref) {
      return "Dit referencenummer: " + ref + ". Brug det, hvis du kontakter os igen.";
    },
    privacyUnknown: "Vi gemmer samtalen i en periode. CPR-numre, telefonnumre og " +
      "e-mailadresser bliver skjult i det, vi gemmer.",
    logLabel: "Samtale",
    inputLabel: "Skriv din besked",
    inputHint: "Tryk Enter for at sende. Skift + Enter giver en ny linje.",
    send: "Send",
    you: "Du",
    bot: "Borgerrådgiveren",
    advisor: "Rådgiver",
    system: "Besked",
    sending: "Sender …",
    typing: "Borgerrådgiveren skriver …",
    advisorTyping: "Rådgiveren skriver …",
    choices: "Svarmuligheder",
    download: "Hent samtalen",
    mail: "Send samtalen til din e-mail",
    newWindow: " (åbner i et nyt vindue)",
    offline: "Forbindelsen er afbrudt. Vi prøver igen. Dine beskeder bliver sendt, når der er forbindelse.",
    fallback: "Vi bruger en langsommere forbindelse. Chatten virker stadig.",
    startFailed: "Chatten kunne ikke starte. Prøv igen om lidt, eller ring til politiet på 114.",
    transcriptTitle: "Samtale med politiets digitale borgerrådgiver",
    transcriptFetched: "Hentet",
    mailSubject: "Min samtale med politiets borgerrådgiver",
    mailTruncated: "(Samtalen er forkortet. Brug \"Hent samtalen\" for at få det hele.)"
  };

  // ---- language (issue #18): Danish above, English and the choice in widget-i18n.js ----
  var I18N = window.BorgerraadgiverenI18n || null;
  var TEXT_DA = TEXT;
  if (I18N) { Object.keys(I18N.texts.daExtra).forEach(function (k) { TEXT_DA[k] = I18N.texts.daExtra[k]; }); }
  var language = I18N ? I18N.initialLanguage() : "da";
  function textsFor(lang) { return lang === "en" && I18N ? I18N.texts.en : TEXT_DA; }
  TEXT = textsFor(language);

  // ---- small DOM helpers (text only) ----
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function safeUrl(raw) {
    try {
      var url = new URL(raw);
      return (url.protocol === "https:" || url.protocol === "http:") ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(href, label) {
    var a = el("a", "brw-link", label);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.appendChild(el("span", "brw-sr", TEXT.newWindow));
    return a;
  }

  // Markdown links [label](https://...) and bare http(s) URLs become links; all else is text.
  var LINK_PATTERN = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>"]+)/g;

  function appendRichText(parent, text) {
    var last = 0;
    var match;
    LINK_PATTERN.lastIndex = 0;
    while ((match = LINK_PATTERN.exec(text)) !== null) {
      var raw = match[2] || match[3];
      var label = match[1] || raw;
      var trailing = "";
      if (!match[2]) {
        var cut = raw.match(/[.,;:!?)]+$/);
        if (cut) { trailing = cut[0]; raw = raw.slice(0, -trailing.length); label = raw; }
      }
      var href = safeUrl(raw);
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      parent.appendChild(href ? link(href, label) : document.createTextNode(match[0]));
      if (trailing) { parent.appendChild(document.createTextNode(trailing)); }
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function randomId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function loadOutbox() {
    try { return JSON.parse(sessionStorage.getItem(OUTBOX_KEY) || "[]"); } catch (e) { return []; }
  }

  function saveOutbox() {
    if (state.exiting) { return; }
    try { sessionStorage.setItem(OUTBOX_KEY, JSON.stringify(state.outbox)); } catch (e) { /* private mode */ }
  }

  // ---- state ----
  var state = {
    started: false,
    config: null,
    socket: null,
    socketOpen: false,
    failures: 0,
    reconnectTimer: null,
    pollTimer: null,
    lastSeq: 0,
    bySeq: {},          // seq -> <li>
    transcript: {},     // seq -> {sender, text, at}
    pending: {},        // client_id -> <li>
    outbox: loadOutbox(),
    httpBusy: false,
    exiting: false,
    noticesCollapsed: false,
    typingSentAt: 0,
    typingIdle: null
  };
  var EXIT_URL = safeUrl(script.getAttribute("data-exit-url") || "") || DEFAULT_EXIT_URL;

  // ---- build the widget ----
  var css = el("link");
  css.rel = "stylesheet";
  css.href = new URL("widget.css", BASE).href;
  document.head.appendChild(css);
  // ---- status card module (conversations, issue 13) ----
  var cardScript = el("script");
  cardScript.src = new URL("status-card.js", BASE).href;
  cardScript.defer = true;
  document.head.appendChild(cardScript);
  // ---- end status card module ----

  var root = el("div", "brw");
  var exitHint = el("p", "brw-sr", TEXT.exitHint);
  exitHint.id = "brw-exit-hint";

  function exitButton() {
    var button = el("button", "brw-exit", TEXT.exit);
    button.type = "button";
    button.setAttribute("aria-describedby", "brw-exit-hint");
    button.addEventListener("click", quickExit);
    return button;
  }

  var dock = el("div", "brw-dock");
  var launcher = el("button", "brw-launcher", TEXT.launcher);
  launcher.type = "button";
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "brw-panel");
  dock.appendChild(launcher);
  dock.appendChild(exitButton());

  var panel = el("section", "brw-panel");
  panel.id = "brw-panel";
  panel.setAttribute("aria-labelledby", "brw-title");
  panel.hidden = true;

  var header = el("div", "brw-header");
  var title = el("h2", "brw-title", TEXT.title);
  title.id = "brw-title";
  var closeButton = el("button", "brw-close");
  closeButton.type = "button";
  closeButton.setAttribute("aria-label", TEXT.close);
  closeButton.appendChild(el("span", null, "×")).setAttribute("aria-hidden", "true");
  header.appendChild(title);
  var languageButton = el("button", "brw-language", TEXT.switchTo || "");
  languageButton.type = "button";
  languageButton.hidden = !I18N;
  header.appendChild(languageButton);
  header.appendChild(exitButton());
  header.appendChild(closeButton);

  // The fixed notices: in full before the first message, then one line, so the conversation
  // gets the room (the 112 line always stays).
  var notices = el("div", "brw-notices");
  var urgent = el("p", "brw-urgent", TEXT.urgent);
  var aboutButton = el("button", "brw-about", TEXT.about);
  aboutButton.type = "button";
  aboutButton.setAttribute("aria-expanded", "true");
  aboutButton.setAttribute("aria-controls", "brw-about-text");
  aboutButton.hidden = true;  // shown once the notices have collapsed
  var about = el("div", "brw-about-text");
  about.id = "brw-about-text";
  var intro = el("p", "brw-intro", TEXT.intro);
  var privacy = el("p", "brw-privacy", TEXT.privacyUnknown);
  privacy.id = "brw-privacy";
  about.appendChild(intro);
  about.appendChild(privacy);
  var noticeBar = el("div", "brw-notice-bar");
  noticeBar.appendChild(urgent);
  noticeBar.appendChild(aboutButton);
  notices.appendChild(noticeBar);
  notices.appendChild(about);

  function collapseNotices(collapsed) {
    notices.classList.toggle("brw-notices--collapsed", collapsed);
    urgent.textContent = collapsed ? TEXT.urgentShort : TEXT.urgent;
    aboutButton.setAttribute("aria-expanded", collapsed ? "false" : "true");
    about.hidden = collapsed;
  }
  aboutButton.addEventListener("click", function () {
    collapseNotices(aboutButton.getAttribute("aria-expanded") === "true");
  });

  // The live region wraps the list, so the messages keep their list semantics.
  var logRegion = el("div", "brw-log");
  logRegion.setAttribute("role", "log");
  logRegion.setAttribute("aria-live", "polite");
  logRegion.setAttribute("aria-label", TEXT.logLabel);
  logRegion.tabIndex = 0;
  var log = el("ol", "brw-list");
  logRegion.appendChild(log);

  var typing = el("p", "brw-typing");
  typing.setAttribute("role", "status");
  var status = el("p", "brw-status");
  status.setAttribute("role", "status");

  var form = el("form", "brw-form");
  form.noValidate = true;
  var label = el("label", "brw-label", TEXT.inputLabel);
  label.htmlFor = "brw-input";
  var hint = el("p", "brw-hint", TEXT.inputHint);
  hint.id = "brw-hint";
  var input = el("textarea", "brw-input");
  input.id = "brw-input";
  input.rows = 2;
  input.setAttribute("aria-describedby", "brw-hint brw-privacy");
  var sendButton = el("button", "brw-send", TEXT.send);
  sendButton.type = "submit";
  var row = el("div", "brw-row");
  row.appendChild(input);
  row.appendChild(sendButton);
  form.appendChild(label);
  form.appendChild(row);
  form.appendChild(hint);

  var tools = el("div", "brw-tools");
  var downloadButton = el("button", "brw-tool", TEXT.download);
  downloadButton.type = "button";
  var mailLink = el("a", "brw-tool", TEXT.mail);
  mailLink.href = "mailto:";
  tools.appendChild(downloadButton);
  tools.appendChild(mailLink);

  panel.appendChild(header);
  panel.appendChild(notices);
  panel.appendChild(logRegion);
  panel.appendChild(typing);
  panel.appendChild(status);
  panel.appendChild(form);
  panel.appendChild(tools);
  root.appendChild(exitHint);
  root.appendChild(dock);
  root.appendChild(panel);
  document.body.appendChild(root);

  // ---- rendering ----
  function senderLabel(sender) {
    return { citizen: TEXT.you, bot: TEXT.bot, advisor: TEXT.advisor }[sender] || TEXT.system;
  }

  function messageItem(sender, text) {
    var item = el("li", "brw-msg brw-msg--" + (sender in { citizen: 1, bot: 1, advisor: 1 } ? sender : "system"));
    item.appendChild(el("span", "brw-who", senderLabel(sender) + ": "));
    var body = el("span", "brw-text");
    appendRichText(body, text);
    item.appendChild(body);
    return item;
  }

  // ---- status card (conversations, issue 13): drawn by status-card.js; the text until loaded ----
  function cardItem(message) {
    var draw = window.__borgerraadgiverenStatusCard;
    if (!message.card || typeof draw !== "function") { return null; }
    var item = el("li", "brw-msg brw-msg--bot brw-msg--card");
    item.appendChild(el("span", "brw-who brw-sr", senderLabel(message.sender) + ": "));
    item.appendChild(draw(message.card, el));
    return item;
  }
  // ---- end status card ----

  function removeChoices() {
    var groups = log.querySelectorAll(".brw-choices");
    for (var i = 0; i < groups.length; i++) { groups[i].parentNode.removeChild(groups[i]); }
  }

  function choices(buttons) {
    var group = el("div", "brw-choices");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", TEXT.choices);
    buttons.forEach(function (button) {
      var b = el("button", "brw-choice", button.title);
      b.type = "button";
      b.addEventListener("click", function () {
        var chosen = /^\/br_language (da|en)$/.exec(button.payload || "");
        if (chosen) { setLanguage(chosen[1], false); }
        send({ payload: button.payload, title: button.title });
        input.focus();
      });
      group.appendChild(b);
    });
    return group;
  }

  function insertBySeq(item, seq) {
    // Keep the log in server order even if a push overtakes the history on reconnect.
    var next = null;
    var items = log.children;
    for (var i = 0; i < items.length; i++) {
      var other = items[i].getAttribute("data-seq");
      if (other === null || Number(other) > seq) { next = items[i]; break; }
    }
    log.insertBefore(item, next);
  }

  function isLatest(seq) {
    return Object.keys(state.bySeq).every(function (s) { return Number(s) <= seq; });
  }

  function receive(message) {
    var seq = message.seq;
    if (state.bySeq[seq]) { return; }
    var item;
    var pendingItem = message.client_id ? state.pending[message.client_id] : null;
    if (pendingItem) {
      // Our own message came back: that is the acknowledgement. Keep the text as typed.
      item = pendingItem;
      delete state.pending[message.client_id];
      var note = item.querySelector(".brw-sending");
      if (note) { note.parentNode.removeChild(note); }
      item.classList.remove("brw-msg--pending");
      item.parentNode.removeChild(item);
      state.transcript[seq] = { sender: message.sender, text: item.getAttribute("data-text"), at: message.at };
    } else {
      item = cardItem(message) || messageItem(message.sender, message.text);
      state.transcript[seq] = { sender: message.sender, text: message.text, at: message.at };
    }
    if (message.client_id) { dropFromOutbox(message.client_id); }
    if (message.sender === "citizen") { firstMessageSeen(); }
    item.setAttribute("data-seq", String(seq));
    var latest = isLatest(seq);
    state.bySeq[seq] = item;
    if (latest) { removeChoices(); }
    if (message.buttons && message.buttons.length && latest) {
      item.appendChild(choices(message.buttons));
    }
    insertBySeq(item, seq);
    state.lastSeq = Math.max(state.lastSeq, seq);
    updateMailLink();
    scrollToEnd();
  }

  function showNotice(text) {
    var item = messageItem("system", text);
    item.classList.add("brw-msg--notice");
    log.appendChild(item);
    scrollToEnd();
  }

  function scrollToEnd() { logRegion.scrollTop = logRegion.scrollHeight; }

  function firstMessageSeen() {
    if (state.noticesCollapsed) { return; }
    state.noticesCollapsed = true;
    aboutButton.hidden = false;
    collapseNotices(true);
  }

  function addPending(entry) {
    if (state.pending[entry.client_id]) { return; }
    firstMessageSeen();
    var shown = entry.title || entry.text || "";
    var item = messageItem("citizen", shown);
    item.classList.add("brw-msg--pending");
    item.setAttribute("data-text", shown);
    item.appendChild(el("span", "brw-sending", " " + TEXT.sending));
    state.pending[entry.client_id] = item;
    log.appendChild(item);
    scrollToEnd();
  }

  function dropFromOutbox(clientId) {
    state.outbox = state.outbox.filter(function (e) { return e.client_id !== clientId; });
    saveOutbox();
  }

  function rejected(clientId, text) {
    var item = state.pending[clientId];
    var entry = state.outbox.filter(function (e) { return e.client_id === clientId; })[0];
    if (item) { item.parentNode.removeChild(item); delete state.pending[clientId]; }
    dropFromOutbox(clientId);
    if (entry && entry.text && !input.value) { input.value = entry.text; }
    showNotice(text);
  }

  // ---- transcript download / e-mail ----
  function transcriptText() {
    var lines = [TEXT.transcriptTitle, TEXT.transcriptFetched + ": " + new Date().toLocaleString(TEXT.locale || "da-DK")];
    if (state.config && state.config.reference) { lines.push(TEXT.reference(state.config.reference)); }
    lines.push("");
    Object.keys(state.transcript).map(Number).sort(function (a, b) { return a - b; }).forEach(function (seq) {
      var m = state.transcript[seq];
      var when = m.at ? new Date(m.at).toLocaleTimeString(TEXT.locale || "da-DK", { hour: "2-digit", minute: "2-digit" }) : "";
      lines.push("[" + when + "] " + senderLabel(m.sender) + ": " + m.text);
    });
    return lines.join("\n");
  }

  function updateMailLink() {
    var body = transcriptText();
    if (body.length > 1800) { body = body.slice(0, 1800) + "\n\n" + TEXT.mailTruncated; }
    mailLink.href = "mailto:?subject=" + encodeURIComponent(TEXT.mailSubject) +
      "&body=" + encodeURIComponent(body);
  }

  downloadButton.addEventListener("click", function () {
    var blob = new Blob([transcriptText()], { type: "text/plain;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = el("a");
    a.href = url;
    a.download = (language === "en" ? "chat-police-" : "samtale-politiet-") +
      new Date().toISOString().slice(0, 10) + ".txt";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  // ---- language switch (issue #18) ----
  function showPrivacy() {
    if (!state.config) { privacy.textContent = TEXT.privacyUnknown; return; }
    privacy.textContent = TEXT.privacyDays(state.config.retention_days) +
      (state.config.reference ? " " + TEXT.reference(state.config.reference) : "");
  }

  function relabel() {
    root.setAttribute("lang", language);
    launcher.textContent = TEXT.launcher;
    title.textContent = TEXT.title;
    closeButton.setAttribute("aria-label", TEXT.close);
    var exits = root.querySelectorAll(".brw-exit");
    for (var i = 0; i < exits.length; i++) { exits[i].textContent = TEXT.exit; }
    exitHint.textContent = TEXT.exitHint;
    urgent.textContent = state.noticesCollapsed ? TEXT.urgentShort : TEXT.urgent;
    aboutButton.textContent = TEXT.about;
    intro.textContent = TEXT.intro;
    showPrivacy();
    logRegion.setAttribute("aria-label", TEXT.logLabel);
    label.textContent = TEXT.inputLabel;
    hint.textContent = TEXT.inputHint;
    sendButton.textContent = TEXT.send;
    downloadButton.textContent = TEXT.download;
    mailLink.textContent = TEXT.mail;
    languageButton.textContent = TEXT.switchTo;
    languageButton.setAttribute("aria-label", TEXT.switchLabel);
    languageButton.setAttribute("lang", language === "en" ? "da" : "en");
    updateMailLink();
  }

  // `chosen`: the citizen's own choice (the switch); the gateway then stops asking.
  function setLanguage(lang, tellGateway) {
    language = lang;
    TEXT = textsFor(lang);
    if (I18N) { I18N.remember(lang); }
    relabel();
    if (tellGateway && state.config) {
      api("POST", "/api/session/language", { language: lang, chosen: true });
    }
  }

  // A chat whose language the citizen chose earlier keeps it; else the widget's language
  // (the browser's) is sent as a guess the gateway may still question.
  function syncLanguage(session) {
    if (session.language_confirmed && (session.language === "da" || session.language === "en")) {
      if (session.language !== language) { setLanguage(session.language, false); }
      return;
    }
    var chosen = I18N ? I18N.chosen() : false;
    api("POST", "/api/session/language", { language: language, chosen: chosen });
  }

  languageButton.addEventListener("click", function () {
    setLanguage(language === "en" ? "da" : "en", true);
  });

  // ---- transport ----
  function api(method, path, body) {
    return fetch(ORIGIN + path, {
      method: method,
      credentials: "include",
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  function startSession() {
    return api("POST", "/api/session").then(function (result) {
      if (result.status !== 200) {
        showNotice((result.data && result.data.message) || TEXT.startFailed);
        return false;
      }
      state.config = result.data;
      syncLanguage(result.data);
      showPrivacy();
      return true;
    }, function () {
      showNotice(TEXT.startFailed);
      return false;
    });
  }

  function connect() {
    clearTimeout(state.reconnectTimer);
    var socket;
    try { socket = new WebSocket(WS_URL); } catch (e) { scheduleReconnect(); return; }
    state.socket = socket;
    var working = false;
    socket.addEventListener("open", function () {
      state.socketOpen = true;
      socket.send(JSON.stringify({ type: "hello", after: state.lastSeq }));
    });
    socket.addEventListener("message", function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.type === "history") {
        // Only a socket that answers counts as working (a proxy may accept and then drop it).
        working = true;
        state.failures = 0;
        status.textContent = "";
        stopPolling();
        data.messages.forEach(receive);
        flushOutbox();
      } else if (data.type === "message") {
        receive(data);
      } else if (data.type === "typing") {
        typing.textContent = data.on ? (data.who === "advisor" ? TEXT.advisorTyping : TEXT.typing) : "";
      } else if (data.type === "rejected") {
        rejected(data.client_id, data.message);
      }
    });
    socket.addEventListener("close", function () {
      state.socketOpen = false;
      state.socket = null;
      typing.textContent = "";
      if (!working) { state.failures += 1; }
      scheduleReconnect();
    });
  }

  function scheduleReconnect() {
    if (state.failures >= WS_FAILURES_BEFORE_FALLBACK) {
      status.textContent = TEXT.fallback;
      startPolling();
    } else {
      status.textContent = TEXT.offline;
    }
    var delay = Math.min(15000, 1000 * Math.pow(2, Math.min(state.failures, 4)));
    state.reconnectTimer = setTimeout(connect, delay);
  }

  function useHttp() { return !state.socketOpen && state.failures >= WS_FAILURES_BEFORE_FALLBACK; }

  function poll() {
    return api("GET", "/api/messages?after=" + state.lastSeq).then(function (result) {
      if (result.status === 200) { result.data.messages.forEach(receive); }
    }, function () { /* still offline; the next poll tries again */ });
  }

  function startPolling() {
    if (state.pollTimer) { return; }
    poll().then(flushOutbox);
    state.pollTimer = setInterval(poll, POLL_MS);
  }

  function stopPolling() {
    clearInterval(state.pollTimer);
    state.pollTimer = null;
  }

  function sendOverHttp(entry) {
    typing.textContent = TEXT.typing;
    return api("POST", "/api/messages", entry).then(function (result) {
      typing.textContent = "";
      if (result.data.status === "accepted") {
        receive(result.data.message);
        return poll();
      }
      if (result.data.status === "rejected") { rejected(entry.client_id, result.data.message); }
    }, function () { typing.textContent = ""; });
  }

  function flushOutbox() {
    if (state.socketOpen) {
      state.outbox.forEach(function (entry) {
        state.socket.send(JSON.stringify({ type: "message", client_id: entry.client_id,
          text: entry.text, payload: entry.payload }));
      });
    } else if (useHttp() && !state.httpBusy) {
      state.httpBusy = true;
      var queue = state.outbox.slice();
      var chain = Promise.resolve();
      queue.forEach(function (entry) {
        chain = chain.then(function () { return sendOverHttp(entry); });
      });
      chain.then(function () { state.httpBusy = false; }, function () { state.httpBusy = false; });
    }
  }

  function send(message) {
    var entry = { client_id: randomId() };
    if (message.payload !== undefined) {
      entry.payload = message.payload;
      entry.title = message.title;
    } else {
      entry.text = message.text;
    }
    removeChoices();
    state.outbox.push(entry);
    saveOutbox();
    addPending(entry);
    flushOutbox();
  }

  // ---- the citizen is writing: a hint for an advisor (the gateway passes it on only then) ----
  function sendTyping(on) {
    if (!state.socketOpen) { return; }
    try { state.socket.send(JSON.stringify({ type: "typing", on: on })); } catch (e) { /* closing */ }
  }

  function citizenTyping() {
    clearTimeout(state.typingIdle);
    if (!input.value.trim()) {
      if (state.typingSentAt) { sendTyping(false); state.typingSentAt = 0; }
      return;
    }
    if (Date.now() - state.typingSentAt > TYPING_REPEAT_MS) {
      sendTyping(true);
      state.typingSentAt = Date.now();
    }
    state.typingIdle = setTimeout(function () {
      sendTyping(false);
      state.typingSentAt = 0;
    }, TYPING_IDLE_MS);
  }

  // ---- "Forlad siden": the GOV.UK "Exit this page" pattern, for someone who is being watched ----
  function quickExit() {
    if (state.exiting) { return; }
    state.exiting = true;
    // Hide the page at once: the neutral site may take a moment to load.
    var cover = el("div", "brw-exit-cover");
    document.body.appendChild(cover);
    panel.hidden = true;
    while (log.firstChild) { log.removeChild(log.firstChild); }
    input.value = "";
    typing.textContent = "";
    state.outbox = [];
    state.transcript = {};
    try { sessionStorage.clear(); } catch (e) { /* private mode */ }
    clearTimeout(state.reconnectTimer);
    stopPolling();
    if (state.socket) { try { state.socket.close(); } catch (e) { /* already closed */ } }
    // The HttpOnly cookie would bring the chat back; the gateway forgets it for this browser.
    try {
      fetch(ORIGIN + "/api/session/forget", { method: "POST", credentials: "include", keepalive: true })
        .catch(function () { /* offline: the cookie ends with the browser session */ });
    } catch (e) { /* very old browser */ }
    // replace(): no history entry, so "Back" does not return to the chat.
    window.location.replace(EXIT_URL);
  }

  var escapes = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    escapes = escapes.filter(function (t) { return now - t < EXIT_ESCAPE_WINDOW_MS; });
    escapes.push(now);
    if (escapes.length >= EXIT_ESCAPES) { quickExit(); }
  }, true);

  // ---- opening, closing, keyboard ----
  function start() {
    if (state.started) { return; }
    state.started = true;
    state.outbox.forEach(addPending);
    startSession().then(function (ok) { if (ok) { connect(); } else { state.started = false; } });
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    dock.hidden = true;
    if (!state.exiting) {
      try { sessionStorage.setItem(OPEN_KEY, "1"); } catch (e) { /* private mode */ }
    }
    start();
    input.focus();
  }

  function close() {
    panel.hidden = true;
    dock.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    try { sessionStorage.removeItem(OPEN_KEY); } catch (e) { /* private mode */ }
    launcher.focus();
  }

  launcher.addEventListener("click", open);
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); close(); }
  });
  input.addEventListener("input", citizenTyping);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    input.value = "";
    citizenTyping();
    send({ text: text });
    input.focus();
  });

  relabel();
  var wasOpen = false;
  try { wasOpen = sessionStorage.getItem(OPEN_KEY) === "1"; } catch (e) { /* private mode */ }
  if (wasOpen) {
    panel.hidden = false;
    dock.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    start();
  }
})();
