package app

import (
	"bytes"
	"fmt"
	"image/jpeg"
	"strings"
)

// The checks of each part of a document (see validateDump).

func (c *dumpCheck) checkSettings(d *Dump) {
	emails := map[string]bool{}
	for i := range d.Users {
		u, at := &d.Users[i], fmt.Sprintf("users[%d]", i)
		c.id("users", at, u.ID)
		c.users[u.ID] = true
		email := strings.ToLower(strings.TrimSpace(u.Email))
		switch {
		case email == "" || !strings.Contains(email, "@"):
			c.bad(at+".email", "must be an email address, not %q", u.Email)
		case emails[email]:
			c.bad(at+".email", "%q belongs to an earlier user too", u.Email)
		}
		emails[email] = true
		if !Role(u.Role).Valid() {
			c.bad(at+".role", "is not a role: %q", u.Role)
		}
		c.maybeTime(at+".disabled_at", u.DisabledAt)
		c.maybeTime(at+".last_login_at", u.LastLoginAt)
		c.stamps(at, &u.CreatedAt, &u.UpdatedAt)
	}
	for i := range d.Tags {
		t, at := &d.Tags[i], fmt.Sprintf("tags[%d]", i)
		c.id("tags", at, t.ID)
		key := foldKey(t.Name)
		switch {
		case key == "":
			c.bad(at+".name", "is empty")
		case c.tags[key]:
			c.bad(at+".name", "%q is the name of an earlier tag too (names ignore case)", t.Name)
		}
		c.tags[key] = true
		c.stamps(at, &t.CreatedAt, &t.UpdatedAt)
	}
	for i := range d.CustomFields {
		f, at := &d.CustomFields[i], fmt.Sprintf("custom_fields[%d]", i)
		c.id("custom_fields", at, f.ID)
		c.oneOf(at+".entity", f.Entity, []string{"contact", "company", "deal"})
		c.oneOf(at+".type", f.Type, FieldTypes)
		if c.fields[f.Entity] == nil {
			c.fields[f.Entity] = map[string]DumpCustomField{}
		}
		if _, dup := c.fields[f.Entity][f.Key]; dup || f.Key == "" {
			c.bad(at+".key", "must be given and unique among the %s fields: %q", f.Entity, f.Key)
		}
		c.fields[f.Entity][f.Key] = *f
		labels := map[string]bool{}
		for j, o := range f.Options {
			c.id("custom_field_options", fmt.Sprintf("%s.options[%d]", at, j), o.ID)
			if labels[o.Label] {
				c.bad(fmt.Sprintf("%s.options[%d].label", at, j), "%q is an earlier option's label too", o.Label)
			}
			labels[o.Label] = true
		}
		c.stamps(at, &f.CreatedAt, &f.UpdatedAt)
	}
	for i := range d.ActivityTypes {
		t, at := &d.ActivityTypes[i], fmt.Sprintf("activity_types[%d]", i)
		c.id("activity_types", at, t.ID)
		c.maybeTime(at+".archived_at", t.ArchivedAt)
		c.stamps(at, &t.CreatedAt, &t.UpdatedAt)
	}
	for i := range d.Pipelines {
		p, at := &d.Pipelines[i], fmt.Sprintf("pipelines[%d]", i)
		c.id("pipelines", at, p.ID)
		if p.Name == "" && p.NameKey == "" {
			c.bad(at+".name", "is empty, and so is name_key")
		}
		c.maybeTime(at+".archived_at", p.ArchivedAt)
		c.stamps(at, &p.CreatedAt, &p.UpdatedAt)
		for j := range p.Stages {
			s, sat := &p.Stages[j], fmt.Sprintf("%s.stages[%d]", at, j)
			c.id("stages", sat, s.ID)
			c.stages[s.ID] = p.ID
			if s.Name == "" && s.NameKey == "" {
				c.bad(sat+".name", "is empty, and so is name_key")
			}
			if s.Probability < 0 || s.Probability > 100 {
				c.bad(sat+".probability", "must be from 0 to 100, not %d", s.Probability)
			}
			if s.RotDays != nil && *s.RotDays <= 0 {
				c.bad(sat+".rot_days", "must be null or more than 0, not %d", *s.RotDays)
			}
			c.oneOf(sat+".kind", s.Kind, []string{"open", "won", "lost"})
			c.maybeTime(sat+".archived_at", s.ArchivedAt)
			c.stamps(sat, &s.CreatedAt, &s.UpdatedAt)
		}
	}
}

