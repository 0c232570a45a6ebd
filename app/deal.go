package app

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"rolo/store"
)

// Deal is a sale in one stage of a pipeline, as stored.
type Deal = store.Deal

// DealStatuses are a deal's possible outcomes; a deal's status is always
// its stage's kind.
var DealStatuses = []string{store.DealOpen, store.DealWon, store.DealLost}

// DealInput is everything a form, the API or the board says about a deal.
// ContactIDs[0] is the primary contact. PipelineID and StageID place it;
// Status asks for an outcome (won moves it to the pipeline's won stage,
// lost to its lost stage, open back to the open stage it came from).
type DealInput struct {
	Title             string
	Value             int64  // minor units
	Amount            string // the value as typed in a form ("1,250.50"); replaces Value when set
	Currency          string
	PipelineID        string
	StageID           string
	Status            string
	LostReason        string
	CompanyID         string
	ContactIDs        []string
	OwnerID           string // see ContactInput
	NoOwner           bool   // see ContactInput
	ExpectedCloseDate string
	Source            string
	Notes             string
	Tags              []string
	// CustomFields: see ContactInput.
	CustomFields CustomValues
	// Place is where the card goes in its column when the deal enters a
	// stage; the top by default.
	Place store.Place
}

// DealInputOf turns a stored deal back into input for partial updates.
// Status stays empty: the stage says it, and setting Status asks for a new
// outcome.
func DealInputOf(d Deal) DealInput {
	in := DealInput{Title: d.Title, Value: d.Value, Currency: d.Currency, PipelineID: d.PipelineID, StageID: d.StageID,
		LostReason: d.LostReason, CompanyID: d.CompanyID, OwnerID: d.OwnerID,
		ExpectedCloseDate: d.ExpectedCloseDate, Source: d.Source, Notes: d.Notes, CustomFields: d.CustomFields}
	if d.ContactID != "" {
		in.ContactIDs = append(in.ContactIDs, d.ContactID)
	}
	in.ContactIDs = append(in.ContactIDs, d.ContactIDs...)
	for _, t := range d.Tags {
		in.Tags = append(in.Tags, t.Name)
	}
	return in
}

const maxDealContacts = 20

// validateDeal checks the fields of in that do not place the deal (stage
// and status are settled apart) and fills d with them. Links that old
// already has may point at trashed records or at records actor may not
// see; a new link must be to a live record actor sees (see linkable).
func (a *App) validateDeal(ctx context.Context, q store.Querier, actor Actor, in DealInput, old Deal, p map[string]string) (Deal, []string, error) {
	text := func(field, s string, max int, multiline bool) string {
		out, problem := cleanText(s, max, multiline)
		if problem != "" {
			p[field] = problem
		}
		return out
	}
	d := old
	d.Title = text("title", in.Title, maxShortText, false)
	if d.Title == "" && p["title"] == "" {
		p["title"] = "error.required"
	}
	d.SortTitle = foldKey(d.Title)
	d.Source = text("source", in.Source, 200, false)
	d.Notes = text("notes", in.Notes, maxNotes, true)
	d.LostReason = text("lost_reason", in.LostReason, maxLostReasonLen, false)
	if in.Currency == "" {
		in.Currency = a.DefaultCurrency(ctx)
	}
	var ok bool
	if d.Currency, ok = NormalizeCurrency(in.Currency); !ok {
		p["currency"] = "error.currency_invalid"
	}
	d.Value = in.Value
	if in.Amount != "" && ok {
		if d.Value, ok = ParseAmount(in.Amount, d.Currency); !ok {
			p["value"] = "error.amount_invalid"
		}
	} else if in.Value < 0 || in.Value > maxDealValue {
		p["value"] = "error.amount_invalid"
	}
	d.ExpectedCloseDate = strings.TrimSpace(in.ExpectedCloseDate)
	if d.ExpectedCloseDate != "" {
		if t, err := time.Parse(time.DateOnly, d.ExpectedCloseDate); err != nil || t.Year() < 1900 || t.Year() > 9998 {
			p["expected_close_date"] = "error.close_date_invalid"
		}
	}

	d.CompanyID = strings.TrimSpace(in.CompanyID)
	if d.CompanyID != "" && d.CompanyID != old.CompanyID {
		if ok, err := a.linkable(ctx, q, actor, RecordRef{Entity: "company", ID: d.CompanyID}); err != nil {
			return d, nil, err
		} else if !ok {
			p["company_id"] = "error.company_unknown"
		}
	}
	linked := map[string]bool{old.ContactID: true}
	for _, id := range old.ContactIDs {
		linked[id] = true
	}
	var contacts []string
	seen := map[string]bool{}
	for i, id := range in.ContactIDs {
		id = strings.TrimSpace(id)
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		if !linked[id] {
			if ok, err := a.linkable(ctx, q, actor, RecordRef{Entity: "contact", ID: id}); err != nil {
				return d, nil, err
			} else if !ok {
				p["contact_ids."+strconv.Itoa(i)] = "error.contact_unknown"
				continue
			}
		}
		contacts = append(contacts, id)
	}
	if len(contacts) > maxDealContacts {
		p["contact_ids"] = "error.too_many"
	}
	d.ContactID, d.ContactIDs = "", nil
	if len(contacts) > 0 {
		d.ContactID, d.ContactIDs = contacts[0], contacts[1:]
	}
	d.OwnerID = strings.TrimSpace(in.OwnerID)
	if err := checkOwner(ctx, q, d.OwnerID, p); err != nil {
		return d, nil, err
	}
	tags, problem := cleanTagNames(in.Tags)
	if problem != "" {
		p["tags"] = problem
	}
	return d, tags, nil
}

