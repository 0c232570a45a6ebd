// Proposes the phone region on the setup form from the browser's time
// zone, which only a script can read: the server maps the zone to its
// country (GET /setup/region) and the select follows, unless the person
// has already chosen. Without JavaScript the select keeps the region
// proposed from the browser's languages.
(function () {
  "use strict";
  var select = document.querySelector("select[data-region-propose]");
  if (!select || !window.fetch) {
    return;
  }
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (e) {
    return;
  }
  if (!zone) {
    return;
  }
  var chosen = false;
  select.addEventListener("change", function () {
    chosen = true;
  });
  fetch(select.getAttribute("data-region-propose") + "?time_zone=" + encodeURIComponent(zone), {
    credentials: "same-origin",
    headers: { Accept: "application/json" }
  }).then(function (res) {
    return res.ok ? res.json() : null;
  }).then(function (proposal) {
    if (!proposal || !proposal.region || chosen) {
      return;
    }
    var option = Array.prototype.find.call(select.options, function (o) {
      return o.value === proposal.region;
    });
    if (!option) {
      option = new Option(proposal.name || proposal.region, proposal.region);
      select.insertBefore(option, select.firstChild);
    }
    select.value = proposal.region;
    var note = document.getElementById("phone-region-proposed");
    if (note) {
      note.textContent = note.textContent.replace("%s", zone);
      note.hidden = false;
    }
  }).catch(function () {});
})();
