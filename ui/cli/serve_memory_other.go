//go:build !linux

package cli

// releaseStartupPages is Linux-only (serve_memory_linux.go); elsewhere the
// start-up's pages stay mapped.
func releaseStartupPages() (releasedKB int, err error) { return 0, nil }
