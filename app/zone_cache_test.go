package app_test

import (
	"testing"
	"time"

	"rolo/app"
)

// Location keeps the zones it loaded by name: each user still gets their
// own zone, however often and in whatever order they are asked for.
func TestLocationKeepsEachUsersZone(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	offset := func(u *app.User) int {
		_, off := at.In(app.Location(u)).Zone()
		return off / 3600
	}
	seoul, paris, nowhere := &app.User{}, &app.User{}, &app.User{}
	seoul.TimeZone, paris.TimeZone, nowhere.TimeZone = "Asia/Seoul", "Europe/Paris", "Nowhere/Atlantis"
	for range 3 {
		if got := offset(seoul); got != 9 {
			t.Fatalf("Seoul: UTC%+d", got)
		}
		if got := offset(paris); got != 2 {
			t.Fatalf("Paris in July: UTC%+d", got)
		}
		if app.Location(nowhere) != app.Location(&app.User{}) {
			t.Fatal("an unknown zone is the server's")
		}
	}
}
