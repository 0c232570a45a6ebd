package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"strconv"
	"strings"

	"rolo/store"
)

// VCardVersions are the vCard versions Rolo writes; the first is the
// default.
var VCardVersions = []string{"4.0", "3.0"}

// ExportVCards writes every live contact (or only ids) as vCards of
// version (VCardVersions; "" is 4.0), like Export: only the contacts actor
// sees, without the fields hidden from actor's role.
func (a *App) ExportVCards(ctx context.Context, actor Actor, w io.Writer, version string, ids []string) error {
	if version == "" {
		version = VCardVersions[0]
	}
	if !contains(VCardVersions, version) {
		return Invalid(map[string]string{"vcard_version": "error.vcard_version_unknown"})
	}
	if err := a.can(actor, AreaImports, LevelView); err != nil {
		return err
	}
	ex, err := a.newExporter(ctx, "contact")
	if err != nil {
		return err
	}
	ex.owner = a.ownerScope(actor)
	if err := a.hideExportFields(ctx, actor, ex); err != nil {
		return err
	}
	return a.writeVCardsVersion(ctx, ex, w, ids, version)
}

// writeVCards writes contacts as vCard 4.0 cards (Export's "vcf").
func (a *App) writeVCards(ctx context.Context, ex *exporter, w io.Writer, ids []string) error {
	return a.writeVCardsVersion(ctx, ex, w, ids, "4.0")
}

