package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"rolo/store"
)

const (
	maxShortText = 300
	maxNotes     = 100_000
	maxChannels  = 20
	maxTags      = 50
)

// validateContact checks and normalises in against the database (company,
// owner) and returns the contact to store, or the field problems. linked
// are the companies the contact (or, in a merge, the one merged into it)
// already links to: keeping such a link is allowed, even to a company
// since trashed or one actor may not see; a new link must be to a live
// company actor sees (see linkable).
func (a *App) validateContact(ctx context.Context, q store.Querier, actor Actor, in ContactInput, linked ...string) (Contact, []string, error) {
	p := map[string]string{}
	text := func(field, s string, max int, multiline bool) string {
		out, problem := cleanText(s, max, multiline)
		if problem != "" {
			p[field] = problem
		}
		return out
	}
	c := Contact{
		FirstName:   text("first_name", in.FirstName, 200, false),
		LastName:    text("last_name", in.LastName, 200, false),
		DisplayName: text("display_name", in.DisplayName, 300, false),
		Title:       text("title", in.Title, maxShortText, false),
		LeadSource:  text("lead_source", in.LeadSource, 200, false),
		Notes:       text("notes", in.Notes, maxNotes, true),
		Address: store.Address{
			Street:     text("address.street", in.Address.Street, 500, true),
			City:       text("address.city", in.Address.City, 200, false),
			Region:     text("address.region", in.Address.Region, 200, false),
			PostalCode: text("address.postal_code", in.Address.PostalCode, 40, false),
			Country:    text("address.country", in.Address.Country, 100, false),
		},
	}
	var ok bool
	if c.Birthday, ok = normalizeBirthday(in.Birthday); !ok {
		p["birthday"] = "error.birthday_invalid"
	}
	if c.Website, ok = normalizeURL(in.Website); !ok {
		p["website"] = "error.url_invalid"
	}
	c.LifecycleStatus = strings.ToLower(strings.TrimSpace(in.LifecycleStatus))
	if c.LifecycleStatus == "" {
		c.LifecycleStatus = "lead"
	} else if !contains(LifecycleStatuses, c.LifecycleStatus) {
		p["lifecycle_status"] = "error.status_invalid"
	}

	emails, seen := 0, map[string]bool{}
	for i, e := range in.Emails {
		value := strings.TrimSpace(e.Value)
		if value == "" {
			continue
		}
		norm := NormalizeEmail(value)
		field := fmt.Sprintf("emails.%d", i)
		switch {
		case norm == "":
			p[field] = "error.email_invalid"
		case seen[norm]:
			continue // the same address twice is kept once
		default:
			seen[norm] = true
			c.Emails = append(c.Emails, store.Labeled{Label: channelLabel(e.Label), Value: norm})
		}
		emails++
	}
	region := a.regionFor(ctx, q, actor)
	for i, ph := range in.Phones {
		value, problem := cleanText(ph.Value, 50, false)
		if value == "" {
			continue
		}
		field := fmt.Sprintf("phones.%d", i)
		e164 := readPhone(ctx, value, region) // an import keeps its national digits (phone_national.go)
		switch {
		case problem != "":
			p[field] = problem
		case e164 == "" && strings.IndexFunc(value, func(r rune) bool { return r >= '0' && r <= '9' }) < 0:
			p[field] = "error.phone_invalid"
		default:
			// An unparseable but plausible number (an extension, a short code)
			// is kept as typed; it just cannot be matched.
			c.Phones = append(c.Phones, store.Phone{Label: channelLabel(ph.Label), Value: value, E164: e164})
		}
	}
	if len(c.Emails) > maxChannels {
		p["emails"] = "error.too_many"
	}
	if len(c.Phones) > maxChannels {
		p["phones"] = "error.too_many"
	}
	for i, s := range in.Social {
		label, _ := cleanText(s.Label, 50, false)
		value := text(fmt.Sprintf("social.%d", i), s.Value, 300, false)
		if value != "" {
			c.Social = append(c.Social, store.Labeled{Label: strings.ToLower(label), Value: value})
		}
	}

	if c.FirstName == "" && c.LastName == "" && c.DisplayName == "" {
		if len(c.Emails) == 0 {
			p["first_name"] = "error.contact_name_required"
		}
	}
	if c.DisplayName == "" {
		c.DisplayName = composeDisplayName(c.FirstName, c.LastName)
	}
	if c.DisplayName == "" && len(c.Emails) > 0 {
		c.DisplayName = c.Emails[0].Value
	}
	c.SortName = foldKey(c.DisplayName)

	c.CompanyID = strings.TrimSpace(in.CompanyID)
	if c.CompanyID != "" && !contains(linked, c.CompanyID) {
		if ok, err := a.linkable(ctx, q, actor, RecordRef{Entity: "company", ID: c.CompanyID}); err != nil {
			return c, nil, err
		} else if !ok {
			p["company_id"] = "error.company_unknown"
		}
	}
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

func checkOwner(ctx context.Context, q store.Querier, ownerID string, p map[string]string) error {
	if ownerID == "" {
		return nil
	}
	u, err := store.UserByID(ctx, q, ownerID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && u.Disabled()) {
		p["owner_id"] = "error.owner_unknown"
		return nil
	}
	return err
}

// channelLabel keeps labels short and lower-case: work, home, mobile…
func channelLabel(label string) string {
	label, _ = cleanText(label, 40, false)
	return strings.ToLower(label)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
