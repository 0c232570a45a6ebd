package web

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"unicode"
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
	// narrowWidth is the phone drawing's width: shown about 1:1 in a
	// phone's card, so its 12.5px text stays 11px or more (the wide
	// drawing, scaled down to a phone, made it about 6px).
	narrowWidth = 320.0
)

// layout is one drawing of a chart. Each chart is drawn twice, wide for
// screens and narrow for phones (labels above their bars, fewer axis
// labels), and reports.css shows the one that fits.
type layout struct {
	W      float64 // the viewBox's width
	Label  float64 // the label column's width; 0 puts labels above the bars
	narrow bool
}

var layouts = []layout{{W: chartWidth, Label: labelWidth}, {W: narrowWidth, narrow: true}}

// textWidth is about how wide s is at the charts' 12px: Han, kana and
// Hangul are twice as wide as Latin letters and digits, which the label
// and legend room must count or CJK labels run into each other.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if isWide(r) {
			w += 12
		} else {
			w += charWidth
		}
	}
	return w
}

func isWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) || (r >= 0xff01 && r <= 0xff60) || (r >= 0x3000 && r <= 0x303f)
}

// fitWidth shortens s with "…" so that it is at most px wide.
func fitWidth(s string, px float64) string {
	if textWidth(s) <= px {
		return s
	}
	var b strings.Builder
	w := charWidth // the ellipsis
	for _, r := range s {
		rw := charWidth
		if isWide(r) {
			rw = 12
		}
		if w+rw > px {
			break
		}
		w += rw
		b.WriteRune(r)
	}
	return b.String() + "…"
}
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

func (c chart) open(b *strings.Builder, l layout, height float64) {
	id, class := c.ID, "chart-wide"
	if l.narrow {
		id, class = c.ID+"-narrow", "chart-narrow"
	}
	fmt.Fprintf(b, `<svg class="chart-svg %s" viewBox="0 0 %g %g" role="img" aria-labelledby="%s-title %s-desc" xmlns="http://www.w3.org/2000/svg">`,
		class, l.W, height, esc(id), esc(id))
	fmt.Fprintf(b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(id), esc(c.Title), esc(id), esc(c.Desc))
}

// legend draws the series names at the top, for charts with more than one
// series, going on to a new line where the next name would not fit; it
// returns the height used.
func (c chart) legend(b *strings.Builder, l layout) float64 {
	if len(c.Series) < 2 && !c.HasTarget {
		return 0
	}
	x, y := 0.0, 0.0
	item := func(name string) {
		w := 16 + textWidth(name) + 18
		if x > 0 && x+w-18 > l.W {
			x, y = 0, y+20
		}
	}
	for i, s := range c.Series {
		item(s.Name)
		fmt.Fprintf(b, `<rect class="s%d" x="%g" y="%g" width="12" height="12" rx="2"/><text class="label" x="%g" y="%g">%s</text>`, i%8, x, y+4, x+16, y+14, esc(s.Name))
		x += 16 + textWidth(s.Name) + 18
	}
	if c.HasTarget {
		item(c.TargetName)
		fmt.Fprintf(b, `<line class="target" x1="%g" y1="%g" x2="%g" y2="%g"/><text class="label" x="%g" y="%g">%s</text>`, x, y+10, x+14, y+10, x+18, y+14, esc(c.TargetName))
	}
	return y + 26
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

// figure wraps the chart's two drawings (wide and narrow) and its table.
func (c chart) figure(svg func(*strings.Builder, layout), caption string) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<figure class="chart" id="%s">`, esc(c.ID))
	for _, l := range layouts {
		svg(&b, l)
	}
	c.table(&b, caption)
	b.WriteString(`</figure>`)
	return template.HTML(b.String())
}
