package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"strings"

	"github.com/emersion/go-vcard"
)

// writeVCards writes contacts as vCard 4.0 cards.
func (a *App) writeVCards(ctx context.Context, ex *exporter, w io.Writer, ids []string) error {
	enc := vcard.NewEncoder(w)
	return ex.each(ctx, ids, func(row map[string]string, rec any) error {
		c := rec.(Contact)
		card := vcard.Card{}
		card.SetValue(vcard.FieldVersion, "4.0")
		card.SetValue(vcard.FieldUID, "urn:uuid:"+c.ID)
		card.SetValue(vcard.FieldFormattedName, c.DisplayName)
		card.SetName(&vcard.Name{FamilyName: c.LastName, GivenName: c.FirstName})
		for i, e := range c.Emails {
			f := &vcard.Field{Value: e.Value, Params: vcard.Params{}}
			if e.Label != "" {
				f.Params.Set(vcard.ParamType, e.Label)
			}
			if i == 0 {
				f.Params.Set(vcard.ParamPreferred, "1")
			}
			card.Add(vcard.FieldEmail, f)
		}
		for _, p := range c.Phones {
			f := &vcard.Field{Value: p.Value, Params: vcard.Params{}} // as typed: E.164 is only for matching
			if p.Label != "" {
				f.Params.Set(vcard.ParamType, map[string]string{"mobile": "cell"}[p.Label]+strings.TrimPrefix(p.Label, "mobile"))
			}
			card.Add(vcard.FieldTelephone, f)
		}
		if row["company"] != "" {
			card.SetValue(vcard.FieldOrganization, row["company"])
		}
		if c.Title != "" {
			card.SetValue(vcard.FieldTitle, c.Title)
		}
		if c.Birthday != "" {
			card.SetValue(vcard.FieldBirthday, strings.ReplaceAll(strings.TrimPrefix(c.Birthday, "--"), "-", ""))
			if strings.HasPrefix(c.Birthday, "--") {
				card.SetValue(vcard.FieldBirthday, "--"+strings.ReplaceAll(strings.TrimPrefix(c.Birthday, "--"), "-", ""))
			}
		}
		if c.Website != "" {
			card.SetValue(vcard.FieldURL, c.Website)
		}
		if c.Notes != "" {
			card.SetValue(vcard.FieldNote, c.Notes)
		}
		if c.Address != (Contact{}).Address {
			card.SetAddress(&vcard.Address{StreetAddress: c.Address.Street, Locality: c.Address.City, Region: c.Address.Region,
				PostalCode: c.Address.PostalCode, Country: c.Address.Country})
		}
		if len(c.Tags) > 0 {
			var names []string
			for _, t := range c.Tags {
				names = append(names, t.Name)
			}
			card.SetCategories(names)
		}
		return enc.Encode(card)
	})
}

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
	table, lines, warnings, err := vcardTable(data)
	if err != nil {
		return ImportReport{}, err
	}
	opt.Entity, opt.Preset, opt.Encoding, opt.Delimiter, opt.lines = "contact", "rolo", "utf-8", ',', lines
	rep, err := a.Import(ctx, actor, bytes.NewReader(table), opt)
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

var vcardColumns = []string{"first_name", "last_name", "display_name", "email", "phone", "mobile",
	"company", "title", "birthday", "website", "notes", "tags", "address.street", "address.city", "address.region", "address.postal_code", "address.country"}

// vcardTable turns cards into a CSV in Rolo's layout; lines maps each
// line of the table to the line of the file its card begins on; warnings
// are what the reader had to leave out (lines it could not read, photos).
func vcardTable(data []byte) (table []byte, lines map[int]int, warnings []ImportProblem, err error) {
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	_ = w.Write(vcardColumns)
	w.Flush()
	lines = map[int]int{}
	tableLine := 2
	cards := readVCards(data)
	for _, card := range cards {
		row := vcardRow(card)
		for _, p := range card.problems {
			p.Line = card.line
			warnings = append(warnings, p)
		}
		for _, p := range card.props {
			if p.name == "PHOTO" || p.name == "LOGO" {
				warnings = append(warnings, ImportProblem{Line: card.line, Field: strings.ToLower(p.name), Message: "error.vcard_photo_not_imported"})
				break
			}
		}
		cells := make([]string, len(vcardColumns))
		for i, c := range vcardColumns {
			cells[i] = row[c]
		}
		lines[tableLine] = card.line
		_ = w.Write(cells)
		w.Flush()
		tableLine = bytes.Count(out.Bytes(), []byte{'\n'}) + 1
	}
	if len(cards) == 0 {
		return nil, nil, nil, errorf(EInvalid, "error.import_empty")
	}
	return out.Bytes(), lines, warnings, w.Error()
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
	add := func(col, v string) {
		if v = strings.TrimSpace(v); v != "" {
			row[col] = strings.TrimPrefix(row[col]+" ::: "+v, " ::: ")
		}
	}
	set := func(col, v string) { // the first value wins, or a preferred one
		if row[col] == "" {
			row[col] = strings.TrimSpace(v)
		}
	}
	var nickname string
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
			add("email", strings.TrimPrefix(vcardText(p.value), "mailto:"))
		case "TEL":
			v := strings.TrimPrefix(vcardText(p.value), "tel:")
			if vcardLabel(p, labels[p.group]) == "mobile" {
				add("mobile", v)
			} else {
				add("phone", v)
			}
		case "ORG":
			set("company", vcardSplit(p.value, ';')[0]) // ORG:Company;Department
		case "TITLE":
			set("title", vcardText(p.value))
		case "BDAY":
			set("birthday", vcardDate(vcardText(p.value)))
		case "URL":
			set("website", vcardText(p.value))
		case "NOTE":
			if v := vcardText(p.value); v != "" {
				row["notes"] = strings.TrimPrefix(row["notes"]+"\n\n"+v, "\n\n")
			}
		case "CATEGORIES":
			for _, t := range vcardSplit(p.value, ',') {
				if t = strings.TrimSpace(t); t != "" {
					row["tags"] = strings.TrimPrefix(row["tags"]+", "+t, ", ")
				}
			}
		case "ADR":
			if row["address.street"]+row["address.city"]+row["address.country"] != "" {
				continue // the first address
			}
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

func itoa(n int) string {
	b := []byte{}
	for n >= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(append([]byte{byte('0' + n)}, b...))
}
