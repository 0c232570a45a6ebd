// The contact form's duplicate check as you type. The form works without
// it: a save that meets a likely duplicate comes back with the list (see
// ui/web/contact_duplicates.go). This asks the same question once an
// email, a phone, a name or the company is filled in, and shows what it
// finds under the part of the form just left, with a link to open each.
(function () {
  "use strict";
  var box = document.getElementById("duplicates-live");
  var form = document.getElementById("contact-form");
  if (!box || !form || document.getElementById("duplicates")) {
    return; // no form, or the server already listed the candidates
  }
  var list = box.querySelector("ul");
  var timer = null, asked = "";

  function values(prefix) {
    var out = [];
    form.querySelectorAll('input[name^="' + prefix + '."][name$=".value"]').forEach(function (input) {
      if (input.value.trim() !== "") { out.push(input.value.trim()); }
    });
    return out;
  }

  function query() {
    var q = new URLSearchParams();
    values("emails").forEach(function (v) { q.append("email", v); });
    values("phones").forEach(function (v) { q.append("phone", v); });
    var display = form.elements.display_name ? form.elements.display_name.value.trim() : "";
    if (display) {
      q.set("name", display);
    } else {
      ["first_name", "last_name"].forEach(function (f) {
        if (form.elements[f] && form.elements[f].value.trim()) { q.set(f, form.elements[f].value.trim()); }
      });
    }
    if (form.elements.company_id && form.elements.company_id.value) { q.set("company", form.elements.company_id.value); }
    if (box.dataset.except) { q.set("except", box.dataset.except); }
    return q.toString();
  }

  function show(found, near) {
    list.textContent = "";
    found.forEach(function (c) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = box.dataset.contactUrl.replace("ID", encodeURIComponent(c.contact.id));
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = c.contact.display_name;
      li.appendChild(a);
      var why = c.reasons.map(function (r) { return box.dataset["reason" + r.charAt(0).toUpperCase() + r.slice(1)] || r; });
      li.appendChild(document.createTextNode(" · " + why.join(", ")));
      list.appendChild(li);
    });
    box.hidden = found.length === 0;
    if (found.length && near && near !== box.previousElementSibling) {
      near.after(box);
    }
  }

  function ask(near) {
    var q = query();
    if (q === asked) { return; }
    asked = q;
    if (!/(^|&)(email|phone|name|first_name|last_name)=/.test(q)) {
      show([], null);
      return;
    }
    fetch(box.dataset.api + "?" + q, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) { if (body && q === asked) { show(body.data, near); } })
      .catch(function () {}); // the check on save still runs
  }

  form.addEventListener("change", function (event) {
    var name = event.target.name || "";
    if (!/^(emails|phones)\.\d+\.value$|^(first_name|last_name|display_name|company_id)$/.test(name)) { return; }
    var near = event.target.closest("section");
    clearTimeout(timer);
    timer = setTimeout(function () { ask(near); }, 150);
  });
})();
