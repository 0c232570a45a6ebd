package store

// Cursors the way list pages make them, for tests: each carries the mark
// of the order it pages.

func ContactCursor(q ListQuery, values []string) string {
	spec, _ := contactSort(q)
	return spec.cursor(values)
}

func CompanyCursor(q ListQuery, values []string) string {
	spec, _ := companySort(q)
	return spec.cursor(values)
}

func DealCursor(q DealQuery, values []string) string {
	spec, _ := dealListSort(q)
	return spec.cursor(values)
}

func ActivityCursor(values []string) string { return encodeCursor(timeMark, values) }

func TaskCursor(values []string) string { return encodeCursor(dueMark, values) }

// RawCursor is a cursor of any mark, for the fuzz seeds.
func RawCursor(mark string, values []string) string { return encodeCursor(mark, values) }

// The contact card's statements, for their plan tests.
var (
	ContactCardReadSQL = `SELECT ` + contactCardColumn + ` FROM contacts c WHERE c.id = ?`
	FillCardsSQL       = fillCardsSQL
)

var BroadIrrelevant = broadIrrelevant
