package api

import (
	"encoding/json"
	"time"

	"rolo/app"
	"rolo/ui/request"
)

// ContactJSON is a contact as the API and `rolo contacts … --json` show it.
type ContactJSON struct {
	ID              string         `json:"id"`
	FirstName       string         `json:"first_name"`
	LastName        string         `json:"last_name"`
	DisplayName     string         `json:"display_name"`
	Emails          []app.Labeled  `json:"emails"`
	Phones          []PhoneJSON    `json:"phones"`
	Title           string         `json:"title"`
	CompanyID       *string        `json:"company_id"`
	Address         app.Address    `json:"address"`
	Birthday        string         `json:"birthday"`
	Website         string         `json:"website"`
	Social          []app.Labeled  `json:"social"`
	LeadSource      string         `json:"lead_source"`
	LifecycleStatus string         `json:"lifecycle_status"`
	OwnerID         *string        `json:"owner_id"`
	Tags            []string       `json:"tags"`
	Notes           string         `json:"notes"`
	CustomFields    map[string]any `json:"custom_fields"`
	Version         int            `json:"version"`
	CreatedAt       time.Time      `json:"created_at"`
	UpdatedAt       time.Time      `json:"updated_at"`
}

// PhoneJSON is a number as typed plus its E.164 form ("" when unparseable).
type PhoneJSON struct {
	Label string `json:"label"`
	Value string `json:"value"`
	E164  string `json:"e164"`
}

// NewContactJSON shapes a contact for the API.
func NewContactJSON(c app.Contact) ContactJSON {
	out := ContactJSON{
		ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, DisplayName: c.DisplayName,
		Emails: nonNil(c.Emails), Phones: []PhoneJSON{}, Title: c.Title, CompanyID: nullable(c.CompanyID),
		Address: c.Address, Birthday: c.Birthday, Website: c.Website, Social: nonNil(c.Social),
		LeadSource: c.LeadSource, LifecycleStatus: c.LifecycleStatus, OwnerID: nullable(c.OwnerID),
		Tags: tagNames(c.Tags), Notes: c.Notes, CustomFields: request.CustomJSON(c.CustomFields), Version: c.Version, CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC(),
	}
	for _, p := range c.Phones {
		out.Phones = append(out.Phones, PhoneJSON{Label: p.Label, Value: p.Value, E164: p.E164})
	}
	return out
}

// contactBody is what POST and PATCH accept: the names of ContactJSON.
// The read-only ones (id, created_at, updated_at, a phone's e164) are
// accepted and ignored, so a fetched contact can be sent back as it is.
type contactBody struct {
	ID              json.RawMessage `json:"id"`
	FirstName       string          `json:"first_name"`
	LastName        string          `json:"last_name"`
	DisplayName     string          `json:"display_name"`
	Emails          []app.Labeled   `json:"emails"`
	Phones          []PhoneJSON     `json:"phones"`
	Title           string          `json:"title"`
	CompanyID       string          `json:"company_id"`
	Address         app.Address     `json:"address"`
	Birthday        string          `json:"birthday"`
	Website         string          `json:"website"`
	Social          []app.Labeled   `json:"social"`
	LeadSource      string          `json:"lead_source"`
	LifecycleStatus string          `json:"lifecycle_status"`
	OwnerID         string          `json:"owner_id"`
	Tags            []string        `json:"tags"`
	Notes           string          `json:"notes"`
	CustomFields    map[string]any  `json:"custom_fields"`
	Version         *int            `json:"version"`
	CreatedAt       json.RawMessage `json:"created_at"`
	UpdatedAt       json.RawMessage `json:"updated_at"`
}

// apply copies onto in the fields the body named (JSON merge patch): an
// absent field keeps its value, null or "" clears it.
func (b contactBody) version() *int { return b.Version }

func (b contactBody) apply(in *app.ContactInput, m members) map[string]string {
	set(m, "first_name", &in.FirstName, b.FirstName)
	set(m, "last_name", &in.LastName, b.LastName)
	set(m, "display_name", &in.DisplayName, b.DisplayName)
	set(m, "emails", &in.Emails, b.Emails)
	if m.has("phones") {
		in.Phones = nil
		for _, p := range b.Phones {
			in.Phones = append(in.Phones, app.Labeled{Label: p.Label, Value: p.Value})
		}
	}
	set(m, "title", &in.Title, b.Title)
	set(m, "company_id", &in.CompanyID, b.CompanyID)
	applyAddress(m, &in.Address, b.Address)
	set(m, "birthday", &in.Birthday, b.Birthday)
	set(m, "website", &in.Website, b.Website)
	set(m, "social", &in.Social, b.Social)
	set(m, "lead_source", &in.LeadSource, b.LeadSource)
	set(m, "lifecycle_status", &in.LifecycleStatus, b.LifecycleStatus)
	set(m, "owner_id", &in.OwnerID, b.OwnerID)
	in.NoOwner = m.has("owner_id") && in.OwnerID == "" // null: nobody, on create
	set(m, "tags", &in.Tags, b.Tags)
	set(m, "notes", &in.Notes, b.Notes)
	set(m, "custom_fields", &in.CustomFields, b.CustomFields)
	return nil // every field it reads is a plain value
}

// set assigns v to *dst when the body named the field.
func set[T any](m members, name string, dst *T, v T) {
	if m.has(name) {
		*dst = v
	}
}

// applyAddress merges an address object part by part, as merge patch
// does with nested objects; null clears the whole address.
func applyAddress(m members, dst *app.Address, v app.Address) {
	raw, ok := m["address"]
	if !ok {
		return
	}
	var parts members
	if json.Unmarshal(raw, &parts) != nil || parts == nil {
		*dst = app.Address{}
		return
	}
	set(parts, "street", &dst.Street, v.Street)
	set(parts, "city", &dst.City, v.City)
	set(parts, "region", &dst.Region, v.Region)
	set(parts, "postal_code", &dst.PostalCode, v.PostalCode)
	set(parts, "country", &dst.Country, v.Country)
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func tagNames(tags []app.Tag) []string {
	names := make([]string, len(tags))
	for i, t := range tags {
		names[i] = t.Name
	}
	return names
}
