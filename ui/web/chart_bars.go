package web

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// labelAbove is the room a label takes above its bar in the narrow
// drawing.
const labelAbove = 18.0

// barChart draws one horizontal bar per label (stages, owners, sources),
// stacked when there are several series; the value is written after it.
// Wide, the labels stand in a column on the left; narrow, each label
// stands above its bar, so the bars keep the whole width.
func barChart(c chart, caption string, stacked bool) template.HTML {
	return c.figure(func(b *strings.Builder, l layout) {
		rows := len(c.Labels)
		perRow := 1
		if !stacked && len(c.Series) > 1 {
			perRow = len(c.Series)
		}
		rowH := rowHeight + float64(perRow-1)*(barHeight+2)
		if l.narrow {
			rowH += labelAbove
		}
		var legend strings.Builder
		top := c.legend(&legend, l)
		height := top + float64(rows)*rowH + 8
		if rows == 0 {
			height = top + rowHeight
		}
		c.open(b, l, height)
		b.WriteString(legend.String())
		span := l.W - l.Label - valueRoom(c, l)
		max := maxOf(c.Series, stacked)
		scale := 0.0
		if max > 0 {
			scale = span / max
		}
		for i, label := range c.Labels {
			y := top + float64(i)*rowH
			if l.narrow {
				fmt.Fprintf(b, `<text class="label" x="0" y="%g">%s</text>`, y+13, esc(fitWidth(label, l.W)))
				y += labelAbove
			} else {
				fmt.Fprintf(b, `<text class="label" x="%g" y="%g" text-anchor="end">%s</text>`, l.Label-8, y+barHeight-4, esc(fitWidth(label, l.Label-12)))
			}
			x := l.Label
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
					x = l.Label
				}
				if w > 0 {
					fmt.Fprintf(b, `<rect class="s%d" x="%.1f" y="%.1f" width="%.1f" height="%g" rx="2"><title>%s: %s</title></rect>`,
						k%8, x, by, w, barHeight, esc(label+" · "+s.Name), esc(s.text(i)))
				}
				if stacked {
					x += w
					total += s.Values[i]
				} else {
					writeValue(b, l, x+w+6, by+barHeight-4, s.text(i))
				}
				texts = append(texts, s.text(i))
			}
			if stacked {
				text := formatNumber(total)
				if len(c.Series) == 1 && len(texts) == 1 {
					text = texts[0]
				}
				writeValue(b, l, x+6, y+barHeight-4, text)
			}
		}
		if rows == 0 {
			fmt.Fprintf(b, `<text class="label muted" x="%g" y="%g" text-anchor="middle">—</text>`, l.W/2, top+rowHeight/2)
		}
		b.WriteString(`</svg>`)
	}, caption)
}

// charWidth is a Latin character's width, about, at the charts' 12px.
const charWidth = 6.6

// valueRoom is the width the values written after the bars need: one
// amount fits the usual margin, a long one needs more, and the bars then
// get shorter instead of the text running out of the card. The bars keep
// at least a fifth of the chart.
func valueRoom(c chart, l layout) float64 {
	widest := 0.0
	for _, s := range c.Series {
		for i := range s.Values {
			widest = math.Max(widest, textWidth(s.text(i)))
		}
	}
	least := valueMargin
	if l.narrow {
		least = 80
	}
	return min(max(least, widest+12), l.W-l.Label-l.W/5)
}

// writeValue writes a bar's value after it, cut short with "…" where it
// would run past the chart; the whole text is in its tooltip and in the
// table under the chart.
func writeValue(b *strings.Builder, l layout, x, y float64, text string) {
	fmt.Fprintf(b, `<text class="value" x="%.1f" y="%.1f"><title>%s</title>%s</text>`, x, y, esc(text), esc(fitWidth(text, l.W-x)))
}

// axisLabels tells which of n labels along a time axis plotW wide are
// written: every one when they fit side by side, else every k-th, so that
// they never run into each other; and how wide each may be.
func axisLabels(labels []string, plotW float64) (every int, room float64) {
	n := len(labels)
	if n == 0 {
		return 1, plotW
	}
	widest := 0.0
	for _, s := range labels {
		widest = math.Max(widest, textWidth(s))
	}
	slot := plotW / float64(n)
	every = max(1, int(math.Ceil((widest+8)/slot)))
	return every, slot*float64(every) - 8
}

// columnChart draws one column per label along a time axis (weeks,
// months), stacked when there are several series.
func columnChart(c chart, caption string) template.HTML {
	return c.figure(func(b *strings.Builder, l layout) {
		var legend strings.Builder
		top := c.legend(&legend, l)
		const plotH, axisH, left = 180.0, 34.0, 48.0
		c.open(b, l, top+plotH+axisH)
		b.WriteString(legend.String())
		max := maxOf(c.Series, true)
		yAxis(b, l, left, top, plotH, max)
		n := len(c.Labels)
		if n == 0 {
			b.WriteString(`</svg>`)
			return
		}
		slot := (l.W - left) / float64(n)
		w := slot * 0.7
		every, room := axisLabels(c.Labels, l.W-left)
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
			if i%every == 0 {
				fmt.Fprintf(b, `<text class="label small" x="%.1f" y="%g" text-anchor="middle">%s</text>`, x+w/2, top+plotH+16, esc(fitWidth(label, room)))
			}
		}
		b.WriteString(`</svg>`)
	}, caption)
}

// yAxis draws the base line and three grid lines with their values.
func yAxis(b *strings.Builder, l layout, left, top, plotH, max float64) {
	fmt.Fprintf(b, `<line class="axis" x1="%g" y1="%g" x2="%g" y2="%g"/>`, left, top+plotH, l.W, top+plotH)
	if max <= 0 {
		return
	}
	for _, f := range []float64{0.5, 1} {
		y := top + plotH - f*plotH
		fmt.Fprintf(b, `<line class="grid" x1="%g" y1="%.1f" x2="%g" y2="%.1f"/>`, left, y, l.W, y)
		fmt.Fprintf(b, `<text class="label small" x="%g" y="%.1f" text-anchor="end">%s</text>`, left-6, y+4, esc(compactNumber(roundTick(max*f))))
	}
}

// compactNumber writes an axis value short enough for the axis's 42
// units (1.2M, 350K), as the exact numbers are in the table.
func compactNumber(v float64) string {
	switch {
	case v >= 1e9:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", v/1e9), ".0") + "B"
	case v >= 1e6:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", v/1e6), ".0") + "M"
	case v >= 1e4:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", v/1e3), ".0") + "K"
	}
	return formatNumber(v)
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
