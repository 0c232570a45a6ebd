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

// decodeContactCard reads a card. Emails and phones are put
// in their stored positions' order, tags in name order, as every read of
// a contact gives them.
func decodeContactCard(s string) (contactCard, error) {
	var card contactCard
	r := jsonReader{s: s}
	if !r.eat('[') {
		return card, errJSONRows
	}
	own, ok := r.array(card.own[:0])
	if !ok || len(own) != len(card.own) || !r.eat(',') {
		return card, errJSONRows
	}
	id := card.own[0]
	var pos []string
	ok = r.rows(func(v []string) {
		if len(v) == 3 {
			pos = append(pos, v[0])
			card.emails = append(card.emails, Labeled{Label: v[1], Value: v[2]})
		}
	})
	inPositionOrder(pos, card.emails)
	pos = pos[:0]
	ok = ok && r.eat(',') && r.rows(func(v []string) {
		if len(v) == 4 {
			pos = append(pos, v[0])
			card.phones = append(card.phones, Phone{Label: v[1], Value: v[2], E164: v[3]})
		}
	})
	inPositionOrder(pos, card.phones)
	ok = ok && r.eat(',') && r.rows(func(v []string) {
		if len(v) == 4 {
			card.tags = append(card.tags, Tag{ID: v[0], Name: v[1], Key: v[2], Color: v[3]})
		}
	})
	sortTags(card.tags)
	var bad error
	ok = ok && r.eat(',') && r.rows(func(v []string) {
		if len(v) != 4 {
			return
		}
		value, err := typedValue(v[1], v[2])
		if err != nil {
			bad = err
		}
		card.custom = append(card.custom, CustomValue{FieldID: v[0], RecordID: id, Value: value, Currency: v[3]})
	})
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
