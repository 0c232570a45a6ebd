package app

import (
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"encoding/csv"
	"io"
	"slices"
	"strings"
)

// maxVCardBytes bounds a .vcf file: cards are read into memory (as a CSV
// in Rolo's layout) before the import runs.
const maxVCardBytes = 64 << 20

// ImportVCard reads vCard 2.1, 3.0 or 4.0 cards as real address books
// write them (see vcard_read.go) and imports them like a CSV in Rolo's
// layout, with the same matching, tag, batch and undo. Problems name the
// line of the .vcf file where the card begins (a line that could not be
// read, its own line).
func (a *App) ImportVCard(ctx context.Context, actor Actor, r io.Reader, opt ImportOptions) (ImportReport, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxVCardBytes+1))
	if err != nil {
		return ImportReport{}, err
	}
	if len(data) > maxVCardBytes {
		return ImportReport{}, errorf(EInvalid, "error.import_too_large")
	}
	t, err := readVCardTable(data)
	if err != nil {
		return ImportReport{}, err
	}
	warnings := t.warnings
	opt.Entity, opt.Preset, opt.Encoding, opt.Delimiter, opt.lines, opt.photos = "contact", "rolo", "utf-8", ',', t.lines, t.photos
	rep, err := a.Import(ctx, actor, bytes.NewReader(t.table), opt)
	if len(warnings) > 0 {
		cards := map[int]bool{}
		for _, w := range warnings {
			cards[w.Line] = true
		}
		rep.Warned += len(cards)
		rep.Warnings = append(warnings[:min(len(warnings), maxProblems)], rep.Warnings...)
		sortProblemsByLine(rep.Warnings)
	}
	return rep, err
}

func sortProblemsByLine(ps []ImportProblem) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Line < ps[j-1].Line; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// vcardColumns are the table's columns; custom fields (X-ROLO-FIELD)
// follow as cf.KEY.
var vcardColumns = []string{"id", "first_name", "last_name", "display_name", "email", "email_label", "phone", "phone_label",
	"company", "title", "birthday", "website", "social", "social_label", "notes", "tags", "lead_source", "lifecycle_status", "owner",
	"address.street", "address.city", "address.region", "address.postal_code", "address.country"}

// vcardTableData is a file of cards made into a CSV in Rolo's layout.
type vcardTableData struct {
	table    []byte
	lines    map[int]int // line of the table → line of the file its card begins on
	warnings []ImportProblem
	photos   map[int][]byte // by the line of the file the card begins on, re-encoded
}

// vcardTable turns cards into a CSV in Rolo's layout; lines maps each
// line of the table to the line of the file its card begins on; warnings
// are what the reader had to leave out (lines it could not read, photos
// it could not take).
func vcardTable(data []byte) (table []byte, lines map[int]int, warnings []ImportProblem, err error) {
	t, err := readVCardTable(data)
	return t.table, t.lines, t.warnings, err
}

func readVCardTable(data []byte) (vcardTableData, error) {
	t := vcardTableData{lines: map[int]int{}, photos: map[int][]byte{}}
	cards := readVCards(data)
	if len(cards) == 0 {
		return vcardTableData{}, errorf(EInvalid, "error.import_empty")
	}
	rows := make([]map[string]string, len(cards))
	columns := slices.Clone(vcardColumns)
	seen := map[string]bool{}
	for i, card := range cards {
		rows[i] = vcardRow(card)
		for col := range rows[i] {
			if strings.HasPrefix(col, "cf.") && !seen[col] {
				seen[col] = true
				columns = append(columns, col)
			}
		}
		for _, p := range card.problems {
			p.Line = card.line
			t.warnings = append(t.warnings, p)
		}
		photo, problems := vcardPhoto(card)
		if photo != nil {
			t.photos[card.line] = photo
		}
		t.warnings = append(t.warnings, problems...)
	}
	slices.Sort(columns[len(vcardColumns):])
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	_ = w.Write(columns)
	w.Flush()
	tableLine := 2
	cells := make([]string, len(columns))
	for i, card := range cards {
		for j, c := range columns {
			cells[j] = rows[i][c]
		}
		t.lines[tableLine] = card.line
		written := out.Len()
		_ = w.Write(cells)
		w.Flush()
		tableLine += bytes.Count(out.Bytes()[written:], []byte{'\n'}) // a cell may hold line breaks
	}
	t.table = out.Bytes()
	return t, w.Error()
}

