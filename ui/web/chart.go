package web

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Charts are drawn by the server as inline SVG: no script, no chart
// library, and nothing the Content-Security-Policy would block. Colours
// come from classes (s0…s7, target, axis) that reports.css sets for the
// light and the dark theme; every text is escaped; each chart carries a
// <title> and <desc> for screen readers and is followed by the same
// numbers as a table.

// chartSeries is one named row of values: a bar colour, a stacked
// segment or a line.
type chartSeries struct {
	Name   string
	Values []float64
	Texts  []string // each value as shown (locale, currency); empty uses the number
}

func (s chartSeries) text(i int) string {
	if i >= len(s.Values) {
		return "—" // a line that stops early (a goal's future)
	}
	if i < len(s.Texts) && s.Texts[i] != "" {
		return s.Texts[i]
	}
	return formatNumber(s.Values[i])
}

// chart is the data of any chart kind.
type chart struct {
	ID     string // unique on the page; names the title and desc elements
	Title  string
	Desc   string
	Axis   string   // heading of the label column in the data table
	Labels []string // one per bar, column or point
	Series []chartSeries
	// Target draws a dashed horizontal line (line charts: a goal).
	Target     float64
	TargetName string
	HasTarget  bool
}

const (
	chartWidth  = 640.0
	labelWidth  = 170.0
	rowHeight   = 30.0
	barHeight   = 18.0
	valueMargin = 110.0
)

func esc(s string) string { return template.HTMLEscapeString(s) }

// formatNumber shows counts without decimals and other values with one.
func formatNumber(v float64) string {
	if v == math.Trunc(v) {
		return groupDigits(fmt.Sprintf("%.0f", v))
	}
	return groupDigits(fmt.Sprintf("%.1f", v))
}

// groupDigits puts commas between thousands, as all four of Rolo's
// languages write numbers.
func groupDigits(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return sign + b.String()
}

func (c chart) open(b *strings.Builder, height float64) {
	fmt.Fprintf(b, `<svg class="chart-svg" viewBox="0 0 %g %g" role="img" aria-labelledby="%s-title %s-desc" xmlns="http://www.w3.org/2000/svg">`,
		chartWidth, height, esc(c.ID), esc(c.ID))
	fmt.Fprintf(b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(c.ID), esc(c.Title), esc(c.ID), esc(c.Desc))
}

// legend draws the series names in a row at the top, for charts with
// more than one series; it returns the height used.
func (c chart) legend(b *strings.Builder) float64 {
	if len(c.Series) < 2 && !c.HasTarget {
		return 0
	}
	x := 0.0
	for i, s := range c.Series {
		fmt.Fprintf(b, `<rect class="s%d" x="%g" y="4" width="12" height="12" rx="2"/><text class="label" x="%g" y="14">%s</text>`, i%8, x, x+16, esc(s.Name))
		x += 16 + float64(len([]rune(s.Name)))*7.5 + 18
	}
	if c.HasTarget {
		fmt.Fprintf(b, `<line class="target" x1="%g" y1="10" x2="%g" y2="10"/><text class="label" x="%g" y="14">%s</text>`, x, x+14, x+18, esc(c.TargetName))
	}
	return 26
}

func maxOf(series []chartSeries, stacked bool) float64 {
	top := 0.0
	if len(series) == 0 {
		return 0
	}
	for i := range series[0].Values {
		sum := 0.0
		for _, s := range series {
			if i >= len(s.Values) {
				continue
			}
			if stacked {
				sum += s.Values[i]
			} else {
				sum = math.Max(sum, s.Values[i])
			}
		}
		top = math.Max(top, sum)
	}
	return top
}

// table is the chart's numbers as an HTML table, for readers who cannot
// see the picture and for copying.
func (c chart) table(b *strings.Builder, caption string) {
	fmt.Fprintf(b, `<details class="chart-data"><summary>%s</summary><div class="table-wrap"><table class="table"><thead><tr><th scope="col">%s</th>`, esc(caption), esc(c.Axis))
	for _, s := range c.Series {
		fmt.Fprintf(b, `<th scope="col" class="num">%s</th>`, esc(s.Name))
	}
	b.WriteString(`</tr></thead><tbody>`)
	for i, l := range c.Labels {
		fmt.Fprintf(b, `<tr><th scope="row">%s</th>`, esc(l))
		for _, s := range c.Series {
			fmt.Fprintf(b, `<td class="num" data-label="%s">%s</td>`, esc(s.Name), esc(s.text(i)))
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</tbody></table></div></details>`)
}

// figure wraps an SVG and its table.
func (c chart) figure(svg func(*strings.Builder), caption string) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<figure class="chart" id="%s">`, esc(c.ID))
	svg(&b)
	c.table(&b, caption)
	b.WriteString(`</figure>`)
	return template.HTML(b.String())
}

// truncate shortens a label to n characters for the picture (the table
// keeps it whole).
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
