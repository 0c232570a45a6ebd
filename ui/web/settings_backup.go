package web

import (
	"context"
	"time"

	"rolo/app"
)

// replicaRow is one replica on Settings → Backup.
type replicaRow struct {
	URL          string
	Mirror       bool
	State        string // app.Replica* names
	BehindSecs   int
	FailingSince time.Time
	LastError    string
	Position     uint64 // last transaction the replica holds
	Latest       time.Time
	Oldest       time.Time // the oldest point a restore can reach
}

// backupRows describes the replicas serve ships to (--replicate); none
// without it.
func (s *site) backupRows(ctx context.Context) []replicaRow {
	now := time.Now()
	var rows []replicaRow
	for _, r := range s.app.Replicas(ctx) {
		row := replicaRow{URL: r.URL, Mirror: r.Mirror, State: r.State(), Position: r.TXID, Latest: r.Latest, Oldest: r.Oldest}
		switch row.State {
		case app.ReplicaBehind:
			row.BehindSecs = max(1, int(r.Lag(now).Seconds()))
		case app.ReplicaFailing:
			row.FailingSince, row.LastError = r.FailingSince, r.LastError
		}
		rows = append(rows, row)
	}
	return rows
}
