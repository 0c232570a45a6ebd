package web

import (
	"net/url"

	"rolo/app"
)

// dealFilter is the board's and the deal list's query string. Status
// defaults to open deals; "all" shows every outcome. Tag is a name.
type dealFilter struct {
	Status    string
	Owner     string
	Tag       string
	CloseFrom string
	CloseTo   string
	Stage     string // the list view only: one column's deals
	Sort      string // the list view only
	Cursor    string
	Q         string // the filter syntax, with the filter builder's rows added
	Segment   string // a saved deal segment's id
}

// dealFilterKeys are the parameters of a dealFilter, in link order.
var dealFilterKeys = []string{"status", "owner", "tag", "close_from", "close_to", "stage", "sort", "cursor", "q", "segment"}

func readDealFilter(v url.Values) dealFilter {
	f := dealFilter{Status: v.Get("status"), Owner: v.Get("owner"), Tag: v.Get("tag"), CloseFrom: v.Get("close_from"),
		CloseTo: v.Get("close_to"), Stage: v.Get("stage"), Sort: v.Get("sort"), Cursor: v.Get("cursor"),
		Q: withBuilderRows(v), Segment: v.Get("segment")}
	if f.Status == "" {
		f.Status = app.DealOpen
	}
	return f
}

func (f dealFilter) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"owner": f.Owner, "tag": f.Tag, "close_from": f.CloseFrom, "close_to": f.CloseTo,
		"stage": f.Stage, "sort": f.Sort, "cursor": f.Cursor, "q": f.Q, "segment": f.Segment} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if f.Status != app.DealOpen {
		v.Set("status", f.Status)
	}
	return v
}

// url is path with f's query.
func (f dealFilter) url(path string) string {
	if q := f.values().Encode(); q != "" {
		return path + "?" + q
	}
	return path
}

// Filtered tells whether anything but the default open status is set.
func (f dealFilter) Filtered() bool {
	return f.Status != app.DealOpen || f.Owner != "" || f.Tag != "" || f.CloseFrom != "" || f.CloseTo != "" || f.Stage != "" ||
		f.Q != "" || f.Segment != ""
}

// query is the store query of f for one pipeline; the tag is resolved by
// the caller.
func (f dealFilter) query(pipelineID string) app.DealQuery {
	q := app.DealQuery{Pipeline: pipelineID, Status: f.Status, Owner: f.Owner, CloseFrom: f.CloseFrom, CloseTo: f.CloseTo,
		Stage: f.Stage, Sort: f.Sort, Cursor: f.Cursor}
	if q.Status == "all" {
		q.Status = ""
	}
	return q
}
