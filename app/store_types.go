package app

import (
	"context"
	"time"

	"rolo/store"
)

// The front doors (ui/web, ui/api, ui/cli) speak only to app. These are the
// row, query and constant types of store that they read and fill, named
// again here so that nothing under ui imports store.

type (
	// Tx is a write transaction, for fixtures that tests write directly.
	Tx             = store.Tx
	ListQuery      = store.ListQuery
	DealQuery      = store.DealQuery
	TaskQuery      = store.TaskQuery
	ActivityQuery  = store.ActivityQuery
	AuditQuery     = store.AuditQuery
	Labeled        = store.Labeled
	Address        = store.Address
	Place          = store.Place
	Stamp          = store.Stamp
	CustomValue    = store.CustomValue
	DealRow        = store.DealRow
	TagCount       = store.TagCount
	ScoredContact  = store.ScoredContact
	RuleRun        = store.RuleRun
	Delivery       = store.Delivery
	ImportBatch    = store.ImportBatch
	ServeLock      = store.ServeLock
	WebhookMessage = store.WebhookMessage
)

// Deal and stage states, "none" for a filter on a missing owner or company,
// and the total of a list counted later.
const (
	DealOpen     = store.DealOpen
	DealWon      = store.DealWon
	DealLost     = store.DealLost
	StageOpen    = store.StageOpen
	StageLost    = store.StageLost
	NoneValue    = store.NoneValue
	CountUnknown = store.CountUnknown
)

// Sorts and DealSorts are the list orders the store can page by;
// FilterColumns the built-in columns a filter may name.
var (
	Sorts         = store.Sorts
	DealSorts     = store.DealSorts
	FilterColumns = store.FilterColumns
)

// ParseTime reads a time as the store writes it; FormatTime writes one.
func ParseTime(s string) time.Time { return store.ParseTime(s) }

// FormatTime writes t in the store's one time format.
func FormatTime(t time.Time) string { return store.FormatTime(t) }

// LockForServe takes the lock that keeps a second `rolo serve` off the file.
func LockForServe(dbPath string) (*ServeLock, error) { return store.LockForServe(dbPath) }

// BackupFile writes a checked copy of the database at path to dest, while
// Rolo may be serving it, and returns the copy's size.
func BackupFile(ctx context.Context, path, dest string) (int64, error) {
	db, err := store.Open(ctx, path, store.Options{MustExist: true})
	if err != nil {
		return 0, err
	}
	defer db.Close()
	return Backup(ctx, db, dest)
}
