package web

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/matryer/is"
)

// TestChartsFitPhonesAndCJK: every chart carries a narrow drawing for
// phones; axis labels never run into each other (a year of Korean month
// names on a phone), CJK legend names get their double width, and long
// axis values are written short instead of running off the left edge.
func TestChartsFitPhonesAndCJK(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	var months []string
	var values []float64
	for m := 1; m <= 12; m++ {
		months = append(months, "2026년 "+strconv.Itoa(m)+"월")
		values = append(values, float64(m)*1_250_000)
	}
	c := chart{ID: "f", Title: "예측", Axis: "월", Labels: months,
		Series: []chartSeries{{Name: "금액", Values: values}, {Name: "가중 금액", Values: values}}}
	for name, html := range map[string]string{"columns": string(columnChart(c, "표")), "lines": string(lineChart(c, "표"))} {
		t.Run(name, func(t *testing.T) {
			is := is.New(t)
			wellFormed(t, html)
			is.True(strings.Contains(html, `class="chart-svg chart-wide" viewBox="0 0 640 `))
			is.True(strings.Contains(html, `class="chart-svg chart-narrow" viewBox="0 0 320 `))
			is.True(strings.Contains(html, `<title id="f-narrow-title">예측</title>`)) // ids stay unique
			narrow := html[strings.Index(html, "chart-narrow"):]
			narrow = narrow[:strings.Index(narrow, "</svg>")]
			// The month labels written on the narrow axis, left to right.
			re := regexp.MustCompile(`<text class="label small" x="([0-9.]+)" y="[0-9.]+" text-anchor="middle">([^<]+)</text>`)
			found := re.FindAllStringSubmatch(narrow, -1)
			is.True(len(found) >= 3 && len(found) < 12) // some, not all twelve
			for i := 1; i < len(found); i++ {
				prev, _ := strconv.ParseFloat(found[i-1][1], 64)
				x, _ := strconv.ParseFloat(found[i][1], 64)
				half := (textWidth(found[i-1][2]) + textWidth(found[i][2])) / 2
				is.True(x-prev >= half) // no two labels overlap
			}
			is.True(!strings.Contains(narrow, ",000,000</text>"))                              // axis values written short…
			is.True(regexp.MustCompile(`text-anchor="end">1[56]M</text>`).MatchString(narrow)) // …so they fit left of the axis
		})
	}
	// The legend's second name starts after the first one's CJK width.
	legend := string(barChart(c, "표", false))
	is.True(strings.Contains(legend, `x="16" y="14">금액</text>`))
	is.True(strings.Contains(legend, `<rect class="s1" x="58" `)) // 16 + 2×12 + 18
	is.Equal(fitWidth("서울 지사 라이선스 갱신", 62), "서울 지사…")
	is.Equal(compactNumber(1_200_000), "1.2M")
	is.Equal(compactNumber(9_500), "9,500")
}
