// The command palette (Ctrl/Cmd-K), "/" to search and "?" for the
// shortcut list. Pages work without it; the palette only saves clicks.
// Labels come from hidden markup the server renders in the reader's
// language, so this file holds no UI text.
(function () {
  "use strict";
  var palette = document.getElementById("palette");
  var help = document.getElementById("shortcuts");
  if (!palette) return;
  var input = palette.querySelector(".palette-input");
  var list = palette.querySelector(".palette-list");
  var actions = Array.prototype.map.call(palette.querySelectorAll(".palette-actions li"), function (li) {
    return { title: li.textContent, url: li.dataset.href, kind: "action" };
  });
  var items = [];
  var active = 0;
  var pending = null;
  var seq = 0;

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function render() {
    list.textContent = "";
    if (items.length === 0) {
      var empty = document.createElement("li");
      empty.className = "palette-empty";
      empty.textContent = palette.dataset.empty;
      list.appendChild(empty);
      return;
    }
    items.forEach(function (item, i) {
      var li = document.createElement("li");
      li.id = "palette-item-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === active ? "true" : "false");
      var title = document.createElement("span");
      title.textContent = item.title; // textContent, never innerHTML: record names are user data
      li.appendChild(title);
      if (item.subtitle) {
        var sub = document.createElement("span");
        sub.className = "muted";
        sub.textContent = " " + item.subtitle;
        li.appendChild(sub);
      }
      li.addEventListener("mousedown", function (e) { e.preventDefault(); go(i); });
      list.appendChild(li);
    });
    input.setAttribute("aria-activedescendant", "palette-item-" + active);
  }

  function filterActions(q) {
    q = q.toLowerCase();
    return actions.filter(function (a) { return a.title.toLowerCase().indexOf(q) >= 0; });
  }

  // Search as the user types, a little after they pause; answers to
  // older keystrokes are dropped by sequence number.
  function update() {
    var q = input.value.trim();
    items = filterActions(q);
    active = 0;
    render();
    clearTimeout(pending);
    if (!q) return;
    var mine = ++seq;
    pending = setTimeout(function () {
      fetch(palette.dataset.searchUrl + "?limit=8&q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { data: [] }; })
        .then(function (body) {
          if (mine !== seq) return;
          items = body.data.map(function (h) { return { title: h.title, subtitle: h.subtitle, url: h.url }; }).concat(filterActions(q));
          active = 0;
          render();
        })
        .catch(function () {});
    }, 120);
  }

  function go(i) {
    if (items[i]) window.location.href = items[i].url;
  }

  function open() {
    help.hidden = true;
    palette.hidden = false;
    input.value = "";
    update();
    input.focus();
  }

  function close() {
    palette.hidden = true;
    help.hidden = true;
  }

  input.addEventListener("input", update);
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (items.length) active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      render();
    } else if (e.key === "Enter") {
      e.preventDefault();
      go(active);
    }
  });
  [palette, help].forEach(function (layer) {
    layer.addEventListener("mousedown", function (e) { if (e.target === layer) close(); });
  });

  document.addEventListener("keydown", function (e) {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
      e.preventDefault();
      if (palette.hidden) open(); else close();
    } else if (e.key === "Escape") {
      close();
    } else if (!typing(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      if (e.key === "/") {
        var box = document.querySelector(".nav-search input");
        if (box) { e.preventDefault(); box.focus(); }
      } else if (e.key === "?") {
        e.preventDefault();
        palette.hidden = true;
        help.hidden = !help.hidden;
      }
    }
  });
})();
