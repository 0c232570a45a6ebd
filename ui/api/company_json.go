package api

import (
	"encoding/json"
	"time"

	"rolo/app"
	"rolo/ui/request"
)

// CompanyJSON is a company as the API shows it.
type CompanyJSON struct {
	ID           string         `json:"id"`
	Name         string         `json:"name"`
	Domain       string         `json:"domain"`
	Website      string         `json:"website"`
	Industry     string         `json:"industry"`
	Size         string         `json:"size"`
	Phone        string         `json:"phone"`
	PhoneE164    string         `json:"phone_e164"`
	Address      app.Address    `json:"address"`
	OwnerID      *string        `json:"owner_id"`
	Tags         []string       `json:"tags"`
	Notes        string         `json:"notes"`
	CustomFields map[string]any `json:"custom_fields"`
	Version      int            `json:"version"`
	CreatedAt    time.Time      `json:"created_at"`
	UpdatedAt    time.Time      `json:"updated_at"`
}

// NewCompanyJSON shapes a company for the API.
func NewCompanyJSON(c app.Company) CompanyJSON {
	return CompanyJSON{
		ID: c.ID, Name: c.Name, Domain: c.Domain, Website: c.Website, Industry: c.Industry, Size: c.Size,
		Phone: c.Phone.Value, PhoneE164: c.Phone.E164, Address: c.Address, OwnerID: nullable(c.OwnerID),
		Tags: tagNames(c.Tags), Notes: c.Notes, CustomFields: request.CustomJSON(c.CustomFields), Version: c.Version, CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC(),
	}
}

// companyBody is what POST and PATCH accept; read-only names are ignored.
type companyBody struct {
	ID           json.RawMessage `json:"id"`
	Name         string          `json:"name"`
	Domain       string          `json:"domain"`
	Website      string          `json:"website"`
	Industry     string          `json:"industry"`
	Size         string          `json:"size"`
	Phone        string          `json:"phone"`
	PhoneE164    json.RawMessage `json:"phone_e164"`
	Address      app.Address     `json:"address"`
	OwnerID      string          `json:"owner_id"`
	Tags         []string        `json:"tags"`
	Notes        string          `json:"notes"`
	CustomFields map[string]any  `json:"custom_fields"`
	Version      *int            `json:"version"`
	CreatedAt    json.RawMessage `json:"created_at"`
	UpdatedAt    json.RawMessage `json:"updated_at"`
}

// apply copies onto in the fields the body named (JSON merge patch).
func (b companyBody) version() *int { return b.Version }

func (b companyBody) apply(in *app.CompanyInput, m members) map[string]string {
	set(m, "name", &in.Name, b.Name)
	set(m, "domain", &in.Domain, b.Domain)
	set(m, "website", &in.Website, b.Website)
	set(m, "industry", &in.Industry, b.Industry)
	set(m, "size", &in.Size, b.Size)
	set(m, "phone", &in.Phone, b.Phone)
	applyAddress(m, &in.Address, b.Address)
	set(m, "owner_id", &in.OwnerID, b.OwnerID)
	in.NoOwner = m.has("owner_id") && in.OwnerID == "" // null: nobody, on create
	set(m, "tags", &in.Tags, b.Tags)
	set(m, "notes", &in.Notes, b.Notes)
	set(m, "custom_fields", &in.CustomFields, b.CustomFields)
	return nil // every field it reads is a plain value
}
