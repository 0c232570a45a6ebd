package app

import (
	"context"
	"fmt"

	"rolo/store"
)

// completeFromJSON gives the records an import of a JSON document
// created what a CSV row cannot carry: text with a carriage return (see
// restoreCR); a contact's consent and
// keep-in-touch cadence; a deal's other contacts, when it entered its
// stage and closed, and its stage history. Records the import matched
// keep their own. References to what this database lacks (a user, a
// stage, a contact) are left out, as the CSV import leaves out an
// unknown owner.
func (a *App) completeFromJSON(ctx context.Context, d *Dump, entity, batchID string) error {
	records, err := store.ImportRecords(ctx, a.db.Reader(), batchID)
	if err != nil {
		return err
	}
	created := map[string]bool{}
	for _, r := range records {
		if r.Action == "created" && r.Entity == entity {
			created[r.RecordID] = true
		}
	}
	if len(created) == 0 {
		return nil
	}
	known := map[string]map[string]bool{}
	for _, table := range []string{"users", "stages", "contacts"} {
		rows, err := store.DumpTable(ctx, a.db.Reader(), table)
		if err != nil {
			return err
		}
		known[table] = map[string]bool{}
		for _, row := range rows {
			known[table][cell(row, "id")] = true
		}
	}
	orNull := func(table string, id *string) any {
		if id == nil || !known[table][*id] {
			return nil
		}
		return *id
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if err := a.restoreCR(ctx, tx, d, entity, created); err != nil {
			return err
		}
		w := dumpWriter{ctx: ctx, tx: tx}
		for _, c := range d.Contacts {
			if !created[c.ID] {
				continue
			}
			if k := c.Consent; k != nil {
				w.row("contact_consent", "contact_id, status, given_at, source, wording, do_not_contact, unsubscribed_at, updated_at",
					c.ID, k.Status, null(k.GivenAt), k.Source, k.Wording, flag(k.DoNotContact), null(k.UnsubscribedAt), k.UpdatedAt)
			}
			if k := c.KeepInTouch; k != nil && known["users"][k.User.ID] {
				w.row("keep_in_touch", "contact_id, every_days, user_id, last_touch_at, due_at, updated_at",
					c.ID, k.EveryDays, k.User.ID, k.LastTouchAt, k.DueAt, k.UpdatedAt)
			}
		}
		for _, dl := range d.Deals {
			if !created[dl.ID] || w.err != nil {
				continue
			}
			if err := store.RestoreDealTimes(ctx, tx, dl.ID, dl.StageEnteredAt, null(dl.ClosedAt), dl.Position); err != nil {
				return err
			}
			if err := store.ClearDealHistory(ctx, tx, dl.ID); err != nil {
				return err
			}
			for _, h := range dl.StageHistory {
				w.row("deal_stage_history", "id, deal_id, from_stage_id, to_stage_id, at, moved_by",
					h.ID, dl.ID, orNull("stages", h.FromStage), orNull("stages", h.ToStage), h.At, orNull("users", h.MovedBy))
			}
			for i, o := range dl.OtherContacts {
				if known["contacts"][o.ID] {
					w.row("deal_contacts", "deal_id, contact_id, position", dl.ID, o.ID, i)
				}
			}
		}
		return w.err
	})
}

// checkExtras checks, before anything is written, the parts of a
// per-kind document that completeFromJSON writes.
func checkExtras(d *Dump) error {
	c := &dumpCheck{}
	for i := range d.Contacts {
		c.contactExtras(fmt.Sprintf("contacts[%d]", i), &d.Contacts[i])
	}
	for i := range d.Deals {
		dl, at := &d.Deals[i], fmt.Sprintf("deals[%d]", i)
		c.time(at+".stage_entered_at", &dl.StageEnteredAt)
		c.maybeTime(at+".closed_at", dl.ClosedAt)
		for j := range dl.StageHistory {
			c.time(fmt.Sprintf("%s.stage_history[%d].at", at, j), &dl.StageHistory[j].At)
		}
	}
	if len(c.problems) > 0 {
		return &DumpError{c.problems}
	}
	return nil
}
