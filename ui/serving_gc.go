package ui

import (
	"os"
	"runtime/debug"
)

// A server's requests make short-lived garbage (rows, JSON, HTML) while
// the heap that lives on is small, so Go's default (collect when the heap
// doubles) collected several times a second under load: a quarter of the
// list API's CPU. Collecting when the heap has grown fivefold, under a
// soft limit that makes the collector work harder as the heap nears it,
// cost 79 MB resident after 10 s of wrk on the list API instead of 53 MB
// (PocketBase: 106 MB), and left idle memory as it was.
const (
	servingGCPercent   = 400
	servingMemoryLimit = 128 << 20
)

// ServingGC sets the collector for serving, unless GOGC or GOMEMLIMIT
// say otherwise, and returns what puts the previous settings back.
func ServingGC() (restore func()) {
	percent, limit := -2, int64(-1) // -2: left as it was
	if os.Getenv("GOGC") == "" {
		percent = debug.SetGCPercent(servingGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(servingMemoryLimit)
	}
	return func() {
		if percent != -2 {
			debug.SetGCPercent(percent)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}
