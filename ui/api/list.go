package api

import (
	"context"
	"net/url"

	"rolo/app"
	"rolo/ui/request"
)

// PageJSON is one page of a list: the records, the cursor that asks for
// the next page (null on the last) and how many records the filters match.
type PageJSON[T any] struct {
	Data       []T     `json:"data"`
	NextCursor *string `json:"next_cursor"`
	Total      int     `json:"total"`
}

// pageOf shapes one page of records for the API.
func pageOf[R, J any](records []R, next string, total int, shape func(R) J) PageJSON[J] {
	page := PageJSON[J]{Data: make([]J, 0, len(records)), NextCursor: nullable(next), Total: total}
	for _, r := range records {
		page.Data = append(page.Data, shape(r))
	}
	return page
}

// ListContacts answers a contact list request given as query parameters,
// for the API and `rolo contacts list`: the app's page (rows for tables)
// and the same page as whole contacts.
func ListContacts(ctx context.Context, a *app.App, actor app.Actor, v url.Values) (app.ContactList, PageJSON[ContactJSON], error) {
	q, err := request.ListQuery(ctx, a, v)
	if err == nil {
		err = request.FilterQuery(ctx, a, actor, "contact", v, &q)
	}
	if err != nil {
		return app.ContactList{}, PageJSON[ContactJSON]{}, err
	}
	list, err := a.ListContacts(ctx, actor, q)
	if err != nil {
		return list, PageJSON[ContactJSON]{}, err
	}
	ids := make([]string, len(list.Rows))
	for i, row := range list.Rows {
		ids[i] = row.ID
	}
	contacts, err := a.ContactsByID(ctx, actor, ids)
	return list, pageOf(contacts, list.NextCursor, list.Total, NewContactJSON), err
}

// ListCompanies is ListContacts for companies (filters tag and owner).
func ListCompanies(ctx context.Context, a *app.App, actor app.Actor, v url.Values) (app.CompanyList, PageJSON[CompanyJSON], error) {
	q, err := request.ListQuery(ctx, a, v)
	if err == nil {
		err = request.FilterQuery(ctx, a, actor, "company", v, &q)
	}
	if err != nil {
		return app.CompanyList{}, PageJSON[CompanyJSON]{}, err
	}
	list, err := a.ListCompanies(ctx, actor, q)
	if err != nil {
		return list, PageJSON[CompanyJSON]{}, err
	}
	ids := make([]string, len(list.Rows))
	for i, row := range list.Rows {
		ids[i] = row.ID
	}
	companies, err := a.CompaniesByID(ctx, actor, ids)
	return list, pageOf(companies, list.NextCursor, list.Total, NewCompanyJSON), err
}
