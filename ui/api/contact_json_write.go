package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"rolo/app"
	"rolo/ui/request"
)

// Contacts are the API's hottest answer: a page is fifty of them, and
// encoding/json's reflection over ContactJSON cost about a tenth of a
// list request's CPU (issue 18). appendJSON writes the same bytes by
// hand; TestContactJSONWritesAsEncodingJSON keeps the two equal. Custom
// values, a small map of mixed types, still go through encoding/json.

// jsonAppender is an answer that writes its own JSON.
type jsonAppender interface {
	appendJSON(b []byte) ([]byte, error)
}

// encode answers with v as request.Encode does, writing it by hand when
// it can (the same bytes: encoding/json's Encoder ends with a newline).
func encode[T any](w http.ResponseWriter, status int, v T) {
	if a, ok := any(v).(jsonAppender); ok {
		buf := jsonBuffers.Get().(*[]byte)
		defer putJSONBuffer(buf)
		b, err := a.appendJSON((*buf)[:0])
		*buf = b
		if err == nil {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.WriteHeader(status)
			_, _ = w.Write(append(b, '\n'))
			return
		}
	}
	request.Encode(w, status, v)
}

// jsonBuffers keeps answers' buffers between requests, as encoding/json
// keeps its own: a page of contacts is some 40 KB, grown again each time
// without them.
var jsonBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

func putJSONBuffer(b *[]byte) {
	if cap(*b) <= 1<<20 { // an export-sized answer is let go
		jsonBuffers.Put(b)
	}
}

// appendJSON writes the page when its records are contacts; others say
// errNoAppender, and are encoded by encoding/json.
func (p PageJSON[T]) appendJSON(b []byte) ([]byte, error) {
	contacts, ok := any(p.Data).([]ContactJSON)
	if !ok {
		return b, errNoAppender
	}
	b = append(b, `{"data":[`...)
	var err error
	for i, c := range contacts {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = c.appendJSON(b); err != nil {
			return b, err
		}
	}
	b = append(b, `],"next_cursor":`...)
	b = appendNullable(b, p.NextCursor)
	b = append(b, `,"total":`...)
	b = strconv.AppendInt(b, int64(p.Total), 10)
	return append(b, '}'), nil
}

type noAppender struct{}

func (noAppender) Error() string { return "no JSON appender for this type" }

var errNoAppender error = noAppender{}

// appendJSON writes c with the members and order of its json tags.
func (c ContactJSON) appendJSON(b []byte) ([]byte, error) {
	b = appendMember(b, `{"id":`, c.ID)
	b = appendMember(b, `,"first_name":`, c.FirstName)
	b = appendMember(b, `,"last_name":`, c.LastName)
	b = appendMember(b, `,"display_name":`, c.DisplayName)
	b = appendLabeled(append(b, `,"emails":`...), c.Emails)
	b = append(b, `,"phones":`...)
	b = appendArray(b, c.Phones, func(b []byte, p PhoneJSON) []byte {
		b = appendMember(b, `{"label":`, p.Label)
		b = appendMember(b, `,"value":`, p.Value)
		return append(appendMember(b, `,"e164":`, p.E164), '}')
	})
	b = appendMember(b, `,"title":`, c.Title)
	b = appendNullable(append(b, `,"company_id":`...), c.CompanyID)
	a := c.Address
	b = appendMember(b, `,"address":{"street":`, a.Street)
	b = appendMember(b, `,"city":`, a.City)
	b = appendMember(b, `,"region":`, a.Region)
	b = appendMember(b, `,"postal_code":`, a.PostalCode)
	b = appendMember(b, `,"country":`, a.Country)
	b = appendMember(b, `},"birthday":`, c.Birthday)
	b = appendMember(b, `,"website":`, c.Website)
	b = appendLabeled(append(b, `,"social":`...), c.Social)
	b = appendMember(b, `,"lead_source":`, c.LeadSource)
	b = appendMember(b, `,"lifecycle_status":`, c.LifecycleStatus)
	b = appendNullable(append(b, `,"owner_id":`...), c.OwnerID)
	b = append(b, `,"tags":`...)
	b = appendArray(b, c.Tags, appendJSONString)
	b = appendMember(b, `,"notes":`, c.Notes)
	b = append(b, `,"custom_fields":`...)
	b, err := appendCustomFields(b, c.CustomFields)
	if err != nil {
		return b, err
	}
	b = append(b, `,"version":`...)
	b = strconv.AppendInt(b, int64(c.Version), 10)
	if b, err = appendTime(append(b, `,"created_at":`...), c.CreatedAt); err != nil {
		return b, err
	}
	if b, err = appendTime(append(b, `,"updated_at":`...), c.UpdatedAt); err != nil {
		return b, err
	}
	return append(b, '}'), nil
}

// appendTime writes t as time.Time's MarshalJSON does.
func appendTime(b []byte, t time.Time) ([]byte, error) {
	if y := t.Year(); y < 0 || y > 9999 {
		text, err := json.Marshal(t) // its error names the problem
		return append(b, text...), err
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), nil
}

func appendMember(b []byte, name, value string) []byte {
	return appendJSONString(append(b, name...), value)
}

func appendNullable(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendJSONString(b, *s)
}

func appendLabeled(b []byte, items []app.Labeled) []byte {
	return appendArray(b, items, func(b []byte, l app.Labeled) []byte {
		return append(appendMember(appendMember(b, `{"label":`, l.Label), `,"value":`, l.Value), '}')
	})
}

// appendArray writes items as a JSON array; nil as null, as encoding/json.
func appendArray[T any](b []byte, items []T, item func([]byte, T) []byte) []byte {
	if items == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, v := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = item(b, v)
	}
	return append(b, ']')
}

// appendJSONString is encoding/json's string encoding with HTML escaping,
// the Encoder's default: <, > and & as \u003c…, U+2028 and U+2029
// escaped, invalid UTF-8 as U+FFFD.
// plainJSONByte marks the ASCII bytes encoding/json writes as they are
// (one look-up per byte instead of six comparisons: a page of contacts
// writes some 40 KB of strings).
var plainJSONByte = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if plainJSONByte[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
