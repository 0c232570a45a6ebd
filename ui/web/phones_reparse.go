package web

import (
	"net/http"
	"net/url"

	"rolo/app"
)

// phonesReparsePage offers, after a region change, to read anew the
// numbers that could not be read: how many there are, which of them the
// region reads (the first reparseShown), and one button.
type phonesReparsePage struct {
	Base
	Scope      app.PhoneRereadScope
	Region     string
	RegionName string
	Result     app.PhoneReread
	Rows       []reparseRow
	More       int // changes not listed
	Back       string
}

// reparseRow is one number the region reads.
type reparseRow struct {
	app.PhoneRereadChange
	URL string
}

// reparseShown bounds the list; the button re-reads them all.
const reparseShown = 100

// reparseScope is the scope asked for: every record for admins unless
// they ask for their own, one's own records for everyone else.
func reparseScope(u *app.User, asked string) app.PhoneRereadScope {
	if asked == string(app.RereadOwn) || !u.IsAdmin() {
		return app.RereadOwn
	}
	return app.RereadAll
}

// reparseURL is the page offering to re-read in region.
func reparseURL(region string, scope app.PhoneRereadScope) string {
	return "/phones/reparse?" + url.Values{"region": {region}, "scope": {string(scope)}}.Encode()
}

// reparseBack is where the page leads back to: the settings for the
// instance's region, the profile for one's own.
func reparseBack(scope app.PhoneRereadScope) string {
	if scope == app.RereadAll {
		return "/settings#phone-numbers"
	}
	return "/profile#phone-region"
}

// handlePhonesReparseShow shows the dry run.
func handlePhonesReparseShow(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "phones.reparse_title")
		scope := reparseScope(b.User, r.URL.Query().Get("scope"))
		region := r.URL.Query().Get("region")
		if region == "" {
			region = s.app.PhoneRegionOf(r.Context(), b.User)
			if scope == app.RereadAll {
				region = s.app.PhoneRegion(r.Context())
			}
		}
		res, err := s.app.RereadPhones(r.Context(), b.User, region, scope, false)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page := phonesReparsePage{Base: b, Scope: scope, Region: res.Region, RegionName: s.phoneRegionName(b.Lang, res.Region),
			Result: res, Back: reparseBack(scope)}
		for i, ch := range res.Changes {
			if i == reparseShown {
				page.More = len(res.Changes) - reparseShown
				break
			}
			page.Rows = append(page.Rows, reparseRow{PhoneRereadChange: ch, URL: "/" + map[string]string{"contact": "contacts", "company": "companies"}[ch.Entity] + "/" + ch.ID})
		}
		s.views.render(w, r, http.StatusOK, "phones_reparse", b.Lang, page)
	})
}

// handlePhonesReparse re-reads the numbers (form fields region, scope).
func handlePhonesReparse(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "phones.reparse_title")
		if err := parseForm(w, r); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		scope := reparseScope(b.User, r.PostForm.Get("scope"))
		if _, err := s.app.RereadPhones(r.Context(), b.User, r.PostForm.Get("region"), scope, true); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		setFlash(w, "phones.reparse_done")
		redirect(w, r, reparseBack(scope))
	})
}
