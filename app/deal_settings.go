package app

import (
	"context"
	"encoding/json"
	"strings"

	"rolo/store"
)

// DefaultCurrency is the currency new deals start in: the one an admin or
// manager chose, else the currency of the phone region (KR gives KRW),
// else US dollars.
func (a *App) DefaultCurrency(ctx context.Context) string {
	code, err := store.Setting(ctx, a.db.Reader(), "deals.default_currency", "")
	if err == nil {
		if c, ok := NormalizeCurrency(code); ok {
			return c
		}
	}
	if c := currencyOfRegion(a.PhoneRegion(ctx)); c != "" {
		return c
	}
	return "USD"
}

// LostReasons is the list a user picks from when a deal is lost (free text
// is allowed too). nil means nobody set one: the UI offers its built-in
// reasons in the reader's language.
func (a *App) LostReasons(ctx context.Context) []string {
	raw, err := store.Setting(ctx, a.db.Reader(), "deals.lost_reasons", "")
	if err != nil || raw == "" {
		return nil
	}
	var reasons []string
	if json.Unmarshal([]byte(raw), &reasons) != nil {
		return nil
	}
	return reasons
}

const (
	maxLostReasons   = 30
	maxLostReasonLen = 200
)

// BuiltinLostReasons are the catalog keys of the lost reasons offered
// until managers set their own.
var BuiltinLostReasons = []string{"deals.lost_reason.price", "deals.lost_reason.competitor", "deals.lost_reason.budget",
	"deals.lost_reason.timing", "deals.lost_reason.no_response", "deals.lost_reason.no_fit"}

// SetDealSettings saves the default currency and the lost reasons
// (admins and managers). An empty reasons list brings the built-in ones
// back.
func (a *App) SetDealSettings(ctx context.Context, actor Actor, currencyCode string, reasons []string) error {
	if err := a.can(actor, AreaDeals, LevelManage); err != nil {
		return err
	}
	p := map[string]string{}
	code, ok := NormalizeCurrency(currencyCode)
	if !ok {
		p["default_currency"] = "error.currency_invalid"
	}
	var clean []string
	seen := map[string]bool{}
	for _, r := range reasons {
		r, problem := cleanText(r, maxLostReasonLen, false)
		if problem != "" {
			p["lost_reasons"] = problem
			continue
		}
		if r == "" || seen[foldKey(r)] {
			continue
		}
		seen[foldKey(r)] = true
		clean = append(clean, r)
	}
	if len(clean) > maxLostReasons {
		p["lost_reasons"] = "error.too_many"
	}
	if len(p) > 0 {
		return Invalid(p)
	}
	encoded := ""
	if len(clean) > 0 {
		b, _ := json.Marshal(clean)
		encoded = string(b)
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.PutSetting(ctx, tx, "deals.default_currency", code); err != nil {
			return err
		}
		if err := store.PutSetting(ctx, tx, "deals.lost_reasons", encoded); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionSettingsUpdated, Entity: "settings", ID: "deals",
			Details: map[string]any{"default_currency": code, "lost_reasons": strings.Join(clean, "; ")}})
	})
}
