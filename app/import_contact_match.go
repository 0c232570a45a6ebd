package app

import (
	"context"
	"strings"

	"rolo/store"
)

// matchKeys are the keys that find this row's contact, strongest first.
func (imp *importer) matchKeys(r *contactRow) []string {
	if r.prepared {
		return r.keys
	}
	return imp.keysOf(r)
}

func (imp *importer) keysOf(r *contactRow) []string {
	var keys []string
	if r.id != "" {
		keys = append(keys, "id:"+r.id)
	}
	for _, m := range imp.opt.Match {
		switch m {
		case "email":
			for _, e := range r.c.Emails {
				keys = append(keys, "email:"+e.Value)
			}
		case "phone":
			for _, p := range r.c.Phones {
				if p.E164 != "" {
					keys = append(keys, "phone:"+p.E164)
				}
			}
		case "name":
			keys = append(keys, "name:"+r.c.SortName+"\x00"+r.companyKeyOf())
		}
	}
	return keys
}

// classifyContact tells whether a contact row of a dry run matches a
// stored contact or one an earlier row creates (see classify).
func (imp *importer) classifyContact(ctx context.Context, r *contactRow) bool {
	keys := imp.matchKeys(r)
	found := false
	for _, k := range keys {
		found = found || imp.seen[k]
	}
	if !found {
		m, err := imp.existing(ctx, imp.a.db.Reader(), []*contactRow{r})
		found = err == nil && len(m) > 0
	}
	for _, k := range keys {
		imp.seen[k] = true
	}
	return found
}

// existing finds stored contacts for the rows' keys, with a handful of
// queries for the whole chunk. Name keys compare the company by its
// folded name.
func (imp *importer) existing(ctx context.Context, q store.Querier, rows []*contactRow) (map[string]string, error) {
	var ids, emails, phones, names []string
	for _, r := range rows {
		for _, k := range imp.matchKeys(r) {
			kind, v, _ := strings.Cut(k, ":")
			switch kind {
			case "id":
				ids = append(ids, v)
			case "email":
				emails = append(emails, v)
			case "phone":
				phones = append(phones, v)
			case "name":
				names = append(names, strings.Split(v, "\x00")[0])
			}
		}
	}
	found := map[string]string{}
	if len(ids) > 0 {
		live, err := store.ContactsByIDs(ctx, q, ids)
		if err != nil {
			return nil, err
		}
		for _, c := range live {
			imp.takenIDs[c.ID] = true
			if !c.Trashed() {
				found["id:"+c.ID] = c.ID
			}
		}
	}
	for _, m := range []struct {
		kind   string
		values []string
		find   func(context.Context, store.Querier, []string) (map[string]string, error)
	}{{"email", emails, store.ContactIDsByEmails}, {"phone", phones, store.ContactIDsByPhone}} {
		byValue, err := m.find(ctx, q, m.values)
		if err != nil {
			return nil, err
		}
		for v, id := range byValue {
			found[m.kind+":"+v] = id
		}
	}
	if len(names) > 0 {
		byName, err := store.ContactIDsByName(ctx, q, names)
		if err != nil {
			return nil, err
		}
		companyIDs := map[string]string{} // company id → folded name
		for key := range byName {
			if _, co, _ := strings.Cut(key, "\x00"); co != "" {
				companyIDs[co] = ""
			}
		}
		if len(companyIDs) > 0 {
			list := make([]string, 0, len(companyIDs))
			for id := range companyIDs {
				list = append(list, id)
			}
			named, err := store.CompanyNames(ctx, q, list)
			if err != nil {
				return nil, err
			}
			for id, n := range named {
				companyIDs[id] = foldKey(n)
			}
		}
		for key, id := range byName {
			name, co, _ := strings.Cut(key, "\x00")
			found["name:"+name+"\x00"+companyIDs[co]] = id
		}
	}
	return found, imp.keepSeen(ctx, q, "contact", found)
}

// newContactID gives a new contact of row r its id: the row's own, with
// its times (Rolo's own export, so a fresh database gets the same
// contacts), unless another contact has it, live or trashed (existing
// has looked); else a new one.
func (imp *importer) newContactID(r *contactRow) {
	if id := keptID(r.id); id != "" && !imp.takenIDs[id] {
		r.c.ID, r.c.CreatedAt, r.c.UpdatedAt = id, r.stamp.CreatedAt, r.stamp.UpdatedAt
		return
	}
	r.c.ID = imp.a.cfg.NewID()
}

// keepSeen drops from found (key → record id) the records of kind the
// importing user may not see: another user's record is not matched, so
// an import neither writes to it nor links to it.
func (imp *importer) keepSeen(ctx context.Context, q store.Querier, kind string, found map[string]string) error {
	if imp.scope == "" || len(found) == 0 {
		return nil
	}
	var ids []string
	for _, id := range found {
		ids = append(ids, id)
	}
	own, err := store.OwnedIDs(ctx, q, kind, ids, imp.scope)
	if err != nil {
		return err
	}
	mine := map[string]bool{}
	for _, id := range own {
		mine[id] = true
	}
	for k, id := range found {
		if !mine[id] {
			delete(found, k)
		}
	}
	return nil
}
