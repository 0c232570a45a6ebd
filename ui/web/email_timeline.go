package web

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// emailView is a logged message as the timeline shows it, beside its
// activity's subject (the outcome), date and text (the body).
type emailView struct {
	app.EmailDetails
	// Earlier are the earlier messages of its conversation on the same
	// timeline page, oldest first: the conversation shows once, at its
	// newest message, with these folded under it.
	Earlier []*activityItem
}

// emailDropView is the drop zone of a record page: .eml files dropped or
// chosen there are logged on the record.
type emailDropView struct{}

// addEmails gives the email activities of a timeline page their message
// details, and folds each conversation into its newest message on the page.
func (s *site) addEmails(r *http.Request, tl *recordTimeline) error {
	user := request.CurrentUser(r)
	if tl.CanWrite && s.app.EmailLoggingOn(r.Context()) {
		tl.Drop = &emailDropView{}
	}
	var ids []string
	for _, item := range tl.Items {
		if item.Activity != nil && item.Activity.Type.ID == app.EmailTypeID {
			ids = append(ids, item.Activity.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	details, err := s.app.EmailDetailsOf(r.Context(), user, ids)
	if err != nil {
		return err
	}
	newest := map[string]*activityItem{} // thread → its newest message on the page
	items := tl.Items[:0]
	for _, item := range tl.Items {
		a := item.Activity
		d, ok := details[idOf(a)]
		if !ok {
			items = append(items, item)
			continue
		}
		a.Email = &emailView{EmailDetails: d}
		if first := newest[d.Thread]; first != nil {
			first.Email.Earlier = append([]*activityItem{a}, first.Email.Earlier...)
			continue
		}
		newest[d.Thread] = a
		items = append(items, item)
	}
	tl.Items = items
	return nil
}

func idOf(a *activityItem) string {
	if a == nil {
		return ""
	}
	return a.ID
}
