package web

import (
	"fmt"
	"html/template"
	"strings"
)

// lineChart draws each series as a line over the labels (time), with an
// optional dashed target line (a goal).
func lineChart(c chart, caption string) template.HTML {
	return c.figure(func(b *strings.Builder, l layout) {
		var legend strings.Builder
		top := c.legend(&legend, l)
		const plotH, axisH, left = 180.0, 34.0, 48.0
		c.open(b, l, top+plotH+axisH)
		b.WriteString(legend.String())
		max := maxOf(c.Series, false)
		if c.HasTarget && c.Target > max {
			max = c.Target
		}
		max *= 1.05
		yAxis(b, l, left, top, plotH, max)
		chartWidth := l.W
		n := len(c.Labels)
		x := func(i int) float64 {
			if n <= 1 {
				return left + (chartWidth-left)/2
			}
			return left + 8 + float64(i)*(chartWidth-left-16)/float64(n-1)
		}
		y := func(v float64) float64 {
			if max <= 0 {
				return top + plotH
			}
			return top + plotH - v/max*plotH
		}
		if c.HasTarget {
			fmt.Fprintf(b, `<line class="target" x1="%g" y1="%.1f" x2="%g" y2="%.1f"><title>%s: %s</title></line>`,
				left, y(c.Target), chartWidth, y(c.Target), esc(c.TargetName), esc(formatNumber(c.Target)))
		}
		for k, s := range c.Series {
			var pts []string
			for i := range s.Values {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(s.Values[i])))
			}
			fmt.Fprintf(b, `<polyline class="line l%d" points="%s"/>`, k%8, strings.Join(pts, " "))
			for i := range s.Values {
				fmt.Fprintf(b, `<circle class="s%d" cx="%.1f" cy="%.1f" r="3.5"><title>%s · %s: %s</title></circle>`,
					k%8, x(i), y(s.Values[i]), esc(c.Labels[i]), esc(s.Name), esc(s.text(i)))
			}
		}
		every, room := axisLabels(c.Labels, chartWidth-left-16)
		for i, label := range c.Labels {
			// The last label is written when it does not crowd the one before.
			last := i == n-1 && (n-1)%every >= (every+1)/2
			if i%every == 0 || last {
				fmt.Fprintf(b, `<text class="label small" x="%.1f" y="%g" text-anchor="middle">%s</text>`, x(i), top+plotH+16, esc(fitWidth(label, room)))
			}
		}
		b.WriteString(`</svg>`)
	}, caption)
}

// funnelStep is one stage of a funnel chart.
type funnelStep struct {
	Label string
	Value float64
	Text  string // the count as shown
	Note  string // the conversion to the next step ("30 % → Proposal")
}

// funnelChart draws centred bars narrowing with each stage, with the
// count inside and the conversion to the next stage beside it.
func funnelChart(c chart, steps []funnelStep, caption string) template.HTML {
	c.Labels = nil
	values, texts, notes := make([]float64, len(steps)), make([]string, len(steps)), make([]string, len(steps))
	for i, s := range steps {
		c.Labels = append(c.Labels, s.Label)
		values[i], texts[i], notes[i] = s.Value, s.Text, s.Note
	}
	if len(c.Series) == 0 {
		c.Series = []chartSeries{{Name: c.Axis, Values: values, Texts: texts}}
	}
	return c.figure(func(b *strings.Builder, l layout) {
		rowH, barH := 40.0, 30.0
		label, margin := l.Label, valueMargin
		if l.narrow {
			rowH, margin = rowH+labelAbove, 0
		}
		chartWidth := l.W
		mid := label + (chartWidth-label-margin)/2
		c.open(b, l, float64(len(steps))*rowH+8)
		max := 0.0
		for _, s := range steps {
			if s.Value > max {
				max = s.Value
			}
		}
		span := chartWidth - label - margin
		for i, s := range steps {
			y := float64(i) * rowH
			if l.narrow {
				// The stage's name above its bar, the conversion at the right.
				fmt.Fprintf(b, `<text class="label" x="0" y="%g">%s</text>`, y+13, esc(fitWidth(s.Label, chartWidth-textWidth(s.Note)-12)))
				if s.Note != "" {
					fmt.Fprintf(b, `<text class="label small" x="%g" y="%g" text-anchor="end">%s</text>`, chartWidth, y+13, esc(s.Note))
				}
				y += labelAbove
			}
			w := 2.0
			if max > 0 {
				w = s.Value / max * span
				if w < 2 {
					w = 2
				}
			}
			if !l.narrow {
				fmt.Fprintf(b, `<text class="label" x="%g" y="%g" text-anchor="end">%s</text>`, label-8, y+barH/2+5, esc(fitWidth(s.Label, label-12)))
			}
			fmt.Fprintf(b, `<rect class="s0 funnel" x="%.1f" y="%g" width="%.1f" height="%g" rx="3"><title>%s: %s</title></rect>`,
				mid-w/2, y, w, barH, esc(s.Label), esc(s.Text))
			fmt.Fprintf(b, `<text class="value inside" x="%g" y="%g" text-anchor="middle">%s</text>`, mid, y+barH/2+5, esc(s.Text))
			if s.Note != "" && !l.narrow {
				fmt.Fprintf(b, `<text class="label small" x="%g" y="%g">%s</text>`, chartWidth-margin+6, y+barH/2+5, esc(s.Note))
			}
		}
		b.WriteString(`</svg>`)
	}, caption)
}
