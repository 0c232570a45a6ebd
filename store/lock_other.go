//go:build !unix

package store

import "os"

// Without flock the lock is advisory only: restore cannot detect a running
// server on these systems and says so in its help text.
func tryLock(f *os.File) error { return nil }

func unlock(f *os.File) {}
