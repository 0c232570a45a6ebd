// A record page's "Log activity" button at the top of a phone's screen
// jumps to the log form below; this opens the form there too, so one tap
// is enough. Without it the jump still lands on the form's summary.
(function () {
  "use strict";

  function openLog() {
    var details = document.getElementById("log-activity");
    if (!details || details.tagName !== "DETAILS") {
      return;
    }
    details.open = true;
    var first = details.querySelector("form input:not([type=hidden]), form textarea");
    if (first) {
      first.focus({ preventScroll: true });
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest('a[href="#log-activity"]') : null;
    if (link) {
      openLog();
    }
  });
  if (window.location.hash === "#log-activity") {
    openLog();
  }
})();
