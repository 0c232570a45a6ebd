package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"rolo/app"
)

// taskForm is the task form as typed: the due date and time in the user's
// zone, and the recurrence in parts that become an RRULE.
type taskForm struct {
	Version    int
	Title      string
	Notes      string
	DueDate    string
	DueTime    string
	TimeZone   string
	AssigneeID string
	Priority   string
	Repeat     string // "", daily, weekly, monthly, yearly, or custom (Custom holds the RRULE)
	Interval   string
	Weekdays   []string // MO … SU
	LastDay    bool     // monthly: on the last day of the month
	Ends       string   // never, until, count
	Until      string
	Count      string
	Custom     string
	Links      []string // entity:id
	Return     string
	Remind     string // remind_minutes: minutes before the due, -1 for none
}

// weekdayCodes are RRULE's weekday names, Monday first.
var weekdayCodes = []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

func readTaskForm(v url.Values) taskForm {
	version, _ := strconv.Atoi(v.Get("version"))
	return taskForm{
		Version: version, Title: v.Get("title"), Notes: v.Get("notes"), DueDate: strings.TrimSpace(v.Get("due_date")),
		DueTime: strings.TrimSpace(v.Get("due_time")), TimeZone: v.Get("time_zone"), AssigneeID: v.Get("assignee_id"),
		Priority: v.Get("priority"), Repeat: v.Get("repeat"), Interval: strings.TrimSpace(v.Get("interval")),
		Weekdays: v["weekdays"], LastDay: v.Get("last_day") != "", Ends: v.Get("ends"), Until: strings.TrimSpace(v.Get("until")),
		Count: strings.TrimSpace(v.Get("count")), Custom: v.Get("custom"), Links: v["links"], Return: v.Get("return"),
		Remind: v.Get("remind_minutes"),
	}
}

// recurrence builds the RRULE the form describes, in zone (UNTIL is the
// end of the chosen day there). problem is a field and catalog key.
func (f taskForm) recurrence(zone string) (rule string, field, problem string) {
	freq := map[string]string{"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY", "yearly": "YEARLY"}[f.Repeat]
	switch {
	case f.Repeat == "":
		return "", "", ""
	case f.Repeat == "custom":
		return f.Custom, "", ""
	case freq == "":
		return "", "repeat", "error.recurrence_invalid"
	}
	parts := []string{"FREQ=" + freq}
	if f.Interval != "" && f.Interval != "1" {
		n, err := strconv.Atoi(f.Interval)
		if err != nil || n < 1 || n > 1000 {
			return "", "interval", "error.interval_invalid"
		}
		parts = append(parts, "INTERVAL="+strconv.Itoa(n))
	}
	switch f.Ends {
	case "count":
		n, err := strconv.Atoi(f.Count)
		if err != nil || n < 1 || n > 10000 {
			return "", "count", "error.count_invalid"
		}
		parts = append(parts, "COUNT="+strconv.Itoa(n))
	case "until":
		loc, err := time.LoadLocation(zone)
		if err != nil {
			loc = time.UTC
		}
		d, err := time.ParseInLocation("2006-01-02", f.Until, loc)
		if err != nil {
			return "", "until", "error.date_invalid"
		}
		end := d.AddDate(0, 0, 1).Add(-time.Second).UTC()
		parts = append(parts, "UNTIL="+end.Format("20060102T150405Z"))
	}
	if f.Repeat == "weekly" {
		var days []string
		for _, d := range weekdayCodes {
			if slices.Contains(f.Weekdays, d) {
				days = append(days, d)
			}
		}
		if len(days) > 0 {
			parts = append(parts, "BYDAY="+strings.Join(days, ","))
		}
	}
	if f.Repeat == "monthly" && f.LastDay {
		parts = append(parts, "BYMONTHDAY=-1")
	}
	return strings.Join(parts, ";"), "", ""
}

// input turns the form into the app's task input; a recurrence the form
// cannot build is reported under its field.
func (f taskForm) input(defaultZone string) (app.TaskInput, map[string]string) {
	zone := f.TimeZone
	if zone == "" {
		zone = defaultZone
	}
	rule, field, problem := f.recurrence(zone)
	in := app.TaskInput{Title: f.Title, Notes: f.Notes, DueDate: f.DueDate, DueTime: f.DueTime, TimeZone: f.TimeZone,
		AssigneeID: f.AssigneeID, Unassigned: f.AssigneeID == "", Priority: f.Priority, Recurrence: rule, Links: parseRefs(f.Links),
		RemindMinutes: readRemind(f.Remind)}
	if problem != "" {
		return in, map[string]string{field: problem}
	}
	return in, nil
}

