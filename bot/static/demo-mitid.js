/*
 * Demo page only (embedded profile): "Log ind med MitID (demo)". Gets a token signed with the
 * machine's demo key and hands it to the gateway as a website would after a real MitID login
 * (docs/INTEGRATION.md). The chat session is the widget's: same cookie, same conversation.
 */
(function () {
  "use strict";

  var button = document.getElementById("mitid-demo-login");
  var status = document.getElementById("mitid-demo-status");
  if (!button || !status) { return; }

  var FAILED = "Det lykkedes ikke at logge ind. Prøv igen, eller ring til politiet på 114.";
  var NEXT = " Åbn chatten, og spørg: Hvor langt er min sag?";

  function post(path, body) {
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var refused = new Error(data.message || FAILED);
          refused.forCitizen = true;
          throw refused;
        }
        return data;
      });
    });
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = "Logger ind …";
    post("/api/session")
      .then(function () { return post("/api/demo/mitid"); })
      .then(function (minted) { return post("/api/session/identity", { token: minted.token }); })
      .then(function (result) {
        status.textContent = result.message + NEXT;
        button.textContent = "Du er logget ind (demo)";
      })
      .catch(function (error) {
        // A network error's own text is English and technical; the gateway's is Danish.
        status.textContent = error && error.forCitizen ? error.message : FAILED;
        button.disabled = false;
      });
  });
})();
