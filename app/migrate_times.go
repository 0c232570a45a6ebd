package app

import (
	"strings"
	"time"

	"rolo/store"
)

// A migrated record keeps the other CRM's times: when it was added and
// last changed, and a deal when it was won or lost, so reports by month
// count last March's deals in March. The times are read as UTC, as the
// activities' are (neither CRM writes a zone). A time that does not
// read is left out with a warning and the record takes the moment of
// the migration, as it would with no such column.

// migTimes are the times a row of the export gives its record.
type migTimes struct {
	created, updated  time.Time
	won, lost, closed time.Time // a deal's: won, lost, closed either way
	staged            time.Time // a deal's last move to another stage
}

// readTimes reads a company's, contact's or deal's times; the record
// keeps them the way a row of Rolo's own export keeps its created_at and
// updated_at (the reader's stamp).
func (m *migration) readTimes(r *migRow, header []string, l migrationLayout) {
	read := func(names []string) time.Time {
		i := columnOf(header, names)
		if i < 0 || i >= len(r.cells) {
			return time.Time{}
		}
		v := strings.TrimSpace(r.cells[i])
		t, ok := exportTime(v)
		if !ok && l.mapping[header[i]] == "" { // a mapped column (HubSpot's Close Date) is warned of by the record's reader
			m.warnRow(r, MigrationProblem{Field: header[i], Message: "error.date_invalid", Value: v})
		}
		return t
	}
	r.times = migTimes{created: read(l.created), updated: read(l.updated), won: read(l.won), lost: read(l.lost),
		closed: read(l.closed), staged: read(l.staged)}
	stamp := store.Stamp{CreatedAt: r.times.created, UpdatedAt: r.times.updated}
	if stamp.CreatedAt.IsZero() || stamp.UpdatedAt.Before(stamp.CreatedAt) {
		stamp.UpdatedAt = time.Time{} // as rowTimes: no change time without an add time, nor one before it
	}
	switch rec := r.rec.(type) {
	case *companyRow:
		rec.stamp = stamp
	case *contactRow:
		rec.stamp = stamp
	case *dealRow:
		rec.stamp = stamp
	}
}

// exportTime reads a moment as the exports write it: Pipedrive's
// "2026-03-14 09:30:00", HubSpot's "2026-03-14 09:30", RFC 3339, or a
// date alone. An empty cell is ok and zero.
func exportTime(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), true
	}
	t, ok := parseActivityTime(s, "")
	if !ok {
		return time.Time{}, false
	}
	return t, true
}

// closedAt is when a won or lost deal closed, as the export says: its
// won or lost time, else its close time; zero when it does not say.
func (t migTimes) closedAt(status string) time.Time {
	switch {
	case status == store.DealWon && !t.won.IsZero():
		return t.won
	case status == store.DealLost && !t.lost.IsZero():
		return t.lost
	}
	return t.closed
}
