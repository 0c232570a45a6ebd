//go:build !unix

package ui_test

import "time"

// cpuTime is not measured outside Unix; cpu-ns/op then reads 0.
func cpuTime() time.Duration { return 0 }
