// The kanban board's drag and drop. Without this script every card still
// has a stage selector that posts a form; with it, a card is dragged to
// another column (or to another place in its own), the move is posted to
// the JSON API, and the board is reloaded from the server so counts and
// totals stay true. Loaded by the board page only.
(function () {
  "use strict";

  var board = document.getElementById("board");
  if (!board || board.dataset.movable !== "true" || !window.fetch) {
    return;
  }
  board.classList.add("js-board");
  var live = document.getElementById("board-status");
  var dragged = null; // the card being dragged
  var origin = null; // where it came from: {list, next}

  function say(text) {
    if (live && text) {
      live.textContent = "";
      live.textContent = text;
    }
  }

  // listAt is the card list of the column under the pointer.
  function listAt(node) {
    var column = node && node.closest ? node.closest(".board-column") : null;
    return column ? column.querySelector(".board-cards") : null;
  }

  // cardBelow is the first card whose middle is below y: the dragged card
  // goes right before it.
  function cardBelow(list, y) {
    var cards = list.querySelectorAll(".deal-card");
    for (var i = 0; i < cards.length; i++) {
      if (cards[i] === dragged) {
        continue;
      }
      var box = cards[i].getBoundingClientRect();
      if (y < box.top + box.height / 2) {
        return cards[i];
      }
    }
    return null;
  }

  function mark(list) {
    board.querySelectorAll(".board-cards.is-target").forEach(function (l) {
      if (l !== list) {
        l.classList.remove("is-target");
      }
    });
    if (list) {
      list.classList.add("is-target");
    }
  }

  function cleanup() {
    if (dragged) {
      dragged.classList.remove("is-dragging");
    }
    mark(null);
    dragged = null;
    origin = null;
  }

  board.addEventListener("dragstart", function (event) {
    var card = event.target.closest ? event.target.closest(".deal-card") : null;
    if (!card) {
      return;
    }
    dragged = card;
    origin = { list: card.parentNode, next: card.nextElementSibling };
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.dealId);
    card.classList.add("is-dragging");
  });

  // Both dragenter and dragover must be cancelled over a column, or the
  // browser does not let the card be dropped there.
  board.addEventListener("dragenter", function (event) {
    if (dragged && listAt(event.target)) {
      event.preventDefault();
    }
  });

  board.addEventListener("dragover", function (event) {
    var list = dragged && listAt(event.target);
    if (!list) {
      return;
    }
    event.preventDefault(); // allows the drop
    event.dataTransfer.dropEffect = "move";
    mark(list);
    var below = cardBelow(list, event.clientY);
    if (below !== dragged.nextElementSibling || dragged.parentNode !== list) {
      list.insertBefore(dragged, below);
    }
  });

  board.addEventListener("drop", function (event) {
    var list = dragged && listAt(event.target);
    if (!list) {
      return;
    }
    event.preventDefault();
    var card = dragged;
    var from = origin;
    cleanup();
    if (card.parentNode === from.list && card.nextElementSibling === from.next) {
      return; // put back where it was
    }
    move(card, list, from, "");
  });

  board.addEventListener("dragend", function () {
    if (dragged && origin) {
      undo(dragged, origin); // dropped outside any column
    }
    cleanup();
  });

  function undo(card, from) {
    from.list.insertBefore(card, from.next && from.next.parentNode === from.list ? from.next : null);
  }

  // move posts the card's new stage and neighbour. A lost stage needs a
  // reason: the dialog asks, and the move is posted again with it.
  function move(card, list, from, reason) {
    var prev = card.previousElementSibling;
    var next = card.nextElementSibling;
    var body = { stage_id: list.dataset.stageId };
    if (prev) {
      body.after_id = prev.dataset.dealId;
    } else if (next) {
      body.before_id = next.dataset.dealId;
    }
    if (reason) {
      body.lost_reason = reason;
    }
    fetch(board.dataset.api.replace("DEAL", encodeURIComponent(card.dataset.dealId)), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (res) {
      return res.json().then(function (data) { return { ok: res.ok, data: data }; });
    }).then(function (answer) {
      if (answer.ok) {
        refresh(board.dataset.moved);
        return;
      }
      if (answer.data && answer.data.errors && answer.data.errors.lost_reason) {
        askReason(function (given) {
          if (given) {
            move(card, list, from, given);
          } else {
            undo(card, from);
          }
        });
        return;
      }
      undo(card, from);
      say((answer.data && answer.data.detail) || board.dataset.failed);
    }).catch(function () {
      undo(card, from);
      say(board.dataset.failed);
    });
  }

  function askReason(done) {
    var dialog = document.getElementById("lost-dialog");
    if (!dialog || !dialog.showModal) {
      done(window.prompt(board.dataset.askReason || "") || "");
      return;
    }
    var input = dialog.querySelector("input");
    input.value = "";
    dialog.returnValue = "";
    dialog.addEventListener("close", function () {
      done(dialog.returnValue === "ok" ? input.value.trim() : "");
    }, { once: true });
    dialog.showModal();
  }

  // refresh reloads the board from the server, keeping the scroll
  // positions, so every count and total is the server's.
  function refresh(message) {
    fetch(board.dataset.here, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (res) { return res.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("board");
        if (!fresh) {
          return;
        }
        var left = board.scrollLeft;
        var tops = {};
        board.querySelectorAll(".board-cards").forEach(function (l) { tops[l.dataset.stageId] = l.scrollTop; });
        board.innerHTML = fresh.innerHTML;
        board.scrollLeft = left;
        board.querySelectorAll(".board-cards").forEach(function (l) { l.scrollTop = tops[l.dataset.stageId] || 0; });
        var summary = document.getElementById("board-summary");
        var freshSummary = doc.getElementById("board-summary");
        if (summary && freshSummary) {
          summary.innerHTML = freshSummary.innerHTML;
        }
        say(message);
      });
  }
})();