// taskFormOf fills the form from a stored task, in its zone. A rule the
// form's parts cannot express shows as a custom RRULE.
func taskFormOf(t app.Task) taskForm {
	f := taskForm{Version: t.Version, Title: t.Title, Notes: t.Notes, TimeZone: t.TimeZone, AssigneeID: t.AssigneeID,
		Priority: t.Priority, Ends: "never", Remind: strconv.Itoa(t.RemindMinutes)}
	if !t.DueAt.IsZero() {
		loc, err := time.LoadLocation(t.TimeZone)
		if err != nil {
			loc = time.UTC
		}
		f.DueDate, f.DueTime = t.DueAt.In(loc).Format("2006-01-02"), t.DueAt.In(loc).Format("15:04")
	} else {
		f.DueDate = t.DueDate
	}
	for _, l := range t.Links {
		f.Links = append(f.Links, refValue(l))
	}
	if t.Recurrence == "" {
		return f
	}
	f.Repeat, f.Custom = "custom", t.Recurrence
	opt, err := rrule.StrToROption(t.Recurrence)
	if err != nil || len(opt.Bysetpos)+len(opt.Bymonth)+len(opt.Byyearday)+len(opt.Byweekno) > 0 || opt.Wkst != rrule.MO {
		return f
	}
	md := opt.Bymonthday
	switch {
	case opt.Freq == rrule.WEEKLY && len(md) == 0:
		for _, d := range opt.Byweekday {
			if d.N() != 0 {
				return f
			}
			f.Weekdays = append(f.Weekdays, d.String())
		}
	case opt.Freq == rrule.MONTHLY && len(opt.Byweekday) == 0 && (len(md) == 0 || (len(md) == 1 && md[0] == -1)):
		f.LastDay = len(md) == 1
	case (opt.Freq == rrule.DAILY || opt.Freq == rrule.YEARLY) && len(md)+len(opt.Byweekday) == 0:
	default:
		return f
	}
	f.Repeat = strings.ToLower(opt.Freq.String())
	f.Custom = ""
	if opt.Interval > 1 {
		f.Interval = strconv.Itoa(opt.Interval)
	}
	switch {
	case opt.Count > 0:
		f.Ends, f.Count = "count", strconv.Itoa(opt.Count)
	case !opt.Until.IsZero():
		loc, err := time.LoadLocation(t.TimeZone)
		if err != nil {
			loc = time.UTC
		}
		f.Ends, f.Until = "until", opt.Until.In(loc).Format("2006-01-02")
	}
	return f
}

// HasWeekday tells the weekday checkboxes which are ticked.
func (f taskForm) HasWeekday(code string) bool { return slices.Contains(f.Weekdays, code) }

// HasLink tells the link checkboxes which are ticked.
func (f taskForm) HasLink(value string) bool { return slices.Contains(f.Links, value) }

// taskFormPage is the new-task and edit-task page.
type taskFormPage struct {
	Base
	ID       string // "" for a new task
	Task     *app.Task
	Form     taskForm
	Links    []linkView
	LinkPick recordPicker
	Errors   map[string]string
	Problem  string
	Team     recordTeam
	Zones    []string
	Weekdays []string
	Snooze   []string
	Reminds  []remindChoice
	CanWrite bool
}

// commonZones are offered in the zone field; any IANA name is accepted.
var commonZones = []string{"UTC", "America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York", "America/Sao_Paulo",
	"Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Stockholm", "Asia/Seoul", "Asia/Tokyo", "Asia/Shanghai",
	"Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Kolkata", "Australia/Sydney", "Pacific/Auckland"}

func (s *site) renderTaskForm(w http.ResponseWriter, r *http.Request, status int, page taskFormPage) {
	team, err := s.recordTeam(r)
	if err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	if page.Links, err = s.linkViews(r, parseRefs(page.Form.Links)); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	if page.LinkPick, err = s.linkPicker(r, page.Errors); err != nil {
		s.views.renderError(w, r, page.Base, err)
		return
	}
	page.Team, page.Zones, page.Weekdays, page.Snooze = team, commonZones, weekdayCodes, app.SnoozeOptions
	page.CanWrite = app.CanDo(page.User, app.AreaActivities, app.LevelEdit)
	remind := page.User.RemindMinutes // a new task: the user's default
	if n := readRemind(page.Form.Remind); n != nil {
		remind = *n
	}
	page.Reminds = s.remindChoices(page.Lang, remind)
	if page.Form.TimeZone == "" {
		page.Form.TimeZone = app.ZoneName(page.User)
	}
	s.views.render(w, r, status, "task_form", page.Lang, page)
}

// taskPath is where a task's page lives, for redirects.
func (s *site) taskPath(id string) string { return s.recordPath("task.show", "id", id) }