// vcardRow reads one card's fields in Rolo's layout.
func vcardRow(card vcardCard) map[string]string {
	row := map[string]string{}
	labels := map[string]string{} // item group → X-ABLabel
	for _, p := range card.props {
		if p.name == "X-ABLABEL" && p.group != "" {
			labels[p.group] = vcardText(p.value)
		}
	}
	type channel struct{ value, label string }
	var emails, phones []channel
	add := func(list *[]channel, p vcardProp, v string) {
		if v = strings.TrimSpace(v); v == "" {
			return
		}
		c := channel{v, vcardLabel(p, labels[p.group])}
		if c.label == "" {
			c.label = "-"
		}
		if p.preferred() { // PREF=1, TYPE=pref: Rolo's first is the primary
			*list = append([]channel{c}, *list...)
			return
		}
		*list = append(*list, c)
	}
	set := func(col, v string) { // the first value wins, or a preferred one
		if row[col] == "" {
			row[col] = strings.TrimSpace(v)
		}
	}
	var nickname string
	var tags []string
	adrPreferred := false
	for _, p := range card.props {
		switch p.name {
		case "FN":
			set("display_name", vcardText(p.value))
		case "N":
			n := vcardSplit(p.value, ';')
			for len(n) < 3 {
				n = append(n, "")
			}
			set("last_name", n[0])
			set("first_name", strings.TrimSpace(strings.TrimSpace(n[1])+" "+strings.TrimSpace(n[2])))
		case "NICKNAME":
			nickname = vcardText(p.value)
		case "EMAIL":
			add(&emails, p, strings.TrimPrefix(vcardText(p.value), "mailto:"))
		case "TEL":
			add(&phones, p, strings.TrimPrefix(vcardText(p.value), "tel:"))
		case "ORG":
			set("company", vcardSplit(p.value, ';')[0]) // ORG:Company;Department
		case "TITLE":
			set("title", vcardText(p.value))
		case "BDAY":
			set("birthday", vcardDate(vcardText(p.value)))
		case "URL", "X-SOCIALPROFILE":
			vcardURL(row, p, labels[p.group])
		case "UID":
			set("id", vcardUID(vcardText(p.value)))
		case "X-ROLO-LIFECYCLE-STATUS":
			set("lifecycle_status", vcardText(p.value))
		case "X-ROLO-LEAD-SOURCE":
			set("lead_source", vcardText(p.value))
		case "X-ROLO-OWNER":
			set("owner", vcardText(p.value))
		case "X-ROLO-FIELD":
			key := strings.TrimSpace(cmp.Or(p.param("X-KEY"), p.param("KEY")))
			switch {
			case key == "":
			case p.param("X-LIST") != "": // a multi-select's options, like CATEGORIES
				var options []string
				for _, o := range vcardSplit(p.value, ',') {
					if o = strings.TrimSpace(o); o != "" {
						options = append(options, o)
					}
				}
				set("cf."+key, joinTagList(options))
			default:
				set("cf."+key, vcardText(p.value))
			}
		case "NOTE":
			if v := vcardText(p.value); v != "" {
				row["notes"] = strings.TrimPrefix(row["notes"]+"\n\n"+v, "\n\n")
			}
		case "CATEGORIES": // tags between unescaped commas; "\," is a comma inside one
			for _, t := range vcardSplit(p.value, ',') {
				if t = strings.TrimSpace(t); t != "" && !slices.Contains(tags, t) {
					tags = append(tags, t)
				}
			}
		case "ADR":
			if row["address.street"]+row["address.city"]+row["address.region"]+row["address.postal_code"]+row["address.country"] != "" && (adrPreferred || !p.preferred()) {
				continue // the first address, or the preferred one
			}
			adrPreferred = p.preferred()
			a := vcardSplit(p.value, ';')
			for len(a) < 7 {
				a = append(a, "")
			}
			var street []string
			for _, s := range []string{a[2], a[1], a[0]} { // street, extended, post office box
				if s = strings.TrimSpace(s); s != "" {
					street = append(street, s)
				}
			}
			row["address.street"] = strings.Join(street, "\n")
			row["address.city"], row["address.region"] = strings.TrimSpace(a[3]), strings.TrimSpace(a[4])
			row["address.postal_code"], row["address.country"] = strings.TrimSpace(a[5]), strings.TrimSpace(a[6])
		}
	}
	if row["display_name"]+row["first_name"]+row["last_name"] == "" {
		row["display_name"] = nickname
	}
	for col, list := range map[string][]channel{"email": emails, "phone": phones} {
		var values, labels []string
		for _, c := range list {
			values, labels = append(values, c.value), append(labels, c.label)
		}
		row[col], row[col+"_label"] = strings.Join(values, " ::: "), strings.Join(labels, " ::: ")
	}
	row["tags"] = joinTagList(tags) // as Rolo's CSV writes them: a comma inside a tag escaped
	return row
}

