package store

import (
	"context"
)

// A page of whole contacts reads its emails, phones and tags after the
// page, in one statement over the page's ids, instead of three correlated
// subqueries in each of the page's rows: SQLite then opens each child
// table's cursor once per page rather than once per contact, and builds
// three JSON arrays rather than three per contact (issue 18: the
// subqueries were about 60 % of the list statement).

// ContactChildrenSQL reads the emails, phones and tags of the contacts
// whose ids are its one parameter (a JSON array) as three JSON rows
// columns, each row led by its contact's id. Its text never varies, so
// the reader pool prepares it once per connection. Each subquery walks the
// ids as given (CROSS JOIN keeps json_each outside) and seeks the child's
// index for each: measured faster than "contact_id IN (SELECT value FROM
// json_each(?1))", which first copies the ids into a sorted temporary
// table for each kind.
const ContactChildrenSQL = `SELECT
	(SELECT json_group_array(json_array(e.contact_id, e.position, e.label, e.value))
		FROM json_each(?1) j CROSS JOIN contact_emails e ON e.contact_id = j.value),
	(SELECT json_group_array(json_array(p.contact_id, p.position, p.label, p.value, p.e164))
		FROM json_each(?1) j CROSS JOIN contact_phones p ON p.contact_id = j.value),
	(SELECT json_group_array(json_array(l.contact_id, t.id, t.name, t.name_key, t.color))
		FROM json_each(?1) j CROSS JOIN contact_tags l ON l.contact_id = j.value JOIN tags t ON t.id = l.tag_id)`

// fillContactChildren sets the emails, phones and tags of cs from one
// ContactChildrenSQL statement.
func fillContactChildren(ctx context.Context, q Querier, cs []Contact) error {
	if len(cs) == 0 {
		return nil
	}
	ids := make([]string, len(cs))
	at := make(map[string]int, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
		at[c.ID] = i
	}
	var emails, phones, tags string
	if err := q.QueryRowContext(ctx, ContactChildrenSQL, jsonIDs(ids)).Scan(&emails, &phones, &tags); err != nil {
		return err
	}
	// Each contact's emails and phones, with their stored positions, are
	// put in position order afterwards, as one contact's read does.
	emailPos := make([][]string, len(cs))
	err := jsonRows(emails, func(v []string) {
		if i, ok := at[v[0]]; ok && len(v) == 4 {
			emailPos[i] = append(emailPos[i], v[1])
			cs[i].Emails = append(cs[i].Emails, Labeled{Label: v[2], Value: v[3]})
		}
	})
	if err != nil {
		return err
	}
	phonePos := make([][]string, len(cs))
	err = jsonRows(phones, func(v []string) {
		if i, ok := at[v[0]]; ok && len(v) == 5 {
			phonePos[i] = append(phonePos[i], v[1])
			cs[i].Phones = append(cs[i].Phones, Phone{Label: v[2], Value: v[3], E164: v[4]})
		}
	})
	if err != nil {
		return err
	}
	err = jsonRows(tags, func(v []string) {
		if i, ok := at[v[0]]; ok && len(v) == 5 {
			cs[i].Tags = append(cs[i].Tags, Tag{ID: v[1], Name: v[2], Key: v[3], Color: v[4]})
		}
	})
	for i := range cs {
		inPositionOrder(emailPos[i], cs[i].Emails)
		inPositionOrder(phonePos[i], cs[i].Phones)
		sortTags(cs[i].Tags)
	}
	return err
}
