package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
)

// writeJSONRecords writes the exporter's records as one JSON array, one
// object a line.
func (a *App) writeJSONRecords(ctx context.Context, ex *exporter, w io.Writer, ids []string) error {
	if _, err := io.WriteString(w, "[\n"); err != nil {
		return err
	}
	n := 0
	err := ex.each(ctx, ids, func(row map[string]string, _ any) error {
		obj := map[string]any{}
		for _, col := range ex.columns {
			if v := row[col]; v != "" {
				obj[col] = v
			}
		}
		b, err := json.Marshal(obj)
		if err != nil {
			return err
		}
		sep := ",\n"
		if n == 0 {
			sep = ""
		}
		n++
		_, err = fmt.Fprintf(w, "%s%s", sep, b)
		return err
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n]\n")
	return err
}

// ExportAll writes the whole database's contacts, companies and deals as
// one JSON object, for moving to another system.
func (a *App) ExportAll(ctx context.Context, actor Actor, w io.Writer) error {
	for i, entity := range []string{"contact", "company", "deal"} {
		sep := ",\n"
		if i == 0 {
			sep = "{\n"
		}
		if _, err := fmt.Fprintf(w, "%s%q: ", sep, map[string]string{"contact": "contacts", "company": "companies", "deal": "deals"}[entity]); err != nil {
			return err
		}
		if err := a.Export(ctx, actor, w, entity, "json", nil); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "}\n")
	return err
}
