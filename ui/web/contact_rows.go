package web

import (
	"html/template"
	"strconv"
	"strings"
	"time"
)

// contactRows writes the rows of the contact list (pages/contacts.html)
// in Go rather than as a range in the template. Each {{.Field}} of a row
// costs html/template a few escaper calls through reflection; fifty rows
// of twenty cells were about 20,000 allocations and most of the page's
// CPU time under load (issue 18). The markup and the escaping are those
// the template wrote: text and attributes as htmlEscaper, URLs as its
// urlNormalizer and, in a query, its urlEscaper.
func (v *views) contactRows(lang string, loc *time.Location, p contactsPage) (template.HTML, error) {
	t := func(key string, args ...any) string { return v.catalog.T(lang, key, args...) }
	list, err := v.url("contacts")
	if err != nil {
		return "", err
	}
	show, err := v.url("contact.show", "id", "0")
	if err != nil {
		return "", err
	}
	show = strings.TrimSuffix(show, "0") // "/contacts/": the rows add their ids
	photo, err := v.url("contact.photo", "id", "0")
	if err != nil {
		return "", err
	}
	photo = strings.TrimPrefix(photo, show+"0") // "/photo", after the id
	company, err := v.url("company.show", "id", "0")
	if err != nil {
		return "", err
	}
	company = strings.TrimSuffix(company, "0")
	// Every label once per page, not per cell.
	cell := func(key string) string { return ` data-label="` + escapeHTML(t(key)) + `"` }
	name, companyLabel, email, phone := cell("field.name"), cell("record.field.company"), cell("field.email"), cell("record.field.phone")
	status, owner, tags, updated, score := cell("record.field.lifecycle_status"), cell("record.field.owner"), cell("record.field.tags"), cell("record.updated"), cell("scoring.score")
	statusNames := map[string]string{}
	dateFormat := t("format.datetime")
	columnLabels := make([]string, len(p.Columns.Chosen))
	for i, f := range p.Columns.Chosen {
		columnLabels[i] = ` data-label="` + escapeHTML(f.Label) + `" data-column="` + escapeHTML(f.Key) + `"`
	}

	var b strings.Builder
	b.Grow(len(p.List.Rows) * 1500)
	for _, r := range p.List.Rows {
		id := escapeHTML(r.ID)
		href := escapeHTML(normalizeURL(show + r.ID))
		write(&b, "\n    <tr id=\"contact-", id, "\">\n      ")
		if p.CanWrite {
			write(&b, `<td class="select"><input type="checkbox" name="ids" value="`, id, `" form="bulk" aria-label="`,
				escapeHTML(t("record.select_one", r.DisplayName)), `"></td>`)
		}
		write(&b, "\n      <td", name, ` class="record-name"><a href="`, href, `">`)
		if r.Photo != "" {
			write(&b, `<img class="contact-thumb" src="`, href, escapeHTML(normalizeURL(photo)), `?v=`, escapeHTML(escapeURL(r.Photo)),
				`" alt="" width="24" height="24" loading="lazy">`)
		}
		write(&b, escapeHTML(r.DisplayName), `</a>`)
		if r.Title != "" {
			write(&b, `<span class="muted record-title">`, escapeHTML(r.Title), `</span>`)
		}
		write(&b, "</td>\n      <td", companyLabel, ">")
		if r.CompanyID != "" {
			write(&b, `<a href="`, escapeHTML(normalizeURL(company+r.CompanyID)), `">`, escapeHTML(r.CompanyName), `</a>`)
		} else {
			b.WriteString(escapeHTML(r.CompanyName))
		}
		write(&b, "</td>\n      <td", email, ">")
		if r.Email != "" {
			e := escapeHTML(r.Email)
			write(&b, `<a href="mailto:`, escapeHTML(normalizeURL(r.Email)), `" class="truncate" title="`, e, `">`, e, `</a>`)
		}
		write(&b, "</td>\n      <td", phone, ` class="nowrap">`, escapeHTML(r.Phone), "</td>\n      <td", status, ">")
		label, ok := statusNames[r.LifecycleStatus]
		if !ok {
			label = escapeHTML(t("lifecycle." + r.LifecycleStatus))
			statusNames[r.LifecycleStatus] = label
		}
		write(&b, `<span class="status status-`, escapeHTML(r.LifecycleStatus), `">`, label, "</span></td>\n      <td", owner, ">",
			escapeHTML(r.OwnerName), "</td>\n      <td", tags, ">")
		if len(r.Tags) > 0 {
			b.WriteString(`<span class="tags">`)
			for _, tag := range r.Tags {
				write(&b, `<a class="tag" href="`, escapeHTML(normalizeURL(list)), `?tag=`, escapeHTML(escapeURL(tag.Name)),
					`"><svg class="tag-dot" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true" focusable="false"><circle cx="5" cy="5" r="5" fill="`,
					escapeHTML(tag.Color), `"/></svg>`, escapeHTML(tag.Name), `</a>`)
			}
			b.WriteString(`</span>`)
		}
		b.WriteString("</td>\n      ")
		if p.ShowScores {
			write(&b, "<td", score, ">", strconv.Itoa(p.Scores[r.ID]), "</td>")
		}
		b.WriteString("\n      ")
		cells := p.Columns.Cells[r.ID]
		for i, f := range p.Columns.Chosen {
			write(&b, "<td", columnLabels[i], ">", escapeHTML(cells[f.Key]), "</td>")
		}
		write(&b, "\n      <td", updated, ` class="record-updated">`, escapeHTML(formatTime(r.UpdatedAt, loc, dateFormat)), "</td>\n    </tr>")
	}
	return template.HTML(b.String()), nil
}

// formatTime is the catalog's FormatTimeIn with its format looked up once.
func formatTime(t time.Time, loc *time.Location, format string) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(loc).Format(format)
}

// escapeHTML escapes text and attribute values as html/template does
// (its htmlEscaper, '+' included), so a row reads the same either way.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "\x00\"&'+<>") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		switch r {
		case 0:
			b.WriteString("\uFFFD")
		case '"':
			b.WriteString("&#34;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '+':
			b.WriteString("&#43;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// normalizeURL is html/template's urlNormalizer, for a URL or the part of
// one before its query; escapeURL is its urlEscaper, for a query value.
func normalizeURL(s string) string { return processURL(s, true) }

func escapeURL(s string) string { return processURL(s, false) }

// processURL percent-encodes what is not unreserved (RFC 3986 §2.3), and
// with norm leaves reserved characters and valid escapes as they are.
func processURL(s string, norm bool) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~", c) >= 0:
			continue
		case norm && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case norm && c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// write appends parts to b one after another: b.WriteString(x + y + z)
// would first allocate the joined string only to copy it, and a page
// writes thousands of such pieces.
func write(b *strings.Builder, parts ...string) {
	for _, p := range parts {
		b.WriteString(p)
	}
}
