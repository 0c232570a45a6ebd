package ui_test

import (
	"runtime/debug"
	"testing"

	"github.com/matryer/is"

	"rolo/ui"
)

// TestServingGCLeavesWhatItWasToldAlone: GOGC and GOMEMLIMIT given by the
// person running Rolo win over the serving defaults, and restore puts
// back what was there.
func TestServingGCLeavesWhatItWasToldAlone(t *testing.T) {
	is := is.New(t)
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	restore := ui.ServingGC()
	is.Equal(debug.SetGCPercent(-1), 400) // the serving default
	debug.SetGCPercent(400)
	restore()
	is.Equal(debug.SetGCPercent(100), 100) // put back

	t.Setenv("GOGC", "150")
	debug.SetGCPercent(150)
	restore = ui.ServingGC()
	is.Equal(debug.SetGCPercent(150), 150) // the person's choice stays
	restore()
}
