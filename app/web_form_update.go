package app

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"rolo/store"
)

// WebFormInputOf is a stored form as its builder would show it, for a
// change that names only some of its settings.
func WebFormInputOf(f WebForm) WebFormInput {
	return WebFormInput{Name: f.Name, Fields: append([]string{}, f.FieldList...), ThankYou: f.ThankYou, RedirectURL: f.RedirectURL,
		StageID: f.StageID, Tags: f.Tags, LeadSource: f.LeadSource, OwnerIDs: append([]string{}, f.OwnerList...),
		Origins: strings.Join(f.OriginList, "\n"), FillEmpty: f.FillEmpty, ConsentText: f.ConsentText, ConsentRequired: f.ConsentRequired}
}

// UpdateWebForm replaces a form's settings with the rules of
// CreateWebForm; its address, and so every page that embeds it, stays.
func (a *App) UpdateWebForm(ctx context.Context, actor Actor, id string, in WebFormInput) (WebForm, error) {
	return a.changeWebForm(ctx, actor, id, nil, func(have *WebFormInput) { *have = in })
}

// PatchWebForm changes the form id if it is still at version: edit
// changes its settings as stored (WebFormInputOf), with the rules of
// UpdateWebForm.
func (a *App) PatchWebForm(ctx context.Context, actor Actor, id string, version int, edit func(*WebFormInput)) (WebForm, error) {
	return a.changeWebForm(ctx, actor, id, &version, edit)
}

func (a *App) changeWebForm(ctx context.Context, actor Actor, id string, version *int, edit func(*WebFormInput)) (WebForm, error) {
	if err := a.can(actor, AreaForms, LevelManage); err != nil {
		return WebForm{}, err
	}
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		old, err := store.WebFormByID(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) {
			return errorf(ENotFound, "error.form_not_found")
		}
		if err != nil {
			return err
		}
		if err := stale(old.Version, version); err != nil {
			return err
		}
		in := WebFormInputOf(toWebForm(old))
		edit(&in)
		f, err := a.checkWebForm(ctx, tx, in)
		if err != nil {
			return err
		}
		f.ID = id
		if err := store.UpdateWebForm(ctx, tx, f); err != nil {
			return err
		}
		changes := diffFields(webFormFields(old), webFormFields(f))
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionWebFormUpdated, Entity: "web_form", ID: id, Name: f.Name, Changes: changes})
	})
	if err != nil {
		return WebForm{}, err
	}
	return a.WebForm(ctx, id)
}

// webFormFields are a form's settings as the audit log compares them.
func webFormFields(f store.WebForm) map[string]string {
	return map[string]string{"name": f.Name, "fields": f.Fields, "thank_you": f.ThankYou, "redirect_url": f.RedirectURL, "stage_id": f.StageID,
		"tags": f.Tags, "lead_source": f.LeadSource, "owner_ids": f.OwnerIDs, "origins": f.Origins, "fill_empty": strconv.FormatBool(f.FillEmpty),
		"consent_text": f.ConsentText, "consent_required": strconv.FormatBool(f.ConsentRequired)}
}
