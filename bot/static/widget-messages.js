/*
 * Borgerrådgiveren chat widget: the conversation (loaded by widget.js from the same origin).
 * Messages are shown in the gateway's order (by sequence number); the citizen's own message
 * waits as "Sender …" until the gateway sends it back, which is its acknowledgement.
 * Installs on the widget's context `w`: receive, showNotice, addPending, rejected,
 * removeChoices, updateMailLink; the "Hent samtalen" download.
 */
(function (parts) {
  "use strict";

  var SENDERS = { citizen: 1, bot: 1, advisor: 1 };
  var MAIL_BODY_LIMIT = 1800;

  parts.messages = function (w) {
    var el = w.el;
    var ui = w.ui;
    var state = w.state;

    function senderLabel(sender) {
      var TEXT = w.TEXT;
      return { citizen: TEXT.you, bot: TEXT.bot, advisor: TEXT.advisor }[sender] || TEXT.system;
    }

    function messageItem(sender, text) {
      var item = el("li", "brw-msg brw-msg--" + (sender in SENDERS ? sender : "system"));
      item.appendChild(el("span", "brw-who", senderLabel(sender) + ": "));
      var body = el("span", "brw-text");
      w.appendRichText(body, text);
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

    function removeChoices() {
      var groups = ui.log.querySelectorAll(".brw-choices");
      for (var i = 0; i < groups.length; i++) { groups[i].parentNode.removeChild(groups[i]); }
    }

    function choices(buttons) {
      var group = el("div", "brw-choices");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", w.TEXT.choices);
      buttons.forEach(function (button) {
        var b = el("button", "brw-choice", button.title);
        b.type = "button";
        b.addEventListener("click", function () {
          var chosen = /^\/br_language (da|en)$/.exec(button.payload || "");
          if (chosen) { w.setLanguage(chosen[1], false); }
          w.send({ payload: button.payload, title: button.title });
          ui.input.focus();
        });
        group.appendChild(b);
      });
      return group;
    }

    function insertBySeq(item, seq) {
      // Keep the log in server order even if a push overtakes the history on reconnect.
      var next = null;
      var items = ui.log.children;
      for (var i = 0; i < items.length; i++) {
        var other = items[i].getAttribute("data-seq");
        if (other === null || Number(other) > seq) { next = items[i]; break; }
      }
      ui.log.insertBefore(item, next);
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
      if (message.client_id) { w.dropFromOutbox(message.client_id); }
      if (message.sender === "citizen") { firstMessageSeen(); }
      item.setAttribute("data-seq", String(seq));
      var latest = isLatest(seq);
      state.bySeq[seq] = item;
      if (latest) { removeChoices(); }
      if (message.buttons && message.buttons.length && latest) {
        item.appendChild(choices(message.buttons));
      }
      insertBySeq(item, seq);
      // Resume after the last line with none missing before it: with several gateways a line
      // made on the other one can arrive after a newer line made here, and a reconnect in
      // between must still fetch it (a line already shown is not shown twice).
      while (state.bySeq[state.lastSeq + 1]) { state.lastSeq += 1; }
      updateMailLink();
      scrollToEnd();
    }

    function showNotice(text) {
      var item = messageItem("system", text);
      item.classList.add("brw-msg--notice");
      ui.log.appendChild(item);
      scrollToEnd();
    }

    function scrollToEnd() { ui.logRegion.scrollTop = ui.logRegion.scrollHeight; }

    function firstMessageSeen() {
      if (state.noticesCollapsed) { return; }
      state.noticesCollapsed = true;
      ui.aboutButton.hidden = false;
      w.collapseNotices(true);
    }

    function addPending(entry) {
      if (state.pending[entry.client_id]) { return; }
      firstMessageSeen();
      var shown = entry.title || entry.text || "";
      var item = messageItem("citizen", shown);
      item.classList.add("brw-msg--pending");
      item.setAttribute("data-text", shown);
      item.appendChild(el("span", "brw-sending", " " + w.TEXT.sending));
      state.pending[entry.client_id] = item;
      ui.log.appendChild(item);
      scrollToEnd();
    }

    function rejected(clientId, text) {
      var item = state.pending[clientId];
      var entry = state.outbox.filter(function (e) { return e.client_id === clientId; })[0];
      if (item) { item.parentNode.removeChild(item); delete state.pending[clientId]; }
      w.dropFromOutbox(clientId);
      if (entry && entry.text && !ui.input.value) { ui.input.value = entry.text; }
      showNotice(text);
    }

    // ---- transcript download / e-mail ----
    function transcriptText() {
      var TEXT = w.TEXT;
      var locale = TEXT.locale || "da-DK";
      var lines = [TEXT.transcriptTitle, TEXT.transcriptFetched + ": " + new Date().toLocaleString(locale)];
      if (state.config && state.config.reference) { lines.push(TEXT.reference(state.config.reference)); }
      lines.push("");
      Object.keys(state.transcript).map(Number).sort(function (a, b) { return a - b; }).forEach(function (seq) {
        var m = state.transcript[seq];
        var when = m.at ? new Date(m.at).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" }) : "";
        lines.push("[" + when + "] " + senderLabel(m.sender) + ": " + m.text);
      });
      return lines.join("\n");
    }

    function updateMailLink() {
      var body = transcriptText();
      if (body.length > MAIL_BODY_LIMIT) { body = body.slice(0, MAIL_BODY_LIMIT) + "\n\n" + w.TEXT.mailTruncated; }
      ui.mailLink.href = "mailto:?subject=" + encodeURIComponent(w.TEXT.mailSubject) +
        "&body=" + encodeURIComponent(body);
    }

    ui.downloadButton.addEventListener("click", function () {
      var blob = new Blob([transcriptText()], { type: "text/plain;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      var a = el("a");
      a.href = url;
      a.download = (w.language === "en" ? "chat-police-" : "samtale-politiet-") +
        new Date().toISOString().slice(0, 10) + ".txt";
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });

    Object.assign(w, {
      receive: receive, showNotice: showNotice, addPending: addPending, rejected: rejected,
      removeChoices: removeChoices, updateMailLink: updateMailLink
    });
  };
})(window.BorgerraadgiverenWidgetParts = window.BorgerraadgiverenWidgetParts || {});
