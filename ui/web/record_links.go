package web

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// A page never links to a record its reader may not open: a user limited
// to their own records may see a contact of theirs at a colleague's
// company, and a link there would answer 404. Such a record is named as
// plain text, where the page names it at all.

// openableURL is the page of ref when names (app.RecordNames, which
// leaves out what the reader may not see) holds it, else "".
func (s *site) openableURL(ref app.RecordRef, names map[app.RecordRef]string) string {
	if _, ok := names[ref]; !ok {
		return ""
	}
	return s.recordURL(ref)
}

// openable tells which of refs the signed-in user may open.
func (s *site) openable(r *http.Request, refs []app.RecordRef) (map[app.RecordRef]bool, error) {
	names, err := s.app.RecordNames(r.Context(), request.CurrentUser(r), refs)
	if err != nil {
		return nil, err
	}
	out := make(map[app.RecordRef]bool, len(names))
	for ref := range names {
		out[ref] = true
	}
	return out, nil
}

// unlinkHiddenDealRecords does the same for the company and contact of
// deal rows.
func (s *site) unlinkHiddenDealRecords(r *http.Request, rows []dealListRow) error {
	var refs []app.RecordRef
	for _, row := range rows {
		refs = append(refs, app.RecordRef{Entity: "company", ID: row.CompanyID}, app.RecordRef{Entity: "contact", ID: row.ContactID})
	}
	open, err := s.openable(r, refs)
	if err != nil {
		return err
	}
	for i, row := range rows {
		if !open[app.RecordRef{Entity: "company", ID: row.CompanyID}] {
			rows[i].CompanyID = ""
		}
		if !open[app.RecordRef{Entity: "contact", ID: row.ContactID}] {
			rows[i].ContactID = ""
		}
	}
	return nil
}
