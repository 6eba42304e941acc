/*
 * Borgerrådgiveren chat widget: "Forlad siden" (loaded by widget.js from the same origin).
 * The GOV.UK "Exit this page" pattern, for someone who is being watched: the button, or Esc
 * three times within three seconds, hides the chat at once, forgets it in this browser, and
 * replaces the page with a neutral site (the embedding page may name it: data-exit-url).
 * Installs on the widget's context `w`: quickExit.
 */
(function (parts) {
  "use strict";

  var DEFAULT_EXIT_URL = "https://www.dr.dk/";
  var EXIT_ESCAPES = 3;
  var EXIT_ESCAPE_WINDOW_MS = 3000;

  parts.exit = function (w) {
    var ui = w.ui;
    var state = w.state;
    var exitUrl = w.safeUrl(w.script.getAttribute("data-exit-url") || "") || DEFAULT_EXIT_URL;

    function quickExit() {
      if (state.exiting) { return; }
      state.exiting = true;
      // Hide the page at once: the neutral site may take a moment to load.
      var cover = w.el("div", "brw-exit-cover");
      document.body.appendChild(cover);
      ui.panel.hidden = true;
      while (ui.log.firstChild) { ui.log.removeChild(ui.log.firstChild); }
      ui.input.value = "";
      ui.typing.textContent = "";
      state.outbox = [];
      state.transcript = {};
      try { sessionStorage.clear(); } catch (e) { /* private mode */ }
      clearTimeout(state.reconnectTimer);
      w.stopPolling();
      if (state.socket) { try { state.socket.close(); } catch (e) { /* already closed */ } }
      // The HttpOnly cookie would bring the chat back; the gateway forgets it for this browser.
      try {
        fetch(w.origin + "/api/session/forget", { method: "POST", credentials: "include", keepalive: true })
          .catch(function () { /* offline: the cookie ends with the browser session */ });
      } catch (e) { /* very old browser */ }
      // replace(): no history entry, so "Back" does not return to the chat.
      window.location.replace(exitUrl);
    }

    var escapes = [];
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var now = Date.now();
      escapes = escapes.filter(function (t) { return now - t < EXIT_ESCAPE_WINDOW_MS; });
      escapes.push(now);
      if (escapes.length >= EXIT_ESCAPES) { quickExit(); }
    }, true);

    w.quickExit = quickExit;
  };
})(window.BorgerraadgiverenWidgetParts = window.BorgerraadgiverenWidgetParts || {});
