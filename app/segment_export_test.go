package app_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestExportSegment(t *testing.T) {
	t.Parallel()
	w := newOwnOnlyWorld(t)
	ta, me, ctx := w.ta, w.me, t.Context()
	is := is.New(t)
	seg, err := ta.CreateSegment(ctx, me, app.SegmentInput{Entity: "contact", Name: "Quorras", Query: "last_name:Quorra"})
	is.NoErr(err)

	t.Run("only the records the user sees", func(t *testing.T) {
		is := is.New(t)
		var out bytes.Buffer
		is.NoErr(ta.ExportSegment(ctx, me, &out, seg.ID, "csv"))
		is.True(strings.Contains(out.String(), "Mina"))
		is.True(!strings.Contains(out.String(), "Theo")) // a colleague's contact stays out
		n, err := ta.SegmentCount(ctx, me, seg)
		is.NoErr(err)
		is.Equal(n, 1) // the count agrees with the file
	})
	t.Run("the CLI finds it by name and sees everything", func(t *testing.T) {
		is := is.New(t)
		found, err := ta.SegmentNamed(ctx, nil, "contact", "quorras")
		is.NoErr(err)
		is.Equal(found.ID, seg.ID)
		var out bytes.Buffer
		is.NoErr(ta.ExportSegment(ctx, nil, &out, seg.ID, "vcf"))
		is.Equal(strings.Count(out.String(), "BEGIN:VCARD"), 2)
		_, err = ta.SegmentNamed(ctx, nil, "company", "quorras")
		is.Equal(app.ErrorCode(err), app.ENotFound) // names are per list
	})
	t.Run("an empty segment exports no one", func(t *testing.T) {
		is := is.New(t)
		empty, err := ta.CreateSegment(ctx, me, app.SegmentInput{Entity: "contact", Name: "Nobody", Query: "last_name:Nobody"})
		is.NoErr(err)
		var out bytes.Buffer
		is.NoErr(ta.ExportSegment(ctx, me, &out, empty.ID, "csv"))
		is.Equal(strings.Count(out.String(), "\n"), 1) // the header only, not every contact
	})
	t.Run("another user's private segment", func(t *testing.T) {
		is := is.New(t)
		var out bytes.Buffer
		err := ta.ExportSegment(ctx, w.colleague, &out, seg.ID, "csv")
		is.Equal(app.ErrorCode(err), app.ENotFound)
		_, err = ta.SegmentNamed(ctx, w.colleague, "contact", "Quorras")
		is.Equal(app.ErrorCode(err), app.ENotFound)
	})
}
