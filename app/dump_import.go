package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"rolo/store"
)

// ImportAllReport counts what a restore wrote.
type ImportAllReport struct {
	Users, Companies, Contacts, Deals, Activities, Tasks int
}

// ImportAll restores a document written by ExportAll into an empty
// database, keeping every id, in one transaction: all or nothing. The
// document is checked whole first; every problem names its path. Users
// come back without a password (the document holds none): each sets one
// with `rolo user passwd EMAIL`, or an admin sets it on the users page,
// as for a lost password.
func (a *App) ImportAll(ctx context.Context, actor Actor, r io.Reader) (ImportAllReport, error) {
	return a.importAll(ctx, actor, r, false)
}

// CheckImportAll is ImportAll's dry run: it writes the whole document in
// its transaction, so that the database's own rules check it too, and
// rolls it back.
func (a *App) CheckImportAll(ctx context.Context, actor Actor, r io.Reader) (ImportAllReport, error) {
	return a.importAll(ctx, actor, r, true)
}

func (a *App) importAll(ctx context.Context, actor Actor, r io.Reader, dryRun bool) (ImportAllReport, error) {
	var rep ImportAllReport
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return rep, err
	}
	// Refused at once, before a large file is read; checked again inside
	// the transaction that writes.
	if err := refuseOccupied(store.DumpOccupied(ctx, a.db.Reader())); err != nil {
		return rep, err
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return rep, err
	}
	var d Dump
	if err := decodeDump(data, &d); err != nil {
		return rep, err
	}
	if err := validateDump(&d); err != nil {
		return rep, err
	}
	// A password nobody knows until it is set: the column needs a hash,
	// and an empty one would not read as one.
	locked, err := HashPassword(randomToken())
	if err != nil {
		return rep, err
	}
	// As for a demo: a large restore's indexes outgrow SQLite's default
	// page cache, and every insert would read index pages back from disk.
	if err := a.db.SetWriteCache(ctx, demoCacheKiB); err != nil {
		return rep, err
	}
	defer a.db.SetWriteCache(context.WithoutCancel(ctx), 0)
	err = a.db.Write(ctx, func(tx *store.Tx) error {
		if err := refuseOccupied(store.DumpOccupied(ctx, tx)); err != nil {
			return err
		}
		if err := store.ClearDumpSeeds(ctx, tx); err != nil {
			return err
		}
		w := dumpWriter{ctx: ctx, tx: tx, region: a.phoneRegion(ctx, tx)}
		w.settings(&d, locked)
		w.records(&d)
		w.work(&d)
		if w.err != nil {
			return w.err
		}
		for kind, list := range map[string][]string{"contact": ids(d.Contacts, func(c DumpContact) string { return c.ID }),
			"company": ids(d.Companies, func(c DumpCompany) string { return c.ID }), "deal": ids(d.Deals, func(c DumpDeal) string { return c.ID })} {
			for len(list) > 0 {
				n := min(len(list), rebuildBatch)
				if err := a.indexBatch(ctx, tx, kind, list[:n]); err != nil {
					return err
				}
				list = list[n:]
			}
		}
		if dryRun {
			return errDryRun // rolls everything back
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionImportFinished, Entity: "import", ID: "all",
			Details: map[string]any{"name": "rolo export all", "entity": "all", "created": len(d.Contacts) + len(d.Companies) + len(d.Deals)}})
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return rep, err
	}
	if !dryRun {
		a.hasUsers.Store(len(d.Users) > 0)
	}
	return ImportAllReport{Users: len(d.Users), Companies: len(d.Companies), Contacts: len(d.Contacts), Deals: len(d.Deals),
		Activities: len(d.Activities), Tasks: len(d.Tasks)}, nil
}

// refuseOccupied says why a database that holds anything is no place
// for a restore.
func refuseOccupied(held []string, err error) error {
	if err != nil || len(held) == 0 {
		return err
	}
	return &DumpError{[]DumpProblem{{"", "the database is not empty (it holds " + strings.Join(held, ", ") +
		"); import all restores into a new, empty database only (start one with --db NEW.db)"}}}
}

func ids[T any](list []T, id func(T) string) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = id(x)
	}
	return out
}

// dumpWriter inserts a checked document's rows; the first error stops it.
type dumpWriter struct {
	ctx    context.Context
	tx     *store.Tx
	region string
	err    error
	tagIDs map[string]string // folded name → id
	fields map[string]map[string]DumpCustomField
}

func (w *dumpWriter) row(table, cols string, vals ...any) {
	if w.err != nil {
		return
	}
	if err := store.InsertDumpRow(w.ctx, w.tx, table, strings.Split(cols, ", "), vals...); err != nil {
		w.err = fmt.Errorf("%s: %w", table, err)
	}
}

