// Advisor console: the chats an advisor holds, as tabs with unread counts; sending, typing
// both ways and the ready answers searched as you type. Citizen text only via textContent.
"use strict";

(function () {
  const app = window.BRConsole;
  const container = document.getElementById("chat-tabs");
  if (!app || !container) return;
  const el = app.el;
  const SENDERS = { citizen: "Borger", bot: "Chatbot", advisor: "Rådgiver", system: "System" };
  const TYPING_REPEAT_MS = 3000;
  const TYPING_IDLE_MS = 5000;
  const CITIZEN_TYPING_SHOWN_MS = 6000;
  const RESULTS_SHOWN = 8;

  const tabs = Array.from(container.querySelectorAll(".tab-button"));
  const panelOf = (id) => document.getElementById("chat-" + id);
  const tabOf = (id) => document.getElementById("chat-tab-" + id);

  function activePanel() {
    return container.querySelector(".chat-panel:not([hidden])");
  }
  app.activeChat = activePanel;

  // ---- tabs and unread counts ----
  function setUnread(id, count) {
    const tab = tabOf(id);
    if (!tab) return;
    const badge = tab.querySelector(".unread");
    badge.querySelector(".unread-count").textContent = String(count);
    badge.hidden = count === 0;
    tab.dataset.unread = String(count);
  }

  function selected(panel) {
    const id = panel.dataset.handoverId;
    setUnread(id, 0);
    history.replaceState(null, "", "/console/handovers/" + encodeURIComponent(id));
  }

  let dkfdsTabs = null;
  if (tabs.length > 1 && window.DKFDS) {
    dkfdsTabs = new window.DKFDS.Tabs(container);
    try { dkfdsTabs.init(); } catch (e) { dkfdsTabs = null; }
    container.addEventListener("fds.tab.changed", () => {
      const panel = activePanel();
      if (panel) selected(panel);
    });
  }

  function switchTab(step) {
    if (!dkfdsTabs) return;
    const current = tabs.findIndex((tab) => tab.getAttribute("aria-selected") === "true");
    const next = tabs[(current + step + tabs.length) % tabs.length];
    dkfdsTabs.activateTab(next, true);
  }

  document.addEventListener("visibilitychange", () => {
    const panel = activePanel();
    if (!document.hidden && panel) setUnread(panel.dataset.handoverId, 0);
  });

  // ---- the conversation ----
  function appendLine(id, sender, text, at) {
    const list = document.getElementById("transcript-" + id);
    if (!list) return;
    const item = el("li", "from-" + sender);
    item.append(el("span", "sender", SENDERS[sender] || "System"), " ",
      el("span", "at", at || ""), " ", el("span", "text", text));
    list.append(item);
    list.scrollTop = list.scrollHeight;
  }

  function clock(iso) {
    const moment = iso ? new Date(iso) : new Date();
    return "kl. " + moment.getHours() + "." + String(moment.getMinutes()).padStart(2, "0");
  }

  const typingTimers = {};
  app.on("message", (data) => {
    const panel = panelOf(data.handover_id);
    if (!panel) return;
    showCitizenTyping(data.handover_id, false);
    appendLine(data.handover_id, data.sender, data.text, clock(data.at));
    if (panel.hidden || document.hidden) {
      const tab = tabOf(data.handover_id);
      setUnread(data.handover_id, Number(tab && tab.dataset.unread || 0) + 1);
    }
  });

  function showCitizenTyping(id, on) {
    const line = document.getElementById("typing-" + id);
    if (!line) return;
    clearTimeout(typingTimers[id]);
    line.textContent = on ? "Borgeren skriver …" : "";
    if (on) typingTimers[id] = setTimeout(() => { line.textContent = ""; }, CITIZEN_TYPING_SHOWN_MS);
  }
  app.on("typing", (data) => showCitizenTyping(data.handover_id, data.on));

  container.querySelectorAll(".transcript").forEach((list) => { list.scrollTop = list.scrollHeight; });

  // ---- writing: typing hint to the citizen, sending ----
  container.querySelectorAll(".send-form").forEach((form) => {
    const panel = form.closest(".chat-panel");
    const id = Number(panel.dataset.handoverId);
    const text = form.querySelector(".reply-text");
    let lastOn = 0;
    let idle = null;

    function typing(on) {
      clearTimeout(idle);
      if (on) {
        if (Date.now() - lastOn > TYPING_REPEAT_MS) {
          app.send({ type: "typing", handover_id: id, on: true });
          lastOn = Date.now();
        }
        idle = setTimeout(() => typing(false), TYPING_IDLE_MS);
      } else if (lastOn) {
        app.send({ type: "typing", handover_id: id, on: false });
        lastOn = 0;
      }
    }

    text.addEventListener("input", () => typing(text.value.trim() !== ""));
    text.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!text.value.trim()) { text.focus(); return; }
      typing(false);
      const response = await fetch(form.action, {
        method: "POST", body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin", headers: { Accept: "application/json" },
      });
      if (response.ok) {
        const sent = await response.json();
        appendLine(id, "advisor", sent.text, clock(sent.at));
        text.value = "";
        app.announce("Sendt til borgeren.");
      } else {
        app.announce("Beskeden kunne ikke sendes (" + response.status + "). Prøv igen.");
      }
      text.focus();
    });
  });

  // ---- ready answers, searched as you type ----
  function words(value) {
    return value.toLocaleLowerCase("da").split(/\s+/).filter(Boolean);
  }

  container.querySelectorAll(".ready-answers").forEach((box) => {
    const panel = box.closest(".chat-panel");
    const search = box.querySelector(".ready-search");
    const count = box.querySelector(".ready-count");
    const reply = panel.querySelector(".reply-text");
    const list = box.querySelector(".ready-results");
    const items = Array.from(list.querySelectorAll("li"));
    const titles = items.map((item) => item.querySelector(".ready-answer").textContent
      .toLocaleLowerCase("da"));
    const texts = items.map((item) => item.querySelector(".ready-answer").dataset.text
      .toLocaleLowerCase("da"));

    function visible() { return Array.from(list.children).filter((item) => !item.hidden); }

    // Answers whose title has every word come first, then those that only say it somewhere.
    function filter() {
      const wanted = words(search.value);
      const scored = items.map((item, i) => {
        const inTitle = wanted.every((word) => titles[i].includes(word));
        const inText = wanted.every((word) => titles[i].includes(word) || texts[i].includes(word));
        return { item: item, score: inTitle ? 2 : inText ? 1 : 0, i: i };
      });
      scored.sort((a, b) => b.score - a.score || a.i - b.i);
      let shown = 0;
      scored.forEach((entry) => {
        list.append(entry.item);
        entry.item.hidden = entry.score === 0 || shown >= RESULTS_SHOWN;
        if (!entry.item.hidden) shown += 1;
      });
      const matches = scored.filter((entry) => entry.score > 0).length;
      count.textContent = matches === 1 ? "1 svar passer" : matches + " svar passer";
    }

    function insert(button) {
      const answer = button.dataset.text;
      reply.value = reply.value.trim() ? reply.value.trimEnd() + "\n\n" + answer : answer;
      reply.dispatchEvent(new Event("input"));
      reply.focus();
      reply.setSelectionRange(reply.value.length, reply.value.length);
      app.announce("Svaret er sat ind: " + button.textContent + ". Ret det til, og send med Ctrl + Enter.");
    }

    search.addEventListener("input", filter);
    search.addEventListener("keydown", (event) => {
      const shown = visible();
      if (event.key === "Enter") {
        event.preventDefault();
        if (shown.length) insert(shown[0].querySelector(".ready-answer"));
      } else if (event.key === "ArrowDown" && shown.length) {
        event.preventDefault();
        shown[0].querySelector(".ready-answer").focus();
      }
    });
    list.addEventListener("keydown", (event) => {
      const buttons = visible().map((item) => item.querySelector(".ready-answer"));
      const at = buttons.indexOf(document.activeElement);
      if (at < 0 || !["ArrowDown", "ArrowUp"].includes(event.key)) return;
      event.preventDefault();
      if (event.key === "ArrowUp" && at === 0) search.focus();
      else buttons[Math.min(buttons.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)))].focus();
    });
    items.forEach((item) => {
      const button = item.querySelector(".ready-answer");
      button.addEventListener("click", () => insert(button));
    });
    filter();
  });

  // ---- shortcuts of the open chat ----
  function inActive(selector) {
    const panel = activePanel();
    return panel ? panel.querySelector(selector) : null;
  }

  function openFor(kind, focus) {
    const panel = activePanel();
    if (!panel || panel.dataset.mine !== "yes") { app.announce("Du har ikke denne samtale."); return; }
    app.openModal(kind + "-" + panel.dataset.handoverId, focus);
  }

  app.chatShortcuts = {
    KeyS: () => { const search = inActive(".ready-search"); if (search) search.focus(); },
    KeyB: () => openFor("handback", ".confirm"),
    KeyA: () => openFor("close", "select"),
    KeyN: () => switchTab(1),
    KeyP: () => switchTab(-1),
  };
})();
