package cli

import (
	"log/slog"
	"runtime/debug"
	"time"

	"rolo/app"
)

// Idle memory of `rolo serve` (DESIGN.md: ≤ 40 MB resident idle). Where it
// went before this, on the 100,000-contact demo (README, Performance):
// 30–35 MB were pages of the binary itself and 20 MB anonymous memory.
//
//   - 20 MB of the binary were resident before main ran: Go runs the
//     initialiser of every linked package (the AWS SDK, SFTP, WebDAV and
//     Prometheus clients that Litestream brings, the phone number tables,
//     the text encodings), and the kernel maps the 64 KB around each page
//     touched (fault-around), so the whole dependency tree counts whether
//     --replicate is given or not. No linked package can skip its
//     initialiser, so those pages are handed back once start-up is over.
//   - the rest of the start-up (migrations, templates, catalogs, and the
//     quick check reading the whole file through SQLite's integrity code)
//     touches more of the binary, leaves heap garbage that the Go runtime
//     keeps for reuse (an idle server never reuses it), and its jobs
//     (the quick check, the card fill, retention, the scheduler) each
//     open a reader connection of about 0.7 MB and their page caches.

// releaseIdleMemory closes the idle readers but one and returns the
// heap's garbage to the operating system (one collection of a heap of a
// few megabytes).
func releaseIdleMemory(a *app.App) {
	a.CloseIdleReaders()
	debug.FreeOSMemory()
}

// settleAfterStartup hands back what only the start-up needed, once its
// last work (the quick check) is done: the binary's pages
// (releaseStartupPages), the readers its jobs opened, and the heap's
// garbage. Pages that serving needs come back on their first use and
// count from then on.
func settleAfterStartup(a *app.App, started time.Time) {
	releasedKB, err := releaseStartupPages()
	if err != nil {
		slog.Debug("could not release the start-up's pages of the binary", "err", err)
	}
	// After the pages, so that what a collection reads of the binary (the
	// stack maps of every goroutine's functions) is counted as it is after
	// every later collection.
	releaseIdleMemory(a)
	slog.Info("start-up done: the database passed its quick check", "took", time.Since(started).Round(time.Millisecond))
	slog.Debug("released the start-up's memory", "binary_pages_kb", releasedKB)
}