func (c *dumpCheck) checkRecords(d *Dump) {
	for i := range d.Companies {
		co, at := &d.Companies[i], fmt.Sprintf("companies[%d]", i)
		c.id("companies", at, co.ID)
		if strings.TrimSpace(co.Name) == "" {
			c.bad(at+".name", "is empty")
		}
		c.user(at+".owner", co.Owner)
		c.tagNames(at+".tags", co.Tags)
		c.custom("company", at+".custom", co.Custom)
		c.stamps(at, &co.CreatedAt, &co.UpdatedAt)
	}
	for i := range d.Contacts {
		c.id("contacts", fmt.Sprintf("contacts[%d]", i), d.Contacts[i].ID)
	}
	for i := range d.Contacts {
		p, at := &d.Contacts[i], fmt.Sprintf("contacts[%d]", i)
		if strings.TrimSpace(p.DisplayName) == "" {
			c.bad(at+".display_name", "is empty")
		}
		c.record("companies", at+".company", p.Company)
		for j, e := range p.Emails {
			if strings.TrimSpace(e.Value) == "" {
				c.bad(fmt.Sprintf("%s.emails[%d].value", at, j), "is empty")
			}
		}
		for j, ph := range p.Phones {
			if strings.TrimSpace(ph.Value) == "" {
				c.bad(fmt.Sprintf("%s.phones[%d].value", at, j), "is empty")
			}
		}
		if p.Birthday != nil {
			if _, ok := normalizeBirthday(*p.Birthday); !ok {
				c.bad(at+".birthday", "must be YYYY-MM-DD or --MM-DD, not %q", *p.Birthday)
			}
		}
		c.oneOf(at+".lifecycle_status", p.LifecycleStatus, LifecycleStatuses)
		c.user(at+".owner", p.Owner)
		c.tagNames(at+".tags", p.Tags)
		c.custom("contact", at+".custom", p.Custom)
		c.contactExtras(at, p)
		if k := p.KeepInTouch; k != nil {
			c.user(at+".keep_in_touch.user", &k.User)
		}
		c.stamps(at, &p.CreatedAt, &p.UpdatedAt)
	}
	places := map[[2]string]bool{}
	for i := range d.Deals {
		dl, at := &d.Deals[i], fmt.Sprintf("deals[%d]", i)
		c.id("deals", at, dl.ID)
		if strings.TrimSpace(dl.Title) == "" {
			c.bad(at+".title", "is empty")
		}
		if dl.Value.Minor < 0 {
			c.bad(at+".value.minor", "must not be negative")
		}
		if len(dl.Value.Currency) != 3 {
			c.bad(at+".value.currency", "must be a three-letter currency code, not %q", dl.Value.Currency)
		}
		c.record("pipelines", at+".pipeline", &dl.Pipeline)
		if p, ok := c.stages[dl.Stage.ID]; !ok || p != dl.Pipeline.ID {
			c.bad(at+".stage.id", "no stage %q in the deal's pipeline", dl.Stage.ID)
		}
		if places[[2]string{dl.Stage.ID, dl.Position}] {
			c.bad(at+".position", "%q is an earlier deal's place in the same stage", dl.Position)
		}
		places[[2]string{dl.Stage.ID, dl.Position}] = true
		c.oneOf(at+".status", dl.Status, []string{"open", "won", "lost"})
		if (dl.Status == "open") != (dl.ClosedAt == nil) {
			c.bad(at+".closed_at", "must be null exactly when the deal is open")
		}
		c.maybeTime(at+".closed_at", dl.ClosedAt)
		c.time(at+".stage_entered_at", &dl.StageEnteredAt)
		c.record("companies", at+".company", dl.Company)
		c.record("contacts", at+".contact", dl.Contact)
		for j := range dl.OtherContacts {
			c.record("contacts", fmt.Sprintf("%s.other_contacts[%d]", at, j), &dl.OtherContacts[j])
		}
		c.user(at+".owner", dl.Owner)
		c.date(at+".expected_close_date", dl.ExpectedCloseDate)
		c.tagNames(at+".tags", dl.Tags)
		c.custom("deal", at+".custom", dl.Custom)
		for j := range dl.StageHistory {
			h, hat := &dl.StageHistory[j], fmt.Sprintf("%s.stage_history[%d]", at, j)
			c.id("stage_history", hat, h.ID)
			for name, s := range map[string]*string{"from_stage_id": h.FromStage, "to_stage_id": h.ToStage} {
				if _, ok := c.stages[derefOr(s)]; s != nil && !ok {
					c.bad(hat+"."+name, "no stage %q in the document", *s)
				}
			}
			c.time(hat+".at", &h.At)
			c.userID(hat+".moved_by", h.MovedBy)
		}
		c.stamps(at, &dl.CreatedAt, &dl.UpdatedAt)
	}
}

