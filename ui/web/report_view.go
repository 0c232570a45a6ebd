package web

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"rolo/app"
	"rolo/ui/i18n"
)

// reportView is what a report shows: key figures, charts and tables. The
// tables are also what its CSV holds.
type reportView struct {
	Stats  []stat
	Charts []template.HTML
	Tables []reportTable
	Notes  []string // catalog keys explaining how the numbers are counted
}

// stat is one key figure, with the previous period's beside it when set.
type stat struct {
	Label  string
	Value  string
	Money  *homeView // a money figure: shown with its breakdown instead of Value
	Before string
	Trend  string // "up", "down" or ""
}

// reportTable is one table of a report.
type reportTable struct {
	Caption string
	Head    []string
	Rows    [][]cell
	Foot    []cell
}

// cell is a table cell as shown (Text, in the reader's locale) and as
// exported (Raw, plain digits and codes; Text when empty).
type cell struct {
	Text  string
	Raw   string
	Num   bool
	Money *homeView // a home-currency total, shown with its breakdown
}

func (c cell) csv() string {
	if c.Raw != "" {
		return c.Raw
	}
	return c.Text
}

func textCell(s string) cell { return cell{Text: s} }

func intCell(n int) cell {
	return cell{Text: groupDigits(fmt.Sprint(n)), Raw: fmt.Sprint(n), Num: true}
}

func percentCell(p float64) cell {
	return cell{Text: percentText(p), Raw: fmt.Sprintf("%.1f", p), Num: true}
}

func daysCell(lang string, c *i18n.Catalog, d float64) cell {
	return cell{Text: c.T(lang, "report.days", fmt.Sprintf("%.1f", d)), Raw: fmt.Sprintf("%.1f", d), Num: true}
}

func percentText(p float64) string { return fmt.Sprintf("%.1f %%", p) }

// moneyCell shows amounts in several currencies side by side, never
// added together; the CSV gets "USD 1250.00; KRW 50000".
func moneyCell(lang string, list []app.Money) cell {
	if len(list) == 0 {
		return cell{Text: "—", Raw: "", Num: true}
	}
	raw := make([]string, len(list))
	for i, m := range list {
		raw[i] = m.Currency + " " + app.AmountText(m.Value, m.Currency)
	}
	return cell{Text: strings.Join(formatMoneyList(lang, list), " · "), Raw: strings.Join(raw, "; "), Num: true}
}

// amountIn is the amount in one currency as a number, for charts, which
// draw one currency (the default) while the tables list every currency.
func amountIn(list []app.Money, code string) float64 {
	for _, m := range list {
		if m.Currency == code {
			return float64(m.Value) / pow10(app.CurrencyScale(code))
		}
	}
	return 0
}

func pow10(n int) float64 {
	p := 1.0
	for range n {
		p *= 10
	}
	return p
}

// bucketLabel names a week (by its first day) or a month in the
// reader's language.
func (s *site) bucketLabel(lang string, b app.Bucket, weekly bool, zone *time.Location) string {
	if weekly {
		return b.From.In(zone).Format(s.catalog.T(lang, "report.format.week"))
	}
	return b.From.In(zone).Format(s.catalog.T(lang, "report.format.month"))
}

// monthLabel names a "YYYY-MM" month, or "no date".
func (s *site) monthLabel(lang, month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return s.catalog.T(lang, "report.no_date")
	}
	return t.Format(s.catalog.T(lang, "report.format.month"))
}

// trend compares a figure with the previous period's.
func trend(now, before float64) string {
	switch {
	case now > before:
		return "up"
	case now < before:
		return "down"
	}
	return ""
}
