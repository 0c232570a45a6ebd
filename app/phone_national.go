package app

import (
	"context"
	"regexp"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// A contact's search text holds each number's national digits ("010…"
// in Korea; phoneDigits), found by parsing its E.164 form again. Parsing
// is most of the cost of reading a number, and an import had just parsed
// it to find that E.164 form; so while a row is checked, readPhone keeps
// the national digits of the numbers it reads, and the row's search text
// takes them from there (phoneDigitsKnown).

// nationalForms are the national digits of the numbers read for one
// record, by E.164 form.
type nationalForms struct {
	e164, digits []string
}

type nationalFormsKey struct{}

// withNationalForms has readPhone keep, in f, the national digits of
// every number read under the returned context.
func withNationalForms(ctx context.Context, f *nationalForms) context.Context {
	return context.WithValue(ctx, nationalFormsKey{}, f)
}

func (f *nationalForms) add(e164, digits string) {
	if _, ok := f.of(e164); !ok {
		f.e164, f.digits = append(f.e164, e164), append(f.digits, digits)
	}
}

// of is the national digits of the number with this E.164 form, when
// they were kept (a nil f keeps none).
func (f *nationalForms) of(e164 string) (string, bool) {
	if f == nil {
		return "", false
	}
	for i, e := range f.e164 {
		if e == e164 {
			return f.digits[i], true
		}
	}
	return "", false
}

// readPhone is NormalizePhone; when ctx carries nationalForms, it also
// keeps there the national digits phoneDigits would find for the number.
// Under withPhonesOnlyChecked it gives "" for a number with a digit 0-9.
func readPhone(ctx context.Context, raw, region string) string {
	if ctx.Value(phonesOnlyCheckedKey{}) != nil && strings.ContainsAny(raw, "0123456789") {
		return ""
	}
	n := parsePhone(raw, region)
	if n == nil {
		return ""
	}
	e164 := phonenumbers.Format(n, phonenumbers.E164)
	if f, ok := ctx.Value(nationalFormsKey{}).(*nationalForms); ok {
		if digits, ok := nationalDigits(n); ok {
			f.add(e164, digits)
		}
	}
	return e164
}

type phonesOnlyCheckedKey struct{}

// withPhonesOnlyChecked is for a pass that only checks contacts and
// drops them (an import's first pass): validateContact takes a number
// with a digit 0-9 whether or not it has an E.164 form (one it cannot
// read is kept as typed), so under the returned context readPhone does
// not parse such a number, most of the cost of checking a row. A number
// without one (full-width digits) is parsed: whether it reads decides if
// it is taken.
func withPhonesOnlyChecked(ctx context.Context) context.Context {
	return context.WithValue(ctx, phonesOnlyCheckedKey{}, true)
}

// nationalDigits are the digits of n's national form as phoneDigits
// finds them: it parses the E.164 form with no region, which gives the
// same country code and national number, and then strips a national
// prefix the number still begins with (a prefix typed twice, "+49 0 030
// …"). ok is false when the number begins with what could be one: then
// only parsing again tells.
func nationalDigits(n *phonenumbers.PhoneNumber) (string, bool) {
	prefixes := nationalPrefixes()
	if prefixes == nil {
		return "", false
	}
	nsn := phonenumbers.GetNationalSignificantNumber(n)
	if prefix := prefixes[n.GetCountryCode()]; prefix != nil && prefix.MatchString(nsn) {
		return "", false
	}
	// The E.164 form keeps no extension, raw input or carrier code.
	bare := &phonenumbers.PhoneNumber{CountryCode: n.CountryCode, NationalNumber: n.NationalNumber,
		ItalianLeadingZero: n.ItalianLeadingZero, NumberOfLeadingZeros: n.NumberOfLeadingZeros}
	return digitsOf(phonenumbers.Format(bare, phonenumbers.NATIONAL)), true
}

// nationalPrefixes are, by country code, the national prefixes that
// parsing a number of that code strips (the metadata of the code's main
// region, as the parser takes it), anchored at the start; nil when the
// metadata cannot be read (then phoneDigits parses every number).
var nationalPrefixes = sync.OnceValue(func() map[int32]*regexp.Regexp {
	all, err := phonenumbers.MetadataCollection()
	if err != nil {
		return nil
	}
	out := map[int32]*regexp.Regexp{}
	for _, md := range all.GetMetadata() {
		cc := md.GetCountryCode()
		if md.GetId() != phonenumbers.GetRegionCodeForCountryCode(int(cc)) || md.GetNationalPrefixForParsing() == "" {
			continue
		}
		out[cc] = regexp.MustCompile("^(?:" + md.GetNationalPrefixForParsing() + ")")
	}
	return out
})
