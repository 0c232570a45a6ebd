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
// user's records and the team.
func (a *App) ExportAll(ctx context.Context, actor Actor, w io.Writer) error {
	if err := a.can(actor, AreaSettings, LevelManage); err != nil {
		return err
	}
	var d Dump
	err := a.db.ReadSnapshot(ctx, func(q store.Querier) error {
		var err error
		d, err = readDump(ctx, q)
		return err
	})
	if err != nil {
		return err
	}
	return writeDump(w, d)
}

func readDump(ctx context.Context, q store.Querier) (Dump, error) {
	d := Dump{Format: DumpFormat, Version: DumpVersion}
	r, err := newDumpReader(ctx, q)
	if err != nil {
		return d, err
	}
	all := func(string) bool { return true }
	steps := []func() error{
		func() (err error) { d.Users, err = r.userList(); return },
		func() (err error) { d.Tags, err = r.tagList(); return },
		func() (err error) { d.CustomFields, err = r.customFields(); return },
		func() (err error) { d.ActivityTypes, err = r.activityTypeList(); return },
		func() (err error) { d.Pipelines, err = r.pipelineList(); return },
		func() (err error) { d.Companies, err = r.companyList(all, nil); return },
		func() (err error) { d.Contacts, err = r.contactList(all, nil); return },
		func() (err error) { d.Deals, err = r.dealList(all, nil); return },
		func() (err error) { d.Activities, err = r.activityList(); return },
		func() (err error) { d.Tasks, err = r.taskList(); return },
		func() (err error) { d.Segments, err = r.segmentList(); return },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return d, err
		}
	}
	return d, nil
}

// writeDump encodes the document as encoding/json's Encoder would with
// two spaces of indent and <, > and & as themselves, but a record at a
// time, so that a large database is not held twice more as text.
func writeDump(w io.Writer, d Dump) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, "{\n  \"format\": %q,\n  \"version\": %d", d.Format, d.Version)
	v, t := reflect.ValueOf(d), reflect.TypeOf(d)
	for i := range t.NumField() {
		list := v.Field(i)
		if list.Kind() != reflect.Slice || list.Len() == 0 {
			continue // format and version are written; an empty list is left out
		}
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		fmt.Fprintf(bw, ",\n  %q: [", name)
		for j := range list.Len() {
			sep := ",\n    "
			if j == 0 {
				sep = "\n    "
			}
			bw.WriteString(sep)
			// Encode ends each value with a newline, which the separator replaces.
			var one bytes.Buffer
			enc := json.NewEncoder(&one)
			enc.SetEscapeHTML(false)
			enc.SetIndent("    ", "  ")
			if err := enc.Encode(list.Index(j).Interface()); err != nil {
				return err
			}
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
