package api

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// GET /api/v1/contacts/duplicates asks, before a save, which contacts the
// one about to be saved would likely duplicate: what the contact form
// shows. Creating through the API is unchanged (no check, no hold): a
// client that wants the check asks first.

// duplicateCandidateJSON is one likely duplicate and why: email, phone
// or name.
type duplicateCandidateJSON struct {
	Contact ContactJSON `json:"contact"`
	Reasons []string    `json:"reasons"`
}

func init() {
	ApiOperations = append(ApiOperations, ApiOperation{Method: "GET", Path: "/contacts/duplicates", Tag: "contacts",
		Summary: "Likely duplicates of a contact about to be saved: the same email, the same phone (E.164) or the same name " +
			"at the same company, among the contacts you see; the contact form's check",
		Response: "DuplicateCandidates", Status: 200, Query: []string{"email", "phone", "name", "first_name", "last_name", "company", "except"}, Errors: []int{404}})
	addSchemaTypes(map[string]any{"DuplicateCandidates": listJSON[duplicateCandidateJSON]{}})
	for name, p := range map[string]QueryParam{
		"email":      {text(), "an email address (case does not count); repeat for several"},
		"phone":      {text(), "a phone number in any format, read in the instance's region when it has no country code; repeat for several"},
		"name":       {text(), "the full name (case, accents and spacing do not count)"},
		"first_name": {text(), "the given name, when the full name is not sent: it is composed as the contact form does"},
		"last_name":  {text(), "the family name, when the full name is not sent"},
		"company":    {text(), "the company's id: a name matches there, or where either has no company"},
		"except":     {text(), "the id of the contact being edited: it is left out, and only what differs from it is checked"},
	} {
		queryParamsAt["/contacts/duplicates "+name] = p
	}
}

func handleAPIContactDuplicates(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		in := app.ContactInput{DisplayName: q.Get("name"), FirstName: q.Get("first_name"), LastName: q.Get("last_name"), CompanyID: q.Get("company")}
		for _, e := range q["email"] {
			in.Emails = append(in.Emails, app.Labeled{Value: e})
		}
		for _, p := range q["phone"] {
			in.Phones = append(in.Phones, app.Labeled{Value: p})
		}
		except := q.Get("except")
		if except != "" {
			// An edit: the other fields are the stored contact's, so only
			// what the query names is compared as changed.
			c, err := s.app.Contact(r.Context(), request.CurrentUser(r), except)
			if err != nil {
				writeAPIError(w, r, s, err)
				return
			}
			stored := app.InputOf(c)
			if in.DisplayName == "" && in.FirstName == "" && in.LastName == "" {
				in.FirstName, in.LastName, in.DisplayName = stored.FirstName, stored.LastName, stored.DisplayName
			}
			if !q.Has("company") {
				in.CompanyID = stored.CompanyID
			}
		}
		found, err := s.app.ContactDuplicateCandidates(r.Context(), request.CurrentUser(r), in, except)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		out := listJSON[duplicateCandidateJSON]{Data: []duplicateCandidateJSON{}}
		for _, c := range found {
			out.Data = append(out.Data, duplicateCandidateJSON{Contact: NewContactJSON(c.Contact), Reasons: c.Reasons})
		}
		request.Encode(w, http.StatusOK, out)
	})
}
