package store

import (
	"database/sql"
	"encoding/json"
	"time"
)

// Address is a postal address, kept in parts so it can be filtered and
// exported column by column.
type Address struct {
	Street     string `json:"street"`
	City       string `json:"city"`
	Region     string `json:"region"`
	PostalCode string `json:"postal_code"`
	Country    string `json:"country"`
}

// Empty tells whether no part is filled in.
func (a Address) Empty() bool { return a == Address{} }

// Labeled is a value with a label such as work, home or mobile.
type Labeled struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Phone is a number as typed plus its E.164 form for matching.
type Phone struct {
	Label string
	Value string
	E164  string
}

// Stamp is who created, last changed and trashed a record, and when.
type Stamp struct {
	Version   int
	CreatedAt time.Time
	CreatedBy string
	UpdatedAt time.Time
	UpdatedBy string
	DeletedAt time.Time
	DeletedBy string
}

// Trashed tells whether the record is in the trash.
func (s Stamp) Trashed() bool { return !s.DeletedAt.IsZero() }

// stampScan holds the nullable columns of a Stamp while scanning.
type stampScan struct {
	created, updated              string
	createdBy, updatedBy          sql.NullString
	deletedAt, deletedBy, ownerID sql.NullString
}

func (s *stampScan) stamp(version int) Stamp {
	return Stamp{
		Version: version, CreatedAt: ParseTime(s.created), CreatedBy: s.createdBy.String,
		UpdatedAt: ParseTime(s.updated), UpdatedBy: s.updatedBy.String,
		DeletedAt: parseNullTime(s.deletedAt), DeletedBy: s.deletedBy.String,
	}
}

// nullString stores "" as NULL, for optional references.
func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

func encodeLabeled(l []Labeled) string {
	if len(l) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(l)
	return string(b)
}

func decodeLabeled(s string) []Labeled {
	if s == "[]" {
		return []Labeled{} // as Unmarshal gives, without its cost
	}
	var l []Labeled
	_ = json.Unmarshal([]byte(s), &l) // only this package writes the column
	return l
}

// orNow formats t, or the transaction's time when t is zero.
func orNow(t time.Time, tx *Tx) string {
	if t.IsZero() {
		return FormatTime(tx.Now)
	}
	return FormatTime(t)
}
