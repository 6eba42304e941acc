// Advisor console: the live feed, the queue, new-chat alerts, the tab title and the keyboard
// shortcuts. chat.js adds the chat tabs. Citizen text is only ever set with textContent.
"use strict";

(function () {
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.getAttribute("content") : "";
  const page = document.body.dataset.page;
  const baseTitle = document.title;
  const handlers = {};
  const modals = {};
  let socket = null;
  let queue = null;  // the latest snapshot of waiting chats, most urgent first

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function announce(text) {
    const region = document.getElementById("live-announcer");
    if (region) region.textContent = text;
  }

  function store(kind, key, value) {
    try {
      if (value === undefined) return window[kind].getItem(key);
      if (value === null) window[kind].removeItem(key); else window[kind].setItem(key, value);
    } catch (e) { /* storage blocked: the feature just does not remember */ }
    return null;
  }

  // ---- DKFDS components (modals; tabs in chat.js) ----
  function initModals() {
    if (!window.DKFDS) return;
    document.querySelectorAll(".fds-modal").forEach((node) => {
      const modal = new window.DKFDS.Modal(node);
      modal.init();
      modals[node.id] = modal;
    });
  }

  function openModal(id, focusSelector) {
    const modal = modals[id];
    const node = document.getElementById(id);
    if (!modal || !node) return false;
    modal.show();
    const target = focusSelector && node.querySelector(focusSelector);
    if (target) target.focus();
    return true;
  }

  // ---- the queue ----
  function badge(text, variant) {
    return el(variant === "error" || variant === "warning" ? "strong" : "span",
      "badge" + (variant ? " badge-" + variant : ""), text);
  }

  function claimForm(id, label, className) {
    const form = el("form", "claim-form");
    form.method = "post";
    form.action = "/console/handovers/" + encodeURIComponent(id) + "/claim";
    const token = el("input");
    token.type = "hidden";
    token.name = "csrf_token";
    token.value = csrf;
    const button = el("button", className || "button button-primary", label || "Tag samtalen");
    button.type = "submit";
    form.append(token, button);
    return form;
  }

  function queueRow(item) {
    const row = el("tr", (item.urgency === "urgent" ? "urgent" : "normal") +
      (item.long_wait ? " long-wait" : ""));
    row.dataset.handoverId = String(item.id);
    row.dataset.language = item.language || "da";
    const urgency = el("td");
    urgency.append(item.urgency === "urgent" ? badge(item.urgency_label, "error") : item.urgency_label);
    const waiting = el("td", "waiting", item.waiting_minutes + " min.");
    if (item.long_wait) waiting.append(" ", badge("Venter længe", "warning"));
    const topic = el("td");
    topic.append(el("span", "topic", item.topic), el("span", "reason", item.reason));
    const identity = el("td");
    identity.append(item.verified ? badge("Verificeret", "success") : "Ikke verificeret");
    const actions = el("td", "actions");
    const link = el("a", "", "Se sagspakken");
    link.href = "/console/handovers/" + encodeURIComponent(item.id);
    link.append(el("span", "sr-only", " for samtale " + item.id));
    actions.append(claimForm(item.id), link);
    row.append(urgency, waiting, topic, el("td", "", item.language_label),
      el("td", "question", item.open_question || "Ikke stillet"), identity, actions);
    return row;
  }

  let shownQueue = "";

  function renderQueue(items) {
    const body = document.getElementById("queue-body");
    const count = document.getElementById("queue-count");
    if (count) count.textContent = String(items.length);
    // The feed repeats itself every few seconds: redraw only what changed, and keep the
    // keyboard focus where it was.
    const signature = JSON.stringify(items);
    if (!body || signature === shownQueue) return;
    shownQueue = signature;
    const focused = body.contains(document.activeElement) ? document.activeElement : null;
    const focusRow = focused && focused.closest("tr") && focused.closest("tr").dataset.handoverId;
    const focusKind = focused && (focused.tagName === "A" ? "a" : "button");
    body.replaceChildren();
    if (items.length === 0) {
      const row = el("tr", "empty");
      const cell = el("td", "", "Ingen venter lige nu.");
      cell.colSpan = 7;
      row.append(cell);
      body.append(row);
      return;
    }
    items.forEach((item) => body.append(queueRow(item)));
    filterQueueByLanguage();
    const again = focusRow && body.querySelector('tr[data-handover-id="' + focusRow + '"] ' + focusKind);
    if (again) again.focus();
  }

  // ---- the queue filtered by the chat's language (issue #18) ----
  const languageFilter = document.getElementById("queue-language");

  function filterQueueByLanguage() {
    const wanted = languageFilter ? languageFilter.value : "";
    document.querySelectorAll("#queue-body tr[data-handover-id]").forEach((row) => {
      row.hidden = Boolean(wanted) && row.dataset.language !== wanted;
    });
  }

  if (languageFilter) {
    const saved = store("sessionStorage", "brc-queue-language");
    if (saved !== null && !new URLSearchParams(location.search).has("language")) {
      languageFilter.value = saved;
    }
    languageFilter.addEventListener("change", () => {
      filterQueueByLanguage();
      store("sessionStorage", "brc-queue-language", languageFilter.value);
    });
    filterQueueByLanguage();
  }

  function showCount(items) {
    document.title = (items.length ? "(" + items.length + ") " : "") + baseTitle;
  }

  // ---- new-chat alerts: sound and a desktop notification, for advisors who opt in ----
  let audio = null;
  const notifyButton = document.getElementById("notify-toggle");

  function alertsOn() {
    return store("localStorage", "brc-alerts") === "1" && "Notification" in window &&
      Notification.permission === "granted";
  }

  function showAlertsState() {
    if (!notifyButton) return;
    const on = alertsOn();
    notifyButton.setAttribute("aria-pressed", on ? "true" : "false");
    notifyButton.querySelector(".notify-label").textContent =
      on ? "Lyd og besked ved ny borger: til" : "Lyd og besked ved ny borger: fra";
  }

  function beep() {
    if (!audio) audio = new (window.AudioContext || window.webkitAudioContext)();
    if (audio.state === "suspended") audio.resume();
    const now = audio.currentTime;
    [0, 0.18].forEach((offset) => {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, now + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, now + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.15);
      tone.connect(gain).connect(audio.destination);
      tone.start(now + offset);
      tone.stop(now + offset + 0.16);
    });
  }

  if (notifyButton && "Notification" in window) {
    notifyButton.hidden = false;
    showAlertsState();
    notifyButton.addEventListener("click", async () => {
      if (alertsOn()) {
        store("localStorage", "brc-alerts", null);
      } else {
        const answer = await Notification.requestPermission();
        if (answer === "granted") {
          store("localStorage", "brc-alerts", "1");
          beep();
        } else {
          announce("Browseren må ikke vise beskeder. Du kan tillade det i browserens indstillinger.");
        }
      }
      showAlertsState();
    });
  }

  function seenIds() {
    try { return new Set(JSON.parse(store("sessionStorage", "brc-seen") || "null")); }
    catch (e) { return null; }
  }

  function alertNewChats(items) {
    const seen = seenIds();
    store("sessionStorage", "brc-seen", JSON.stringify(items.map((item) => item.id)));
    if (seen === null) return;  // the first look at the queue in this tab: nothing is new
    const fresh = items.filter((item) => !seen.has(item.id));
    if (fresh.length === 0) return;
    const first = fresh[0];
    const what = (first.urgency === "urgent" ? "Haster: " : "") + first.topic;
    announce("Ny borger i køen. " + what);
    if (!alertsOn()) return;
    beep();
    // No citizen text: a desktop notification can show on a locked or shared screen.
    const note = new Notification("Ny borger venter på en rådgiver", {
      body: what + " (" + first.language_label + ")", tag: "brc-queue-" + first.id,
    });
    note.addEventListener("click", () => { window.focus(); note.close(); });
  }

  function onQueue(data) {
    queue = data.waiting || [];
    if (page === "queue") renderQueue(queue);
    showCount(queue);
    alertNewChats(queue);
  }

  // ---- the live feed ----
  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/console/ws");
    socket.addEventListener("open", () => { document.body.dataset.live = "on"; });
    socket.addEventListener("message", (event) => {
      let data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.type === "queue") onQueue(data);
      if (data.type === "transferred") {
        announce("En kollega har overdraget samtale " + data.handover_id + " til dig.");
        if (page === "queue") location.reload();
      }
      (handlers[data.type] || []).forEach((handler) => handler(data));
    });
    socket.addEventListener("close", () => {
      socket = null;
      document.body.dataset.live = "off";
      setTimeout(connect, 3000);
    });
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  }

  // ---- keyboard shortcuts (listed in the "?" dialog) ----
  const shortcutsOff = document.getElementById("shortcuts-off");
  if (shortcutsOff) {
    shortcutsOff.checked = store("localStorage", "brc-shortcuts-off") === "1";
    shortcutsOff.addEventListener("change", () => {
      store("localStorage", "brc-shortcuts-off", shortcutsOff.checked ? "1" : null);
    });
  }

  function claimNext() {
    const here = window.BRConsole.activeChat && window.BRConsole.activeChat();
    const ownForm = here && here.querySelector(".claim-form");
    if (ownForm) { ownForm.submit(); return; }
    // The first row as shown (the feed may not have spoken yet), else the feed's first.
    const row = document.querySelector("#queue-body tr[data-handover-id]:not([hidden])");
    const next = row ? row.dataset.handoverId : queue && queue.length ? queue[0].id : null;
    if (next === null) { announce("Ingen venter lige nu."); return; }
    // A form of its own: the queue's rows are redrawn by the feed and must not take it along.
    const form = claimForm(next);
    form.hidden = true;
    document.body.append(form);
    form.submit();
  }

  function editable(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", (event) => {
    if (store("localStorage", "brc-shortcuts-off") === "1") return;
    if (event.key === "?" && !editable(event.target) && !event.altKey && !event.ctrlKey) {
      event.preventDefault();
      openModal("shortcuts-modal");
      return;
    }
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    const action = { KeyT: claimNext }[event.code] ||
      (window.BRConsole.chatShortcuts || {})[event.code];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  window.BRConsole = {
    csrf: csrf, el: el, announce: announce, send: send, openModal: openModal,
    on: (type, handler) => { (handlers[type] = handlers[type] || []).push(handler); },
    activeChat: null, chatShortcuts: {},
  };

  document.addEventListener("DOMContentLoaded", () => {
    initModals();
    if (csrf) connect();
  });
})();
