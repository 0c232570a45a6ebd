package web

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/matryer/is"
)

// wellFormed parses the chart's markup as XML, so a stray character or an
// unescaped label would fail.
func wellFormed(t *testing.T, html string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(html))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well formed: %v\n%s", err, html)
		}
	}
}

func TestCharts(t *testing.T) {
	t.Parallel()
	hostile := `<script>alert("x")</script>&`
	c := chart{ID: "c1", Title: "Deals by stage", Desc: "Open deals per stage", Axis: "Stage",
		Labels: []string{"Demo", hostile},
		Series: []chartSeries{{Name: "Deals", Values: []float64{10, 3}}, {Name: "Won", Values: []float64{2, 1250}, Texts: []string{"", "$1,250.00"}}}}
	kinds := map[string]string{
		"bars":    string(barChart(c, "Data", false)),
		"stacked": string(barChart(c, "Data", true)),
		"columns": string(columnChart(c, "Data")),
		"lines":   string(lineChart(chart{ID: c.ID, Title: c.Title, Desc: c.Desc, Axis: c.Axis, Labels: c.Labels, Series: c.Series, HasTarget: true, Target: 20, TargetName: "Target"}, "Data")),
		"funnel":  string(funnelChart(chart{ID: "c1", Title: c.Title, Desc: c.Desc, Axis: "Deals"}, []funnelStep{{Label: "Demo", Value: 10, Text: "10", Note: "30 %"}, {Label: hostile, Value: 3, Text: "3"}}, "Data")),
	}
	for kind, html := range kinds {
		t.Run(kind, func(t *testing.T) {
			is := is.New(t)
			wellFormed(t, html)
			is.True(strings.Contains(html, `role="img"`))                                  // announced as an image
			is.True(strings.Contains(html, `<title id="c1-title">Deals by stage</title>`)) // with its title
			is.True(strings.Contains(html, `<desc id="c1-desc">Open deals per stage</desc>`))
			is.True(strings.Contains(html, `aria-labelledby="c1-title c1-desc"`))
			is.True(!strings.Contains(html, "<script>"))                        // hostile labels never run
			is.True(strings.Contains(html, "&lt;script&gt;alert(&#34;x&#34;)")) // but show as text
			is.True(!strings.Contains(html, "style="))                          // colours by class: CSP forbids inline styles
			is.True(strings.Contains(html, `<th scope="row">Demo</th>`))        // the data table fallback
			is.True(strings.Contains(html, ">10<"))                             // values written out
			is.True(strings.Contains(html, `class="s0`))                        // a themed colour class
		})
	}
	is := is.New(t)
	is.True(strings.Contains(kinds["bars"], "$1,250.00"))         // a value as the locale shows it
	is.True(strings.Contains(kinds["lines"], `class="target"`))   // the goal's line
	is.True(strings.Contains(kinds["funnel"], ">30 %<"))          // the conversion beside the step
	is.True(strings.Contains(kinds["stacked"], ">12<"))           // a stacked row's total (10 + 2)
	is.True(strings.Contains(kinds["bars"], `y="14">Won</text>`)) // the legend names the series
	short := string(lineChart(chart{ID: "g", Title: "Goal", Axis: "Week", Labels: []string{"W1", "W2", "W3"},
		Series: []chartSeries{{Name: "Done", Values: []float64{1, 2}}}, HasTarget: true, Target: 5, TargetName: "Target"}, "Data"))
	wellFormed(t, short)
	is.True(strings.Contains(short, `<th scope="row">W3</th><td class="num" data-label="Done">—</td>`)) // the future has no value yet
	fiveCurrencies := "CN¥191,329.00 · €211,144.00 · ¥380,608,000 · ₩96,365,000 · $769,766.00"
	wide := chart{ID: "w", Title: "Forecast", Axis: "Month", Labels: []string{"No date"},
		Series: []chartSeries{{Name: "Value", Values: []float64{100}, Texts: []string{fiveCurrencies}}}}
	room := valueRoom(wide, layouts[0])
	is.True(room > valueMargin) // a long total gets its room
	html := string(barChart(wide, "Data", false))
	is.True(strings.Contains(html, fmt.Sprintf(`width="%.1f"`, chartWidth-labelWidth-room))) // the bar makes way
	shown := html[strings.Index(html, `</title>`+"CN¥")+len(`</title>`):]
	shown = shown[:strings.Index(shown, "</text>")]
	is.True(strings.HasSuffix(shown, "…"))                                         // too long for the rest: cut short
	is.True(chartWidth-room+6+float64(len([]rune(shown)))*charWidth <= chartWidth) // ending inside the chart
	is.True(strings.Contains(html, `data-label="Value">`+fiveCurrencies))          // the table has it whole
	empty := string(barChart(chart{ID: "e", Title: "Empty", Axis: "Stage"}, "Data", false))
	wellFormed(t, empty)
	is.True(strings.Contains(empty, "—")) // an empty chart says so
	is.Equal(groupDigits("1234567.5"), "1,234,567.5")
	is.Equal(formatNumber(30), "30")
	is.Equal(formatNumber(33.333), "33.3")
}
