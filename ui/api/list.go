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
// for the API and `rolo contacts list --json`: one page of whole contacts,
// read by the list's own statement.
func ListContacts(ctx context.Context, a *app.App, actor app.Actor, v url.Values) (PageJSON[ContactJSON], error) {
	q, err := request.RecordListQuery(ctx, a, actor, "contact", v)
	if err != nil {
		return PageJSON[ContactJSON]{}, err
	}
	list, err := a.ListContactRecords(ctx, actor, q)
	return pageOf(list.Records, list.NextCursor, list.Total, NewContactJSON), err
}

// ListCompanies is ListContacts for companies (filters tag and owner).
func ListCompanies(ctx context.Context, a *app.App, actor app.Actor, v url.Values) (PageJSON[CompanyJSON], error) {
	q, err := request.RecordListQuery(ctx, a, actor, "company", v)
	if err != nil {
		return PageJSON[CompanyJSON]{}, err
	}
	list, err := a.ListCompanyRecords(ctx, actor, q)
	return pageOf(list.Records, list.NextCursor, list.Total, NewCompanyJSON), err
}
