package web

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// filterView is what a list's query box, filter builder, segment menu and
// "save as segment" form show.
type filterView struct {
	Entity     string
	Q          string
	Segment    string
	Segments   []app.Segment
	Fields     []builderField
	Ops        []string
	Rows       []int
	At         string // where a query was not understood: "position: part"
	CanShare   bool
	SortFields []app.CustomField
	Sort       string
	Nav        []segmentLink // the entity's segments with their counts
	CanExport  bool          // the chosen segment may be downloaded
}

// segmentLink is a segment in a list page's segment navigation. Its
// count is fetched after the page (app.js, data-count-url), since
// counting every segment would cost more than the page; the segments
// page shows them all without scripts.
type segmentLink struct {
	Name     string
	URL      string
	CountURL string
	Current  bool
}

// builderField is one field a builder row may filter on.
type builderField struct {
	Key, Label string
	Custom     bool
}

// filterViewFor fills the filter widgets of entity's list.
func (s *site) filterViewFor(r *http.Request, entity string, f recordFilter) filterView {
	fields, _ := s.app.FieldsFor(r.Context(), request.CurrentUser(r), entity) // not the fields hidden from the user's role
	return s.filterViewWith(r, entity, f, fields)
}

// filterViewWith is filterViewFor with the entity's custom fields the
// user may see already read, for a page that needs them twice.
func (s *site) filterViewWith(r *http.Request, entity string, f recordFilter, fields []app.CustomField) filterView {
	v := filterView{Entity: entity, Q: f.Q, Segment: f.Segment, Ops: builderOps, Rows: []int{0, 1, 2}, Sort: f.Sort,
		CanShare: app.CanDo(request.CurrentUser(r), app.AreaAutomation, app.LevelCreate), CanExport: s.app.Can(request.CurrentUser(r), app.AreaImports, app.LevelView)}
	v.Segments, _ = s.app.Segments(r.Context(), request.CurrentUser(r), entity)
	for _, seg := range v.Segments {
		v.Nav = append(v.Nav, segmentLink{Name: seg.Name, URL: s.segmentListURL(seg),
			CountURL: s.recordPath("segment.count", "id", seg.ID), Current: seg.ID == f.Segment})
	}
	for _, key := range sortedKeys(app.FilterColumns[entity]) {
		v.Fields = append(v.Fields, builderField{Key: key})
	}
	v.Fields = append(v.Fields, builderField{Key: "tag"})
	for _, cf := range fields {
		v.Fields = append(v.Fields, builderField{Key: cf.Key, Label: cf.Label, Custom: true})
		if cf.Type != "multi_select" {
			v.SortFields = append(v.SortFields, cf)
		}
	}
	return v
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}