// contactExtras checks a contact's photo, consent and keep-in-touch
// cadence. A photo is kept as the document has it, so that a restore
// gives the same bytes back, but only when it is what Rolo stores: a
// JPEG of at most photoSide pixels a side (every photo that comes in
// otherwise is re-encoded to that, see photo.go).
func (c *dumpCheck) contactExtras(at string, p *DumpContact) {
	if ph := p.Photo; ph != nil {
		img, err := jpeg.Decode(bytes.NewReader(ph.Data))
		if err != nil || img.Bounds().Dx() > photoSide || img.Bounds().Dy() > photoSide {
			c.bad(at+".photo.data", "is not a photo as Rolo stores them (a JPEG of at most %d pixels a side)", photoSide)
		}
		c.time(at+".photo.updated_at", &ph.UpdatedAt)
	}
	if k := p.Consent; k != nil {
		c.oneOf(at+".consent.status", k.Status, ConsentStatuses)
		c.maybeTime(at+".consent.given_at", k.GivenAt)
		c.maybeTime(at+".consent.unsubscribed_at", k.UnsubscribedAt)
		c.time(at+".consent.updated_at", &k.UpdatedAt)
	}
	if k := p.KeepInTouch; k != nil {
		if k.EveryDays < 1 || k.EveryDays > 3650 {
			c.bad(at+".keep_in_touch.every_days", "must be from 1 to 3650, not %d", k.EveryDays)
		}
		c.time(at+".keep_in_touch.last_touch_at", &k.LastTouchAt)
		c.time(at+".keep_in_touch.due_at", &k.DueAt)
		c.time(at+".keep_in_touch.updated_at", &k.UpdatedAt)
	}
}

func derefOr(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func (c *dumpCheck) links(path string, links []DumpLink) {
	kinds := map[string]string{"contact": "contacts", "company": "companies", "deal": "deals"}
	for i, l := range links {
		at := fmt.Sprintf("%s[%d]", path, i)
		// a link may name a record in the trash, which the document leaves out
		if _, ok := kinds[l.Entity]; !ok {
			c.bad(at+".entity", "must be contact, company or deal, not %q", l.Entity)
		} else if l.ID == "" {
			c.bad(at+".id", "is empty")
		}
	}
}

func (c *dumpCheck) checkWork(d *Dump) {
	for i := range d.Activities {
		a, at := &d.Activities[i], fmt.Sprintf("activities[%d]", i)
		c.id("activities", at, a.ID)
		if !c.ids["activity_types"][a.Type] {
			c.bad(at+".type", "no activity type %q in the document's activity_types", a.Type)
		}
		c.time(at+".occurred_at", &a.OccurredAt)
		c.user(at+".user", a.User)
		c.links(at+".links", a.Links)
		c.stamps(at, &a.CreatedAt, &a.UpdatedAt)
	}
	for i := range d.Tasks {
		t, at := &d.Tasks[i], fmt.Sprintf("tasks[%d]", i)
		c.id("tasks", at, t.ID)
		if strings.TrimSpace(t.Title) == "" {
			c.bad(at+".title", "is empty")
		}
		if t.DueAt != nil && t.DueDate != nil {
			c.bad(at+".due_date", "must be null when due_at is given")
		}
		c.maybeTime(at+".due_at", t.DueAt)
		c.date(at+".due_date", t.DueDate)
		c.user(at+".assignee", t.Assignee)
		c.oneOf(at+".priority", t.Priority, []string{"low", "normal", "high"})
		c.maybeTime(at+".done_at", t.DoneAt)
		c.userID(at+".done_by", t.DoneBy)
		c.maybeTime(at+".snoozed_until", t.SnoozedUntil)
		c.links(at+".links", t.Links)
		c.stamps(at, &t.CreatedAt, &t.UpdatedAt)
	}
	for i := range d.Segments {
		s, at := &d.Segments[i], fmt.Sprintf("segments[%d]", i)
		c.id("segments", at, s.ID)
		c.oneOf(at+".entity", s.Entity, []string{"contact", "company", "deal"})
		c.user(at+".owner", s.Owner)
		c.stamps(at, &s.CreatedAt, &s.UpdatedAt)
	}
}
