package app

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"rolo/store"
)

// RetentionDays is how long trashed records and audit details are kept;
// 0 keeps them for ever (the default: nothing is thrown away unasked).
func (a *App) RetentionDays(ctx context.Context) int {
	v, err := store.Setting(ctx, a.db.Reader(), "retention_days", "0")
	if err != nil {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// maxRetentionDays bounds the setting at about a hundred years.
const maxRetentionDays = 36500

// SetRetentionDays changes the retention period (settings: manage).
func (a *App) SetRetentionDays(ctx context.Context, actor Actor, days int) error {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return err
	}
	if days < 0 || days > maxRetentionDays {
		return Invalid(map[string]string{"retention_days": "error.retention_invalid"})
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.PutSetting(ctx, tx, "retention_days", strconv.Itoa(days)); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionSettingsUpdated, Entity: "settings", ID: "retention_days",
			Details: map[string]any{"retention_days": days}})
	})
}

// Purged says what one retention run removed.
type Purged struct {
	Records      int
	AuditDetails int64
}

// PurgeExpired deletes records trashed longer ago than the retention
// period and empties the details of older audit entries. The entries
// themselves stay: who did what, when.
func (a *App) PurgeExpired(ctx context.Context) (Purged, error) {
	days := a.RetentionDays(ctx)
	if days == 0 {
		return Purged{}, nil
	}
	cutoff := store.FormatTime(a.now().AddDate(0, 0, -days))
	var p Purged
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		for _, kind := range []struct {
			table, entity string
			purged        AuditAction
		}{{"deals", "deal", ActionDealPurged}, {"contacts", "contact", ActionContactPurged}, {"companies", "company", ActionCompanyPurged},
			{"activities", "activity", ActionActivityPurged}, {"tasks", "task", ActionTaskPurged}} {
			ids, err := store.PurgeTrashedBefore(ctx, tx, kind.table, cutoff)
			if err != nil {
				return err
			}
			for _, id := range ids {
				if kind.entity == "contact" || kind.entity == "company" {
					if err := store.DeleteSearchDoc(ctx, tx, kind.entity, id); err != nil {
						return err
					}
				}
				if err := a.record(ctx, tx, "", Change{Action: kind.purged, Entity: kind.entity, ID: id, Details: map[string]any{"reason": "retention"}}); err != nil {
					return err
				}
			}
			p.Records += len(ids)
		}
		n, err := store.ForgetAuditDetailsBefore(ctx, tx, cutoff)
		p.AuditDetails = n
		return err
	})
	return p, err
}

// RunRetention purges once at start (catching up on what came due while
// the machine was off) and then every interval until ctx ends.
func (a *App) RunRetention(ctx context.Context, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		p, err := a.PurgeExpired(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("retention", "err", err)
		case p.Records > 0 || p.AuditDetails > 0:
			log.Info("retention", "records_purged", p.Records, "audit_details_emptied", p.AuditDetails)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
