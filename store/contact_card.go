package store

import (
	"errors"
	"strconv"
)

// A contact's card is its own columns, emails, phones, tags and custom
// values as one JSON value kept on its row (migrations 0026 and 0032): a
// page of contacts reads one stored value per contact instead of seeking
// four child indexes and writing twenty-six columns as JSON for each
// (issue 18). Triggers set a card to NULL whenever one of its rows or the
// contact's own columns change, so a card is either exact or missing; a
// missing one is built on the fly by the reading statement itself
// (contactCardColumn) and stored again by FillContactCards.

// contactCardSQL builds the card of the row c: its own columns, then four
// JSON arrays of rows, joined by hand because a JSON value loses its JSON
// type when it leaves a scalar subquery (json_array would quote it as a
// string).
var contactCardSQL = `'[' || ` + contactOwnColumns + ` || ',' ||
	(SELECT json_group_array(json_array(position, label, value)) FROM contact_emails WHERE contact_id = c.id) || ',' ||
	(SELECT json_group_array(json_array(position, label, value, e164)) FROM contact_phones WHERE contact_id = c.id) || ',' ||
	(SELECT json_group_array(json_array(t.id, t.name, t.name_key, t.color)) FROM contact_tags l
		JOIN tags t ON t.id = l.tag_id WHERE l.contact_id = c.id) || ',' ||
	(SELECT json_group_array(json_array(field_id, typeof(value), iif(typeof(value) = 'blob', CAST(value AS TEXT), value), currency)) FROM custom_values
		WHERE record_id = c.id) || ']'`

// contactCardColumn is the card of the row c as a reading statement's
// column: the kept one, or (SQLite's coalesce stops at the first value
// that is not NULL) built from the rows when it is missing.
var contactCardColumn = `coalesce(c.card, ` + contactCardSQL + `)`

// contactCard is a decoded card. own are the values of contactColumns,
// in order (NULL as ""), pointing into the card's text.
type contactCard struct {
	own    [26]string
	emails []Labeled
	phones []Phone
	tags   []Tag
	custom []CustomValue
}

// cardArena holds the children of a page's cards in a few shared arrays:
// a page of 50 allocates a handful of times instead of four times for
// each contact. Each card's slices end at their own length (a full slice
// expression), so an append to one copies it instead of writing over the
// next card's.
type cardArena struct {
	labeled []Labeled
	phones  []Phone
	tags    []Tag
	custom  []CustomValue
	pos     []string
}

// cardSlice returns the arena's items from start as one card's slice, nil when
// there are none (as a card read without an arena has them).
func cardSlice[T any](items []T, start int) []T {
	if len(items) == start {
		return nil
	}
	return items[start:len(items):len(items)]
}

// decodeContactCard reads a card, its children into a (nil: their own
// arrays). Emails and phones are put in their stored positions' order,
// tags in name order, as every read of a contact gives them.
func decodeContactCard(s string, a *cardArena) (contactCard, error) {
	var card contactCard
	if a == nil {
		a = &cardArena{}
	}
	r := jsonReader{s: s}
	if !r.eat('[') {
		return card, errJSONRows
	}
	values, ok := r.array(card.own[:0])
	if !ok || len(values) != len(card.own) || !r.eat(',') {
		return card, errJSONRows
	}
	id := card.own[0]
	start := len(a.labeled)
	a.pos = a.pos[:0]
	ok = r.rows(func(v []string) {
		if len(v) == 3 {
			a.pos = append(a.pos, v[0])
			a.labeled = append(a.labeled, Labeled{Label: v[1], Value: v[2]})
		}
	})
	card.emails = cardSlice(a.labeled, start)
	inPositionOrder(a.pos, card.emails)
	start, a.pos = len(a.phones), a.pos[:0]
	ok = ok && r.eat(',') && r.rows(func(v []string) {
		if len(v) == 4 {
			a.pos = append(a.pos, v[0])
			a.phones = append(a.phones, Phone{Label: v[1], Value: v[2], E164: v[3]})
		}
	})
	card.phones = cardSlice(a.phones, start)
	inPositionOrder(a.pos, card.phones)
	start = len(a.tags)
	ok = ok && r.eat(',') && r.rows(func(v []string) {
		if len(v) == 4 {
			a.tags = append(a.tags, Tag{ID: v[0], Name: v[1], Key: v[2], Color: v[3]})
		}
	})
	card.tags = cardSlice(a.tags, start)
	sortTags(card.tags)
	var bad error
	start = len(a.custom)
	ok = ok && r.eat(',') && r.rows(func(v []string) {
		if len(v) != 4 {
			return
		}
		value, err := typedValue(v[1], v[2])
		if err != nil {
			bad = err
		}
		a.custom = append(a.custom, CustomValue{FieldID: v[0], RecordID: id, Value: value, Currency: v[3]})
	})
	card.custom = cardSlice(a.custom, start)
	if !ok || !r.eat(']') {
		return card, errJSONRows
	}
	if bad != nil {
		return card, bad
	}
	return card, r.end()
}

// typedValue is a custom value as SQLite's typeof named it, read back
// from its JSON text: the same Go value a scan of the column gives
// (SQLite writes a real with as many digits as it takes to read it back
// exactly, TestContactCardKeepsEveryValue).
func typedValue(typ, text string) (any, error) {
	switch typ {
	case "integer":
		return strconv.ParseInt(text, 10, 64)
	case "real":
		f, err := strconv.ParseFloat(text, 64)
		if errors.Is(err, strconv.ErrRange) {
			err = nil // ±Inf, as stored
		}
		return f, err
	}
	return text, nil
}

// setCard puts a decoded card's rows on c.
func (c *Contact) setCard(card contactCard) {
	c.Emails, c.Phones, c.Tags = card.emails, card.phones, card.tags
	c.StoredCustom, c.CustomRead = card.custom, true
}
