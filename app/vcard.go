package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
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
			f := &vcard.Field{Value: p.Value, Params: vcard.Params{}}
			if p.E164 != "" {
				f.Value = p.E164
			}
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

// ImportVCard reads vCard 3.0 or 4.0 cards (several per file, folded
// lines, Apple and Google exports) and imports them like a CSV in Rolo's
// layout, with the same matching, tag, batch and undo. A problem names
// the card by its number (line N of the report is card N-1).
func (a *App) ImportVCard(ctx context.Context, actor Actor, r io.Reader, opt ImportOptions) (ImportReport, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxVCardBytes+1))
	if err != nil {
		return ImportReport{}, err
	}
	if len(data) > maxVCardBytes {
		return ImportReport{}, errorf(EInvalid, "error.import_too_large")
	}
	table, err := vcardTable(data)
	if err != nil {
		return ImportReport{}, err
	}
	opt.Entity, opt.Preset, opt.Encoding, opt.Delimiter = "contact", "rolo", "utf-8", ','
	return a.Import(ctx, actor, bytes.NewReader(table), opt)
}

var vcardColumns = []string{"first_name", "last_name", "display_name", "email", "email_2", "email_3", "phone", "phone_2", "phone_3",
	"company", "title", "birthday", "website", "notes", "tags", "address.street", "address.city", "address.region", "address.postal_code", "address.country"}

// vcardTable turns cards into a CSV in Rolo's layout.
func vcardTable(data []byte) ([]byte, error) {
	dec := vcard.NewDecoder(bytes.NewReader(data))
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	_ = w.Write(vcardColumns)
	n := 0
	for {
		card, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &Error{Code: EInvalid, Message: "error.vcard_unreadable", Fields: map[string]string{"card": itoa(n + 1)}}
		}
		n++
		row := map[string]string{"display_name": card.PreferredValue(vcard.FieldFormattedName)}
		if name := card.Name(); name != nil {
			row["first_name"], row["last_name"] = strings.TrimSpace(name.GivenName+" "+name.AdditionalName), name.FamilyName
		}
		for i, e := range card.Values(vcard.FieldEmail) {
			row[channelColumn("email", i)] = strings.TrimSpace(row[channelColumn("email", i)] + " " + e)
		}
		for i, f := range card[vcard.FieldTelephone] {
			col := channelColumn("phone", i)
			row[col] = strings.TrimPrefix(row[col]+" ::: "+strings.TrimPrefix(f.Value, "tel:"), " ::: ")
		}
		org := card.Value(vcard.FieldOrganization)
		row["company"], _, _ = strings.Cut(org, ";") // ORG:Company;Department
		row["title"], row["website"], row["notes"] = card.Value(vcard.FieldTitle), card.Value(vcard.FieldURL), card.Value(vcard.FieldNote)
		row["birthday"] = vcardDate(card.Value(vcard.FieldBirthday))
		row["tags"] = strings.Join(card.Categories(), ", ")
		if adr := card.Address(); adr != nil {
			row["address.street"], row["address.city"], row["address.region"] = adr.StreetAddress, adr.Locality, adr.Region
			row["address.postal_code"], row["address.country"] = adr.PostalCode, adr.Country
		}
		cells := make([]string, len(vcardColumns))
		for i, c := range vcardColumns {
			cells[i] = row[c]
		}
		_ = w.Write(cells)
	}
	w.Flush()
	if n == 0 {
		return nil, errorf(EInvalid, "error.import_empty")
	}
	return out.Bytes(), w.Error()
}

// vcardDate reads 19850412, 1985-04-12, --0412 (no year) and Apple's
// 1604-04-12 (its "no year" marker).
func vcardDate(s string) string {
	s = strings.TrimSpace(s)
	if t, _, ok := strings.Cut(s, "T"); ok {
		s = t
	}
	switch {
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
