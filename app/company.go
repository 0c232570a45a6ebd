package app

import (
	"context"
	"errors"
	"strings"

	"rolo/store"
)

// Company is an organisation, as stored.
type Company = store.Company

// CompanySizes are the head-count bands offered in forms.
var CompanySizes = []string{"1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5000+"}

// CompanyInput is everything a form or the API says about a company.
type CompanyInput struct {
	Name     string
	Domain   string
	Website  string
	Industry string
	Size     string
	Phone    string
	Address  store.Address
	OwnerID  string // see ContactInput
	NoOwner  bool   // see ContactInput
	Notes    string
	Tags     []string
	// CustomFields: see ContactInput.
	CustomFields CustomValues
}

// CompanyInputOf turns a stored company back into input for partial updates.
func CompanyInputOf(c Company) CompanyInput {
	in := CompanyInput{Name: c.Name, Domain: c.Domain, Website: c.Website, Industry: c.Industry, Size: c.Size,
		Phone: c.Phone.Value, Address: c.Address, OwnerID: c.OwnerID, Notes: c.Notes, CustomFields: c.CustomFields}
	for _, t := range c.Tags {
		in.Tags = append(in.Tags, t.Name)
	}
	return in
}

func (a *App) validateCompany(ctx context.Context, q store.Querier, in CompanyInput) (Company, []string, error) {
	p := map[string]string{}
	text := func(field, s string, max int, multiline bool) string {
		out, problem := cleanText(s, max, multiline)
		if problem != "" {
			p[field] = problem
		}
		return out
	}
	c := Company{
		Name:     text("name", in.Name, 300, false),
		Industry: text("industry", in.Industry, 200, false),
		Notes:    text("notes", in.Notes, maxNotes, true),
		Address: store.Address{
			Street:     text("address.street", in.Address.Street, 500, true),
			City:       text("address.city", in.Address.City, 200, false),
			Region:     text("address.region", in.Address.Region, 200, false),
			PostalCode: text("address.postal_code", in.Address.PostalCode, 40, false),
			Country:    text("address.country", in.Address.Country, 100, false),
		},
	}
	if c.Name == "" && p["name"] == "" {
		p["name"] = "error.required"
	}
	var ok bool
	if c.Website, ok = normalizeURL(in.Website); !ok {
		p["website"] = "error.url_invalid"
	}
	c.Domain = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(in.Domain), "www."))
	if c.Domain == "" && c.Website != "" {
		c.Domain = domainOf(c.Website)
	}
	if c.Domain != "" {
		if d, ok := normalizeURL(c.Domain); !ok || domainOf(d) != c.Domain {
			p["domain"] = "error.domain_invalid"
		}
	}
	c.Size = strings.TrimSpace(in.Size)
	if c.Size != "" && !contains(CompanySizes, c.Size) {
		p["size"] = "error.size_invalid"
	}
	if phone, problem := cleanText(in.Phone, 50, false); problem != "" {
		p["phone"] = problem
	} else if phone != "" {
		c.Phone = store.Phone{Value: phone, E164: NormalizePhone(phone, a.phoneRegion(ctx, q))}
	}
	c.SortName = foldKey(c.Name)
	c.OwnerID = strings.TrimSpace(in.OwnerID)
	if err := checkOwner(ctx, q, c.OwnerID, p); err != nil {
		return c, nil, err
	}
	tags, problem := cleanTagNames(in.Tags)
	if problem != "" {
		p["tags"] = problem
	}
	if len(p) > 0 {
		return c, nil, Invalid(p)
	}
	return c, tags, nil
}

// CreateCompany validates in and stores a new company.
func (a *App) CreateCompany(ctx context.Context, actor Actor, in CompanyInput) (Company, error) {
	if err := a.can(actor, AreaContacts, LevelCreate); err != nil {
		return Company{}, err
	}
	var id string
	in.OwnerID = newOwner(actor, in.OwnerID, in.NoOwner)
	ctx = a.withRegionOf(ctx, actor) // its phone is read in the region of who types it
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		c, tagNames, err := a.validateCompany(ctx, tx, in)
		if err != nil {
			return err
		}
		c.ID, c.CreatedBy = a.cfg.NewID(), actorID(actor)
		id = c.ID
		if err := store.InsertCompany(ctx, tx, c); err != nil {
			return err
		}
		tags, custom, err := a.saveTagsAndCustom(ctx, tx, actor, "company", c.ID, tagNames, in.CustomFields, true)
		if err != nil {
			return err
		}
		c.Tags = tags
		if err := a.indexCompany(ctx, tx, c.ID); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionCompanyCreated, Entity: "company", ID: c.ID, Name: c.Name,
			Fields: withCustom(companyFields(c), custom), Owner: c.OwnerID})
	})
	if err != nil {
		return Company{}, err
	}
	return a.Company(ctx, actor, id)
}