// vcardDate reads 19850412, 1985-04-12, --0412 (no year) and Apple's
// 1604-04-12 (its "no year" marker).
func vcardDate(s string) string {
	s = strings.TrimSpace(s)
	if t, _, ok := strings.Cut(s, "T"); ok {
		s = t
	}
	switch {
	case strings.HasPrefix(s, "--") && len(s) == 7 && s[4] == '-': // --04-12
		return s
	case strings.HasPrefix(s, "--") && len(s) == 6:
		return "--" + s[2:4] + "-" + s[4:6]
	case len(s) == 8 && !strings.Contains(s, "-"):
		s = s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	if strings.HasPrefix(s, "1604-") {
		return "--" + s[5:]
	}
	return s
}

// vcardPhoto reads a card's first PHOTO: inline (ENCODING=b or BASE64 in
// 2.1 and 3.0, a data: URI in 4.0) it is decoded and re-encoded like an
// upload; a link is not fetched, and is reported. A LOGO is reported as
// not imported.
func vcardPhoto(card vcardCard) (photo []byte, problems []ImportProblem) {
	problem := func(field, key string, value string) {
		problems = append(problems, ImportProblem{Line: card.line, Field: field, Message: key, Value: clipVCard(value, 80)})
	}
	logo, seen := false, false
	for _, p := range card.props {
		switch {
		case p.name == "LOGO" && !logo:
			logo = true
			problem("logo", "error.vcard_photo_not_imported", "")
		case p.name == "PHOTO" && !seen:
			seen = true
			value := strings.TrimSpace(p.value)
			enc := strings.ToUpper(p.param("ENCODING"))
			var b64 string
			switch {
			case enc == "B" || enc == "BASE64":
				b64 = value
			case len(value) > 5 && strings.EqualFold(value[:5], "data:"):
				head, payload, ok := strings.Cut(strings.ReplaceAll(value, `\,`, ","), ",")
				if !ok || !strings.HasSuffix(strings.ToLower(head), ";base64") {
					problem("photo", "error.vcard_photo_not_imported", "")
					continue
				}
				b64 = payload
			case strings.Contains(value, "://") || strings.EqualFold(p.param("VALUE"), "uri") || strings.EqualFold(p.param("VALUE"), "url"):
				problem("photo", "error.vcard_photo_url", value)
				continue
			default:
				problem("photo", "error.vcard_photo_not_imported", "")
				continue
			}
			raw, err := decodeBase64Loose(b64)
			if err != nil {
				problem("photo", "error.photo_not_image", "")
				continue
			}
			data, err := vcardPhotoBytes(raw)
			if err != nil {
				key := "error.photo_not_image"
				if e := AsError(err); e.Fields["photo"] != "" {
					key = e.Fields["photo"]
				}
				problem("photo", key, "")
				continue
			}
			photo = data
		}
	}
	return photo, problems
}

// decodeBase64Loose reads base64 with or without padding, whatever
// spaces and line breaks folding left in it.
func decodeBase64Loose(s string) ([]byte, error) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, s)
	if b, err := base64.StdEncoding.DecodeString(s); err == nil {
		return b, nil
	}
	return base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
}
