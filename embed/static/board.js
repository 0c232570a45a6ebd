// The kanban board's drag and drop. Without this script every card still
// has a stage selector that posts a form; with it, a card is dragged to
// another column (or to another place in its own), or onto the Won, Lost
// or trash zones that slide up while dragging; the move is posted to the
// JSON API, and the board is reloaded from the server so counts and
// totals stay true. A column scrolled to its end loads its next cards.
// Loaded by the board page only.
(function () {
  "use strict";

  var board = document.getElementById("board");
  if (!board || !window.fetch) {
    return;
  }
  var watchMore = function () {}; // set by loadMoreOnScroll where it can watch
  loadMoreOnScroll();
  if (board.dataset.movable !== "true") {
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

  // zoneAt is the Won, Lost or trash zone under the pointer.
  function zoneAt(node) {
    return node && node.closest ? node.closest(".board-zone") : null;
  }

  function mark(list) {
    board.querySelectorAll(".board-cards.is-target, .board-zone.is-target").forEach(function (l) {
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
    board.classList.remove("is-dragging");
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
    // The zones appear a moment later: shown at once, they would change
    // the layout under the drag image before the drag has begun.
    window.setTimeout(function () {
      if (dragged) {
        board.classList.add("is-dragging");
      }
    }, 0);
  });

  // Both dragenter and dragover must be cancelled over a column, or the
  // browser does not let the card be dropped there.
  board.addEventListener("dragenter", function (event) {
    if (dragged && (listAt(event.target) || zoneAt(event.target))) {
      event.preventDefault();
    }
  });

  board.addEventListener("dragover", function (event) {
    var zone = dragged && zoneAt(event.target);
    if (zone) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      mark(zone);
      return;
    }
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
    var zone = dragged && zoneAt(event.target);
    if (zone) {
      event.preventDefault();
      var taken = dragged;
      var came = origin;
      cleanup();
      undo(taken, came); // back in place until the server has answered
      taken.classList.add("is-dragging");
      if (zone.dataset.trash === "true") {
        trash(taken, came);
      } else {
        move(taken, null, came, "", zone.dataset.stageId);
      }
      return;
    }
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
    move(card, list, from, "", list.dataset.stageId);
  });

  board.addEventListener("dragend", function () {
    if (dragged && origin) {
      undo(dragged, origin); // dropped outside any column
    }
    cleanup();
  });

  function undo(card, from) {
    card.classList.remove("is-dragging");
    from.list.insertBefore(card, from.next && from.next.parentNode === from.list ? from.next : null);
  }

  // move posts the card's new stage and, dropped in a column (list), its
  // neighbour. A lost stage needs a reason: the dialog asks, and the move
  // is posted again with it.
  function move(card, list, from, reason, stageID) {
    var body = { stage_id: stageID };
    if (list) {
      var prev = card.previousElementSibling;
      var next = card.nextElementSibling;
      if (prev) {
        body.after_id = prev.dataset.dealId;
      } else if (next) {
        body.before_id = next.dataset.dealId;
      }
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
            move(card, list, from, given, stageID);
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

  // trash moves the deal to the trash (it can be restored from there).
  function trash(card, from) {
    fetch(board.dataset.trashApi.replace("DEAL", encodeURIComponent(card.dataset.dealId)), {
      method: "DELETE",
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (res) {
      if (res.ok) {
        refresh(board.dataset.trashed);
        return;
      }
      undo(card, from);
      say(board.dataset.failed);
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
        watchMore();
        say(message);
      });
  }

  // loadMoreOnScroll fetches a column's next cards when it is scrolled to
  // its end or its "more" link is followed; the server sent only the
  // first ones. The link still opens the list view without this script.
  function loadMoreOnScroll() {
    var loading = {};
    function loadMore(column) {
      var link = column.querySelector(".board-more a[data-load]");
      var list = column.querySelector(".board-cards");
      if (!link || !list || loading[column.id]) {
        return false;
      }
      loading[column.id] = true;
      var url = new URL(link.dataset.load, window.location.href);
      url.searchParams.set("shown", String(list.querySelectorAll(".deal-card").length));
      url.searchParams.set("count", column.dataset.count || "0");
      fetch(url.toString(), { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (res) { return res.ok ? res.text() : Promise.reject(res.status); })
        .then(function (html) {
          var part = document.createElement("template");
          part.innerHTML = html;
          var line = part.content.querySelector(".board-more");
          part.content.querySelectorAll(".deal-card").forEach(function (card) {
            if (!document.getElementById(card.id)) {
              list.appendChild(card);
            }
          });
          var old = column.querySelector(".board-more");
          if (old) {
            old.remove();
          }
          if (line) {
            list.after(line);
          }
          watchMore();
        })
        .catch(function () {})
        .then(function () { loading[column.id] = false; });
      return true;
    }
    board.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest(".board-more a[data-load]") : null;
      if (link && loadMore(link.closest(".board-column"))) {
        event.preventDefault();
      }
    });
    // A column scrolled to its end loads more (scroll does not bubble:
    // listen in the capture phase for every column).
    board.addEventListener("scroll", function (event) {
      var list = event.target;
      if (list.classList && list.classList.contains("board-cards") &&
          list.scrollTop + list.clientHeight >= list.scrollHeight - 120) {
        loadMore(list.closest(".board-column"));
      }
    }, true);
    // The last card of a column with more to load is watched: once it
    // shows (the column is scrolled to its end, or is not that long), the
    // next cards come. Clipping by the column's own scrolling counts.
    if (!window.IntersectionObserver) {
      return;
    }
    var watcher = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          watcher.unobserve(entry.target);
          var column = entry.target.closest(".board-column");
          if (column) {
            loadMore(column);
          }
        }
      });
    });
    function watchEnds() {
      board.querySelectorAll(".board-column").forEach(function (column) {
        var last = column.querySelector(".board-cards > .deal-card:last-child");
        if (last && column.querySelector(".board-more a[data-load]")) {
          watcher.observe(last);
        }
      });
    }
    watchEnds();
    watchMore = watchEnds;
  }
})();
