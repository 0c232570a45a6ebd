package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"rolo/store"
)

// maxJSONImportBytes bounds a JSON file `rolo import contacts` reads
// into memory (a vCard file has the same kind of bound).
const maxJSONImportBytes = 512 << 20

// IsJSONFile tells whether a file to import is JSON (Rolo's own export)
// rather than CSV: its first non-blank byte opens an object, or an array
// (never Rolo's export, but refused as JSON rather than read as a CSV).
func IsJSONFile(head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\uFEFF")), " \t\r\n")
	return len(head) > 0 && (head[0] == '{' || head[0] == '[')
}

// ImportJSON imports the contacts, companies or deals (opt.Entity) of a
// JSON document — `rolo export contacts --format json`, or `rolo export
// all` — through the CSV import: each record becomes a row of Rolo's own
// CSV layout, so matching by id, duplicates, dry run, the batch and undo
// are the CSV import's, and a problem's line is the line of the JSON
// file its record begins on.
func (a *App) ImportJSON(ctx context.Context, actor Actor, r io.Reader, opt ImportOptions) (ImportReport, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxJSONImportBytes+1))
	if err != nil {
		return ImportReport{}, err
	}
	if len(data) > maxJSONImportBytes {
		return ImportReport{}, errorf(EInvalid, "error.import_too_large")
	}
	if err := checkRoloJSON(data); err != nil {
		return ImportReport{}, err
	}
	var d Dump
	if err := decodeDump(data, &d); err != nil {
		return ImportReport{}, err
	}
	if d.Format != DumpFormat || d.Version != DumpVersion {
		return ImportReport{}, &DumpError{[]DumpProblem{{"format", fmt.Sprintf("must be %q version %d (a file written by rolo export), not %q version %d",
			DumpFormat, DumpVersion, d.Format, d.Version)}}}
	}
	if err := checkExtras(&d); err != nil {
		return ImportReport{}, err
	}
	ex, err := a.newExporter(ctx, opt.Entity)
	if err != nil {
		return ImportReport{}, err
	}
	member := map[string]string{"contact": "contacts", "company": "companies", "deal": "deals"}[opt.Entity]
	lines, err := recordLines(data, member)
	if err != nil {
		return ImportReport{}, err
	}
	rows, photos, err := a.jsonRows(ctx, ex, &d)
	if err != nil {
		return ImportReport{}, err
	}
	if len(rows) == 0 {
		return ImportReport{}, wrongKind(&d, member)
	}
	table, tableLines, err := csvOfRows(ex.columns, rows, lines)
	if err != nil {
		return ImportReport{}, err
	}
	opt.Preset, opt.Encoding, opt.Delimiter, opt.lines = "rolo", "utf-8", ',', tableLines
	opt.photos = map[int][]byte{}
	for i, p := range photos {
		if p != nil {
			opt.photos[lines[i]] = p
		}
	}
	rep, err := a.Import(ctx, actor, bytes.NewReader(table), opt)
	rep.JSON = true
	if err != nil || opt.DryRun || !rep.Written || rep.BatchID == "" {
		return rep, err
	}
	return rep, a.completeFromJSON(ctx, &d, opt.Entity, rep.BatchID)
}

// csvOfRows writes rows as Rolo's CSV, neutralised as the CSV export is,
// and maps each row's table line to its record's line in the JSON file.
func csvOfRows(columns []string, rows []map[string]string, lines []int) ([]byte, map[int]int, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	at := map[int]int{}
	if err := w.Write(columns); err != nil {
		return nil, nil, err
	}
	cells := make([]string, len(columns))
	for i, row := range rows {
		w.Flush()
		at[bytes.Count(buf.Bytes(), []byte("\n"))+1] = lines[i]
		for j, col := range columns {
			cells[j] = neutralise(row[col])
		}
		if err := w.Write(cells); err != nil {
			return nil, nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), at, w.Error()
}

// recordLines finds the line each record of a top-level list begins on.
func recordLines(data []byte, member string) ([]int, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	line := func(offset int64) int {
		for offset < int64(len(data)) && strings.ContainsRune(" \t\r\n,", rune(data[offset])) {
			offset++
		}
		return bytes.Count(data[:offset], []byte("\n")) + 1
	}
	if _, err := dec.Token(); err != nil { // {
		return nil, err
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, err
		}
		if key != member {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, err
			}
			continue
		}
		if _, err := dec.Token(); err != nil { // [
			return nil, err
		}
		var lines []int
		for dec.More() {
			lines = append(lines, line(dec.InputOffset()))
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, err
			}
		}
		return lines, nil
	}
	return nil, nil
}

