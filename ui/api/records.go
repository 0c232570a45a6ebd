package api

import (
	"context"
	"net/http"
	"net/url"

	"github.com/gorilla/mux"

	"rolo/app"
	"rolo/ui/request"
)

// recordAPI is the JSON API of one kind of record (contacts, companies,
// deals, activities, tasks): list, create, show, merge-patch and trash. The
// app checks roles and rules; these handlers only translate between JSON and
// app calls.
type recordAPI[In any, Rec interface{ Trashed() bool }, Body recordBody[In]] struct {
	route    string // the route of one record, for a new one's Location
	notFound string // catalog key: the API does not show trashed records
	list     func(context.Context, *app.App, app.Actor, url.Values) (any, error)
	create   func(*app.App, context.Context, app.Actor, In) (Rec, error)
	get      func(*app.App, context.Context, app.Actor, string) (Rec, error)
	patch    patchFunc[In, Rec]
	trash    func(*app.App, context.Context, app.Actor, string) error
	id       func(Rec) string
	json     func(Rec) any

	// Optional steps. editArea makes PATCH check the edit right before reading the
	// body, so a viewer hears 403, not 400. after does what the body asks
	// beyond the input, once the record is created or changed.
	editArea app.Area
	after    func(*app.App, context.Context, app.Actor, Body, Rec) (Rec, error)
}

// recordBody is a request body: the fields it gives, applied to an input,
// with the ones it cannot read reported by field.
type recordBody[In any] interface {
	apply(in *In, m members) map[string]string
	version() *int
}

// patchFunc changes the stored record id, at version, by edit; an error
// from edit stops the change.
type patchFunc[In, Rec any] func(a *app.App, ctx context.Context, actor app.Actor, id string, version int, edit func(*In) error) (Rec, error)

// patchWith adapts an app Patch method, whose edit runs inside its
// transaction and cannot stop it. A body's problems come from the body
// alone (a value that does not parse), so they are found on an empty input
// before the app is called.
func patchWith[In, Rec any](patch func(*app.App, context.Context, app.Actor, string, int, func(*In)) (Rec, error)) patchFunc[In, Rec] {
	return func(a *app.App, ctx context.Context, actor app.Actor, id string, version int, edit func(*In) error) (Rec, error) {
		var probe In
		if err := edit(&probe); err != nil {
			var none Rec
			return none, err
		}
		return patch(a, ctx, actor, id, version, func(in *In) { _ = edit(in) })
	}
}

// getThenUpdate builds a patch for a kind whose app has no Patch method:
// read the record, edit its input, update it if still at version.
func getThenUpdate[In, Rec any](get func(*app.App, context.Context, app.Actor, string) (Rec, error), inputOf func(Rec) In,
	update func(*app.App, context.Context, app.Actor, string, int, In) (Rec, error)) patchFunc[In, Rec] {
	return func(a *app.App, ctx context.Context, actor app.Actor, id string, version int, edit func(*In) error) (Rec, error) {
		rec, err := get(a, ctx, actor, id)
		if err != nil {
			return rec, err
		}
		in := inputOf(rec)
		if err := edit(&in); err != nil {
			return rec, err
		}
		return update(a, ctx, actor, id, version, in)
	}
}

var contactAPI = recordAPI[app.ContactInput, app.Contact, contactBody]{
	route: "api.contact", notFound: "error.contact_not_found",
	list: func(ctx context.Context, a *app.App, actor app.Actor, v url.Values) (any, error) {
		return ListContacts(ctx, a, actor, v)
	},
	create: (*app.App).CreateContact, get: (*app.App).Contact, patch: patchWith((*app.App).PatchContact), trash: (*app.App).TrashContact,
	id:   func(c app.Contact) string { return c.ID },
	json: func(c app.Contact) any { return NewContactJSON(c) },
}

