// Record pickers (partials/record_picker.html): the search box becomes an
// ARIA combobox that suggests records as one types, from GET /pick, and
// the hidden select keeps carrying the chosen value under the form's own
// field name. Without this file the same markup is a plain search on
// submit. UI text comes from the markup, in the reader's language.
(function () {
  "use strict";
  var seq = 0;

  function text(el, s) { el.textContent = s; return el; } // never innerHTML: names are user data

  function enhance(root) {
    if (root.classList.contains("is-live")) return;
    var input = root.querySelector(".picker-input");
    var select = root.querySelector(".picker-select");
    var label = root.querySelector("label");
    if (!input || !select) return;
    var multiple = root.hasAttribute("data-multiple");
    var listId = select.id + "-list";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", label ? label.textContent : "");
    list.hidden = true;
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    var detail = document.createElement("span");
    detail.className = "picker-detail muted";
    input.parentNode.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", detail);
    root.appendChild(status);

    // The box is the field now: it is what the label names, and its text
    // is no longer searched on submit.
    input.removeAttribute("name");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.removeAttribute("aria-label");
    if (label) label.htmlFor = input.id;
    var help = root.querySelector(".picker-help");
    if (help && help.dataset.live) help.textContent = help.dataset.live;
    select.tabIndex = -1;
    root.classList.add("is-live");

    var items = [];
    var active = -1;
    var timer = null;

    // The server names the chosen record on the select (its option reads
    // "name · detail"); a record chosen here carries its own.
    function chosen() {
      var o = select.options[select.selectedIndex];
      if (!o || !o.value) return null;
      if (o.dataset.label) return { label: o.dataset.label, detail: o.dataset.detail || "" };
      return { label: select.dataset.label || o.textContent, detail: select.dataset.detail || "" };
    }
    function showChosen() {
      if (multiple) return;
      var c = chosen();
      input.value = c ? c.label : "";
      detail.textContent = c ? c.detail : "";
    }
    showChosen();

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function render() {
      list.textContent = "";
      if (items.length === 0) {
        list.appendChild(text(document.createElement("li"), root.dataset.empty)).className = "picker-empty";
      }
      items.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", i === active ? "true" : "false");
        var name = item.label;
        if (!root.dataset.kind && item.kind_label) name = item.kind_label + ": " + name;
        li.appendChild(text(document.createElement("span"), name));
        if (item.detail) li.appendChild(text(document.createElement("span"), item.detail)).className = "muted";
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", listId + "-" + active);
        var el = document.getElementById(listId + "-" + active);
        if (el && el.scrollIntoView) el.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    // Ask as the user types, a little after they pause; answers to older
    // keystrokes are dropped.
    function suggest() {
      clearTimeout(timer);
      var q = input.value.trim();
      if (!q) { items = []; close(); return; }
      var mine = ++seq;
      timer = setTimeout(function () {
        var url = root.dataset.url + "?kind=" + encodeURIComponent(root.dataset.kind || "") + "&q=" + encodeURIComponent(q);
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { data: [] }; })
          .then(function (body) {
            if (mine !== seq) return;
            items = body.data || [];
            active = items.length ? 0 : -1;
            list.dataset.q = q; // what the suggestions answer
            render();
            status.textContent = root.dataset.count.replace("%s", String(items.length));
          })
          .catch(function () {});
      }, 120);
    }

    function choose(i) {
      var item = items[i];
      if (!item) return;
      close();
      if (multiple) {
        addLink(item);
        input.value = "";
        return;
      }
      var opt = Array.prototype.find.call(select.options, function (o) { return o.value === item.value; });
      if (!opt) {
        opt = document.createElement("option");
        opt.value = item.value;
        select.appendChild(opt);
      }
      opt.textContent = item.label + (item.detail ? " · " + item.detail : "");
      opt.dataset.label = item.label;
      opt.dataset.detail = item.detail || "";
      select.value = item.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      showChosen();
      if (root.hasAttribute("data-grow")) grow(root);
    }

    // A picker of links adds a ticked checkbox per record chosen, as the
    // links the form already had.
    function addLink(item) {
      var exists = root.parentNode.querySelector('input[type="checkbox"][value="' + CSS.escape(item.value) + '"]');
      if (exists) { exists.checked = true; return; }
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = select.name;
      box.value = item.value;
      box.checked = true;
      var l = document.createElement("label");
      l.className = "check-label";
      l.appendChild(box);
      l.appendChild(document.createTextNode(" " + (item.kind_label ? item.kind_label + ": " : "") + item.label));
      root.parentNode.insertBefore(l, root);
    }

    // Enter that chose a suggestion must not also submit the form: some
    // keyboards and automation send its keypress apart from the keydown.
    var swallowEnter = false;
    input.addEventListener("keypress", function (e) {
      if (e.key === "Enter" && swallowEnter) e.preventDefault();
      swallowEnter = false;
    });
    input.addEventListener("keyup", function () { swallowEnter = false; });
    input.addEventListener("input", suggest);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (list.hidden) { suggest(); return; }
        if (items.length) active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        render();
      } else if (e.key === "Enter") {
        if (!list.hidden && active >= 0) { e.preventDefault(); swallowEnter = true; choose(active); }
      } else if (e.key === "Escape") {
        if (!list.hidden) { e.preventDefault(); e.stopPropagation(); close(); }
        else { showChosen(); }
      }
    });
    // Leaving the box: an emptied box clears the choice; other text that
    // was never chosen gives way to the choice.
    input.addEventListener("blur", function () {
      setTimeout(function () {
        close();
        if (multiple) return;
        if (input.value.trim() === "") { select.value = ""; detail.textContent = ""; return; }
        showChosen();
      }, 150);
    });
  }

  // grow adds an empty row after the last of a list of pickers (a deal's
  // contacts) once the last is used, so one more can always be added.
  function grow(root) {
    var rows = root.parentNode.querySelectorAll("[data-picker][data-grow]");
    if (rows[rows.length - 1] !== root || !root._pristine) return;
    var n = root._pristine.cloneNode(true);
    var oldID = root._pristine.querySelector(".picker-select").id;
    var newID = oldID.replace(/\d+$/, function (d) { return String(Number(d) + rows.length); });
    n.querySelectorAll("[id],[for],[aria-describedby]").forEach(function (el) {
      ["id", "for", "aria-describedby"].forEach(function (a) {
        var v = el.getAttribute(a);
        if (v && v.indexOf(oldID) === 0) el.setAttribute(a, newID + v.slice(oldID.length));
      });
    });
    var sel = n.querySelector(".picker-select");
    Array.prototype.slice.call(sel.options, 1).forEach(function (o) { o.remove(); });
    n._pristine = n.cloneNode(true);
    root.insertAdjacentElement("afterend", n);
    enhance(n);
  }

  document.querySelectorAll("[data-picker]").forEach(function (root) {
    if (root.hasAttribute("data-grow")) root._pristine = root.cloneNode(true);
    enhance(root);
  });
})();
