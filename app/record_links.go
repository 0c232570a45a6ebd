package app

import (
	"context"

	"rolo/store"
)

// LinkedCompanyName names the company of a contact or deal that actor may
// see, also when actor may not open the company itself (a user limited
// to their own records, at a colleague's company): pages then name it as
// plain text instead of hiding it or linking to a page that answers 404.
func (a *App) LinkedCompanyName(ctx context.Context, actor Actor, ref RecordRef) (string, error) {
	area := AreaContacts
	if ref.Entity == "deal" {
		area = AreaDeals
	}
	if err := a.can(actor, area, LevelView); err != nil {
		return "", err
	}
	q := a.db.Reader()
	if err := a.checkRecordVisible(ctx, q, actor, ref.Entity, ref.ID); err != nil {
		return "", err
	}
	var companyID string
	switch ref.Entity {
	case "contact":
		c, err := store.ContactByID(ctx, q, ref.ID)
		if err != nil {
			return "", err
		}
		companyID = c.CompanyID
	case "deal":
		d, err := store.DealByID(ctx, q, ref.ID)
		if err != nil {
			return "", err
		}
		companyID = d.CompanyID
	default:
		return "", notVisible(ref.Entity)
	}
	if companyID == "" {
		return "", nil
	}
	company := RecordRef{Entity: "company", ID: companyID}
	names, err := store.RecordNames(ctx, q, []RecordRef{company})
	return names[company], err
}
