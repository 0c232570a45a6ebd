package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/mux"

	"rolo/app"
)

// importPreviewPage shows how the file will be read and stored: the
// column mapping to correct, the first rows as stored and every problem
// by line, before anything is written.
type importPreviewPage struct {
	Base
	Token    string
	FileName string
	Entity   string
	importChoices
	Fields  []fieldChoice // the fields a column can go to
	Report  app.ImportReport
	Preview [][]string    // the first rows, by mapped column
	Mapped  []fieldChoice // the mapped fields in column order, for the preview header
	Error   string
	// ErrorDetail is untranslated specifics of Error (the kinds of record a
	// JSON export holds); JSONProblems what Rolo cannot read in a JSON file.
	ErrorDetail  string
	JSONProblems []string
	Team         []*app.User
	Statuses     []string
}

// importOptionsFrom reads the options of the upload and preview forms.
func importOptionsFrom(v url.Values, name string) app.ImportOptions {
	opt := app.ImportOptions{Entity: v.Get("entity"), FileName: name, Preset: v.Get("preset"), Encoding: v.Get("encoding"),
		Tag: strings.TrimSpace(v.Get("tag")), OwnerID: v.Get("owner_id"), Status: v.Get("status"),
		OnDuplicate: v.Get("on_duplicate"), Match: v["match"], SkipInvalid: v.Get("skip_invalid") == "on"}
	if opt.Entity == "" {
		opt.Entity = "contact"
	}
	for i := 0; ; i++ {
		field, ok := v[fmt.Sprintf("map.%d", i)]
		if !ok {
			break
		}
		opt.Columns = append(opt.Columns, field[0])
	}
	return opt
}

func (s *site) renderImportPreview(w http.ResponseWriter, r *http.Request, status int, b Base, token string, v url.Values, rep app.ImportReport, errKey string, more ...func(*importPreviewPage)) {
	team, err := s.app.Team(r.Context(), b.User)
	if err != nil {
		s.views.renderError(w, r, b, err)
		return
	}
	opt := importOptionsFrom(v, "")
	page := importPreviewPage{Base: b, Token: token, FileName: v.Get("name"), Entity: opt.Entity, Report: rep,
		Error: errKey, Team: team, Statuses: app.LifecycleStatuses, importChoices: defaultChoices}
	page.Options = v
	if opt.Entity == "vcard" {
		page.Entity = "contact"
	}
	for _, f := range app.ImportFields[page.Entity] {
		page.Fields = append(page.Fields, choiceOf(f, ""))
	}
	if custom, err := s.app.CustomFields(r.Context(), page.Entity); err == nil {
		for _, f := range custom {
			page.Fields = append(page.Fields, choiceOf("cf."+f.Key, f.Label))
		}
	}
	seen := map[string]bool{}
	for _, c := range rep.Columns {
		key := previewKey(c.Field)
		if c.Field != "" && !seen[key] {
			seen[key] = true
			page.Mapped = append(page.Mapped, choiceOf(c.Field, ""))
		}
	}
	for _, row := range rep.Preview {
		cells := make([]string, len(page.Mapped))
		for i, f := range page.Mapped {
			cells[i] = row[previewKey(f.Value)]
		}
		page.Preview = append(page.Preview, cells)
	}
	for _, f := range more {
		f(&page)
	}
	s.views.render(w, r, status, "import_preview", b.Lang, page)
}

// fieldChoice is one field in the mapping menus: built-in fields by
// catalog key, custom fields by their own label.
type fieldChoice struct {
	Value, Key, Label string
}

func choiceOf(field, label string) fieldChoice {
	if strings.HasPrefix(field, "cf.") {
		return fieldChoice{Value: field, Label: label}
	}
	return fieldChoice{Value: field, Key: "imports.field." + strings.ReplaceAll(field, ".", "_")}
}

// previewKey names where a mapped field shows in the stored record.
func previewKey(field string) string {
	switch field {
	case "email", "email.work", "email.home", "email.other", "email_label":
		return "emails"
	case "phone", "mobile", "phone.work", "phone.home", "phone.fax", "phone.other", "phone_label":
		return "phones"
	case "social_label":
		return "social"
	case "middle_name":
		return "first_name"
	case "birthday.year", "birthday.month", "birthday.day":
		return "birthday"
	case "owner":
		return "owner_id"
	case "address.street", "address.city", "address.region", "address.postal_code", "address.country":
		return "address"
	}
	return field
}

// handleImportPreview runs a dry run of the uploaded file with the
// options and mapping in the query.
func handleImportPreview(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "imports.preview_title")
		if !s.app.Can(b.User, app.AreaImports, app.LevelCreate) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		token := mux.Vars(r)["token"]
		f, meta, err := openUpload(token, b.User)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		defer f.Close()
		v := r.URL.Query()
		v.Set("name", meta.Name)
		opt := importOptionsFrom(v, meta.Name)
		opt.DryRun = true
		var rep app.ImportReport
		if opt.Entity == "vcard" {
			rep, err = s.app.ImportVCard(r.Context(), b.User, f, opt)
		} else {
			rep, err = s.app.ImportFile(r.Context(), b.User, f, opt)
		}
		if err != nil {
			s.renderImportProblem(w, r, b, token, v, rep, err)
			return
		}
		s.renderImportPreview(w, r, http.StatusOK, b, token, v, rep, "")
	})
}
