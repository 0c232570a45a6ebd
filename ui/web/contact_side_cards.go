package web

import (
	"html/template"
	"strconv"
	"strings"
)

// contactSideCardsHTML is the end of the contact page's side column
// (pages/contact.html): the photo card for those who may change it, and
// keep in touch with its form. Written in Go like the rest of the page's
// repeated parts (issue 18), with the template's markup and escaping (see
// contact_rows.go).
func (v *views) contactSideCardsHTML(lang string, p contactPage) (template.HTML, error) {
	t := func(key string, args ...any) string { return escapeHTML(v.catalog.T(lang, key, args...)) }
	path := func(name string) (string, error) {
		u, err := v.url(name, "id", p.Contact.ID)
		return escapeHTML(normalizeURL(filterURL(u))), err
	}
	canWrite := p.CanWrite && !p.Contact.Trashed()
	var b strings.Builder
	b.Grow(3072)
	if canWrite {
		upload, err := path("contact.photo_upload")
		if err != nil {
			return "", err
		}
		write(&b, "\n    <section class=\"card photo-card\" aria-labelledby=\"photo-heading\" id=\"photo\">\n      <h2 id=\"photo-heading\">", t("photo.heading"),
			"</h2>\n      <form method=\"post\" action=\"", upload, "\" enctype=\"multipart/form-data\">\n        <label for=\"photo-file\">", t("photo.upload"),
			"</label>\n        <input type=\"file\" id=\"photo-file\" name=\"photo\" accept=\"image/jpeg,image/png,image/gif\" required aria-describedby=\"photo-hint\">\n        <p class=\"muted\" id=\"photo-hint\">",
			t("photo.hint"), "</p>\n        <button type=\"submit\" id=\"photo-upload\">", t("photo.upload"), "</button>\n      </form>\n      ")
		if p.PhotoURL != "" {
			remove, err := path("contact.photo_remove")
			if err != nil {
				return "", err
			}
			write(&b, `<form method="post" action="`, remove, "\" class=\"inline\">\n        <button type=\"submit\" class=\"danger\" id=\"photo-remove\" data-confirm=\"",
				t("photo.remove_confirm"), `">`, t("photo.remove"), "</button>\n      </form>")
		}
		b.WriteString("\n    </section>\n    ")
	}
	write(&b, "\n    <section class=\"card keep-in-touch\" aria-labelledby=\"keep-heading\" id=\"keep-in-touch\">\n      <h2 id=\"keep-heading\">",
		t("keep_in_touch.heading"), "</h2>\n      ")
	k := p.KeepInTouch
	if k != nil {
		write(&b, `<p>`, t("keep_in_touch.every", k.Days))
		if k.Who != "" {
			write(&b, ` · <span class="muted">`, escapeHTML(k.Who), `</span>`)
		}
		if k.Overdue {
			write(&b, "<br>\n        <span class=\"late\">", t("keep_in_touch.overdue", k.Due), `</span></p>`)
		} else {
			write(&b, "<br>\n        <span class=\"muted\">", t("keep_in_touch.next", k.Due), `</span></p>`)
		}
	} else {
		write(&b, `<p class="muted">`, t("keep_in_touch.none"), `</p>`)
	}
	b.WriteString("\n      ")
	if canWrite {
		keep, err := path("contact.keep_in_touch")
		if err != nil {
			return "", err
		}
		days := ""
		if k != nil {
			days = strconv.Itoa(k.Days)
		}
		write(&b, "\n      <form method=\"post\" action=\"", keep, "\" class=\"inline keep-form\">\n        <label for=\"keep_in_touch_days\">", t("keep_in_touch.label"),
			"</label>\n        <input id=\"keep_in_touch_days\" name=\"keep_in_touch_days\" type=\"number\" min=\"1\" max=\"3650\" value=\"", days,
			"\" class=\"short-number\" inputmode=\"numeric\">\n        <span>", t("keep_in_touch.days"), "</span>\n        <button type=\"submit\" class=\"small\" id=\"keep-save\">",
			t("action.save"), "</button>\n        ")
		if k != nil {
			write(&b, `<button type="submit" name="clear" value="1" class="small link" id="keep-clear">`, t("keep_in_touch.clear"), `</button>`)
		}
		b.WriteString("\n      </form>\n      ")
	}
	b.WriteString("\n    </section>")
	return template.HTML(b.String()), nil
}
