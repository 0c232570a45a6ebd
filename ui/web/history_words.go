package web

import (
	"fmt"
	"html"
	"html/template"
	"net/http"
	"regexp"
	"strings"
	"time"

	"rolo/app"
	"rolo/ui/i18n"
	"rolo/ui/request"
)

// historyWords turns audit entries into what a person reads: a sentence
// in their language ("Ana created the task “Call back”"), the actor by
// name (a user, "Rule “VIP tagging”", "Web form “Contact us”", an import
// batch, the command line), field labels (a custom field's own), names
// instead of ids, dates in their language and zone, repeat rules in
// words. The audit log and every record's timeline and history use it.
type historyWords struct {
	s     *site
	r     *http.Request
	lang  string
	loc   *time.Location
	users map[string]string // user ID → name, disabled accounts too
	names map[string]string // record, pipeline, stage and option IDs → name
	// fields are custom fields by "entity/key": label and type.
	fields map[string]app.CustomField
	forms  map[string]string // web form ID → name, for entries before origins were kept
}

// uuidShape is an ID as Rolo makes them; one left in a value is named or
// said to be deleted, never shown.
var uuidShape = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// newHistoryWords loads what entries name: the team, pipelines and stages,
// custom fields, web forms and the records their changes mention.
func (s *site) newHistoryWords(r *http.Request, lang string, entries []app.AuditEntry) (*historyWords, error) {
	ctx, user := r.Context(), request.CurrentUser(r)
	h := &historyWords{s: s, r: r, lang: lang, loc: app.Location(user), users: map[string]string{}, names: map[string]string{},
		fields: map[string]app.CustomField{}, forms: map[string]string{}}
	team, err := s.app.Team(ctx, user)
	if err != nil {
		return nil, err
	}
	for _, u := range team {
		h.users[u.ID] = u.Name
	}
	pipelines, err := s.app.Pipelines(ctx, user)
	if err != nil {
		return nil, err
	}
	trashed, err := s.app.TrashedPipelines(ctx, user)
	if err != nil {
		return nil, err
	}
	for _, p := range append(pipelines, trashed...) {
		h.names[p.ID] = s.catalog.PipelineName(lang, p)
		for _, st := range p.Stages {
			h.names[st.ID] = s.catalog.StageName(lang, st)
		}
	}
	for _, entity := range app.FieldEntities {
		defs, err := s.app.CustomFields(ctx, entity)
		if err != nil {
			return nil, err
		}
		for _, f := range defs {
			h.fields[entity+"/"+f.Key] = f
			for _, o := range f.Options {
				h.names[o.ID] = o.Label
			}
		}
	}
	if forms, err := s.app.WebForms(ctx, user); err == nil { // only admins list forms; others see "Web form"
		for _, f := range forms {
			h.forms[f.ID] = f.Name
		}
	}
	var refs []app.RecordRef
	for _, e := range entries {
		if e.Action == string(app.ActionFormSubmitted) {
			refs = append(refs, app.RecordRef{Entity: "contact", ID: e.EntityID}) // the sender, named in the sentence
		}
		for field, c := range e.Changes {
			refs = append(refs, idRefs(field, c["from"])...)
			refs = append(refs, idRefs(field, c["to"])...)
		}
	}
	names, err := s.app.RecordNames(ctx, user, refs)
	if err != nil {
		return nil, err
	}
	for ref, name := range names {
		h.names[ref.ID] = name
	}
	return h, nil
}

// idRefs are the records a changed value names.
func idRefs(field, v string) []app.RecordRef {
	entity := map[string]string{"company_id": "company", "contact_ids": "contact", "company_ids": "company", "deal_ids": "deal",
		"contact_id": "contact", "deal_id": "deal"}[field]
	if entity == "" || v == "" {
		return nil
	}
	var out []app.RecordRef
	for _, id := range strings.Split(v, ",") {
		out = append(out, app.RecordRef{Entity: entity, ID: strings.TrimSpace(id)})
	}
	return out
}

func (h *historyWords) t(key string, args ...any) string { return h.s.catalog.T(h.lang, key, args...) }

func (h *historyWords) has(key string) bool {
	_, ok := h.s.catalog.Keys("en")[key]
	return ok
}

// actor names who made e: a user, else what the change came through.
func (h *historyWords) actor(e app.AuditEntry) string {
	quoted := func(name string) string {
		if name == "" {
			name = h.t("history.unnamed")
		}
		return h.t("history.quoted", name)
	}
	user := e.ActorName
	if user == "" && e.ActorID != "" {
		if user = h.users[e.ActorID]; user == "" {
			user = h.t("history.by.someone")
		}
	}
	if o := e.By; o != nil {
		switch o.Kind {
		case app.OriginImport:
			batch := quoted(o.Name)
			if user != "" {
				return h.t("history.by.user_import", user, batch)
			}
			return h.t("history.by.import", batch, e.At.In(h.loc).Format(h.t("format.date")))
		case app.OriginRule, app.OriginWebForm:
			if user == "" {
				return h.t("history.by."+o.Kind, quoted(o.Name))
			}
		case app.OriginCLI, app.OriginScheduler:
			if user == "" {
				return h.t("history.by." + o.Kind)
			}
		}
	}
	switch {
	case user != "":
		return user
	case e.Form != "":
		if name, ok := h.forms[e.Form]; ok {
			return h.t("history.by.web_form", quoted(name))
		}
		return h.t("record.history.web_form")
	}
	return h.t("history.by.unknown") // before Rolo kept who: a rule, the scheduler or the command line
}

