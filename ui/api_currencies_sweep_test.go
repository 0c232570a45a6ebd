package ui_test

// The currency operations in TestOpenAPISweep: a rate to read, change and
// delete, and a body the document describes for each write.
func init() {
	for key, body := range map[string]string{
		"PATCH /currencies":            `{"home_currency":"USD"}`,
		"POST /currencies/rates":       `{"currency":"GBP","effective_on":"2026-01-01","rate":"1.27"}`,
		"PATCH /currencies/rates/{id}": `{"rate":"1.085","effective_on":"2026-02-01"}`,
	} {
		sweepBodies[key] = body
	}
	sweepSetUps = append(sweepSetUps, func(s *sweep) {
		s.admin.json("PATCH", "/api/v1/currencies", `{"home_currency":"USD"}`)
		s.create("currencies/rates", "/api/v1/currencies/rates", `{"currency":"EUR","effective_on":"2026-01-01","rate":"1.08"}`)
	})
}
