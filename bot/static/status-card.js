/*
 * The case-status card of the Borgerrådgiveren widget (loaded by widget.js from the same origin).
 * A card is the JSON of bot/cases/card.py: heading, step, steps (done/current/next), meaning,
 * dates, contact, buttons, and `labels`: the card's headings in the chat's language (issue #18;
 * TEXT below is only for cards stored before they carried their labels). Every text is
 * inserted as text; nothing is parsed as HTML.
 * widget.js calls window.__borgerraadgiverenStatusCard(card, el) and adds the buttons itself.
 */
(function () {
  "use strict";

  var TEXT = {
    where: "Her er din sag nu",
    steps: "Sagens trin",
    done: "afsluttet",
    current: "her er sagen nu",
    next: "kan komme senere",
    meaning: "Hvad det betyder",
    dates: "Datoer og frister",
    contact: "Kontakt"
  };

  function labelsOf(card) {
    var labels = {};
    Object.keys(TEXT).forEach(function (key) {
      var own = card.labels && card.labels[key];
      labels[key] = typeof own === "string" && own ? own : TEXT[key];
    });
    return labels;
  }

  function section(el, title, className) {
    var part = el("section", "brw-card__part " + (className || ""));
    part.appendChild(el("h4", "brw-card__label", title));
    return part;
  }

  function timeline(el, steps, text) {
    var list = el("ol", "brw-card__steps");
    list.setAttribute("aria-label", text.steps);
    steps.forEach(function (step) {
      var item = el("li", "brw-card__step brw-card__step--" + step.state);
      if (step.state === "current") { item.setAttribute("aria-current", "step"); }
      item.appendChild(el("span", "brw-card__step-title", step.title));
      item.appendChild(el("span", "brw-sr", " (" + (text[step.state] || "") + ")"));
      list.appendChild(item);
    });
    return list;
  }

  function dates(el, rows) {
    var list = el("dl", "brw-card__dates");
    rows.forEach(function (row) {
      list.appendChild(el("dt", "brw-card__date-label", row.label));
      var value = el("dd", "brw-card__date");
      value.appendChild(el("strong", "brw-card__when", row.when));
      if (row.note) { value.appendChild(el("span", "brw-card__note", row.note)); }
      list.appendChild(value);
    });
    return list;
  }

  window.__borgerraadgiverenStatusCard = function (card, el) {
    var text = labelsOf(card);
    var box = el("article", "brw-card");
    box.appendChild(el("h3", "brw-card__heading", card.heading || ""));
    var where = section(el, text.where, "brw-card__where");
    where.appendChild(el("p", "brw-card__step-now", card.step || ""));
    if (card.steps && card.steps.length) { where.appendChild(timeline(el, card.steps, text)); }
    box.appendChild(where);
    if (card.meaning) {
      var meaning = section(el, text.meaning);
      meaning.appendChild(el("p", "brw-card__text", card.meaning));
      box.appendChild(meaning);
    }
    if (card.dates && card.dates.length) {
      var when = section(el, text.dates);
      when.appendChild(dates(el, card.dates));
      box.appendChild(when);
    }
    if (card.contact) {
      var contact = section(el, text.contact);
      contact.appendChild(el("p", "brw-card__text", card.contact));
      box.appendChild(contact);
    }
    return box;
  };
}());
