package store

import (
	"context"
	"time"
)

// ReportFilter narrows a report: the period [From, To) and, when set, one
// pipeline, owner, tag or source. Each report applies the filters that
// mean something for its rows (a pipeline narrows deals, not contacts).
type ReportFilter struct {
	From, To   time.Time
	PipelineID string
	OwnerID    string // "" for the whole team
	TagID      string
	Source     string
	// Segment narrows the reports on its entity ("contact" or "deal") to
	// the records its compiled query matches; reports on other records
	// ignore it.
	SegmentEntity     string
	SegmentConditions []Condition
}

// segmentFilter adds the segment's conditions when it is about entity. A
// condition the store cannot write (none reach here: the app compiled
// them) matches nothing rather than everything.
func (f ReportFilter) segmentFilter(w *where, entity string) {
	if f.SegmentEntity != entity || len(f.SegmentConditions) == 0 {
		return
	}
	if err := w.addConditions(entity, f.SegmentConditions, false); err != nil {
		w.add("1 = 0")
	}
}

// dealFilters adds the pipeline, owner, tag and source filters on deals
// (aliased d).
func (f ReportFilter) dealFilters(w *where) {
	if f.PipelineID != "" {
		w.add("d.pipeline_id = ?", f.PipelineID)
	}
	if f.OwnerID != "" {
		w.add("d.owner_id = ?", f.OwnerID)
	}
	if f.Source != "" {
		w.add("d.source = ?", f.Source)
	}
	if f.TagID != "" {
		w.add("d.id IN (SELECT deal_id FROM deal_tags WHERE tag_id = ?)", f.TagID)
	}
	f.segmentFilter(w, "deal")
}

// contactFilters adds the owner, tag and source filters on contacts
// (aliased c).
func (f ReportFilter) contactFilters(w *where) {
	if f.OwnerID != "" {
		w.add("c.owner_key = ?", f.OwnerID)
	}
	if f.Source != "" {
		w.add("c.lead_source = ?", f.Source)
	}
	if f.TagID != "" {
		w.add("c.id IN (SELECT contact_id FROM contact_tags WHERE tag_id = ?)", f.TagID)
	}
	f.segmentFilter(w, "contact")
}

// ReportSources lists the distinct deal sources and contact lead sources
// in use, for the source filter (at most 200).
func ReportSources(ctx context.Context, q Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT source FROM (SELECT DISTINCT source FROM deals WHERE source <> '' AND deleted_at IS NULL
		UNION SELECT DISTINCT lead_source FROM contacts WHERE lead_source <> '' AND deleted_at IS NULL) ORDER BY 1 LIMIT 200`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
