package app

import "strings"

// The owners a migration's export names ("Deal - Owner", "Contact
// owner"…) and the users they become.

// splitOwner reads an owner as exports write one: "Name", "email",
// "Name (email)" or "Name <email>".
func splitOwner(key string) (name, email string) {
	key = strings.TrimSpace(key)
	for _, br := range []string{"()", "<>"} {
		if i := strings.LastIndexByte(key, br[0]); i >= 0 && strings.HasSuffix(key, br[1:]) {
			inner := strings.TrimSpace(key[i+1 : len(key)-1])
			if strings.Contains(inner, "@") {
				return strings.TrimSpace(key[:i]), inner
			}
		}
	}
	if strings.Contains(key, "@") && !strings.Contains(key, " ") {
		return "", key
	}
	return key, ""
}

// planOwners matches every owner the export names to a user: by the
// options' map, by email, by name; the rest own nothing.
func (m *migration) planOwners() error {
	p := map[string]string{}
	for _, kind := range migrationKinds {
		for _, r := range m.rows[kind] {
			if r.ownerKey == "" || r.refused {
				continue
			}
			o := m.owners[r.ownerKey]
			if o == nil {
				o = &MigrationOwner{Key: r.ownerKey}
				o.Name, o.Email = splitOwner(r.ownerKey)
				m.owners[r.ownerKey] = o
				if err := m.matchOwner(o); err != nil {
					p["owners."+r.ownerKey] = AsError(err).Message
				}
			}
			o.Records++
		}
	}
	for key := range m.opt.Owners { // a mapping for an owner the export does not name is a mistake worth saying
		if m.owners[key] == nil {
			p["owners."+key] = "error.migration_owner_not_in_export"
		}
	}
	if len(p) > 0 {
		return Invalid(p)
	}
	return nil
}

func (m *migration) matchOwner(o *MigrationOwner) error {
	if to, ok := m.opt.Owners[o.Key]; ok {
		o.MatchedBy = "map"
		if to = strings.TrimSpace(to); to == "" || strings.EqualFold(to, "none") {
			return nil
		}
		for _, u := range m.users {
			if u.ID == to || strings.EqualFold(u.Email, to) {
				o.UserID = u.ID
				return nil
			}
		}
		return errorf(EInvalid, "error.user_unknown")
	}
	for _, u := range m.users {
		if o.Email != "" && strings.EqualFold(u.Email, o.Email) {
			o.UserID, o.MatchedBy = u.ID, "email"
			return nil
		}
	}
	for _, u := range m.users {
		if o.Name != "" && foldKey(u.Name) == foldKey(o.Name) {
			o.UserID, o.MatchedBy = u.ID, "name"
			return nil
		}
	}
	return nil
}

// ownerOf is the user a row's owner became, "" for none.
func (m *migration) ownerOf(r *migRow) string {
	if r.imp != nil && r.imp.scope != "" {
		return r.imp.scope // who sees only their own records migrates records of their own
	}
	if o := m.owners[r.ownerKey]; o != nil {
		return o.UserID
	}
	return ""
}
