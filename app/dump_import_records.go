package app

import (
	"strings"

	"rolo/store"
)

// The records and the work of a restored document (see ImportAll). The
// columns a document leaves out are derived here as the app derives
// them: sort keys, E.164 phones, a task's due key.

func (w *dumpWriter) address(a DumpAddress) []any {
	return []any{a.Street, a.City, a.Region, a.PostalCode, a.Country}
}

func (w *dumpWriter) records(d *Dump) {
	for _, c := range d.Companies {
		vals := append([]any{c.ID, c.Name, foldKey(c.Name), c.Domain, c.Website, c.Industry, c.Size, c.Phone, NormalizePhone(c.Phone, w.region)},
			w.address(c.Address)...)
		w.row("companies", "id, name, sort_name, domain, website, industry, size, phone, phone_e164, address_street, address_city, address_region, "+
			"address_postal_code, address_country, owner_id, notes, created_at, updated_at", append(vals, refID(c.Owner), c.Notes, c.CreatedAt, c.UpdatedAt)...)
		w.tags("company_tags", "company_id", c.ID, c.Tags)
		w.custom("company", c.ID, c.Custom)
	}
	for _, c := range d.Contacts {
		social, err := rawJSON(listOrEmpty(c.Social))
		if err != nil {
			w.err = err
			return
		}
		vals := append([]any{c.ID, c.FirstName, c.LastName, c.DisplayName, foldKey(c.DisplayName), c.Title, refID(c.Company)}, w.address(c.Address)...)
		vals = append(vals, derefOr(c.Birthday), c.Website, string(social), c.LeadSource, c.LifecycleStatus, refID(c.Owner), c.Notes, c.CreatedAt, c.UpdatedAt)
		w.row("contacts", "id, first_name, last_name, display_name, sort_name, title, company_id, address_street, address_city, address_region, "+
			"address_postal_code, address_country, birthday, website, social, lead_source, lifecycle_status, owner_id, notes, created_at, updated_at", vals...)
		for i, e := range c.Emails {
			w.row("contact_emails", "contact_id, position, label, value", c.ID, i, e.Label, strings.ToLower(strings.TrimSpace(e.Value)))
		}
		for i, p := range c.Phones {
			w.row("contact_phones", "contact_id, position, label, value, e164", c.ID, i, p.Label, p.Value, NormalizePhone(p.Value, w.region))
		}
		w.tags("contact_tags", "contact_id", c.ID, c.Tags)
		w.custom("contact", c.ID, c.Custom)
		if p := c.Photo; p != nil {
			w.row("contact_photos", "contact_id, updated_at, data", c.ID, p.UpdatedAt, p.Data)
		}
		if k := c.Consent; k != nil {
			w.row("contact_consent", "contact_id, status, given_at, source, wording, do_not_contact, unsubscribed_at, updated_at",
				c.ID, k.Status, null(k.GivenAt), k.Source, k.Wording, flag(k.DoNotContact), null(k.UnsubscribedAt), k.UpdatedAt)
		}
		if k := c.KeepInTouch; k != nil {
			w.row("keep_in_touch", "contact_id, every_days, user_id, last_touch_at, due_at, updated_at",
				c.ID, k.EveryDays, k.User.ID, k.LastTouchAt, k.DueAt, k.UpdatedAt)
		}
	}
	for _, dl := range d.Deals {
		w.row("deals", "id, title, sort_title, value, currency, pipeline_id, stage_id, position, company_id, contact_id, owner_id, "+
			"expected_close_date, source, notes, status, lost_reason, closed_at, stage_entered_at, created_at, updated_at",
			dl.ID, dl.Title, foldKey(dl.Title), dl.Value.Minor, dl.Value.Currency, dl.Pipeline.ID, dl.Stage.ID, dl.Position,
			refID(dl.Company), refID(dl.Contact), refID(dl.Owner), derefOr(dl.ExpectedCloseDate), dl.Source, dl.Notes, dl.Status,
			dl.LostReason, null(dl.ClosedAt), dl.StageEnteredAt, dl.CreatedAt, dl.UpdatedAt)
		for i, o := range dl.OtherContacts {
			w.row("deal_contacts", "deal_id, contact_id, position", dl.ID, o.ID, i)
		}
		w.tags("deal_tags", "deal_id", dl.ID, dl.Tags)
		w.custom("deal", dl.ID, dl.Custom)
		for _, h := range dl.StageHistory {
			w.row("deal_stage_history", "id, deal_id, from_stage_id, to_stage_id, at, moved_by", h.ID, dl.ID, null(h.FromStage), null(h.ToStage), h.At, null(h.MovedBy))
		}
	}
}

func (w *dumpWriter) work(d *Dump) {
	for _, a := range d.Activities {
		var minutes any
		if a.DurationMinutes != nil {
			minutes = *a.DurationMinutes
		}
		w.row("activities", "id, type_id, occurred_at, duration_minutes, outcome, body, user_id, created_at, updated_at",
			a.ID, a.Type, a.OccurredAt, minutes, a.Outcome, a.Body, refID(a.User), a.CreatedAt, a.UpdatedAt)
		for _, l := range a.Links {
			w.row("activity_links", "entity, entity_id, activity_id, occurred_at", l.Entity, l.ID, a.ID, a.OccurredAt)
		}
	}
	for _, t := range d.Tasks {
		key := dueKey(Task{DueAt: store.ParseTime(derefOr(t.DueAt)), DueDate: derefOr(t.DueDate), TimeZone: t.TimeZone,
			SnoozedUntil: store.ParseTime(derefOr(t.SnoozedUntil))})
		w.row("tasks", "id, title, notes, due_at, due_date, time_zone, assignee_id, priority, done_at, done_by, recurrence, series_id, "+
			"series_start, occurrence, snoozed_until, due_key, remind_minutes, created_at, updated_at",
			t.ID, t.Title, t.Notes, null(t.DueAt), null(t.DueDate), t.TimeZone, refID(t.Assignee), t.Priority, null(t.DoneAt), null(t.DoneBy),
			t.Recurrence, null(t.SeriesID), null(t.SeriesStart), null(t.Occurrence), null(t.SnoozedUntil), key, t.RemindMinutes, t.CreatedAt, t.UpdatedAt)
		for _, l := range t.Links {
			w.row("task_links", "entity, entity_id, task_id", l.Entity, l.ID, t.ID)
		}
	}
	for _, s := range d.Segments {
		w.row("segments", "id, entity, name, query, shared, owner_id, created_at, updated_at",
			s.ID, s.Entity, s.Name, s.Query, flag(s.Shared), refID(s.Owner), s.CreatedAt, s.UpdatedAt)
	}
}
