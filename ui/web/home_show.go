package web

import (
	"net/http"

	"rolo/app"
)

// homePage is the Today view: what the user should do today, and what
// comes next.
type homePage struct {
	Base
	DBPath      string
	Date        string // today, in the user's words and zone
	Overdue     taskSection
	DueToday    taskSection
	Upcoming    taskSection
	KeepInTouch []keepInTouchItem
	KeepTotal   int
	Dates       []dateItem
	Rotting     []rottingItem
	CanWrite    bool
	NewTaskDate string // the quick-add form's default day (today)
}

// taskSection is one group of tasks with how many there are in all.
type taskSection struct {
	Rows  []taskRow
	Total int
}

// keepInTouchItem is a contact the user meant to hear from by now.
type keepInTouchItem struct {
	ContactID string
	Name      string
	URL       string
	Every     int
	Last      string
	LogURL    string
}

// dateItem is a birthday (or another yearly date) coming up.
type dateItem struct {
	Name    string
	URL     string
	On      string
	InDays  int
	Years   int
	Field   string // catalog key of the date's name
	LogURL  string
	TaskURL string
}

// rottingItem is a deal that has waited in its stage too long.
type rottingItem struct {
	Title    string
	URL      string
	Stage    string
	DaysOver int
}

// handleHome shows the Today view.
func handleHome(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "today.title")
		today, err := s.app.Today(r.Context(), b.User)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		team, err := s.recordTeam(r)
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		page := homePage{Base: b, DBPath: s.cfg.DBPath, CanWrite: app.CanWriteRecords(b.User),
			Date: s.dateText(b.Lang, today.Now, today.Zone, false), NewTaskDate: today.Now.In(today.Zone).Format("2006-01-02")}
		for _, sec := range []struct {
			from app.TaskSection
			to   *taskSection
		}{{today.Overdue, &page.Overdue}, {today.DueToday, &page.DueToday}, {today.Upcoming, &page.Upcoming}} {
			rows, err := s.taskRows(r, b.Lang, team, sec.from.Tasks, "/")
			if err != nil {
				s.views.renderError(w, r, b, err)
				return
			}
			*sec.to = taskSection{Rows: rows, Total: sec.from.Total}
		}
		logURL := s.recordPath("activity.new")
		for _, k := range today.KeepInTouch {
			page.KeepInTouch = append(page.KeepInTouch, keepInTouchItem{ContactID: k.ContactID, Name: k.DisplayName, Every: k.EveryDays,
				URL: s.recordPath("contact.show", "id", k.ContactID), Last: s.dateText(b.Lang, k.LastTouchAt, today.Zone, false),
				LogURL: logURL + "?contact=" + k.ContactID + "&return=/"})
		}
		page.KeepTotal = today.KeepInTouchTotal
		for _, d := range today.Dates {
			url := s.recordURL(d.Record)
			page.Dates = append(page.Dates, dateItem{Name: d.Name, URL: url, On: s.dateText(b.Lang, d.On, today.Zone, false),
				InDays: d.InDays, Years: d.Years, Field: "reminder.field." + d.Rule.Field,
				LogURL:  logURL + "?" + d.Record.Entity + "=" + d.Record.ID + "&return=/",
				TaskURL: s.recordPath("task.new") + "?" + d.Record.Entity + "=" + d.Record.ID + "&due_date=" + d.On.Format("2006-01-02") + "&return=/"})
		}
		if page.Rotting, err = s.rottingDeals(r, b.User); err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.views.render(w, r, http.StatusOK, "home", b.Lang, page)
	})
}

// rottingDeals are the user's deals that waited in their stage too long.
func (s *site) rottingDeals(r *http.Request, user *app.User) ([]rottingItem, error) {
	deals, err := s.app.RottingDeals(r.Context(), user, user.ID, 10)
	if err != nil {
		return nil, err
	}
	out := make([]rottingItem, len(deals))
	for i, d := range deals {
		out[i] = rottingItem{Title: d.Title, URL: s.recordURL(app.RecordRef{Entity: "deal", ID: d.ID}), Stage: d.Stage.Name, DaysOver: d.DaysOver}
	}
	return out, nil
}
