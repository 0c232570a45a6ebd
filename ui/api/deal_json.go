package api

import (
	"encoding/json"
	"time"

	"rolo/app"
	"rolo/ui/request"
)

// DealJSON is a deal as the API shows it; value is in the currency's
// minor units (cents; won and yen have none).
type DealJSON struct {
	ID                string         `json:"id"`
	Title             string         `json:"title"`
	Value             int64          `json:"value"`
	Currency          string         `json:"currency"`
	PipelineID        string         `json:"pipeline_id"`
	StageID           string         `json:"stage_id"`
	Status            string         `json:"status"`
	LostReason        string         `json:"lost_reason"`
	CompanyID         *string        `json:"company_id"`
	ContactIDs        []string       `json:"contact_ids"`
	OwnerID           *string        `json:"owner_id"`
	ExpectedCloseDate *string        `json:"expected_close_date"`
	Source            string         `json:"source"`
	Notes             string         `json:"notes"`
	Tags              []string       `json:"tags"`
	CustomFields      map[string]any `json:"custom_fields"`
	ClosedAt          *time.Time     `json:"closed_at"`
	StageEnteredAt    time.Time      `json:"stage_entered_at"`
	Version           int            `json:"version"`
	CreatedAt         time.Time      `json:"created_at"`
	UpdatedAt         time.Time      `json:"updated_at"`
}

// NewDealJSON shapes a deal for the API.
func NewDealJSON(d app.Deal) DealJSON {
	out := DealJSON{
		ID: d.ID, Title: d.Title, Value: d.Value, Currency: d.Currency, PipelineID: d.PipelineID, StageID: d.StageID,
		Status: d.Status, LostReason: d.LostReason, CompanyID: nullable(d.CompanyID), ContactIDs: nonNil(app.DealInputOf(d).ContactIDs),
		OwnerID: nullable(d.OwnerID), ExpectedCloseDate: nullable(d.ExpectedCloseDate), Source: d.Source, Notes: d.Notes,
		Tags: tagNames(d.Tags), CustomFields: request.CustomJSON(d.CustomFields), StageEnteredAt: d.StageEnteredAt.UTC(), Version: d.Version, CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC(),
	}
	if !d.ClosedAt.IsZero() {
		closed := d.ClosedAt.UTC()
		out.ClosedAt = &closed
	}
	return out
}

// dealBody is what POST and PATCH accept: the names of DealJSON. The
// read-only ones are accepted and ignored, so a fetched deal can be sent
// back as it is.
type dealBody struct {
	ID                json.RawMessage `json:"id"`
	Title             string          `json:"title"`
	Value             int64           `json:"value"`
	Currency          string          `json:"currency"`
	PipelineID        string          `json:"pipeline_id"`
	StageID           string          `json:"stage_id"`
	Status            string          `json:"status"`
	LostReason        string          `json:"lost_reason"`
	CompanyID         string          `json:"company_id"`
	ContactIDs        []string        `json:"contact_ids"`
	OwnerID           string          `json:"owner_id"`
	ExpectedCloseDate string          `json:"expected_close_date"`
	Source            string          `json:"source"`
	Notes             string          `json:"notes"`
	Tags              []string        `json:"tags"`
	CustomFields      map[string]any  `json:"custom_fields"`
	Version           *int            `json:"version"`
	ClosedAt          json.RawMessage `json:"closed_at"`
	StageEnteredAt    json.RawMessage `json:"stage_entered_at"`
	CreatedAt         json.RawMessage `json:"created_at"`
	UpdatedAt         json.RawMessage `json:"updated_at"`
}

// apply copies onto in the fields the body named (JSON merge patch). A
// pipeline named without a stage means that pipeline's first open stage.
func (b dealBody) version() *int { return b.Version }

func (b dealBody) apply(in *app.DealInput, m members) map[string]string {
	set(m, "title", &in.Title, b.Title)
	set(m, "value", &in.Value, b.Value)
	set(m, "currency", &in.Currency, b.Currency)
	set(m, "pipeline_id", &in.PipelineID, b.PipelineID)
	set(m, "stage_id", &in.StageID, b.StageID)
	if m.has("pipeline_id") && !m.has("stage_id") {
		in.StageID = ""
	}
	set(m, "status", &in.Status, b.Status)
	set(m, "lost_reason", &in.LostReason, b.LostReason)
	set(m, "company_id", &in.CompanyID, b.CompanyID)
	set(m, "contact_ids", &in.ContactIDs, b.ContactIDs)
	set(m, "owner_id", &in.OwnerID, b.OwnerID)
	in.NoOwner = m.has("owner_id") && in.OwnerID == "" // null: nobody, on create
	set(m, "expected_close_date", &in.ExpectedCloseDate, b.ExpectedCloseDate)
	set(m, "source", &in.Source, b.Source)
	set(m, "notes", &in.Notes, b.Notes)
	set(m, "tags", &in.Tags, b.Tags)
	set(m, "custom_fields", &in.CustomFields, b.CustomFields)
	return nil // every field it reads is a plain value
}

// StageChangeJSON is one stage a deal entered.
type StageChangeJSON struct {
	FromStageID *string   `json:"from_stage_id"`
	ToStageID   *string   `json:"to_stage_id"`
	At          time.Time `json:"at"`
	MovedBy     *string   `json:"moved_by"`
}