// Company loads one company, trashed or not.
func (a *App) Company(ctx context.Context, actor Actor, id string) (Company, error) {
	c, err := a.CompanyBasics(ctx, actor, id)
	if err != nil {
		return c, err
	}
	one := []Company{c}
	if err = a.fillCompanies(ctx, one); err != nil {
		return one[0], err
	}
	return one[0], a.hideFields(ctx, actor, "company", one[0].CustomFields)
}

// UpdateCompany replaces a company's fields, refusing a stale version.
func (a *App) UpdateCompany(ctx context.Context, actor Actor, id string, version int, in CompanyInput) (Company, error) {
	if err := a.can(actor, AreaContacts, LevelEdit); err != nil {
		return Company{}, err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "company", id); err != nil {
		return Company{}, err
	}
	ctx = a.withRegionOf(ctx, actor)
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		return a.updateCompany(ctx, tx, actor, id, version, in)
	})
	if err != nil {
		return Company{}, err
	}
	return a.Company(ctx, actor, id)
}

func (a *App) updateCompany(ctx context.Context, tx *store.Tx, actor Actor, id string, version int, in CompanyInput) error {
	old, err := store.CompanyByID(ctx, tx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && old.Trashed()) {
		return errorf(ENotFound, "error.company_not_found")
	}
	if err != nil {
		return err
	}
	if old.Version != version {
		return errorf(EConflict, "error.stale")
	}
	c, tagNames, err := a.validateCompany(ctx, tx, in)
	if err != nil {
		return err
	}
	c.ID, c.Version, c.UpdatedBy = id, version, actorID(actor)
	if err := store.UpdateCompany(ctx, tx, c); err != nil {
		if errors.Is(err, store.ErrStale) {
			return errorf(EConflict, "error.stale")
		}
		return err
	}
	tags, custom, err := a.saveTagsAndCustom(ctx, tx, actor, "company", id, tagNames, in.CustomFields, false)
	if err != nil {
		return err
	}
	c.Tags = tags
	if err := a.indexCompany(ctx, tx, id); err != nil {
		return err
	}
	if c.Name != old.Name { // its people are found by its name
		if err := a.reindexCompanyContacts(ctx, tx, id); err != nil {
			return err
		}
	}
	changes := diffFields(companyFields(old), companyFields(c))
	for k, v := range custom {
		changes[k] = v
	}
	if len(changes) == 0 {
		return nil
	}
	return a.record(ctx, tx, actorID(actor), Change{Action: ActionCompanyUpdated, Entity: "company", ID: id, Name: c.Name, Changes: changes})
}

func companyFields(c Company) map[string]string {
	var tags []string
	for _, t := range c.Tags {
		tags = append(tags, t.Name)
	}
	return map[string]string{
		"name": c.Name, "domain": c.Domain, "website": c.Website, "industry": c.Industry, "size": c.Size,
		"phone": c.Phone.Value, fieldOwner: c.OwnerID, "notes": c.Notes, fieldTags: strings.Join(tags, ", "),
		"address": joinNonEmpty(", ", c.Address.Street, c.Address.City, c.Address.Region, c.Address.PostalCode, c.Address.Country),
	}
}

// TrashCompany moves a company to the trash. Its contacts keep their link,
// so restoring the company brings the whole picture back.
func (a *App) TrashCompany(ctx context.Context, actor Actor, id string) error {
	return a.setCompanyTrashed(ctx, actor, id, true)
}

// RestoreCompany takes a company out of the trash.
func (a *App) RestoreCompany(ctx context.Context, actor Actor, id string) error {
	return a.setCompanyTrashed(ctx, actor, id, false)
}

func (a *App) setCompanyTrashed(ctx context.Context, actor Actor, id string, trash bool) error {
	if err := a.can(actor, AreaContacts, LevelDelete); err != nil {
		return err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "company", id); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		return a.trashCompany(ctx, tx, actor, id, trash)
	})
}

func (a *App) trashCompany(ctx context.Context, tx *store.Tx, actor Actor, id string, trash bool) error {
	c, err := store.CompanyByID(ctx, tx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && c.Trashed() == trash) {
		return errorf(ENotFound, "error.company_not_found")
	}
	if err != nil {
		return err
	}
	if err := store.TrashCompany(ctx, tx, id, actorID(actor), trash); err != nil {
		return err
	}
	if err := a.indexCompany(ctx, tx, id); err != nil {
		return err
	}
	action := ActionCompanyRestored
	if trash {
		action = ActionCompanyDeleted
	}
	return a.record(ctx, tx, actorID(actor), Change{Action: action, Entity: "company", ID: id, Name: c.Name})
}

// CompanyList is one page of companies with the total the filters match.
type CompanyList struct {
	store.CompanyPage
	Total int
}

// ListCompanies pages through companies.
func (a *App) ListCompanies(ctx context.Context, actor Actor, q store.ListQuery) (CompanyList, error) {
	page, total, err := listWith(ctx, a, actor, "company", q, store.ListCompanies, store.CountCompanies)
	return CompanyList{CompanyPage: page, Total: total}, err
}
