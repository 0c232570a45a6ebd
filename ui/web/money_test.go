package web

import (
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

func TestFormatMoney(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	for _, c := range []struct {
		lang string
		m    app.Money
		want string
	}{
		{"en", app.Money{Value: 125050, Currency: "USD"}, "$1,250.50"},
		{"en", app.Money{Value: 5, Currency: "USD"}, "$0.05"},
		{"ko", app.Money{Value: 3000000, Currency: "KRW"}, "₩3,000,000"},
		{"ko", app.Money{Value: 99, Currency: "USD"}, "US$0.99"},
		{"ja", app.Money{Value: 1200, Currency: "JPY"}, "￥1,200"},
		{"zh-Hans", app.Money{Value: 123456789, Currency: "CNY"}, "￥1,234,567.89"},
		{"en", app.Money{Value: 1250, Currency: "BHD"}, "BHD\u00a01.250"},
		{"en", app.Money{Value: 999999999999999, Currency: "USD"}, "$9,999,999,999,999.99"},
	} {
		is.Equal(formatMoney(c.lang, c.m), c.want)
	}
}
