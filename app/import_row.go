package app

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"rolo/store"
)

// importer holds what one import learns once and reuses for every row.
type importer struct {
	a       *App
	actor   Actor
	opt     ImportOptions
	header  []string
	fields  []string
	custom  map[string]CustomField // by key
	users   map[string]string      // folded email or name → user id
	compIDs map[string]string      // folded company name → id, filled as the import goes
	tagIDs  map[string]string      // folded tag name → id
	seen    map[string]bool        // dry run: match keys met earlier in the file
	// takenIDs are ids of stored contacts that rows name (existing), which
	// a new contact cannot have.
	takenIDs map[string]bool
	batchID  string
	writing  bool // the write pass: rows keep their numbers' national digits (phone_national.go)
	preset   string
	scope    string            // own-records-only: existing records of others are not matched
	docs     []store.SearchDoc // new contacts of the chunk, indexed at its end
	// pipelines in use, read once for a deal import (livePipelines)
	pipelines   []Pipeline
	pipelinesMu sync.Mutex
}

type phoneRegionKey struct{}

func (a *App) newImporter(ctx context.Context, actor Actor, opt ImportOptions) (*importer, error) {
	imp := &importer{a: a, actor: actor, opt: opt, custom: map[string]CustomField{}, users: map[string]string{},
		compIDs: map[string]string{}, tagIDs: map[string]string{}, seen: map[string]bool{}, takenIDs: map[string]bool{}, scope: a.ownerScope(actor)}
	if imp.scope != "" {
		imp.opt.OwnerID = imp.scope // a user who sees only their own records imports records of their own
	}
	fields, err := store.CustomFields(ctx, a.db.Reader(), opt.Entity)
	if err != nil {
		return nil, err
	}
	for _, f := range fields {
		imp.custom[f.Key] = f
	}
	team, err := store.ListUsers(ctx, a.db.Reader())
	if err != nil {
		return nil, err
	}
	for _, u := range team {
		if !u.Disabled() {
			imp.users[foldKey(u.Email)], imp.users[foldKey(u.Name)] = u.ID, u.ID
		}
	}
	return imp, nil
}

// open reads the header and settles the mapping; the report starts with
// the columns.
func (imp *importer) open(src interface{ Read([]byte) (int, error) }, opt ImportOptions) (*csvTable, ImportReport, error) {
	table, err := openCSV(src, CSVFormat{Encoding: opt.Encoding, Delimiter: opt.Delimiter})
	if err != nil {
		return nil, ImportReport{}, err
	}
	table.lines = opt.lines
	rep := ImportReport{Format: table.Format, Preset: opt.Preset}
	if rep.Preset == "" {
		rep.Preset = detectPreset(opt.Entity, table.Header)
	}
	imp.preset = rep.Preset
	imp.header, imp.fields = table.Header, mapColumns(opt.Entity, rep.Preset, table.Header)
	for i, h := range table.Header {
		if f, ok := opt.Mapping[h]; ok {
			imp.fields[i] = f
		}
		if len(opt.Columns) == len(table.Header) {
			imp.fields[i] = opt.Columns[i]
		}
		if strings.HasPrefix(imp.fields[i], "cf.") {
			if _, ok := imp.custom[strings.TrimPrefix(imp.fields[i], "cf.")]; !ok {
				return nil, rep, Invalid(map[string]string{"map." + h: "error.field_unknown"})
			}
		}
		rep.Columns = append(rep.Columns, ImportColumn{Header: h, Field: imp.fields[i]})
	}
	return table, rep, nil
}

// cellsOf gathers the cells of one row by field; fields mapped from
// several columns (email, phone, tags) keep every non-empty value.
func (imp *importer) cellsOf(cells []string) map[string][]string {
	by := map[string][]string{}
	for i, f := range imp.fields {
		if f == "" || i >= len(cells) {
			continue
		}
		v := strings.TrimSpace(cells[i])
		if imp.preset == "rolo" {
			v = unneutralise(v)
		}
		if v != "" {
			by[f] = append(by[f], v)
		}
	}
	return by
}

func first(by map[string][]string, field string) string {
	if v := by[field]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// owner resolves an owner cell (email or name) to a user, or reports it.
func (imp *importer) owner(by map[string][]string, p map[string]string) string {
	if imp.opt.OwnerID != "" {
		return imp.opt.OwnerID
	}
	ref := first(by, "owner")
	if ref == "" {
		return ""
	}
	id, ok := imp.users[foldKey(ref)]
	if !ok {
		p["owner"] = "error.owner_unknown"
	}
	return id
}

// customValues reads the cf.* cells and checks them against their fields.
func (imp *importer) customValues(by map[string][]string, p map[string]string) CustomValues {
	var out CustomValues
	for field, vals := range by {
		key, ok := strings.CutPrefix(field, "cf.")
		if !ok {
			continue
		}
		f := imp.custom[key]
		var raw any = vals[0]
		if f.Type == "multi_select" {
			raw = splitImportTags(strings.Join(vals, ","))
		}
		if _, problem := imp.a.storedValue(f, raw); problem != "" {
			p["custom_fields."+key] = problem
			continue
		}
		if out == nil {
			out = CustomValues{}
		}
		out[key] = raw
	}
	return out
}

// importDateLayouts are the date forms exports use, ISO first; a slash
// date is read month first (US Outlook, Google) unless the first number
// cannot be a month.
var importDateLayouts = []string{"2006-01-02", "2006/01/02", "2006.01.02", "2006.1.2", "2006/1/2", "2006-1-2",
	"2006年1月2日", "2006년 1월 2일", "1/2/2006", "2.1.2006", "02.01.2006", "2006-01-02T15:04:05Z07:00",
	"2006-01-02 15:04:05", "2006-01-02 15:04", "Jan 2, 2006", "January 2, 2006", "2 Jan 2006"}

// parseImportDate returns YYYY-MM-DD (or --MM-DD without a year) or ok false.
func parseImportDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.Trim(s, "0/.-") == "" { // Outlook writes 0/0/00 for every empty date
		return "", true
	}
	if strings.HasPrefix(s, "--") {
		return normalizeBirthday(s)
	}
	if a, b, ok := strings.Cut(s, "/"); ok && len(strings.Split(s, "/")) == 3 {
		if m, err := strconv.Atoi(a); err == nil && m > 12 && len(a) <= 2 { // day first: 31/01/1990 (not 1975/4/1)
			rest := strings.SplitN(b, "/", 2)
			s = rest[0] + "/" + a + "/" + rest[1]
		}
	}
	for _, layout := range importDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}

// lifecycleOf reads other CRMs' stage names: HubSpot's "Marketing
// Qualified Lead" is qualified.
func lifecycleOf(s string) string {
	k := headerKey(s)
	switch {
	case k == "":
		return ""
	case strings.Contains(k, "qualifiedlead") || k == "mql" || k == "sql":
		return "qualified"
	case contains(LifecycleStatuses, k):
		return k
	}
	return strings.ToLower(strings.TrimSpace(s)) // reported as invalid when it is not a status
}

func problemsOf(line int, err error, p map[string]string, value func(field string) string) []ImportProblem {
	if e := AsError(err); err != nil && len(e.Fields) > 0 {
		for k, v := range e.Fields {
			p[k] = v
		}
	} else if err != nil {
		p[""] = AsError(err).Message
	}
	out := make([]ImportProblem, 0, len(p))
	for field, msg := range p {
		out = append(out, ImportProblem{Line: line, Field: field, Message: msg, Value: value(field)})
	}
	sortProblems(out)
	return out
}

func sortProblems(ps []ImportProblem) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Field < ps[j-1].Field; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}
