package app

import (
	"context"
	"math/rand/v2"
	"time"

	"rolo/store"
)

// demoFieldSet is the custom fields a demo fills, to show them off in
// forms, lists, filters and sorts: seats (number), plan (select) and
// renewal (date) on contacts, region (select) on companies.
type demoFieldSet struct {
	seats, plan, renewal, region CustomField
}

func (a *App) createDemoFields(ctx context.Context) (demoFieldSet, error) {
	var s demoFieldSet
	for _, f := range []struct {
		into   *CustomField
		entity string
		in     FieldInput
	}{
		{&s.seats, "contact", FieldInput{Key: "seats", Label: "Seats", Type: "number", Group: "Account", Help: "Licences in use"}},
		{&s.plan, "contact", FieldInput{Key: "plan", Label: "Plan", Type: "select", Group: "Account",
			Options: []FieldOption{{Label: "Free"}, {Label: "Pro"}, {Label: "Enterprise"}}}},
		{&s.renewal, "contact", FieldInput{Key: "renewal", Label: "Renewal date", Type: "date", Group: "Account"}},
		{&s.region, "company", FieldInput{Key: "region", Label: "Region", Type: "select",
			Options: []FieldOption{{Label: "Americas"}, {Label: "EMEA"}, {Label: "APAC"}}}},
	} {
		field, err := a.CreateCustomField(ctx, nil, f.entity, f.in)
		if err != nil {
			return s, err
		}
		*f.into = field
	}
	return s, nil
}

// contactValues draws a contact's custom values: three in five have a
// plan and seats; customers on a paid plan renew within the next year.
func (s demoFieldSet) contactValues(rng *rand.Rand, c store.Contact, now time.Time) []store.CustomValue {
	if rng.IntN(5) >= 3 {
		return nil
	}
	plan := rng.IntN(len(s.plan.Options))
	out := []store.CustomValue{
		{FieldID: s.plan.ID, RecordID: c.ID, Value: s.plan.Options[plan].ID},
		{FieldID: s.seats.ID, RecordID: c.ID, Value: float64(1 + rng.IntN([]int{3, 50, 500}[plan]))},
	}
	if plan > 0 && c.LifecycleStatus == "customer" {
		renewal := now.AddDate(0, 0, rng.IntN(365)).Format(time.DateOnly)
		out = append(out, store.CustomValue{FieldID: s.renewal.ID, RecordID: c.ID, Value: renewal})
	}
	return out
}

// companyValue draws a company's region.
func (s demoFieldSet) companyValue(rng *rand.Rand, companyID string) store.CustomValue {
	return store.CustomValue{FieldID: s.region.ID, RecordID: companyID, Value: s.region.Options[rng.IntN(len(s.region.Options))].ID}
}
