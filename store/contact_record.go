package store

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// contactRecord is a whole contact of the row c in one column: its card
// (its own columns, emails, phones, tags and custom values, see
// contact_card.go). One text column costs the driver far less than the
// twenty-six it replaces, each converted and copied on its own, and the
// children come with their contact instead of from a query each.
var contactRecord = contactCardColumn

// contactOwnColumns are the row c's own columns as one JSON array.
var contactOwnColumns = `json_array(` + qualify("c", contactColumns) + `)`

// qualify puts alias before each of a list of columns.
func qualify(alias, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = alias + "." + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// contactRecordScan holds a contactRecord's column while scanning, and
// the raw times a list's cursor is made of.
type contactRecordScan struct {
	card  string
	keys  struct{ created, updated, deleted string }
	arena *cardArena // a page's, shared by its contacts; nil for one contact
}

func (s *contactRecordScan) dest() []any { return []any{&s.card} }

// scanContactRecord scans one contactRecord.
func scanContactRecord(sc rowScanner) (Contact, error) {
	var s contactRecordScan
	if err := sc.Scan(s.dest()...); err != nil {
		return Contact{}, translate(err)
	}
	return s.contact()
}

// contact decodes the scanned card.
func (s *contactRecordScan) contact() (Contact, error) {
	card, err := decodeContactCard(s.card, s.arena)
	if err != nil {
		return Contact{}, err
	}
	v := card.own[:]
	c, err := decodeContact(v)
	s.keys.created, s.keys.updated, s.keys.deleted = v[20], v[22], v[24]
	c.setCard(card)
	return c, err
}

// decodeContact reads the values of json_array(contactColumns); NULL
// reads as "".
func decodeContact(v []string) (Contact, error) {
	c := Contact{
		ID: v[0], FirstName: v[1], LastName: v[2], DisplayName: v[3], SortName: v[4], Title: v[5], CompanyID: v[6],
		Address:  Address{Street: v[7], City: v[8], Region: v[9], PostalCode: v[10], Country: v[11]},
		Birthday: v[12], Website: v[13], Social: decodeLabeled(v[14]), LeadSource: v[15], LifecycleStatus: v[16],
		OwnerID: v[17], Notes: v[18],
	}
	var err error
	c.Version, err = strconv.Atoi(v[19])
	c.Stamp = Stamp{Version: c.Version, CreatedAt: ParseTime(v[20]), CreatedBy: v[21], UpdatedAt: ParseTime(v[22]), UpdatedBy: v[23],
		DeletedAt: ParseTime(v[24]), DeletedBy: v[25]}
	return c, err
}

// inPositionOrder sorts a contact's emails or phones by their stored
// position, the order the primary key almost always gave them already.
func inPositionOrder[T any](pos []string, items []T) {
	at := func(i int) int { n, _ := strconv.Atoi(pos[i]); return n }
	for i := 1; i < len(pos); i++ {
		if at(i-1) > at(i) {
			order := make([]int, len(pos))
			for k := range order {
				order[k] = k
			}
			sort.SliceStable(order, func(a, b int) bool { return at(order[a]) < at(order[b]) })
			sorted := make([]T, len(items))
			for k, o := range order {
				sorted[k] = items[o]
			}
			copy(items, sorted)
			return
		}
	}
}

// decodeTags reads json_array(id, name, name_key, color) rows, sorted by
// name as every tag list shows them.
func decodeTags(s string) ([]Tag, error) {
	var tags []Tag
	err := jsonRows(s, func(v []string) {
		if len(v) == 4 {
			tags = append(tags, Tag{ID: v[0], Name: v[1], Key: v[2], Color: v[3]})
		}
	})
	sortTags(tags)
	return tags, err
}

// sortTags sorts tags by name, as every tag list shows them.
func sortTags(tags []Tag) {
	slices.SortFunc(tags, func(a, b Tag) int { return strings.Compare(a.Key, b.Key) })
}
