// Drag and drop of .eml files onto a record page or the Log email page.
// Without this script the drop form still works: choose files, press Log.
// With it, files dragged from a mail program or a folder onto the page's
// timeline (or the form) are put in the form's file field and posted, and
// choosing files posts them at once.
(function () {
  "use strict";

  var form = document.getElementById("email-drop");
  if (!form) {
    return;
  }
  var input = form.querySelector("input[type=file]");
  var zone = form.closest(".record-main") || form.closest(".card") || form;
  var depth = 0; // dragenter/dragleave pairs, as children fire their own

  function hasFiles(e) {
    var types = e.dataTransfer && e.dataTransfer.types;
    if (!types) {
      return false;
    }
    for (var i = 0; i < types.length; i++) {
      if (types[i] === "Files") {
        return true;
      }
    }
    return false;
  }

  function send(files) {
    if (!files || files.length === 0) {
      return;
    }
    try {
      input.files = files;
    } catch (err) {
      return; // an old browser: the form is still there to use
    }
    form.classList.add("email-drop-sending");
    form.submit();
  }

  zone.classList.add("email-drop-zone");
  zone.addEventListener("dragenter", function (e) {
    if (!hasFiles(e)) {
      return;
    }
    e.preventDefault();
    depth++;
    zone.classList.add("email-drop-over");
  });
  zone.addEventListener("dragover", function (e) {
    if (hasFiles(e)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    }
  });
  zone.addEventListener("dragleave", function () {
    depth = Math.max(0, depth - 1);
    if (depth === 0) {
      zone.classList.remove("email-drop-over");
    }
  });
  zone.addEventListener("drop", function (e) {
    if (!e.dataTransfer || !e.dataTransfer.files || e.dataTransfer.files.length === 0) {
      return;
    }
    e.preventDefault();
    depth = 0;
    zone.classList.remove("email-drop-over");
    send(e.dataTransfer.files);
  });
  input.addEventListener("change", function () {
    send(input.files);
  });
})();
