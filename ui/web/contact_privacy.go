package web

import (
	"encoding/json"
	"net/http"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/api"
)

// privacyView is the contact page's consent card and privacy actions.
type privacyView struct {
	ContactID string
	Consent   app.Consent
	Statuses  []string
	CanEdit   bool // consent form
	CanErase  bool
	Errors    map[string]string
}

// contactPrivacy fills the contact page's privacy card.
func (s *site) contactPrivacy(r *http.Request, page *contactPage) error {
	c, err := s.app.ContactConsent(r.Context(), page.User, page.Contact.ID)
	if err != nil {
		return err
	}
	page.Privacy = &privacyView{ContactID: page.Contact.ID, Consent: c, Statuses: app.ConsentStatuses,
		CanEdit:  s.app.Can(page.User, app.AreaContacts, app.LevelEdit) && !page.Contact.Trashed(),
		CanErase: s.app.Can(page.User, app.AreaContacts, app.LevelManage)}
	return nil
}

// handleContactConsent saves the consent card: consent_status,
// consent_date, consent_source, consent_text, do_not_contact, unsubscribed.
func handleContactConsent(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "contacts.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id := mux.Vars(r)["id"]
		f := r.PostForm
		_, err := s.app.SetConsent(r.Context(), b.User, id, app.ConsentInput{
			Status: f.Get("consent_status"), GivenAt: f.Get("consent_date"), Source: f.Get("consent_source"),
			Wording: f.Get("consent_text"), DoNotContact: f.Get("do_not_contact") != "", Unsubscribed: f.Get("unsubscribed") != ""})
		if fields := fieldErrors(err); fields != nil {
			setFlash(w, "privacy.consent_invalid")
			redirect(w, r, s.recordPath("contact.show", "id", id)+"#privacy")
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "privacy.consent_saved")
		redirect(w, r, s.recordPath("contact.show", "id", id)+"#privacy")
	})
}

// personExportPage is the readable page of everything about one person.
type personExportPage struct {
	Base
	Data app.PersonData
	Team recordTeam
}

// handleContactExport shows everything Rolo holds about one person as a
// readable page, or with ?format=json as a JSON download.
func handleContactExport(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "privacy.export_title")
		data, err := s.app.ExportPerson(r.Context(), b.User, mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if r.URL.Query().Get("format") == "json" {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("Content-Disposition", `attachment; filename="person-`+data.Contact.ID+`.json"`)
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			_ = enc.Encode(api.NewPersonExportJSON(data))
			return
		}
		team, err := s.recordTeam(r)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.views.render(w, r, http.StatusOK, "person_export", b.Lang, personExportPage{Base: b, Data: data, Team: team})
	})
}

// eraseConfirmPage asks to type the person's name before erasing them.
type eraseConfirmPage struct {
	Base
	Contact app.Contact
	Typed   string
	Errors  map[string]string
}

// handleContactEraseConfirm shows what erasing does and asks for the name.
func handleContactEraseConfirm(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "privacy.erase_title")
		c, err := s.app.Contact(r.Context(), b.User, mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		if !s.app.Can(b.User, app.AreaContacts, app.LevelManage) {
			s.views.renderError(w, r, b, &app.Error{Code: app.EForbidden, Message: "error.forbidden"})
			return
		}
		s.views.render(w, r, http.StatusOK, "person_erase", b.Lang, eraseConfirmPage{Base: b, Contact: c})
	})
}

// handleContactErase erases one person for good (field confirm: their name).
func handleContactErase(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "privacy.erase_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		id, typed := mux.Vars(r)["id"], r.PostForm.Get("confirm")
		err := s.app.ErasePerson(r.Context(), b.User, id, typed)
		if fields := fieldErrors(err); fields != nil {
			c, cerr := s.app.Contact(r.Context(), b.User, id)
			if cerr != nil {
				s.views.renderError(w, r, b, cerr)
				return
			}
			s.views.render(w, r, http.StatusUnprocessableEntity, "person_erase", b.Lang, eraseConfirmPage{Base: b, Contact: c, Typed: typed, Errors: fields})
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "privacy.erased")
		redirect(w, r, s.recordPath("contacts"))
	})
}
