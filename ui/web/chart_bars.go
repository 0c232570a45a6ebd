package web

import (
	"fmt"
	"html/template"
	"strings"
)

// barChart draws one horizontal bar per label (stages, owners, sources),
// stacked when there are several series; the value is written after it.
func barChart(c chart, caption string, stacked bool) template.HTML {
	return c.figure(func(b *strings.Builder) {
		rows := len(c.Labels)
		perRow := 1
		if !stacked && len(c.Series) > 1 {
			perRow = len(c.Series)
		}
		rowH := rowHeight + float64(perRow-1)*(barHeight+2)
		var legend strings.Builder
		top := c.legend(&legend)
		height := top + float64(rows)*rowH + 8
		if rows == 0 {
			height = top + rowHeight
		}
		c.open(b, height)
		b.WriteString(legend.String())
		span := chartWidth - labelWidth - valueRoom(c)
		max := maxOf(c.Series, stacked)
		scale := 0.0
		if max > 0 {
			scale = span / max
		}
		for i, label := range c.Labels {
			y := top + float64(i)*rowH
			fmt.Fprintf(b, `<text class="label" x="%g" y="%g" text-anchor="end">%s</text>`, labelWidth-8, y+barHeight-4, esc(truncate(label, 22)))
			x := labelWidth
			var total float64
			var texts []string
			for k, s := range c.Series {
				if i >= len(s.Values) {
					continue
				}
				w := s.Values[i] * scale
				by := y
				if !stacked {
					by = y + float64(k)*(barHeight+2)
					x = labelWidth
				}
				if w > 0 {
					fmt.Fprintf(b, `<rect class="s%d" x="%.1f" y="%.1f" width="%.1f" height="%g" rx="2"><title>%s: %s</title></rect>`,
						k%8, x, by, w, barHeight, esc(label+" · "+s.Name), esc(s.text(i)))
				}
				if stacked {
					x += w
					total += s.Values[i]
				} else {
					writeValue(b, x+w+6, by+barHeight-4, s.text(i))
				}
				texts = append(texts, s.text(i))
			}
			if stacked {
				text := formatNumber(total)
				if len(c.Series) == 1 && len(texts) == 1 {
					text = texts[0]
				}
				writeValue(b, x+6, y+barHeight-4, text)
			}
		}
		if rows == 0 {
			fmt.Fprintf(b, `<text class="label muted" x="%g" y="%g" text-anchor="middle">—</text>`, chartWidth/2, top+rowHeight/2)
		}
		b.WriteString(`</svg>`)
	}, caption)
}

// charWidth is a character's width, about, at the charts' 12px.
const charWidth = 6.6

// valueRoom is the width the values written after the bars need: one
// amount fits the usual margin, a total in five currencies needs several
// times that, and the bars then get shorter instead of the text running
// out of the card. The bars keep at least a fifth of the chart.
func valueRoom(c chart) float64 {
	widest := 0
	for _, s := range c.Series {
		for i := range s.Values {
			widest = max(widest, len([]rune(s.text(i))))
		}
	}
	return min(max(valueMargin, float64(widest)*charWidth+12), chartWidth-labelWidth-chartWidth/5)
}

// writeValue writes a bar's value after it, cut short with "…" where it
// would run past the chart; the whole text is in its tooltip and in the
// table under the chart.
func writeValue(b *strings.Builder, x, y float64, text string) {
	fits := int((chartWidth - x) / charWidth)
	fmt.Fprintf(b, `<text class="value" x="%.1f" y="%.1f"><title>%s</title>%s</text>`, x, y, esc(text), esc(truncate(text, max(fits, 2))))
}

// columnChart draws one column per label along a time axis (weeks,
// months), stacked when there are several series.
func columnChart(c chart, caption string) template.HTML {
	return c.figure(func(b *strings.Builder) {
		var legend strings.Builder
		top := c.legend(&legend)
		const plotH, axisH, left = 180.0, 34.0, 48.0
		c.open(b, top+plotH+axisH)
		b.WriteString(legend.String())
		max := maxOf(c.Series, true)
		yAxis(b, left, top, plotH, max)
		n := len(c.Labels)
		if n == 0 {
			b.WriteString(`</svg>`)
			return
		}
		slot := (chartWidth - left) / float64(n)
		w := slot * 0.7
		for i, label := range c.Labels {
			x := left + float64(i)*slot + (slot-w)/2
			y := top + plotH
			for k, s := range c.Series {
				if i >= len(s.Values) || max == 0 {
					continue
				}
				h := s.Values[i] / max * plotH
				y -= h
				if h > 0 {
					fmt.Fprintf(b, `<rect class="s%d" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s · %s: %s</title></rect>`,
						k%8, x, y, w, h, esc(label), esc(s.Name), esc(s.text(i)))
				}
			}
			if n <= 16 || i%((n+15)/16) == 0 {
				fmt.Fprintf(b, `<text class="label small" x="%.1f" y="%g" text-anchor="middle">%s</text>`, x+w/2, top+plotH+16, esc(truncate(label, 10)))
			}
		}
		b.WriteString(`</svg>`)
	}, caption)
}

// yAxis draws the base line and three grid lines with their values.
func yAxis(b *strings.Builder, left, top, plotH, max float64) {
	fmt.Fprintf(b, `<line class="axis" x1="%g" y1="%g" x2="%g" y2="%g"/>`, left, top+plotH, chartWidth, top+plotH)
	if max <= 0 {
		return
	}
	for _, f := range []float64{0.5, 1} {
		y := top + plotH - f*plotH
		fmt.Fprintf(b, `<line class="grid" x1="%g" y1="%.1f" x2="%g" y2="%.1f"/>`, left, y, chartWidth, y)
		fmt.Fprintf(b, `<text class="label small" x="%g" y="%.1f" text-anchor="end">%s</text>`, left-6, y+4, esc(formatNumber(roundTick(max*f))))
	}
}

// roundTick rounds a grid value to two significant digits.
func roundTick(v float64) float64 {
	if v < 10 {
		return float64(int(v*10+0.5)) / 10
	}
	p := 1.0
	for v/p >= 100 {
		p *= 10
	}
	return float64(int(v/p+0.5)) * p
}
