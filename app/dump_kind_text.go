package app

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"rolo/store"
)

// A JSON import goes through a CSV table, and encoding/csv reads a CR LF
// inside a quoted cell as LF. restoreCR gives the records the import
// created their document's text back wherever it held a carriage return.
func (a *App) restoreCR(ctx context.Context, tx *store.Tx, d *Dump, entity string, created map[string]bool) error {
	fields, err := a.newExporter(ctx, entity)
	if err != nil {
		return err
	}
	fieldIDs := map[string]string{}
	for _, f := range fields.custom {
		if f.Type != "number" && f.Type != "money" && f.Type != "bool" && f.Type != "select" && f.Type != "multi_select" {
			fieldIDs[f.Key] = f.ID
		}
	}
	table := map[string]string{"contact": "contacts", "company": "companies", "deal": "deals"}[entity]
	each := func(id string, texts map[string]string, custom DumpCustom) error {
		if !created[id] {
			return nil
		}
		var cols []string
		var vals []any
		for _, col := range slices.Sorted(maps.Keys(texts)) {
			if strings.Contains(texts[col], "\r") {
				cols, vals = append(cols, col), append(vals, texts[col])
			}
		}
		if len(cols) > 0 {
			if err := store.RestoreText(ctx, tx, table, id, cols, vals); err != nil {
				return err
			}
		}
		for key, raw := range custom {
			var s string
			if fieldIDs[key] == "" || json.Unmarshal(raw, &s) != nil || !strings.Contains(s, "\r") {
				continue
			}
			if err := store.RestoreCustomText(ctx, tx, fieldIDs[key], id, s); err != nil {
				return err
			}
		}
		return nil
	}
	switch entity {
	case "company":
		for _, c := range d.Companies {
			if err := each(c.ID, multiline(c.Notes, c.Address), c.Custom); err != nil {
				return err
			}
		}
	case "contact":
		for _, c := range d.Contacts {
			if err := each(c.ID, multiline(c.Notes, c.Address), c.Custom); err != nil {
				return err
			}
		}
	case "deal":
		for _, dl := range d.Deals {
			if err := each(dl.ID, map[string]string{"notes": dl.Notes, "lost_reason": dl.LostReason}, dl.Custom); err != nil {
				return err
			}
		}
	}
	return nil
}

// multiline are the columns of a contact or company that may hold lines.
func multiline(notes string, a DumpAddress) map[string]string {
	return map[string]string{"notes": notes, "address_street": a.Street, "address_city": a.City, "address_region": a.Region,
		"address_postal_code": a.PostalCode, "address_country": a.Country}
}
