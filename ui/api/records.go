package api

import (
	"context"
	"net/http"
	"net/url"
	"rolo/ui/request"

	"github.com/gorilla/mux"

	"rolo/app"
)

// recordAPI is the JSON API of one kind of record (contacts, companies,
// deals): list, create, show, merge-patch and trash. The app checks roles and
// rules; these handlers only translate between JSON and app calls.
type recordAPI[In any, Rec interface{ Trashed() bool }, Body recordBody[In]] struct {
	route    string // the route of one record, for a new one's Location
	notFound string // catalog key: the API does not show trashed records
	list     func(context.Context, *app.App, app.Actor, url.Values) (any, error)
	create   func(*app.App, context.Context, app.Actor, In) (Rec, error)
	get      func(*app.App, context.Context, app.Actor, string) (Rec, error)
	patch    func(*app.App, context.Context, app.Actor, string, int, func(*In)) (Rec, error)
	trash    func(*app.App, context.Context, app.Actor, string) error
	id       func(Rec) string
	json     func(Rec) any
	setOwner func(*In, string)
}

// recordBody is a request body: the fields it gives, applied to an input.
type recordBody[In any] interface {
	apply(in *In, m members)
	version() *int
}

var contactAPI = recordAPI[app.ContactInput, app.Contact, contactBody]{
	route: "api.contact", notFound: "error.contact_not_found",
	list: func(ctx context.Context, a *app.App, actor app.Actor, v url.Values) (any, error) {
		_, page, err := ListContacts(ctx, a, actor, v)
		return page, err
	},
	create: (*app.App).CreateContact, get: (*app.App).Contact, patch: (*app.App).PatchContact, trash: (*app.App).TrashContact,
	id:       func(c app.Contact) string { return c.ID },
	json:     func(c app.Contact) any { return NewContactJSON(c) },
	setOwner: func(in *app.ContactInput, id string) { in.OwnerID = id },
}

var companyAPI = recordAPI[app.CompanyInput, app.Company, companyBody]{
	route: "api.company", notFound: "error.company_not_found",
	list: func(ctx context.Context, a *app.App, actor app.Actor, v url.Values) (any, error) {
		_, page, err := ListCompanies(ctx, a, actor, v)
		return page, err
	},
	create: (*app.App).CreateCompany, get: (*app.App).Company, patch: (*app.App).PatchCompany, trash: (*app.App).TrashCompany,
	id:       func(c app.Company) string { return c.ID },
	json:     func(c app.Company) any { return NewCompanyJSON(c) },
	setOwner: func(in *app.CompanyInput, id string) { in.OwnerID = id },
}

var dealAPI = recordAPI[app.DealInput, app.Deal, dealBody]{
	route: "api.deal", notFound: "error.deal_not_found",
	list: func(ctx context.Context, a *app.App, actor app.Actor, v url.Values) (any, error) {
		return ListDeals(ctx, a, actor, v)
	},
	create: (*app.App).CreateDeal, get: (*app.App).Deal, patch: (*app.App).PatchDeal, trash: (*app.App).TrashDeal,
	id:       func(d app.Deal) string { return d.ID },
	json:     func(d app.Deal) any { return NewDealJSON(d) },
	setOwner: func(in *app.DealInput, id string) { in.OwnerID = id },
}

func (k recordAPI[In, Rec, Body]) handleList(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, err := k.list(r.Context(), s.app, request.CurrentUser(r), r.URL.Query())
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, page)
	})
}

func (k recordAPI[In, Rec, Body]) handleCreate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body Body
		m, err := decodeBody(w, r, &body)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		user := request.CurrentUser(r)
		var in In
		if !m.has("owner_id") {
			k.setOwner(&in, user.ID) // who adds a record owns it, unless they say otherwise
		}
		body.apply(&in, m)
		rec, err := k.create(s.app, r.Context(), user, in)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		if u, err := s.router.Get(k.route).URL("id", k.id(rec)); err == nil {
			w.Header().Set("Location", u.String())
		}
		request.Encode(w, http.StatusCreated, k.json(rec))
	})
}

func (k recordAPI[In, Rec, Body]) handleShow(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec, err := k.get(s.app, r.Context(), request.CurrentUser(r), mux.Vars(r)["id"])
		if err == nil && rec.Trashed() {
			err = &app.Error{Code: app.ENotFound, Message: k.notFound}
		}
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, k.json(rec))
	})
}

// handleUpdate applies a JSON merge patch: only the fields the body names
// change. The body's version must be the one last read, so two clients
// cannot silently overwrite each other.
func (k recordAPI[In, Rec, Body]) handleUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body Body
		m, err := decodeBody(w, r, &body)
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		version := body.version()
		if version == nil {
			writeAPIError(w, r, s, app.Invalid(map[string]string{"version": "error.version_required"}))
			return
		}
		rec, err := k.patch(s.app, r.Context(), request.CurrentUser(r), mux.Vars(r)["id"], *version, func(in *In) { body.apply(in, m) })
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		request.Encode(w, http.StatusOK, k.json(rec))
	})
}

func (k recordAPI[In, Rec, Body]) handleDelete(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := k.trash(s.app, r.Context(), request.CurrentUser(r), mux.Vars(r)["id"]); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
