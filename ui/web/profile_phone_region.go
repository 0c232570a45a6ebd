package web

import (
	"net/http"

	"rolo/app"
)

// phoneRegionView is the profile's phone region form: the user's own
// region ("" follows the instance's, named in the first option).
type phoneRegionView struct {
	Own          string
	InstanceName string
	Choices      []phoneRegionChoice
	Errors       map[string]string
}

// phoneRegionForm fills the profile's phone region form for u.
func (s *site) phoneRegionForm(r *http.Request, u *app.User, lang string) phoneRegionView {
	own := s.app.UserPhoneRegion(r.Context(), u)
	return phoneRegionView{Own: own, InstanceName: s.phoneRegionName(lang, s.app.PhoneRegion(r.Context())),
		Choices: s.phoneRegionChoices(lang, own)}
}

// handleProfilePhoneRegion saves the user's own phone region (form field
// phone_region, "" for the instance's) and, when the region their numbers
// are read in changed and some of their records' numbers could not be
// read but now can, offers to re-read them.
func handleProfilePhoneRegion(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "profile.title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		before := s.app.PhoneRegionOf(r.Context(), b.User)
		err := s.app.SetUserPhoneRegion(r.Context(), b.User, r.PostForm.Get("phone_region"))
		if fields := fieldErrors(err); fields != nil {
			page := newProfilePage(b)
			page.Phone = s.phoneRegionForm(r, b.User, b.Lang)
			page.Phone.Errors = fields
			s.renderProfile(w, r, http.StatusUnprocessableEntity, page)
			return
		}
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "phones.profile_saved")
		redirect(w, r, s.afterRegionChange(r, b.User, before, app.RereadOwn))
	})
}

// afterRegionChange is where a region change leads: the re-read offer
// when the new region reads some numbers that could not be read, else
// back.
func (s *site) afterRegionChange(r *http.Request, u *app.User, before string, scope app.PhoneRereadScope) string {
	after := s.app.PhoneRegionOf(r.Context(), u)
	if scope == app.RereadAll {
		after = s.app.PhoneRegion(r.Context())
	}
	if after != before {
		if dry, err := s.app.RereadPhones(r.Context(), u, after, scope, false); err == nil && len(dry.Changes) > 0 {
			return reparseURL(after, scope)
		}
	}
	return reparseBack(scope)
}