// subject is the name a sentence gives the record of e: its name when
// recorded, or for a form's submission the contact who sent it.
func (h *historyWords) subject(e app.AuditEntry) string {
	if e.Action == string(app.ActionFormSubmitted) {
		if name, ok := h.names[e.EntityID]; ok {
			return name
		}
	}
	return e.Name
}

// sentence says e in a sentence, with the record's name linked to link
// (when not ""); every piece is escaped, the catalog's words included.
func (h *historyWords) sentence(e app.AuditEntry, recordName, link string) template.HTML {
	entity, verb, _ := strings.Cut(e.Action, ".")
	format := ""
	switch {
	case h.has("history.action." + e.Action):
		format = h.t("history.action." + e.Action)
	case h.has("history.verb."+verb) && h.has("history.entity."+entity):
		format = h.t("history.verb." + verb)
	default:
		format = h.t("history.verb.updated") // an action added later still reads as a change
	}
	kind := entity
	if h.has("history.entity." + entity) {
		kind = h.t("history.entity." + entity)
	}
	if recordName == "" {
		recordName = h.t("history.unnamed")
	}
	name := html.EscapeString(h.t("history.quoted", recordName))
	if link != "" {
		name = `<a href="` + html.EscapeString(link) + `">` + name + `</a>`
	}
	text := fmt.Sprintf(html.EscapeString(format), `<span class="history-actor">`+html.EscapeString(h.actor(e))+`</span>`, html.EscapeString(kind), name)
	return template.HTML(text) // #nosec: built from escaped parts only
}

// fieldLabel names a changed field of a record of entity: a custom
// field's label, the record pages' label, the history's own, or words
// made from the name.
func (h *historyWords) fieldLabel(entity, field string) string {
	if key, ok := strings.CutPrefix(field, "custom_fields."); ok {
		if f, ok := h.fields[entity+"/"+key]; ok {
			return f.Label
		}
		return humanize(key) // a field deleted since: its key in words
	}
	if key := dealFieldKey(entity, field); key != "" {
		return h.t(key)
	}
	for _, key := range []string{historyFieldKeys[field], "history.field." + field, "audit.field." + field, "audit.detail." + field} {
		if key != "" && h.has(key) {
			return h.t(key)
		}
	}
	return humanize(field)
}

// humanize makes words of a name: renewal_date → Renewal date.
func humanize(name string) string {
	s := strings.TrimSuffix(strings.ReplaceAll(name, "_", " "), " id")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// value shows a stored value: names for ids, words for codes, dates in
// the reader's language and zone, a repeat rule in words; long text cut.
func (h *historyWords) value(entity, field, v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	if key, ok := strings.CutPrefix(field, "custom_fields."); ok {
		if f, ok := h.fields[entity+"/"+key]; ok && (f.Type == "checkbox" || f.Type == "boolean") {
			return h.yesNo(v)
		}
	}
	switch field {
	case "owner_id", "assignee_id", "user_id", "done_by", "created_by", "deleted_by":
		if name, ok := h.users[v]; ok {
			return name
		}
		return h.t("history.by.someone")
	case "lifecycle_status":
		return h.label("lifecycle."+v, v)
	case "status":
		return h.label("deals.status."+v, v)
	case "priority":
		return h.label("priority."+v, v)
	case "role":
		return h.label("role."+v, v)
	case "recurrence":
		return h.s.recurrenceText(h.lang, v, h.loc)
	case "remind_minutes":
		var n int
		if _, err := fmt.Sscan(v, &n); err == nil {
			return h.s.remindLabel(h.lang, n)
		}
	case "language":
		return i18n.LanguageName(v)
	case "entity":
		return h.label("history.entity."+v, v)
	case "type":
		if entity == "custom_field" {
			return h.label("fields.type."+v, v)
		}
	}
	if strings.Contains(v, ",") && strings.HasSuffix(field, "_ids") || strings.Contains(field, "options") {
		var out []string
		for _, part := range strings.Split(v, ",") {
			out = append(out, h.one(strings.TrimSpace(part)))
		}
		return strings.Join(out, ", ")
	}
	return h.one(v)
}

// one shows a single value: a name for an id, a date for a date.
func (h *historyWords) one(v string) string {
	if name, ok := h.names[v]; ok {
		return name
	}
	if uuidShape.MatchString(v) {
		return h.t("history.deleted_record")
	}
	if v == "true" || v == "false" {
		return h.yesNo(v)
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return h.s.catalog.FormatTimeIn(h.lang, t, h.loc)
	}
	for _, wall := range []string{"2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.Parse(wall, v); err == nil { // a task's due, as a wall time in its own zone
			return t.Format(h.t("format.datetime"))
		}
	}
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return t.Format(h.t("format.date"))
	}
	return shorten(v)
}

func (h *historyWords) yesNo(v string) string {
	if v == "true" || v == "1" || v == "yes" {
		return h.t("history.yes")
	}
	return h.t("history.no")
}

// label translates key when the catalog has it, else shows fallback.
func (h *historyWords) label(key, fallback string) string {
	if h.has(key) {
		return h.t(key)
	}
	return fallback
}