var companyAPI = recordAPI[app.CompanyInput, app.Company, companyBody]{
	route: "api.company", notFound: "error.company_not_found",
	list: func(ctx context.Context, a *app.App, actor app.Actor, v url.Values) (any, error) {
		return ListCompanies(ctx, a, actor, v)
	},
	create: (*app.App).CreateCompany, get: (*app.App).Company, patch: patchWith((*app.App).PatchCompany), trash: (*app.App).TrashCompany,
	id:   func(c app.Company) string { return c.ID },
	json: func(c app.Company) any { return NewCompanyJSON(c) },
}

var dealAPI = recordAPI[app.DealInput, app.Deal, dealBody]{
	route: "api.deal", notFound: "error.deal_not_found",
	list: func(ctx context.Context, a *app.App, actor app.Actor, v url.Values) (any, error) {
		return ListDeals(ctx, a, actor, v)
	},
	create: (*app.App).CreateDeal, get: (*app.App).Deal, patch: patchWith((*app.App).PatchDeal), trash: (*app.App).TrashDeal,
	id:   func(d app.Deal) string { return d.ID },
	json: func(d app.Deal) any { return NewDealJSON(d) },
}

var activityAPI = recordAPI[app.ActivityInput, app.Activity, activityBody]{
	route: "api.activity", notFound: "error.activity_not_found",
	list:   listActivities,
	create: (*app.App).LogActivity, get: (*app.App).Activity, trash: (*app.App).TrashActivity,
	patch:    getThenUpdate((*app.App).Activity, activityInputOf, (*app.App).UpdateActivity),
	id:       func(a app.Activity) string { return a.ID },
	json:     func(a app.Activity) any { return NewActivityJSON(a) },
	editArea: app.AreaActivities,
}

var taskAPI = recordAPI[app.TaskInput, app.Task, taskBody]{
	route: "api.task", notFound: "error.task_not_found",
	list:   listTasks,
	create: (*app.App).CreateTask, get: (*app.App).Task, trash: (*app.App).TrashTask,
	patch:    getThenUpdate((*app.App).Task, app.TaskInputOf, (*app.App).UpdateTask),
	id:       func(t app.Task) string { return t.ID },
	json:     func(t app.Task) any { return NewTaskJSON(t) },
	editArea: app.AreaActivities, after: taskDone,
}

func (k recordAPI[In, Rec, Body]) handleList(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, err := k.list(r.Context(), s.app, request.CurrentUser(r), r.URL.Query())
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		encode(w, http.StatusOK, page)
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
		if err := edit(body, m)(&in); err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		rec, err := k.create(s.app, r.Context(), user, in)
		if err == nil && k.after != nil {
			rec, err = k.after(s.app, r.Context(), user, body, rec)
		}
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		if u, err := s.router.Get(k.route).URL("id", k.id(rec)); err == nil {
			w.Header().Set("Location", u.String())
		}
		encode(w, http.StatusCreated, k.json(rec))
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
		encode(w, http.StatusOK, k.json(rec))
	})
}

// handleUpdate applies a JSON merge patch: only the fields the body names
// change. The body's version must be the one last read, so two clients
// cannot silently overwrite each other.
func (k recordAPI[In, Rec, Body]) handleUpdate(s *apiSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if k.editArea != "" && !apiAllowed(w, r, s, k.editArea, app.LevelEdit) {
			return
		}
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
		user := request.CurrentUser(r)
		rec, err := k.patch(s.app, r.Context(), user, mux.Vars(r)["id"], *version, edit(body, m))
		if err == nil && k.after != nil {
			rec, err = k.after(s.app, r.Context(), user, body, rec)
		}
		if err != nil {
			writeAPIError(w, r, s, err)
			return
		}
		encode(w, http.StatusOK, k.json(rec))
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

// edit applies a body's members to an input; the fields it cannot read
// answer 422, each with its problem.
func edit[In any, Body recordBody[In]](body Body, m members) func(*In) error {
	return func(in *In) error {
		if p := body.apply(in, m); len(p) > 0 {
			return app.Invalid(p)
		}
		return nil
	}
}