// CreateDeal validates in and stores a new deal in its stage (the first
// open stage of the default pipeline when none is named), with a stage
// history row and an audit entry.
func (a *App) CreateDeal(ctx context.Context, actor Actor, in DealInput) (Deal, error) {
	if err := a.can(actor, AreaDeals, LevelCreate); err != nil {
		return Deal{}, err
	}
	id := a.cfg.NewID()
	in.OwnerID = newOwner(actor, in.OwnerID, in.NoOwner)
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		return a.saveDeal(ctx, tx, actor, Deal{ID: id}, in)
	})
	if err != nil {
		return Deal{}, err
	}
	return a.Deal(ctx, actor, id)
}

// Deal loads one deal, trashed or not.
func (a *App) Deal(ctx context.Context, actor Actor, id string) (Deal, error) {
	if err := a.can(actor, AreaDeals, LevelView); err != nil {
		return Deal{}, err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "deal", id); err != nil {
		return Deal{}, err
	}
	d, err := store.DealByID(ctx, a.db.Reader(), id)
	if errors.Is(err, store.ErrNotFound) {
		return d, errorf(ENotFound, "error.deal_not_found")
	}
	if err != nil {
		return d, err
	}
	one := []Deal{d}
	if err = a.fillDeals(ctx, one); err != nil {
		return one[0], err
	}
	return one[0], a.hideFields(ctx, actor, "deal", one[0].CustomFields)
}

// DealsByID loads whole deals in the order of ids (for the API's lists).
func (a *App) DealsByID(ctx context.Context, actor Actor, ids []string) ([]Deal, error) {
	ds, err := store.DealsByIDs(ctx, a.db.Reader(), ids)
	if err != nil {
		return nil, err
	}
	if scope := a.ownerScope(actor); scope != "" {
		ds = slices.DeleteFunc(ds, func(d Deal) bool { return d.OwnerID != scope })
	}
	return ds, a.dealCustomForActor(ctx, actor, ds)
}

// UpdateDeal replaces a deal's fields with in, provided nobody saved it
// since the caller read version; otherwise it returns EConflict.
func (a *App) UpdateDeal(ctx context.Context, actor Actor, id string, version int, in DealInput) (Deal, error) {
	return a.PatchDeal(ctx, actor, id, version, func(d *DealInput) { *d = in })
}

// PatchDeal changes some fields of a deal: patch edits the input made
// from the stored deal, and the result is saved if the deal is still at
// version. Read and write share one transaction (see PatchContact).
func (a *App) PatchDeal(ctx context.Context, actor Actor, id string, version int, patch func(*DealInput)) (Deal, error) {
	if err := a.can(actor, AreaDeals, LevelEdit); err != nil {
		return Deal{}, err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "deal", id); err != nil {
		return Deal{}, err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		old, err := liveDeal(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Version != version {
			return errorf(EConflict, "error.stale")
		}
		in := DealInputOf(old)
		patch(&in)
		return a.saveDeal(ctx, tx, actor, old, in)
	})
	if err != nil {
		return Deal{}, err
	}
	return a.Deal(ctx, actor, id)
}

