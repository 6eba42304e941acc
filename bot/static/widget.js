/*
 * Borgerrådgiveren chat widget. Embed with one tag:
 *   <script src="https://<gateway>/static/widget.js" defer></script>
 *
 * This file holds the Danish labels and the language choice, loads the widget's modules from
 * its own origin (in this order), then builds the widget and wires the modules together:
 *   widget-i18n.js       English labels and the browser's language (optional: without it, Danish)
 *   widget-view.js       the DOM: text-only helpers, the panel, its labels in one language
 *   widget-messages.js   the conversation: messages, answer buttons, the card, the transcript
 *   widget-transport.js  the gateway: session, WebSocket, HTTP fallback, outbox, typing hints
 *   widget-exit.js       "Forlad siden" and Esc three times
 * The modules share one context object `w`: the texts, the state, the DOM nodes, and each
 * other's functions (so a module calls another through `w`, never through a global).
 */
(function boot(loadedFrom) {
  "use strict";

  var MODULES = ["view", "messages", "transport", "exit"];
  var script = loadedFrom || document.currentScript;
  if (!script || window.__borgerraadgiverenWidget) { return; }
  if (!loadedFrom) {
    // The language module first (widget-i18n.js, issue #18); without it the widget is Danish.
    var sources = window.BorgerraadgiverenI18n ? [] :
      [new URL("widget-i18n.js", new URL(script.src, document.baseURI)).href];
    MODULES.forEach(function (name) {
      sources.push(new URL("widget-" + name + ".js", new URL(script.src, document.baseURI)).href);
    });
    var waiting = sources.length;
    sources.forEach(function (src) {
      var module = document.createElement("script");
      module.src = src;
      module.async = false;  // run in the order above
      module.onload = module.onerror = function () { waiting -= 1; if (!waiting) { boot(script); } };
      document.head.appendChild(module);
    });
    return;
  }
  var parts = window.BorgerraadgiverenWidgetParts || {};
  // Without one of its own modules the widget cannot work: better none than half of one.
  if (!MODULES.every(function (name) { return typeof parts[name] === "function"; })) { return; }
  window.__borgerraadgiverenWidget = true;

  var BASE = new URL(script.src, document.baseURI);
  var OPEN_KEY = "brw-open";

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
  function textsFor(lang) { return lang === "en" && I18N ? I18N.texts.en : TEXT_DA; }
  var initialLanguage = I18N ? I18N.initialLanguage() : "da";

  var w = {
    script: script,
    base: BASE,
    origin: BASE.origin,
    i18n: I18N,
    language: initialLanguage,
    TEXT: textsFor(initialLanguage),  // the labels in `language`; setLanguage swaps them
    state: {
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
      outbox: [],         // filled from sessionStorage by widget-transport.js
      httpBusy: false,
      exiting: false,
      noticesCollapsed: false,
      typingSentAt: 0,
      typingIdle: null
    }
  };
  MODULES.forEach(function (name) { parts[name](w); });
  var ui = w.ui;

  // `tellGateway`: the citizen's own choice (the switch); the gateway then stops asking.
  w.setLanguage = function (lang, tellGateway) {
    w.language = lang;
    w.TEXT = textsFor(lang);
    if (I18N) { I18N.remember(lang); }
    w.relabel();
    if (tellGateway && w.state.config) {
      // What the citizen writes next waits for this (widget-transport.js `send`), so the
      // gateway answers it, or refuses it, in the language just chosen.
      w.state.languageSaved = w.api("POST", "/api/session/language", { language: lang, chosen: true })
        .then(function () {}, function () {});
    }
  };

  // A chat whose language the citizen chose earlier keeps it; else the widget's language
  // (the browser's) is sent as a guess the gateway may still question.
  w.syncLanguage = function (session) {
    if (session.language_confirmed && (session.language === "da" || session.language === "en")) {
      if (session.language !== w.language) { w.setLanguage(session.language, false); }
      return;
    }
    var chosen = I18N ? I18N.chosen() : false;
    w.api("POST", "/api/session/language", { language: w.language, chosen: chosen });
  };

  ui.languageButton.hidden = !I18N;
  ui.languageButton.addEventListener("click", function () {
    w.setLanguage(w.language === "en" ? "da" : "en", true);
  });

  // ---- opening, closing, keyboard ----
  function start() {
    var state = w.state;
    if (state.started) { return; }
    state.started = true;
    state.outbox.forEach(w.addPending);
    w.startSession().then(function (ok) { if (ok) { w.connect(); } else { state.started = false; } });
  }

  function open() {
    ui.panel.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "true");
    ui.dock.hidden = true;
    if (!w.state.exiting) {
      try { sessionStorage.setItem(OPEN_KEY, "1"); } catch (e) { /* private mode */ }
    }
    start();
    ui.input.focus();
  }

  function close() {
    ui.panel.hidden = true;
    ui.dock.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "false");
    try { sessionStorage.removeItem(OPEN_KEY); } catch (e) { /* private mode */ }
    ui.launcher.focus();
  }

  ui.launcher.addEventListener("click", open);
  ui.closeButton.addEventListener("click", close);
  ui.panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); close(); }
  });
  ui.input.addEventListener("input", w.citizenTyping);
  ui.input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      ui.form.requestSubmit ? ui.form.requestSubmit() : ui.form.dispatchEvent(new Event("submit"));
    }
  });
  ui.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = ui.input.value.trim();
    if (!text) { ui.input.focus(); return; }
    ui.input.value = "";
    w.citizenTyping();
    w.send({ text: text });
    ui.input.focus();
  });

  w.relabel();
  var wasOpen = false;
  try { wasOpen = sessionStorage.getItem(OPEN_KEY) === "1"; } catch (e) { /* private mode */ }
  if (wasOpen) {
    ui.panel.hidden = false;
    ui.dock.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "true");
    start();
  }
})();
