package web

import (
	"net/http"
	"net/url"

	"rolo/app"
)

// importsPage is the upload form, the recent imports and the exports.
type importsPage struct {
	Base
	Batches   []app.ImportBatch
	Entities  []string
	Entity    string // chosen at first: ?entity= from an empty list's import link
	Presets   []string
	Encodings []string
	Team      []*app.User
	Statuses  []string
	CanImport bool
	CanUndo   bool
	Error     string // catalog key of an upload problem
	importChoices
	// The whole-CRM migration's form: the CRMs it reads, the one chosen,
	// and the catalog key of an upload problem with its untranslated
	// detail (the file of the export at fault).
	Sources       []string
	MigrateSource string
	MigrateError  string
	MigrateDetail string
}

// importChoices are the menus the upload and preview forms share.
type importChoices struct {
	Options        url.Values // as last submitted; nil on a fresh form
	MatchModes     []string
	DuplicateModes []string
}

var defaultChoices = importChoices{MatchModes: []string{"email", "phone", "name"}, DuplicateModes: []string{"skip", "fill", "overwrite"}}

func (s *site) renderImports(w http.ResponseWriter, r *http.Request, status int, page importsPage) {
	batches, err := s.app.ImportBatches(r.Context(), page.User, 50)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	team, err := s.app.Team(r.Context(), page.User)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.importChoices = defaultChoices
	page.Batches, page.Team, page.Statuses = batches, team, app.LifecycleStatuses
	page.Entities, page.Presets, page.Encodings = []string{"contact", "company", "deal", "vcard"}, app.ImportPresets, app.Encodings
	page.Entity = r.URL.Query().Get("entity")
	page.Sources = app.MigrationSources
	page.CanImport = s.app.Can(page.User, app.AreaImports, app.LevelCreate)
	page.CanUndo = s.app.Can(page.User, app.AreaImports, app.LevelDelete)
	s.views.render(w, r, status, "imports", page.Lang, page)
}

// handleImportsPage shows the import and export page.
func handleImportsPage(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "imports.title")
		if !s.app.Can(b.User, app.AreaImports, app.LevelView) {
			s.views.renderError(w, r, b, app.AsError(&app.Error{Code: app.EForbidden, Message: "error.forbidden"}))
			return
		}
		s.renderImports(w, r, http.StatusOK, importsPage{Base: b})
	})
}
