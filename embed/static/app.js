// Rolo's only script. Every page works without it; it just adds three comforts.
(function () {
  "use strict";

  // (a) A submit button with data-confirm guards a destructive action: ask first.
  // One listener on document covers every form, including ones added later.
  // event.submitter is the pressed button; older browsers lack it, so fall back
  // to the form's own data-confirm button.
  document.addEventListener("submit", function (event) {
    var button = event.submitter || event.target.querySelector("button[data-confirm]");
    if (button && button.hasAttribute("data-confirm") && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });

  // (b) Flash messages confirm what just happened; after 6 s they are noise.
  // The fade is a CSS transition on .is-leaving; with reduced motion we skip it
  // and remove the message at once. Removal uses a timer rather than
  // transitionend, which never fires if the transition is disabled.
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  document.querySelectorAll(".flash").forEach(function (flash) {
    setTimeout(function () {
      if (reduceMotion) {
        flash.remove();
        return;
      }
      flash.classList.add("is-leaving");
      setTimeout(function () { flash.remove(); }, 450);
    }, 6000);
  });

  // (c) A list filtered on custom fields shows its rows before its total,
  // which can take longer to count than the page; fetch it and put it in
  // place of the "count the matches" link (which still works without us).
  document.querySelectorAll("[data-count-url]").forEach(function (count) {
    fetch(count.dataset.countUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (body) {
          count.textContent = body.text;
        }
      })
      .catch(function () {});
  });
})();
