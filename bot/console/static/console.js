// Advisor console: live queue and live chat. Citizen text is only ever set with textContent.
"use strict";

(function () {
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.getAttribute("content") : "";
  const page = document.body.dataset.page;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function claimForm(id) {
    const form = el("form", "inline");
    form.method = "post";
    form.action = "/console/handovers/" + encodeURIComponent(id) + "/claim";
    const token = el("input");
    token.type = "hidden";
    token.name = "csrf_token";
    token.value = csrf;
    const button = el("button", "", "Tag samtalen");
    button.type = "submit";
    form.append(token, button);
    return form;
  }

  function renderQueue(items) {
    const body = document.getElementById("queue-body");
    const count = document.getElementById("queue-count");
    if (!body) return;
    body.replaceChildren();
    if (count) count.textContent = String(items.length);
    if (items.length === 0) {
      const row = el("tr", "empty");
      const cell = el("td", "", "Ingen venter lige nu.");
      cell.colSpan = 5;
      row.append(cell);
      body.append(row);
      return;
    }
    for (const item of items) {
      const row = el("tr", item.urgency === "urgent" ? "urgent" : "normal");
      row.dataset.handoverId = String(item.id);
      row.append(el("td", "", item.urgency === "urgent" ? "Haster" : "Normal"));
      row.append(el("td", "", item.reason));
      row.append(el("td", "", item.open_question));
      row.append(el("td", "", item.waiting_minutes + " min."));
      const actions = el("td");
      const link = el("a", "", "Se");
      link.href = "/console/handovers/" + encodeURIComponent(item.id);
      actions.append(link, " ", claimForm(item.id));
      row.append(actions);
      body.append(row);
    }
  }

  const SENDERS = { citizen: "Borger", bot: "Bot", advisor: "Rådgiver", system: "System" };

  function appendLine(sender, text) {
    const list = document.getElementById("transcript");
    if (!list) return;
    const item = el("li", "from-" + sender);
    item.append(el("span", "sender", SENDERS[sender] || sender), " ", el("span", "text", text));
    list.append(item);
    item.scrollIntoView({ block: "end" });
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + location.host + "/console/ws");
    const card = document.getElementById("handover");
    const handoverId = card ? Number(card.dataset.handoverId) : null;
    socket.addEventListener("message", (event) => {
      let data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.type === "queue" && page === "queue") renderQueue(data.waiting || []);
      if (data.type === "message" && data.handover_id === handoverId) appendLine(data.sender, data.text);
      if (data.type === "transferred" && page === "queue") location.reload();
    });
    socket.addEventListener("close", () => setTimeout(connect, 3000));
  }

  function setupChat() {
    const form = document.getElementById("send-form");
    const text = document.getElementById("reply-text");
    if (form && text) {
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const body = new URLSearchParams(new FormData(form));
        const response = await fetch(form.action, {
          method: "POST", body: body, credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (response.ok) {
          const sent = await response.json();
          appendLine("advisor", sent.text);
          text.value = "";
        } else {
          alert("Beskeden kunne ikke sendes (" + response.status + ").");
        }
      });
    }
    const select = document.getElementById("ready-replies");
    const insert = document.getElementById("insert-reply");
    if (select && insert && text) {
      insert.addEventListener("click", () => {
        const template = document.getElementById("reply-" + select.value);
        if (template) text.value = template.content.textContent.trim();
        text.focus();
      });
    }
  }

  if (page === "queue" || page === "handover") connect();
  if (page === "handover") setupChat();
})();
