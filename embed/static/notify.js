// Reminders while a Rolo tab is open: ask the server once a minute for
// the reminders that have rung (due less the task's lead time) and that
// the user has not dismissed. Each raises a browser notification once per
// due time, across tabs (localStorage remembers), once the user allowed
// them; and each stays in the banner at the top of every page until its
// Dismiss button is pressed, which the server keeps, so it goes from
// every tab and stays gone after a reload.
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

  var shown = {}; // key → the banner line shown for it

  function dueText(task) {
    try {
      // In the user's zone from their profile (else the browser's), on a
      // 24-hour clock as every other time in Rolo.
      var opts = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
      if (banner.dataset.zone) {
        opts.timeZone = banner.dataset.zone;
      }
      return new Date(task.due_at).toLocaleTimeString(document.documentElement.lang || undefined, opts);
    } catch (e) {
      return task.due_at;
    }
  }

  function dismiss(task, key, line) {
    line.remove();
    delete shown[key];
    banner.hidden = !banner.firstChild;
    fetch(feed.replace(/\/due$/, "/" + encodeURIComponent(task.id) + "/dismiss"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ due_at: task.due_at })
    }).catch(function () { /* offline: it comes back at the next poll, to dismiss again */ });
  }

  function showBanner(task, key) {
    if (shown[key]) {
      return;
    }
    // Built from text nodes only: a task title is user data.
    var p = document.createElement("p");
    p.className = "due-item";
    var strong = document.createElement("strong");
    strong.textContent = banner.dataset.title + " ";
    p.appendChild(strong);
    p.appendChild(document.createTextNode(task.title + " "));
    var when = document.createElement("time");
    when.dateTime = task.due_at;
    when.className = "muted";
    when.textContent = banner.dataset.due.replace("%s", dueText(task)) + " ";
    p.appendChild(when);
    var link = document.createElement("a");
    link.href = task.url;
    link.textContent = banner.dataset.open;
    p.appendChild(link);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "link small due-dismiss";
    close.textContent = banner.dataset.dismiss;
    close.addEventListener("click", function () { dismiss(task, key, p); });
    p.appendChild(document.createTextNode(" "));
    p.appendChild(close);
    banner.appendChild(p);
    shown[key] = p;
    banner.hidden = false;
  }

  function ring(task) {
    if (canNotify && Notification.permission === "granted") {
      var n = new Notification(banner.dataset.title, { body: task.title, tag: "rolo-task-" + task.id });
      n.onclick = function () {
        window.focus();
        window.location.href = task.url;
      };
    }
  }

  function poll() {
    fetch(feed, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) { return res.ok ? res.json() : { data: [] }; })
      .then(function (body) {
        var map = seen();
        var live = {};
        (body.data || []).forEach(function (task) {
          var key = task.id + "@" + task.due_at;
          live[key] = true;
          showBanner(task, key);
          if (!map[key]) {
            map[key] = Date.now();
            ring(task);
          }
        });
        // Dismissed in another tab, done or moved: gone here too.
        Object.keys(shown).forEach(function (key) {
          if (!live[key]) {
            shown[key].remove();
            delete shown[key];
          }
        });
        banner.hidden = !banner.firstChild;
        remember(map);
      })
      .catch(function () { /* offline or restarting: try again next minute */ });
  }

  poll();
  setInterval(poll, 60 * 1000);
})();
