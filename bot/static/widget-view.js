/*
 * Borgerrådgiveren chat widget: the DOM (loaded by widget.js from the same origin).
 * No framework and no HTML parsing: every text from the citizen or the bot is inserted as text,
 * and only http(s) links become links (new tab, rel="noopener noreferrer").
 * Installs on the widget's context `w`: el, safeUrl, appendRichText, ui (the nodes),
 * collapseNotices, showPrivacy, relabel (all labels in the current language).
 */
(function (parts) {
  "use strict";

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

  // Markdown links [label](https://...) and bare http(s) URLs become links; all else is text.
  var LINK_PATTERN = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>"]+)/g;

  parts.view = function (w) {
    function link(href, label) {
      var a = el("a", "brw-link", label);
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.appendChild(el("span", "brw-sr", w.TEXT.newWindow));
      return a;
    }

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

    w.el = el;
    w.safeUrl = safeUrl;
    w.appendRichText = appendRichText;
    w.ui = build(w);

    var ui = w.ui;
    w.collapseNotices = function (collapsed) {
      ui.notices.classList.toggle("brw-notices--collapsed", collapsed);
      ui.urgent.textContent = collapsed ? w.TEXT.urgentShort : w.TEXT.urgent;
      ui.aboutButton.setAttribute("aria-expanded", collapsed ? "false" : "true");
      ui.about.hidden = collapsed;
    };
    ui.aboutButton.addEventListener("click", function () {
      w.collapseNotices(ui.aboutButton.getAttribute("aria-expanded") === "true");
    });

    w.showPrivacy = function () {
      var TEXT = w.TEXT;
      var config = w.state.config;
      if (!config) { ui.privacy.textContent = TEXT.privacyUnknown; return; }
      ui.privacy.textContent = TEXT.privacyDays(config.retention_days) +
        (config.reference ? " " + TEXT.reference(config.reference) : "");
    };

    w.relabel = function () {
      var TEXT = w.TEXT;
      ui.root.setAttribute("lang", w.language);
      ui.launcher.textContent = TEXT.launcher;
      ui.title.textContent = TEXT.title;
      ui.closeButton.setAttribute("aria-label", TEXT.close);
      var exits = ui.root.querySelectorAll(".brw-exit");
      for (var i = 0; i < exits.length; i++) { exits[i].textContent = TEXT.exit; }
      ui.exitHint.textContent = TEXT.exitHint;
      ui.urgent.textContent = w.state.noticesCollapsed ? TEXT.urgentShort : TEXT.urgent;
      ui.aboutButton.textContent = TEXT.about;
      ui.intro.textContent = TEXT.intro;
      w.showPrivacy();
      ui.logRegion.setAttribute("aria-label", TEXT.logLabel);
      ui.label.textContent = TEXT.inputLabel;
      ui.hint.textContent = TEXT.inputHint;
      ui.sendButton.textContent = TEXT.send;
      ui.downloadButton.textContent = TEXT.download;
      ui.mailLink.textContent = TEXT.mail;
      ui.languageButton.textContent = TEXT.switchTo;
      ui.languageButton.setAttribute("aria-label", TEXT.switchLabel);
      ui.languageButton.setAttribute("lang", w.language === "en" ? "da" : "en");
      w.updateMailLink();
    };
  };

  // The page's stylesheet, the status card's module, and the widget's nodes (added to the page).
  function build(w) {
    var TEXT = w.TEXT;
    var css = el("link");
    css.rel = "stylesheet";
    css.href = new URL("widget.css", w.base).href;
    document.head.appendChild(css);
    // ---- status card module (conversations, issue 13) ----
    var cardScript = el("script");
    cardScript.src = new URL("status-card.js", w.base).href;
    cardScript.defer = true;
    document.head.appendChild(cardScript);

    var ui = {};
    ui.root = el("div", "brw");
    ui.exitHint = el("p", "brw-sr", TEXT.exitHint);
    ui.exitHint.id = "brw-exit-hint";

    function exitButton() {
      var button = el("button", "brw-exit", TEXT.exit);
      button.type = "button";
      button.setAttribute("aria-describedby", "brw-exit-hint");
      button.addEventListener("click", function () { w.quickExit(); });
      return button;
    }

    ui.dock = el("div", "brw-dock");
    ui.launcher = el("button", "brw-launcher", TEXT.launcher);
    ui.launcher.type = "button";
    ui.launcher.setAttribute("aria-expanded", "false");
    ui.launcher.setAttribute("aria-controls", "brw-panel");
    ui.dock.appendChild(ui.launcher);
    ui.dock.appendChild(exitButton());

    ui.panel = el("section", "brw-panel");
    ui.panel.id = "brw-panel";
    ui.panel.setAttribute("aria-labelledby", "brw-title");
    ui.panel.hidden = true;

    var header = el("div", "brw-header");
    ui.title = el("h2", "brw-title", TEXT.title);
    ui.title.id = "brw-title";
    ui.closeButton = el("button", "brw-close");
    ui.closeButton.type = "button";
    ui.closeButton.setAttribute("aria-label", TEXT.close);
    ui.closeButton.appendChild(el("span", null, "×")).setAttribute("aria-hidden", "true");
    header.appendChild(ui.title);
    ui.languageButton = el("button", "brw-language", TEXT.switchTo || "");
    ui.languageButton.type = "button";
    header.appendChild(ui.languageButton);
    header.appendChild(exitButton());
    header.appendChild(ui.closeButton);

    // The fixed notices: in full before the first message, then one line, so the conversation
    // gets the room (the 112 line always stays).
    ui.notices = el("div", "brw-notices");
    ui.urgent = el("p", "brw-urgent", TEXT.urgent);
    ui.aboutButton = el("button", "brw-about", TEXT.about);
    ui.aboutButton.type = "button";
    ui.aboutButton.setAttribute("aria-expanded", "true");
    ui.aboutButton.setAttribute("aria-controls", "brw-about-text");
    ui.aboutButton.hidden = true;  // shown once the notices have collapsed
    ui.about = el("div", "brw-about-text");
    ui.about.id = "brw-about-text";
    ui.intro = el("p", "brw-intro", TEXT.intro);
    ui.privacy = el("p", "brw-privacy", TEXT.privacyUnknown);
    ui.privacy.id = "brw-privacy";
    ui.about.appendChild(ui.intro);
    ui.about.appendChild(ui.privacy);
    var noticeBar = el("div", "brw-notice-bar");
    noticeBar.appendChild(ui.urgent);
    noticeBar.appendChild(ui.aboutButton);
    ui.notices.appendChild(noticeBar);
    ui.notices.appendChild(ui.about);

    // The live region wraps the list, so the messages keep their list semantics.
    ui.logRegion = el("div", "brw-log");
    ui.logRegion.setAttribute("role", "log");
    ui.logRegion.setAttribute("aria-live", "polite");
    ui.logRegion.setAttribute("aria-label", TEXT.logLabel);
    ui.logRegion.tabIndex = 0;
    ui.log = el("ol", "brw-list");
    ui.logRegion.appendChild(ui.log);

    ui.typing = el("p", "brw-typing");
    ui.typing.setAttribute("role", "status");
    ui.status = el("p", "brw-status");
    ui.status.setAttribute("role", "status");

    ui.form = el("form", "brw-form");
    ui.form.noValidate = true;
    ui.label = el("label", "brw-label", TEXT.inputLabel);
    ui.label.htmlFor = "brw-input";
    ui.hint = el("p", "brw-hint", TEXT.inputHint);
    ui.hint.id = "brw-hint";
    ui.input = el("textarea", "brw-input");
    ui.input.id = "brw-input";
    ui.input.rows = 2;
    ui.input.setAttribute("aria-describedby", "brw-hint brw-privacy");
    ui.sendButton = el("button", "brw-send", TEXT.send);
    ui.sendButton.type = "submit";
    var row = el("div", "brw-row");
    row.appendChild(ui.input);
    row.appendChild(ui.sendButton);
    ui.form.appendChild(ui.label);
    ui.form.appendChild(row);
    ui.form.appendChild(ui.hint);

    var tools = el("div", "brw-tools");
    ui.downloadButton = el("button", "brw-tool", TEXT.download);
    ui.downloadButton.type = "button";
    ui.mailLink = el("a", "brw-tool", TEXT.mail);
    ui.mailLink.href = "mailto:";
    tools.appendChild(ui.downloadButton);
    tools.appendChild(ui.mailLink);

    [header, ui.notices, ui.logRegion, ui.typing, ui.status, ui.form, tools].forEach(function (node) {
      ui.panel.appendChild(node);
    });
    ui.root.appendChild(ui.exitHint);
    ui.root.appendChild(ui.dock);
    ui.root.appendChild(ui.panel);
    document.body.appendChild(ui.root);
    return ui;
  }
})(window.BorgerraadgiverenWidgetParts = window.BorgerraadgiverenWidgetParts || {});
