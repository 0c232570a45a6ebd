package app

import (
	"context"

	"rolo/store"
)

// kindEntity is the record each kind of row becomes.
var kindEntity = map[string]string{"companies": "company", "contacts": "contact", "deals": "deal", "activities": "activity", "notes": "activity"}

// findExisting marks the rows whose record is already here: an earlier
// run of this migration brought it (by the other CRM's id), or, for a
// company, one of the same name exists, or, for a person, a contact with
// the same email. Those are linked to, not added again.
func (m *migration) findExisting(ctx context.Context) error {
	q := m.a.db.Reader()
	known, err := store.MigrationIDs(ctx, q, m.opt.Source)
	if err != nil {
		return err
	}
	for _, kind := range migrationKinds {
		var ids []string
		for _, r := range m.rows[kind] {
			if r.ext != "" && known[kind][r.ext] != "" {
				ids = append(ids, known[kind][r.ext])
			}
		}
		live := map[string]bool{}
		if kind != "activities" && kind != "notes" && len(ids) > 0 {
			if live, err = store.LiveIDs(ctx, q, kindEntity[kind], ids); err != nil {
				return err
			}
		}
		for _, r := range m.rows[kind] {
			if r.refused {
				continue
			}
			if id := known[kind][r.ext]; r.ext != "" && id != "" && (live[id] || kind == "activities" || kind == "notes") {
				r.id, r.here, r.known = id, true, true
			}
			if r.ext != "" {
				if m.byExt[kind][r.ext] != nil {
					m.refuse(r, MigrationProblem{Message: "error.migration_id_repeated", Value: r.ext})
					continue
				}
				m.byExt[kind][r.ext] = r
			}
			if r.name != "" && m.byName[kind][r.name] == nil {
				m.byName[kind][r.name] = r
			}
			if kind == "contacts" {
				if c := r.rec.(*contactRow).c; c.DisplayName != "" && m.byName[kind][foldKey(c.DisplayName)] == nil {
					m.byName[kind][foldKey(c.DisplayName)] = r
				}
			}
		}
	}
	var names []string
	for _, r := range m.rows["companies"] {
		if !r.refused && !r.here && r.name != "" {
			names = append(names, r.name)
		}
	}
	byName, err := store.CompanyIDsBySortName(ctx, q, names)
	if err != nil {
		return err
	}
	for _, r := range m.rows["companies"] {
		if id := byName[r.name]; !r.refused && !r.here && id != "" {
			r.id, r.here = id, true
		}
	}
	return m.findContacts(ctx)
}

// findContacts matches persons to contacts here by email, a file at a
// time with a few queries per thousand rows.
func (m *migration) findContacts(ctx context.Context) error {
	rows := m.rows["contacts"]
	for start := 0; start < len(rows); start += 1000 {
		chunk := rows[start:min(start+1000, len(rows))]
		byImp := map[*importer][]*contactRow{}
		for _, r := range chunk {
			if !r.refused && !r.here {
				byImp[r.imp] = append(byImp[r.imp], r.rec.(*contactRow))
			}
		}
		for imp, recs := range byImp {
			found, err := imp.existing(ctx, m.a.db.Reader(), recs)
			if err != nil {
				return err
			}
			if len(found) == 0 {
				continue
			}
			for _, r := range chunk {
				if r.refused || r.here || r.imp != imp {
					continue
				}
				for _, k := range imp.matchKeys(r.rec.(*contactRow)) {
					if id := found[k]; id != "" {
						r.id, r.here = id, true
						break
					}
				}
			}
		}
	}
	return nil
}

// migLink is one link of a row: to a row of the export (written before
// it), or to a record already here.
type migLink struct {
	row *migRow
	id  string
}

func (l migLink) recordID() string {
	if l.row != nil {
		return l.row.id
	}
	return l.id
}

// resolve finds what a reference names: a row of the export by its id,
// else by name; a company by name among the companies here too. A
// reference that names nothing is left out with a warning.
func (m *migration) resolve(ctx context.Context, r *migRow, kind string, ref migRef, field string) []migLink {
	var out []migLink
	for _, id := range ref.ids {
		if t := m.byExt[kind][id]; t != nil && !t.refused {
			out = append(out, migLink{row: t})
		}
	}
	if len(out) == 0 && ref.name != "" {
		if t := m.byName[kind][foldKey(ref.name)]; t != nil && !t.refused {
			out = append(out, migLink{row: t})
		} else if kind == "companies" {
			found, err := store.CompanyIDsBySortName(ctx, m.a.db.Reader(), []string{foldKey(ref.name)})
			if err == nil && found[foldKey(ref.name)] != "" {
				out = append(out, migLink{id: found[foldKey(ref.name)]})
			}
		}
	}
	if len(out) == 0 && (len(ref.ids) > 0 || ref.name != "") {
		value := ref.name
		if len(ref.ids) > 0 {
			value = joinIDs(ref.ids)
		}
		m.warnRow(r, MigrationProblem{Field: field, Message: "error.migration_link_unknown", Value: value})
	}
	return out
}

func joinIDs(ids []string) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ";"
		}
		s += id
	}
	return s
}

// migLinks are a row's resolved links.
type migLinks struct {
	companies, contacts, deals []migLink
}

// link resolves every row's links; an activity that links to nothing
// is refused (an activity lives on its records' timelines).
func (m *migration) link(ctx context.Context) error {
	m.links = map[*migRow]*migLinks{}
	for _, kind := range []string{"contacts", "deals", "activities", "notes"} {
		for _, r := range m.rows[kind] {
			if r.refused {
				continue
			}
			l := &migLinks{}
			l.companies = m.resolve(ctx, r, "companies", r.company, "company")
			if kind != "contacts" {
				l.contacts = m.resolve(ctx, r, "contacts", r.contact, "contact")
			}
			if kind == "activities" || kind == "notes" {
				l.deals = m.resolve(ctx, r, "deals", r.deal, "deal")
				if len(l.companies)+len(l.contacts)+len(l.deals) == 0 {
					m.refuse(r, MigrationProblem{Message: "error.link_required"})
					continue
				}
			}
			m.links[r] = l
		}
	}
	return nil
}