// null stores "" and nil pointers as NULL.
func null(s *string) any {
	if s == nil || *s == "" {
		return nil
	}
	return *s
}

func refID(r *DumpRef) any {
	if r == nil {
		return nil
	}
	return r.ID
}

func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (w *dumpWriter) settings(d *Dump, locked string) {
	for _, u := range d.Users {
		w.row("users", "id, email, name, role, password_hash, language, time_zone, phone_region, remind_minutes, disabled_at, last_login_at, created_at, updated_at",
			u.ID, strings.ToLower(strings.TrimSpace(u.Email)), u.Name, u.Role, locked, u.Language, u.TimeZone, u.PhoneRegion, u.RemindMinutes,
			null(u.DisabledAt), null(u.LastLoginAt), u.CreatedAt, u.UpdatedAt)
	}
	w.tagIDs = map[string]string{}
	for _, t := range d.Tags {
		w.tagIDs[foldKey(t.Name)] = t.ID
		w.row("tags", "id, name, name_key, color, created_at, updated_at", t.ID, t.Name, foldKey(t.Name), t.Color, t.CreatedAt, t.UpdatedAt)
	}
	w.fields = map[string]map[string]DumpCustomField{}
	for _, f := range d.CustomFields {
		if w.fields[f.Entity] == nil {
			w.fields[f.Entity] = map[string]DumpCustomField{}
		}
		w.fields[f.Entity][f.Key] = f
		w.row("custom_fields", "id, entity, key, label, type, help, required, group_name, position, currency, created_at, updated_at",
			f.ID, f.Entity, f.Key, f.Label, f.Type, f.Help, flag(f.Required), f.Group, f.Position, f.Currency, f.CreatedAt, f.UpdatedAt)
		for i, o := range f.Options {
			w.row("custom_field_options", "id, field_id, label, position", o.ID, f.ID, o.Label, i)
		}
	}
	for _, t := range d.ActivityTypes {
		w.row("activity_types", "id, name, icon, color, has_duration, builtin, position, archived_at, created_at, updated_at",
			t.ID, t.Name, t.Icon, t.Color, flag(t.HasDuration), flag(t.Builtin), t.Position, null(t.ArchivedAt), t.CreatedAt, t.UpdatedAt)
	}
	for _, p := range d.Pipelines {
		w.row("pipelines", "id, name, name_key, position, archived_at, created_at, updated_at",
			p.ID, p.Name, p.NameKey, p.Position, null(p.ArchivedAt), p.CreatedAt, p.UpdatedAt)
		for i, s := range p.Stages {
			var rot any
			if s.RotDays != nil {
				rot = *s.RotDays
			}
			w.row("stages", "id, pipeline_id, name, name_key, position, probability, rot_days, kind, archived_at, created_at, updated_at",
				s.ID, p.ID, s.Name, s.NameKey, i, s.Probability, rot, s.Kind, null(s.ArchivedAt), s.CreatedAt, s.UpdatedAt)
		}
	}
}

func (w *dumpWriter) tags(table, col, id string, names []string) {
	for _, n := range names {
		w.row(table, "tag_id, "+col, w.tagIDs[foldKey(n)], id)
	}
}

// custom writes a record's values as custom_values keeps them.
func (w *dumpWriter) custom(entity, id string, values DumpCustom) {
	for key, raw := range values {
		f := w.fields[entity][key]
		if string(raw) == "null" {
			continue
		}
		switch f.Type {
		case "number":
			var n float64
			_ = json.Unmarshal(raw, &n)
			w.row("custom_values", "field_id, record_id, value, currency", f.ID, id, n, "")
		case "money":
			var m DumpMoney
			_ = json.Unmarshal(raw, &m)
			w.row("custom_values", "field_id, record_id, value, currency", f.ID, id, m.Minor, m.Currency)
		case "bool":
			var b bool
			_ = json.Unmarshal(raw, &b)
			w.row("custom_values", "field_id, record_id, value, currency", f.ID, id, flag(b), "")
		case "select", "multi_select":
			var labels []string
			if f.Type == "select" {
				labels = []string{""}
				_ = json.Unmarshal(raw, &labels[0])
			} else {
				_ = json.Unmarshal(raw, &labels)
			}
			for _, l := range labels {
				w.row("custom_values", "field_id, record_id, value, currency", f.ID, id, optionIDOf(f, l), "")
			}
		default:
			var s string
			_ = json.Unmarshal(raw, &s)
			if s != "" {
				w.row("custom_values", "field_id, record_id, value, currency", f.ID, id, s, "")
			}
		}
	}
}
