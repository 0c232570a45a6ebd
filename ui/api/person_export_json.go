package api

import (
	"time"

	"rolo/app"
)

// PersonExportJSON is everything Rolo holds about one person, as the
// export (API and download) gives it.
type PersonExportJSON struct {
	ExportedAt time.Time        `json:"exported_at"`
	Contact    ContactJSON      `json:"contact"`
	Company    string           `json:"company,omitempty"`
	Consent    ConsentJSON      `json:"consent"`
	Activities []ActivityJSON   `json:"activities"`
	Tasks      []TaskJSON       `json:"tasks"`
	Deals      []personDealJSON `json:"deals"`
	History    []historyJSON    `json:"history"`
}

// ConsentJSON is a person's consent and contact preferences.
type ConsentJSON struct {
	Status         string     `json:"status"`
	Date           *time.Time `json:"date"`
	Source         string     `json:"source"`
	Text           string     `json:"text"`
	FormID         *string    `json:"form_id"` // the web form it was given through; null for any other way
	DoNotContact   bool       `json:"do_not_contact"`
	UnsubscribedAt *time.Time `json:"unsubscribed_at"`
}

type personDealJSON struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Value    int64  `json:"value"`
	Currency string `json:"currency"`
	Status   string `json:"status"`
}

type historyJSON struct {
	At     time.Time `json:"at"`
	Action string    `json:"action"`
	By     string    `json:"by"`
}

// NewConsentJSON turns a consent into its JSON form.
func NewConsentJSON(c app.Consent) ConsentJSON {
	out := ConsentJSON{Status: c.Status, Date: timePtr(c.GivenAt), Source: c.Source, Text: c.Wording,
		DoNotContact: c.DoNotContact, UnsubscribedAt: timePtr(c.UnsubscribedAt)}
	if c.FormID != "" {
		out.FormID = &c.FormID
	}
	return out
}

// NewPersonExportJSON turns a person's data into its JSON form.
func NewPersonExportJSON(p app.PersonData) PersonExportJSON {
	out := PersonExportJSON{ExportedAt: p.ExportedAt, Contact: NewContactJSON(p.Contact), Company: p.Company,
		Consent: NewConsentJSON(p.Consent), Activities: []ActivityJSON{}, Tasks: []TaskJSON{}, Deals: []personDealJSON{}, History: []historyJSON{}}
	for _, a := range p.Activities {
		out.Activities = append(out.Activities, NewActivityJSON(a))
	}
	for _, t := range p.Tasks {
		out.Tasks = append(out.Tasks, NewTaskJSON(t))
	}
	for _, d := range p.Deals {
		out.Deals = append(out.Deals, personDealJSON{ID: d.ID, Title: d.Title, Value: d.Value, Currency: d.Currency, Status: d.Status})
	}
	for _, h := range p.History {
		out.History = append(out.History, historyJSON{At: h.At, Action: h.Action, By: h.ActorName})
	}
	return out
}
