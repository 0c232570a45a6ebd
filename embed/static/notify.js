// Tasks that come due while a Rolo tab is open: ask the server once a
// minute, then raise a browser notification (once the user has allowed
// it) or, without permission, show a banner at the top of the page. Each
// task rings once per due time, across tabs (localStorage remembers).
(function () {
  "use strict";
  var banner = document.getElementById("due-banner");
  if (!banner || !window.fetch) {
    return;
  }
  var feed = banner.dataset.feed;
  var canNotify = "Notification" in window;
  var storeKey = "rolo.notified";

  // The Today page offers a button to allow notifications; asking must
  // come from a click, never on page load.
  var ask = document.getElementById("notify-ask");
  var enable = document.getElementById("notify-enable");
  if (ask && enable && canNotify && Notification.permission === "default") {
    ask.hidden = false;
    enable.addEventListener("click", function () {
      Notification.requestPermission().then(function () {
        ask.hidden = Notification.permission !== "default";
      });
    });
  }

  function seen() {
    try {
      return JSON.parse(localStorage.getItem(storeKey) || "{}");
    } catch (e) {
      return {};
    }
  }

  function remember(map) {
    // Keep a day of history: enough to never ring twice, small forever.
    var cutoff = Date.now() - 24 * 3600 * 1000;
    Object.keys(map).forEach(function (k) {
      if (map[k] < cutoff) {
        delete map[k];
      }
    });
    try {
      localStorage.setItem(storeKey, JSON.stringify(map));
    } catch (e) { /* private mode: ring again next time, no harm */ }
  }

  function showBanner(task) {
    // Built from text nodes only: a task title is user data.
    var p = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = banner.dataset.title + " ";
    p.appendChild(strong);
    p.appendChild(document.createTextNode(task.title + " "));
    var link = document.createElement("a");
    link.href = task.url;
    link.textContent = banner.dataset.open;
    p.appendChild(link);
    banner.appendChild(p);
    banner.hidden = false;
  }

  function ring(task) {
    if (canNotify && Notification.permission === "granted") {
      var n = new Notification(banner.dataset.title, { body: task.title, tag: "rolo-task-" + task.id });
      n.onclick = function () {
        window.focus();
        window.location.href = task.url;
      };
      return;
    }
    showBanner(task);
  }

  function poll() {
    fetch(feed, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) { return res.ok ? res.json() : { data: [] }; })
      .then(function (body) {
        var map = seen();
        (body.data || []).forEach(function (task) {
          var key = task.id + "@" + task.due_at;
          if (!map[key]) {
            map[key] = Date.now();
            ring(task);
          }
        });
        remember(map);
      })
      .catch(function () { /* offline or restarting: try again next minute */ });
  }

  poll();
  setInterval(poll, 60 * 1000);
})();
