/*
 * Borgerrådgiveren chat widget: languages (issue #18). Loaded by widget.js before it builds.
 *
 * - `texts.en`: the widget's own labels in English (widget.js holds the Danish ones, with the
 *   same keys; tests/gateway/test_widget_i18n.py checks that no key is missing).
 * - `initialLanguage()`: the citizen's own earlier choice in this tab, else Danish when the
 *   browser's first language is Danish, else English.
 * - `remember(language)`: keeps the citizen's choice of the switch for this browser tab
 *   (sessionStorage: "Leave this page" clears it with the rest of the chat).
 */
(function () {
  "use strict";

  var STORAGE_KEY = "brw-language";

  var en = {
    launcher: "Chat with the police",
    title: "Ask the police's citizen advisor",
    close: "Close the chat",
    exit: "Leave this page",
    exitHint: "Shows another website at once and removes the chat from the screen. " +
      "You can also press Esc three times.",
    intro: "You are writing with the police's chatbot. It answers automatically. If you want " +
      "to talk to a person, write \"I want to talk to a person\", or call 114.",
    urgent: "Is it an emergency? Call 112. Do you want to talk to the police? Call 114.",
    urgentShort: "Emergency? Call 112.",
    about: "About the chat",
    privacyDays: function (days) {
      return "We keep the chat for " + days + " days. CPR numbers, phone numbers and " +
        "email addresses are hidden in what we keep. Only write what is needed.";
    },
    reference: function (ref) {
      return "Your reference number: " + ref + ". Use it if you contact us again.";
    },
    privacyUnknown: "We keep the chat for a period. CPR numbers, phone numbers and " +
      "email addresses are hidden in what we keep.",
    logLabel: "Conversation",
    inputLabel: "Write your message",
    inputHint: "Press Enter to send. Shift + Enter gives a new line.",
    send: "Send",
    you: "You",
    bot: "Citizen advisor bot",
    advisor: "Advisor",
    system: "Message",
    sending: "Sending …",
    typing: "The citizen advisor bot is writing …",
    advisorTyping: "The advisor is writing …",
    choices: "Answer options",
    download: "Download the chat",
    mail: "Send the chat to your email",
    newWindow: " (opens in a new window)",
    offline: "The connection is lost. We are trying again. Your messages will be sent " +
      "when there is a connection.",
    fallback: "We are using a slower connection. The chat still works.",
    startFailed: "The chat could not start. Please try again soon, or call the police on 114.",
    transcriptTitle: "Chat with the police's digital citizen advisor",
    transcriptFetched: "Downloaded",
    mailSubject: "My chat with the police's citizen advisor",
    mailTruncated: "(The chat is shortened. Use \"Download the chat\" to get all of it.)",
    // The switch shows the OTHER language, in that language.
    switchTo: "Dansk",
    switchLabel: "Skift til dansk",
    locale: "en-GB"
  };

  var daExtra = {
    switchTo: "English",
    switchLabel: "Switch to English",
    locale: "da-DK"
  };

  function stored() {
    try { return sessionStorage.getItem(STORAGE_KEY); } catch (e) { return null; }
  }

  function browserLanguage() {
    var list = (navigator.languages && navigator.languages.length)
      ? navigator.languages : [navigator.language || "da"];
    return /^da\b/i.test(String(list[0] || "")) ? "da" : "en";
  }

  window.BorgerraadgiverenI18n = {
    texts: { en: en, daExtra: daExtra },
    chosen: function () { var s = stored(); return s === "da" || s === "en"; },
    initialLanguage: function () {
      var s = stored();
      return (s === "da" || s === "en") ? s : browserLanguage();
    },
    remember: function (language) {
      try { sessionStorage.setItem(STORAGE_KEY, language); } catch (e) { /* private mode */ }
    },
    forget: function () {
      try { sessionStorage.removeItem(STORAGE_KEY); } catch (e) { /* private mode */ }
    }
  };
})();