func liveDeal(ctx context.Context, q store.Querier, id string) (Deal, error) {
	d, err := store.DealByID(ctx, q, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && d.Trashed()) {
		return d, errorf(ENotFound, "error.deal_not_found")
	}
	return d, err
}

// saveDeal validates in against old (zero but for its ID when the deal is
// new), settles its stage and status, and writes it with its tags, a stage
// history row when it entered a stage, and one audit entry.
func (a *App) saveDeal(ctx context.Context, tx *store.Tx, actor Actor, old Deal, in DealInput) error {
	created := old.Version == 0
	p := map[string]string{}
	d, tagNames, err := a.validateDeal(ctx, tx, actor, in, old, p)
	if err != nil {
		return err
	}
	moved, err := a.settle(ctx, tx, &d, old, in, p)
	if err != nil {
		return err
	}
	if len(p) > 0 {
		return Invalid(p)
	}
	tags, err := a.ensureTags(ctx, tx, actor, tagNames)
	if err != nil {
		return err
	}
	d.Tags = tags
	if created {
		d.CreatedBy = actorID(actor)
		err = store.InsertDeal(ctx, tx, d)
	} else {
		d.UpdatedBy = actorID(actor)
		err = store.UpdateDeal(ctx, tx, d)
	}
	if errors.Is(err, store.ErrStale) {
		return errorf(EConflict, "error.stale")
	}
	if err != nil {
		return err
	}
	if err := store.SetTags(ctx, tx, "deal", d.ID, tagIDs(tags)); err != nil {
		return err
	}
	custom, err := a.applyCustomValues(ctx, tx, "deal", d.ID, in.CustomFields, created)
	if err != nil {
		return err
	}
	if err := a.checkFieldWrites(ctx, tx, actor, "deal", custom); err != nil {
		return err
	}
	if moved {
		if err := store.InsertStageChange(ctx, tx, store.StageChange{ID: a.cfg.NewID(), DealID: d.ID,
			FromStageID: old.StageID, ToStageID: d.StageID, By: actorID(actor)}); err != nil {
			return err
		}
	}
	if err := a.indexDeal(ctx, tx, d.ID); err != nil {
		return err
	}
	if created {
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionDealCreated, Entity: "deal", ID: d.ID, Name: d.Title,
			Fields: withCustom(dealFields(d), custom), Owner: d.OwnerID})
	}
	changes := diffFields(dealFields(old), dealFields(d))
	for k, v := range custom {
		changes[k] = v
	}
	if len(changes) == 0 {
		return nil
	}
	action := ActionDealUpdated
	switch {
	case d.Status != old.Status && d.Status == store.DealWon:
		action = ActionDealWon
	case d.Status != old.Status && d.Status == store.DealLost:
		action = ActionDealLost
	case d.Status != old.Status:
		action = ActionDealReopened
	case moved:
		action = ActionDealMoved
	}
	return a.record(ctx, tx, actorID(actor), Change{Action: action, Entity: "deal", ID: d.ID, Name: d.Title, Changes: changes})
}

// dealFields flattens a deal for the audit log, with JSON names; ids stay
// ids and the history view names them.
func dealFields(d Deal) map[string]string {
	var tags []string
	for _, t := range d.Tags {
		tags = append(tags, t.Name)
	}
	contacts := d.ContactIDs
	if d.ContactID != "" {
		contacts = append([]string{d.ContactID}, contacts...)
	}
	return map[string]string{
		"title": d.Title, "value": AmountText(d.Value, d.Currency) + " " + d.Currency, "pipeline_id": d.PipelineID,
		fieldStage: d.StageID, "status": d.Status, "lost_reason": d.LostReason, "company_id": d.CompanyID,
		"contact_ids": strings.Join(contacts, ","), fieldOwner: d.OwnerID, "expected_close_date": d.ExpectedCloseDate,
		"source": d.Source, "notes": d.Notes, fieldTags: strings.Join(tags, ", "),
	}
}