// writeVCardsVersion writes each contact as one card holding every field
// Rolo keeps, so that importing the file into another database and
// exporting again gives the same file: UID is the record's id; labels
// are TYPE values or an item group's X-ABLABEL; lifecycle status, lead
// source, owner (by email) and custom fields are X-ROLO- properties
// (X-ROLO-FIELD;X-KEY=key, a multi-select's options a list with X-LIST=1:
// a parameter of our own is an x-name, RFC 6350 §3.3, or strict parsers
// refuse the card); the photo is a data: URI (4.0) or ENCODING=b (3.0).
func (a *App) writeVCardsVersion(ctx context.Context, ex *exporter, w io.Writer, ids []string, version string) error {
	v3 := version == "3.0"
	multiple := map[string]bool{}
	for _, f := range ex.custom {
		multiple[f.Key] = f.Type == "multi_select"
	}
	var buf bytes.Buffer
	return ex.each(ctx, ids, func(row map[string]string, rec any) error {
		c := rec.(Contact)
		buf.Reset()
		line := func(name, value string, params ...vcardParam) { vcardLine(&buf, "", name, params, value) }
		line("BEGIN", "VCARD")
		line("VERSION", version)
		line("PRODID", "-//Rolo//Rolo CRM//EN")
		line("UID", "urn:uuid:"+c.ID)
		line("FN", vcardEscape(c.DisplayName))
		line("N", vcardCompound(c.LastName, c.FirstName, "", "", ""))
		item := 0
		for i, e := range c.Emails {
			item = writeVCardChannel(&buf, "EMAIL", e.Value, e.Label, i == 0, v3, item)
		}
		for i, p := range c.Phones { // as typed: E.164 is only for matching
			item = writeVCardChannel(&buf, "TEL", p.Value, p.Label, i == 0, v3, item)
		}
		if c.Address != (Contact{}).Address {
			ad := c.Address
			line("ADR", vcardCompound("", "", ad.Street, ad.City, ad.Region, ad.PostalCode, ad.Country))
		}
		if row["company"] != "" {
			line("ORG", vcardCompound(row["company"])) // one component: a semicolon in the name stays in it
		}
		if c.Title != "" {
			line("TITLE", vcardEscape(c.Title))
		}
		if c.Birthday != "" {
			value, params := vcardBirthday(c.Birthday, v3)
			line("BDAY", value, params...)
		}
		if c.Website != "" {
			line("URL", vcardURI(c.Website))
		}
		for _, s := range c.Social {
			item = writeVCardSocial(&buf, s, item)
		}
		if c.Notes != "" {
			line("NOTE", vcardEscape(c.Notes))
		}
		if len(c.Tags) > 0 {
			names := make([]string, len(c.Tags))
			for i, t := range c.Tags {
				names[i] = t.Name
			}
			line("CATEGORIES", vcardList(names))
		}
		for _, p := range []struct{ name, col string }{{"X-ROLO-LIFECYCLE-STATUS", "lifecycle_status"},
			{"X-ROLO-LEAD-SOURCE", "lead_source"}, {"X-ROLO-OWNER", "owner"}} {
			if v := row[p.col]; v != "" {
				line(p.name, vcardEscape(v))
			}
		}
		for _, col := range ex.columns { // the custom fields actor may see
			key, ok := strings.CutPrefix(col, "cf.")
			if !ok || row[col] == "" {
				continue
			}
			if multiple[key] { // the options as a list, like CATEGORIES
				line("X-ROLO-FIELD", vcardList(splitImportTags(row[col])), vcardParam{"X-KEY", []string{key}}, vcardParam{"X-LIST", []string{"1"}})
				continue
			}
			line("X-ROLO-FIELD", vcardEscape(row[col]), vcardParam{"X-KEY", []string{key}})
		}
		photo, _, err := store.ContactPhoto(ctx, ex.a.db.Reader(), c.ID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if photo != nil {
			data := base64.StdEncoding.EncodeToString(photo)
			if v3 {
				line("PHOTO", data, vcardParam{"ENCODING", []string{"b"}}, vcardParam{"TYPE", []string{"JPEG"}})
			} else {
				line("PHOTO", "data:image/jpeg;base64,"+data) // a URI: its comma is not escaped
			}
		}
		line("END", "VCARD")
		_, err = w.Write(buf.Bytes())
		return err
	})
}

// vcardBirthday is BDAY's value: 19850412 or --0412 (no year) in 4.0;
// 1985-04-12 in 3.0, which has no form without a year, so Apple's 1604
// with X-APPLE-OMIT-YEAR, which Rolo and Apple read as no year.
func vcardBirthday(day string, v3 bool) (string, []vcardParam) {
	noYear := strings.HasPrefix(day, "--")
	switch {
	case v3 && noYear:
		return "1604-" + day[2:], []vcardParam{{"X-APPLE-OMIT-YEAR", []string{"1604"}}}
	case v3:
		return day, nil
	case noYear:
		return "--" + strings.ReplaceAll(day[2:], "-", ""), nil
	}
	return strings.ReplaceAll(day, "-", ""), nil
}

// vcardTypes are the labels vCard writes as TYPE values; any other label
// goes in an item group's X-ABLabel, as Apple writes custom labels.
var vcardTypes = map[string]string{"work": "work", "home": "home", "other": "other", "mobile": "cell", "fax": "fax",
	"pager": "pager", "main": "main", "text": "text", "video": "video"}

// writeVCardChannel writes an EMAIL or TEL with its label: as TYPE
// values when reading them back gives the same label, otherwise in an
// item group's X-ABLABEL. The first is the preferred one (PREF=1 in 4.0,
// TYPE=pref in 3.0). It returns the number of item groups used so far.
func writeVCardChannel(buf *bytes.Buffer, name, value, label string, pref, v3 bool, item int) int {
	var types []string
	if v3 && name == "EMAIL" {
		types = append(types, "INTERNET")
	}
	var labelTypes []string
	for _, w := range strings.Fields(label) {
		t, ok := vcardTypes[w]
		if !ok {
			labelTypes = nil
			break
		}
		labelTypes = append(labelTypes, t)
	}
	group := ""
	if vcardLabel(vcardProp{params: map[string][]string{"TYPE": labelTypes}}, "") == label {
		types = append(types, labelTypes...)
	} else {
		item++
		group = "item" + strconv.Itoa(item)
	}
	params := []vcardParam{{"TYPE", types}}
	switch {
	case pref && v3:
		params[0].values = append(params[0].values, "pref")
	case pref:
		params = append(params, vcardParam{"PREF", []string{"1"}})
	}
	vcardLine(buf, group, name, params, vcardEscape(value))
	if group != "" {
		vcardLine(buf, group, "X-ABLABEL", nil, vcardEscape(label))
	}
	return item
}

// writeVCardSocial writes a social profile as X-SOCIALPROFILE (as Apple
// does) with its label as TYPE, or in an item group's X-ABLABEL when the
// label is not a single word.
func writeVCardSocial(buf *bytes.Buffer, s store.Labeled, item int) int {
	switch {
	case s.Label == "":
		vcardLine(buf, "", "X-SOCIALPROFILE", nil, vcardURI(s.Value))
		return item
	case isVCardToken(s.Label):
		vcardLine(buf, "", "X-SOCIALPROFILE", []vcardParam{{"TYPE", []string{s.Label}}}, vcardURI(s.Value))
		return item
	}
	item++
	group := "item" + strconv.Itoa(item)
	vcardLine(buf, group, "X-SOCIALPROFILE", nil, vcardURI(s.Value))
	vcardLine(buf, group, "X-ABLABEL", nil, vcardEscape(s.Label))
	return item
}

// isVCardToken tells whether s can be a TYPE value as it is: lower-case
// letters, digits and dashes (TYPE is read case-insensitively).
func isVCardToken(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return s != ""
}
