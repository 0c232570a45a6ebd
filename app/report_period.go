package app

import (
	"time"
)

// Periods a report can cover, in the reader's time zone. Weeks start on
// Monday (ISO 8601).
var Periods = []string{"this_week", "last_week", "this_month", "last_month", "this_quarter", "last_quarter", "this_year", "last_year", "custom"}

// Period is the span [From, To) a report covers, with the zone its days
// are counted in.
type Period struct {
	Key      string // one of Periods
	From, To time.Time
	Zone     *time.Location
}

// maxCustomDays bounds a custom period, so one request cannot ask for a
// century of weekly buckets.
const maxCustomDays = 3 * 366

// NewPeriod resolves a period key at now in zone; custom periods take the
// first and last day (YYYY-MM-DD, both included). An unknown key is this
// month.
func NewPeriod(key, fromDay, toDay string, now time.Time, zone *time.Location) (Period, error) {
	local := now.In(zone)
	y, m, d := local.Date()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, zone) }
	weekStart := day(y, m, d-(int(local.Weekday())+6)%7)
	quarter := day(y, m-(m-1)%3, 1)
	p := Period{Key: key, Zone: zone}
	switch key {
	case "this_week":
		p.From, p.To = weekStart, weekStart.AddDate(0, 0, 7)
	case "last_week":
		p.From, p.To = weekStart.AddDate(0, 0, -7), weekStart
	case "last_month":
		p.From, p.To = day(y, m-1, 1), day(y, m, 1)
	case "this_quarter":
		p.From, p.To = quarter, quarter.AddDate(0, 3, 0)
	case "last_quarter":
		p.From, p.To = quarter.AddDate(0, -3, 0), quarter
	case "this_year":
		p.From, p.To = day(y, 1, 1), day(y+1, 1, 1)
	case "last_year":
		p.From, p.To = day(y-1, 1, 1), day(y, 1, 1)
	case "custom":
		from, err1 := time.ParseInLocation(time.DateOnly, fromDay, zone)
		to, err2 := time.ParseInLocation(time.DateOnly, toDay, zone)
		fields := map[string]string{}
		if err1 != nil {
			fields["from"] = "error.date_invalid"
		}
		if err2 != nil {
			fields["to"] = "error.date_invalid"
		}
		if len(fields) == 0 && (to.Before(from) || to.Sub(from) > maxCustomDays*24*time.Hour) {
			fields["to"] = "report.error.range"
		}
		if len(fields) > 0 {
			return Period{}, Invalid(fields)
		}
		p.From, p.To = from, day(to.Year(), to.Month(), to.Day()+1)
	default:
		p.Key = "this_month"
		p.From, p.To = day(y, m, 1), day(y, m+1, 1)
	}
	return p, nil
}

// Previous is the period of equal length just before p, for comparisons
// and goal baselines: last month for this month, the week before for a
// week, the same number of days before for a custom span.
func (p Period) Previous() Period {
	prev := Period{Key: p.Key, Zone: p.Zone, To: p.From}
	from, to := p.From.In(p.Zone), p.To.In(p.Zone)
	switch {
	case from.Day() == 1 && to.Day() == 1 && from.Hour() == 0 && to.Hour() == 0:
		months := (to.Year()-from.Year())*12 + int(to.Month()-from.Month())
		prev.From = from.AddDate(0, -months, 0)
	default:
		days := int(to.Sub(from).Round(24*time.Hour) / (24 * time.Hour))
		prev.From = from.AddDate(0, 0, -days)
	}
	return prev
}

// Bucket is one step of a report's time axis: [From, To).
type Bucket struct {
	From, To time.Time
}

// Buckets splits p into weeks (Monday first) or months, in p's zone; the
// first and last may be partial. Spans of up to 92 days get weeks.
func (p Period) Buckets() []Bucket {
	weekly := p.To.Sub(p.From) <= 92*24*time.Hour
	var out []Bucket
	for at := p.From; at.Before(p.To); {
		local := at.In(p.Zone)
		var next time.Time
		if weekly {
			y, m, d := local.Date()
			next = time.Date(y, m, d-(int(local.Weekday())+6)%7+7, 0, 0, 0, 0, p.Zone)
		} else {
			next = time.Date(local.Year(), local.Month()+1, 1, 0, 0, 0, 0, p.Zone)
		}
		if next.After(p.To) {
			next = p.To
		}
		out = append(out, Bucket{From: at, To: next})
		at = next
	}
	return out
}

// Weekly tells whether p's buckets are weeks (else months).
func (p Period) Weekly() bool { return p.To.Sub(p.From) <= 92*24*time.Hour }
