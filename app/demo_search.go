package app

import (
	"context"

	"rolo/store"
)

// demoSearch makes the demo's search entries while the records are made,
// on the goroutine that generates them, so the writer only stores them: a
// rebuild after the load read every record back, a quarter of a large
// demo. The entries are the ones a rebuild makes
// (TestDemoSearchEntriesMatchARebuild).
type demoSearch struct {
	contactFields, companyFields searchableFields
	companyNames                 map[string]string // id → name, filled as companies are made
}

func (a *App) newDemoSearch(ctx context.Context) (*demoSearch, error) {
	contact, err := searchableFieldsOf(ctx, a.db.Reader(), "contact")
	if err != nil {
		return nil, err
	}
	company, err := searchableFieldsOf(ctx, a.db.Reader(), "company")
	return &demoSearch{contactFields: contact, companyFields: company, companyNames: map[string]string{}}, err
}

func (s *demoSearch) company(c Company, values []store.CustomValue) store.SearchDoc {
	s.companyNames[c.ID] = c.Name
	return companyDoc(c, customTextOf(s.companyFields, c.ID, values))
}

// contact is c's entry, with the tags it gets.
func (s *demoSearch) contact(c Contact, tags []Tag, values []store.CustomValue) store.SearchDoc {
	c.Tags = tags
	doc := contactDoc(c, s.companyNames[c.CompanyID])
	appendCustomText(&doc, customTextOf(s.contactFields, c.ID, values))
	return doc
}

// customTextOf is the search text of one record's custom values.
func customTextOf(fields searchableFields, id string, values []store.CustomValue) string {
	if len(fields) == 0 || len(values) == 0 {
		return ""
	}
	return fields.text(customValuesFrom(fields, map[string][]store.CustomValue{id: values})[id])
}