// jsonRows turns the document's records of the exporter's kind into rows
// of named cells, as the CSV export writes them, with contacts' photos.
func (a *App) jsonRows(ctx context.Context, ex *exporter, d *Dump) ([]map[string]string, [][]byte, error) {
	fields := map[string]CustomField{}
	for _, f := range ex.custom {
		fields[f.Key] = f
	}
	var problems []DumpProblem
	custom := func(row map[string]string, path string, values DumpCustom) {
		for key, raw := range values {
			f, ok := fields[key]
			if !ok {
				problems = append(problems, DumpProblem{path + "." + key, "no " + ex.entity + " custom field has this key here; add it first"})
				continue
			}
			v, err := customValueOf(f, raw)
			if err != nil {
				problems = append(problems, DumpProblem{path + "." + key, err.Error()})
				continue
			}
			row["cf."+key] = customCell(f, v)
		}
	}
	var rows []map[string]string
	var photos [][]byte
	switch ex.entity {
	case "contact":
		for i, c := range d.Contacts {
			row := contactRowOf(c)
			custom(row, fmt.Sprintf("contacts[%d].custom", i), c.Custom)
			rows = append(rows, row)
			var photo []byte
			if c.Photo != nil {
				photo = c.Photo.Data
			}
			photos = append(photos, photo)
		}
	case "company":
		for i, c := range d.Companies {
			row := map[string]string{"id": c.ID, "name": c.Name, "domain": c.Domain, "website": c.Website, "industry": c.Industry,
				"size": c.Size, "phone": c.Phone, "owner": refEmail(c.Owner), "tags": tagCell(c.Tags), "notes": c.Notes,
				"created_at": c.CreatedAt, "updated_at": c.UpdatedAt}
			addressCells(row, c.Address)
			custom(row, fmt.Sprintf("companies[%d].custom", i), c.Custom)
			rows = append(rows, row)
		}
	case "deal":
		emails, err := a.primaryEmails(ctx, d.Deals)
		if err != nil {
			return nil, nil, err
		}
		for i, dl := range d.Deals {
			row := map[string]string{"id": dl.ID, "title": dl.Title, "value": formatMinor(dl.Value.Minor, CurrencyScale(dl.Value.Currency)),
				"currency": dl.Value.Currency, "pipeline": dl.Pipeline.Name, "stage": dl.Stage.Name, "status": dl.Status,
				"lost_reason": dl.LostReason, "owner": refEmail(dl.Owner), "expected_close_date": derefOr(dl.ExpectedCloseDate),
				"source": dl.Source, "notes": dl.Notes, "tags": tagCell(dl.Tags), "created_at": dl.CreatedAt, "updated_at": dl.UpdatedAt}
			if dl.Company != nil {
				row["company"] = dl.Company.Name
			}
			if dl.Contact != nil {
				row["contact"] = emails[dl.Contact.ID]
			}
			custom(row, fmt.Sprintf("deals[%d].custom", i), dl.Custom)
			rows = append(rows, row)
		}
	}
	if len(problems) > 0 {
		return nil, nil, &DumpError{problems[:min(len(problems), dumpProblemsShown)]}
	}
	return rows, photos, nil
}

func contactRowOf(c DumpContact) map[string]string {
	row := map[string]string{"id": c.ID, "display_name": c.DisplayName, "first_name": c.FirstName, "last_name": c.LastName,
		"title": c.Title, "website": c.Website, "birthday": derefOr(c.Birthday), "lead_source": c.LeadSource,
		"lifecycle_status": c.LifecycleStatus, "owner": refEmail(c.Owner), "tags": tagCell(c.Tags), "notes": c.Notes,
		"created_at": c.CreatedAt, "updated_at": c.UpdatedAt}
	if c.Company != nil {
		row["company"] = c.Company.Name
	}
	for i, e := range c.Emails {
		addChannel(row, channelColumn("email", i), e.Value, e.Label, i >= 2 && len(c.Emails) > 3)
	}
	for i, p := range c.Phones {
		addChannel(row, channelColumn("phone", i), p.Value, p.Label, i >= 2 && len(c.Phones) > 3)
	}
	for i, s := range c.Social {
		addChannel(row, "social", s.Value, s.Label, i > 0)
	}
	addressCells(row, c.Address)
	return row
}

func addressCells(row map[string]string, a DumpAddress) {
	row["address.street"], row["address.city"], row["address.region"] = a.Street, a.City, a.Region
	row["address.postal_code"], row["address.country"] = a.PostalCode, a.Country
}

func refEmail(r *DumpRef) string {
	if r == nil {
		return ""
	}
	return r.Email
}

// primaryEmails finds the first email of each deal's contact, the cell
// by which the deals CSV names it.
func (a *App) primaryEmails(ctx context.Context, deals []DumpDeal) (map[string]string, error) {
	var ids []string
	for _, d := range deals {
		if d.Contact != nil {
			ids = append(ids, d.Contact.ID)
		}
	}
	contacts, err := store.ContactsByIDs(ctx, a.db.Reader(), ids)
	out := map[string]string{}
	for _, c := range contacts {
		if len(c.Emails) > 0 {
			out[c.ID] = c.Emails[0].Value
		}
	}
	return out, err
}

// customValueOf reads a typed JSON value into the shape the export's
// cells are written from (see CustomValues).
func customValueOf(f CustomField, raw json.RawMessage) (any, error) {
	if string(raw) == "null" {
		return nil, nil
	}
	var err error
	var v any
	switch f.Type {
	case "number":
		var n float64
		err = json.Unmarshal(raw, &n)
		v = n
	case "money":
		var m DumpMoney
		err = json.Unmarshal(raw, &m)
		v = MoneyValue{Minor: m.Minor, Currency: m.Currency}
	case "bool":
		var b bool
		err = json.Unmarshal(raw, &b)
		v = b
	case "multi_select":
		var list []string
		err = json.Unmarshal(raw, &list)
		v = list
	default:
		var s string
		err = json.Unmarshal(raw, &s)
		v = s
	}
	if err != nil {
		return nil, fmt.Errorf("does not fit a %s field: %s", f.Type, string(raw))
	}
	return v, nil
}

// tagCell and customCell write a cell as the CSV export does, so the
// rolo preset reads the same names back.
func tagCell(names []string) string { return joinTagList(names) }

func customCell(f CustomField, v any) string {
	if options, ok := v.([]string); ok {
		return joinTagList(options) // an option may hold a comma
	}
	return ValueText(f, v)
}
