package web

import (
	"slices"
	"strconv"

	"rolo/app"
)

// remindChoice is one lead time of a reminder select.
type remindChoice struct {
	Value    int
	Label    string
	Selected bool
}

// remindChoices are the lead times the profile and task forms offer, in
// the reader's words, with selected ticked; a lead time set through the
// API that the list lacks is offered too, so saving the form keeps it.
func (s *site) remindChoices(lang string, selected int) []remindChoice {
	values := app.RemindOptions
	if !slices.Contains(values, selected) {
		values = append(slices.Clone(values), selected)
		slices.Sort(values)
	}
	out := make([]remindChoice, len(values))
	for i, v := range values {
		out[i] = remindChoice{Value: v, Label: s.remindLabel(lang, v), Selected: v == selected}
	}
	return out
}

// remindLabel says a lead time: "No reminder", "At the due time",
// "10 minutes before", "1 hour before", "1 day before".
func (s *site) remindLabel(lang string, minutes int) string {
	switch {
	case minutes == app.NoReminder:
		return s.catalog.T(lang, "remind.none")
	case minutes == 0:
		return s.catalog.T(lang, "remind.at_due")
	case minutes%(24*60) == 0:
		return s.catalog.Count(lang, "remind.days_before", minutes/(24*60))
	case minutes%60 == 0:
		return s.catalog.Count(lang, "remind.hours_before", minutes/60)
	}
	return s.catalog.Count(lang, "remind.minutes_before", minutes)
}

// readRemind reads a remind_minutes form value; "" or an unreadable one is
// nil (the default), which the app then applies.
func readRemind(v string) *int {
	n, err := strconv.Atoi(v)
	if err != nil {
		return nil
	}
	return &n
}
