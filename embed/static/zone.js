// Fills in the browser's time zone where a form asks for it: hidden
// inputs marked data-browser-zone (login, setup), and the profile's
// "use this browser's zone" button. Without JavaScript Rolo uses the
// server's zone until the user picks one on their profile.
(function () {
  "use strict";
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (e) {
    return;
  }
  if (!zone) {
    return;
  }
  document.querySelectorAll("input[data-browser-zone]").forEach(function (input) {
    if (!input.value) {
      input.value = zone;
    }
  });
  var field = document.querySelector("input[data-zone-suggest]");
  var button = document.getElementById("use-browser-zone");
  if (field && button && field.value !== zone) {
    button.textContent = button.textContent + " (" + zone + ")";
    button.hidden = false;
    button.addEventListener("click", function () {
      field.value = zone;
      button.hidden = true;
      field.focus();
    });
  }
})();
