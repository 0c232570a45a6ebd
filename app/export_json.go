package app

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"

	"rolo/store"
)

// ExportAll writes the whole database as one typed JSON document (see
// dump_types.go), for moving to another system or restoring with
// ImportAll. Only an admin (or the command line) may: it holds every
// user's records and the team. It reads in one snapshot and writes a
// kind at a time, so only the largest kind is held in memory whole.
func (a *App) ExportAll(ctx context.Context, actor Actor, w io.Writer) error {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return err
	}
	return a.db.ReadSnapshot(ctx, func(q store.Querier) error {
		r, err := newDumpReader(ctx, q)
		if err != nil {
			return err
		}
		all := func(string) bool { return true }
		// In the order of Dump's members.
		return writeDumpParts(w, []dumpPart{
			{"users", func() (any, error) { return r.userList() }},
			{"tags", func() (any, error) { return r.tagList() }},
			{"custom_fields", func() (any, error) { return r.customFields() }},
			{"activity_types", func() (any, error) { return r.activityTypeList() }},
			{"pipelines", func() (any, error) { return r.pipelineList() }},
			{"companies", func() (any, error) { return r.companyList(all, nil) }},
			{"contacts", func() (any, error) { return r.contactList(all, nil) }},
			{"deals", func() (any, error) { return r.dealList(all, nil) }},
			{"activities", func() (any, error) { return r.activityList() }},
			{"tasks", func() (any, error) { return r.taskList() }},
			{"segments", func() (any, error) { return r.segmentList() }},
		})
	})
}

// dumpPart is one list of a document, read when its turn comes.
type dumpPart struct {
	name string
	list func() (any, error)
}

// writeDump writes a document held whole (one kind's export).
func writeDump(w io.Writer, d Dump) error {
	var parts []dumpPart
	v, t := reflect.ValueOf(d), reflect.TypeOf(d)
	for i := range t.NumField() {
		if list := v.Field(i); list.Kind() == reflect.Slice {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			parts = append(parts, dumpPart{name, func() (any, error) { return list.Interface(), nil }})
		}
	}
	return writeDumpParts(w, parts)
}

// writeDumpParts encodes a document as encoding/json's Encoder would
// encode a Dump, with two spaces of indent and <, > and & as themselves,
// but a record at a time, so that the text is never held whole.
func writeDumpParts(w io.Writer, parts []dumpPart) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, "{\n  \"format\": %q,\n  \"version\": %d", DumpFormat, DumpVersion)
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	for _, p := range parts {
		got, err := p.list()
		if err != nil {
			return err
		}
		list := reflect.ValueOf(got)
		if list.Len() == 0 {
			continue // an empty list is left out, as omitempty does
		}
		fmt.Fprintf(bw, ",\n  %q: [", p.name)
		for j := range list.Len() {
			sep := ",\n    "
			if j == 0 {
				sep = "\n    "
			}
			bw.WriteString(sep)
			one.Reset()
			if err := enc.Encode(list.Index(j).Interface()); err != nil {
				return err
			}
			// Encode ends each value with a newline, which the separator replaces.
			bw.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
		}
		bw.WriteString("\n  ]")
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// writeJSONRecords writes one kind of record (or only ids) as the same
// document with only that kind's list, so `rolo export contacts --format
// json` is the contacts part of `rolo export all`. It keeps to what the
// exporter allows the actor: own records only, no hidden fields.
func (a *App) writeJSONRecords(ctx context.Context, ex *exporter, w io.Writer, ids []string) error {
	hidden := map[string]bool{}
	shown := map[string]bool{}
	for _, c := range ex.columns {
		shown[c] = true
	}
	for _, f := range ex.custom {
		if !shown["cf."+f.Key] {
			hidden[f.Key] = true
		}
	}
	var only map[string]bool
	if ids != nil {
		only = make(map[string]bool, len(ids))
		for _, id := range ids {
			only[id] = true
		}
	}
	keep := func(owner string) bool { return ex.owner == "" || owner == ex.owner }
	d := Dump{Format: DumpFormat, Version: DumpVersion}
	err := a.db.ReadSnapshot(ctx, func(q store.Querier) error {
		r, err := newDumpReader(ctx, q)
		if err != nil {
			return err
		}
		switch ex.entity {
		case "contact":
			d.Contacts, err = r.contactList(keep, hidden)
			d.Contacts = onlyIDs(d.Contacts, only, func(c DumpContact) string { return c.ID })
		case "company":
			d.Companies, err = r.companyList(keep, hidden)
			d.Companies = onlyIDs(d.Companies, only, func(c DumpCompany) string { return c.ID })
		case "deal":
			d.Deals, err = r.dealList(keep, hidden)
			d.Deals = onlyIDs(d.Deals, only, func(c DumpDeal) string { return c.ID })
		}
		return err
	})
	if err != nil {
		return err
	}
	return writeDump(w, d)
}

// onlyIDs keeps the records whose id is in only (all when only is nil).
func onlyIDs[T any](list []T, only map[string]bool, id func(T) string) []T {
	if only == nil {
		return list
	}
	out := list[:0]
	for _, x := range list {
		if only[id(x)] {
			out = append(out, x)
		}
	}
	return out
}
