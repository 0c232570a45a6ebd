package app

import (
	"context"
	"errors"
	"io"

	"rolo/store"
)

// SegmentNamed finds the segment of entity called name that actor sees.
// The CLI (a nil actor) sees every segment, private ones too; a name two
// segments share is refused rather than guessed, unless exactly one of
// them is shared.
func (a *App) SegmentNamed(ctx context.Context, actor Actor, entity, name string) (Segment, error) {
	all, err := store.SegmentsNamed(ctx, a.db.Reader(), entity, name)
	if err != nil {
		return Segment{}, err
	}
	var seen []Segment
	for _, s := range all {
		if actor == nil || s.Shared || s.OwnerID == actor.ID {
			seen = append(seen, s)
		}
	}
	switch {
	case len(seen) == 0:
		return Segment{}, errorf(ENotFound, "error.segment_name_unknown")
	case len(seen) > 1 && (!seen[0].Shared || seen[1].Shared):
		return Segment{}, errorf(EConflict, "error.segment_name_ambiguous")
	}
	return seen[0], nil
}

// ExportSegment writes the records a segment matches as CSV, JSON or
// vCards (contact segments), like Export: only the records actor sees,
// and without the fields hidden from actor's role.
func (a *App) ExportSegment(ctx context.Context, actor Actor, w io.Writer, segmentID, format string) error {
	s, ids, err := a.segmentExport(ctx, actor, segmentID, format)
	if err != nil {
		return err
	}
	return a.Export(ctx, actor, w, s.Entity, format, ids)
}

// ExportSegmentVCards writes a contact segment's records as vCards of
// version (VCardVersions), like ExportSegment.
func (a *App) ExportSegmentVCards(ctx context.Context, actor Actor, w io.Writer, segmentID, version string) error {
	_, ids, err := a.segmentExport(ctx, actor, segmentID, "vcf")
	if err != nil {
		return err
	}
	return a.ExportVCards(ctx, actor, w, version, ids)
}

// segmentExport finds the segment to export and the ids of its records.
func (a *App) segmentExport(ctx context.Context, actor Actor, segmentID, format string) (Segment, []string, error) {
	if err := a.can(actor, AreaImports, LevelView); err != nil {
		return Segment{}, nil, err
	}
	var s Segment
	var err error
	if actor == nil { // the CLI operator sees private segments too
		if s, err = store.SegmentByID(ctx, a.db.Reader(), segmentID); errors.Is(err, store.ErrNotFound) {
			err = errorf(ENotFound, "error.segment_not_found")
		}
	} else {
		s, err = a.Segment(ctx, actor, segmentID)
	}
	if err != nil {
		return Segment{}, nil, err
	}
	if format == "vcf" && s.Entity != "contact" {
		return Segment{}, nil, Invalid(map[string]string{"format": "error.export_vcf_contacts_only"})
	}
	ids, err := a.segmentIDs(ctx, actor, s, 0)
	return s, ids, err
}
