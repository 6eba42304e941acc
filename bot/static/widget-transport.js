/*
 * Borgerrådgiveren chat widget: talking to the gateway (loaded by widget.js from the same origin).
 * Delivery: each citizen message gets a client id and waits in an outbox (sessionStorage)
 * until the gateway sends it back with a sequence number; on reconnect the widget asks for
 * everything after the last number it has, so nothing is lost and nothing shows twice.
 * WebSocket first; after two sockets that never answered, HTTP polling (a proxy may drop sockets).
 * Installs on the widget's context `w`: api, startSession, connect, stopPolling, send,
 * dropFromOutbox, citizenTyping.
 */
(function (parts) {
  "use strict";

  var OUTBOX_KEY = "brw-outbox";
  var POLL_MS = 4000;
  var TYPING_REPEAT_MS = 3000;
  var TYPING_IDLE_MS = 5000;
  var WS_FAILURES_BEFORE_FALLBACK = 2;

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

  parts.transport = function (w) {
    var ui = w.ui;
    var state = w.state;
    var wsUrl = w.origin.replace(/^http/, "ws") + "/api/ws";
    state.outbox = loadOutbox();

    function saveOutbox() {
      if (state.exiting) { return; }
      try { sessionStorage.setItem(OUTBOX_KEY, JSON.stringify(state.outbox)); } catch (e) { /* private mode */ }
    }

    function dropFromOutbox(clientId) {
      state.outbox = state.outbox.filter(function (e) { return e.client_id !== clientId; });
      saveOutbox();
    }

    function api(method, path, body) {
      return fetch(w.origin + path, {
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
          w.showNotice((result.data && result.data.message) || w.TEXT.startFailed);
          return false;
        }
        state.config = result.data;
        w.syncLanguage(result.data);
        w.showPrivacy();
        return true;
      }, function () {
        w.showNotice(w.TEXT.startFailed);
        return false;
      });
    }

    function connect() {
      clearTimeout(state.reconnectTimer);
      var socket;
      try { socket = new WebSocket(wsUrl); } catch (e) { scheduleReconnect(); return; }
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
          ui.status.textContent = "";
          stopPolling();
          data.messages.forEach(w.receive);
          flushOutbox();
        } else if (data.type === "message") {
          w.receive(data);
        } else if (data.type === "turn") {
          // The bot's answer, all its lines in one frame: it ends the typing hint.
          ui.typing.textContent = "";
          data.messages.forEach(w.receive);
        } else if (data.type === "typing") {
          ui.typing.textContent = data.on ? (data.who === "advisor" ? w.TEXT.advisorTyping : w.TEXT.typing) : "";
        } else if (data.type === "rejected") {
          w.rejected(data.client_id, data.message);
        }
      });
      socket.addEventListener("close", function () {
        state.socketOpen = false;
        state.socket = null;
        ui.typing.textContent = "";
        if (!working) { state.failures += 1; }
        scheduleReconnect();
      });
    }

    function scheduleReconnect() {
      if (state.failures >= WS_FAILURES_BEFORE_FALLBACK) {
        ui.status.textContent = w.TEXT.fallback;
        startPolling();
      } else {
        ui.status.textContent = w.TEXT.offline;
      }
      var delay = Math.min(15000, 1000 * Math.pow(2, Math.min(state.failures, 4)));
      state.reconnectTimer = setTimeout(connect, delay);
    }

    function useHttp() { return !state.socketOpen && state.failures >= WS_FAILURES_BEFORE_FALLBACK; }

    function poll() {
      return api("GET", "/api/messages?after=" + state.lastSeq).then(function (result) {
        if (result.status === 200) { result.data.messages.forEach(w.receive); }
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
      ui.typing.textContent = w.TEXT.typing;
      return api("POST", "/api/messages", entry).then(function (result) {
        ui.typing.textContent = "";
        if (result.data.status === "accepted") {
          w.receive(result.data.message);
          return poll();
        }
        if (result.data.status === "rejected") { w.rejected(entry.client_id, result.data.message); }
      }, function () { ui.typing.textContent = ""; });
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
      w.removeChoices();
      state.outbox.push(entry);
      saveOutbox();
      w.addPending(entry);
      // After a switch of language, once the gateway has it (widget.js `setLanguage`).
      Promise.resolve(state.languageSaved).then(flushOutbox);
    }

    // ---- the citizen is writing: a hint for an advisor (the gateway passes it on only then) ----
    function sendTyping(on) {
      if (!state.socketOpen) { return; }
      try { state.socket.send(JSON.stringify({ type: "typing", on: on })); } catch (e) { /* closing */ }
    }

    function citizenTyping() {
      clearTimeout(state.typingIdle);
      if (!ui.input.value.trim()) {
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

    Object.assign(w, {
      api: api, startSession: startSession, connect: connect, stopPolling: stopPolling,
      send: send, dropFromOutbox: dropFromOutbox, citizenTyping: citizenTyping
    });
  };
})(window.BorgerraadgiverenWidgetParts = window.BorgerraadgiverenWidgetParts || {});
