package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/emersion/go-vcard"

	"rolo/store"
)

// writeVCards writes contacts as vCard 4.0 cards, a photo as a data:
// URI.
func (a *App) writeVCards(ctx context.Context, ex *exporter, w io.Writer, ids []string) error {
	var buf bytes.Buffer
	enc := vcard.NewEncoder(&buf)
	return ex.each(ctx, ids, func(row map[string]string, rec any) error {
		c := rec.(Contact)
		card := vcard.Card{}
		card.SetValue(vcard.FieldVersion, "4.0")
		card.SetValue(vcard.FieldUID, "urn:uuid:"+c.ID)
		card.SetValue(vcard.FieldFormattedName, c.DisplayName)
		card.SetName(&vcard.Name{FamilyName: c.LastName, GivenName: c.FirstName})
		item := 0
		for i, e := range c.Emails {
			item = addVCardChannel(card, vcard.FieldEmail, e.Value, e.Label, i == 0, item)
		}
		for i, p := range c.Phones { // as typed: E.164 is only for matching
			item = addVCardChannel(card, vcard.FieldTelephone, p.Value, p.Label, i == 0, item)
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
		buf.Reset()
		if err := enc.Encode(card); err != nil {
			return err
		}
		photo, _, err := store.ContactPhoto(ctx, a.db.Reader(), c.ID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if photo != nil { // written here: the encoder would escape the URI's comma and not fold it
			end := bytes.LastIndex(buf.Bytes(), []byte("END:VCARD"))
			card := append([]byte{}, buf.Bytes()[:end]...)
			card = append(card, foldVCardLine("PHOTO:data:image/jpeg;base64,"+base64.StdEncoding.EncodeToString(photo))...)
			buf.Truncate(0)
			buf.Write(append(card, "END:VCARD\r\n"...))
		}
		_, err = w.Write(buf.Bytes())
		return err
	})
}

// foldVCardLine ends line with CRLF, folded as RFC 6350 asks: at most
// 75 octets a line, each continuation starting with a space (line is
// ASCII here).
func foldVCardLine(line string) []byte {
	out := make([]byte, 0, len(line)+len(line)/74*3+2)
	for first := true; len(line) > 0; first = false {
		n := 75
		if !first {
			out = append(out, ' ')
			n = 74
		}
		n = min(n, len(line))
		out = append(out, line[:n]...)
		out = append(out, '\r', '\n')
		line = line[n:]
	}
	return out
}

// vcardTypes are the labels vCard writes as TYPE values; any other label
// goes in an item group's X-ABLabel, as Apple writes custom labels.
var vcardTypes = map[string]string{"work": "work", "home": "home", "other": "other", "mobile": "cell", "fax": "fax",
	"pager": "pager", "main": "main", "text": "text", "video": "video"}

// addVCardChannel adds an EMAIL or TEL with its label; it returns the
// number of item groups used so far.
func addVCardChannel(card vcard.Card, name, value, label string, pref bool, item int) int {
	f := &vcard.Field{Value: value, Params: vcard.Params{}}
	if pref {
		f.Params.Set(vcard.ParamPreferred, "1")
	}
	var types []string
	for _, w := range strings.Fields(label) {
		if t, ok := vcardTypes[w]; ok {
			types = append(types, t)
		} else {
			types = nil
			break
		}
	}
	switch {
	case len(types) > 0:
		f.Params[vcard.ParamType] = types
	case label != "":
		item++
		f.Group = "item" + strconv.Itoa(item)
		card.Add("X-ABLABEL", &vcard.Field{Group: f.Group, Value: label})
	}
	card.Add(name, f)
	return item
}
