package app

import (
	"context"
	"encoding/json"
	"io"
	"sort"
	"strings"
)

// ImportFile imports one file of opt.Entity as `rolo import contacts`
// and the imports page both do: Rolo's JSON export when the file is
// JSON, a CSV otherwise. A JSON file names every field itself, so a
// preset, a column mapping, an encoding or a delimiter would mean
// nothing: they are refused rather than silently ignored.
func (a *App) ImportFile(ctx context.Context, actor Actor, src io.ReadSeeker, opt ImportOptions) (ImportReport, error) {
	head := make([]byte, 512)
	n, _ := io.ReadFull(src, head)
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return ImportReport{}, err
	}
	if !IsJSONFile(head[:n]) {
		return a.Import(ctx, actor, src, opt)
	}
	if opt.Preset != "" || len(opt.Mapping) > 0 || len(opt.Columns) > 0 || opt.Encoding != "" || opt.Delimiter != 0 {
		return ImportReport{}, errorf(EInvalid, "error.import_json_no_mapping")
	}
	return a.ImportJSON(ctx, actor, src, opt)
}

// checkRoloJSON tells a JSON file that is not Rolo's export at all (an
// array, or an object without Rolo's "format") from one that is, so the
// message says so instead of listing its members as unknown.
func checkRoloJSON(data []byte) error {
	var head struct {
		Format string `json:"format"`
	}
	if json.Unmarshal(data, &head) != nil || head.Format != DumpFormat {
		if json.Valid(data) {
			return errorf(EInvalid, "error.import_json_not_rolo")
		}
	}
	return nil
}

// wrongKind is the error for a Rolo JSON export that holds no records of
// the kind chosen (an export of another kind): its Detail names the kinds
// it does hold.
func wrongKind(d *Dump, member string) error {
	var held []string
	for kind, n := range map[string]int{"contacts": len(d.Contacts), "companies": len(d.Companies), "deals": len(d.Deals)} {
		if n > 0 {
			held = append(held, kind)
		}
	}
	sort.Strings(held)
	e := errorf(EInvalid, map[string]string{"contacts": "error.import_json_no_contacts",
		"companies": "error.import_json_no_companies", "deals": "error.import_json_no_deals"}[member])
	e.Detail = strings.Join(held, ", ")
	return e
}
