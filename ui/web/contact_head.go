package web

import (
	"html/template"
	"strings"
	"time"
)

// contactHeadHTML is the top of the contact page (pages/contact.html): the
// trash banner, photo, name, title, company and status, the email button
// and the edit and delete actions. Written in Go like the rest of the
// page's parts (issue 18), with the template's markup and escaping (see
// contact_rows.go).
func (v *views) contactHeadHTML(lang string, loc *time.Location, p contactPage) (template.HTML, error) {
	t := func(key string, args ...any) string { return escapeHTML(v.catalog.T(lang, key, args...)) }
	c := p.Contact
	path := func(name string) (string, error) {
		u, err := v.url(name, "id", c.ID)
		return escapeHTML(normalizeURL(filterURL(u))), err
	}
	trashed := c.Trashed()
	var b strings.Builder
	b.Grow(2048)
	if trashed {
		write(&b, "\n<div class=\"trash-banner\" role=\"status\">\n  <p><strong>", t("contacts.in_trash"), "</strong> <span class=\"muted\">",
			escapeHTML(formatAny(v.catalog, lang, loc, c.DeletedAt)))
		if who := p.Team.Name(c.DeletedBy); who != "" {
			write(&b, ` · `, escapeHTML(who))
		}
		b.WriteString("</span></p>\n  ")
		if p.CanWrite {
			restore, err := path("contact.restore")
			if err != nil {
				return "", err
			}
			write(&b, `<form method="post" action="`, restore, `" class="inline"><button type="submit" class="primary" id="restore">`,
				t("record.restore"), `</button></form>`)
		}
		b.WriteString("\n</div>\n")
	}
	b.WriteString("\n\n<div class=\"page-head record-head\">\n  ")
	if p.PhotoURL != "" {
		write(&b, `<img class="contact-photo" id="contact-photo" src="`, escapeHTML(normalizeURL(filterURL(p.PhotoURL))), `" alt="`,
			t("photo.alt", c.DisplayName), `" width="96" height="96">`)
	}
	write(&b, "\n  <div class=\"record-heading\">\n    <h1>", escapeHTML(c.DisplayName), "</h1>\n    <p class=\"record-sub\">")
	if c.Title != "" {
		write(&b, `<span>`, escapeHTML(c.Title), `</span>`)
	}
	if co := p.Company; co != nil {
		show, err := v.routeAroundID("company.show")
		if err != nil {
			return "", err
		}
		write(&b, `<span><a href="`, escapeHTML(normalizeURL(filterURL(show[0]+co.ID+show[1]))), `">`, escapeHTML(co.Name), `</a></span>`)
	} else if p.CompanyText != "" {
		write(&b, `<span>`, escapeHTML(p.CompanyText), `</span>`)
	}
	write(&b, "\n      <span class=\"status status-", escapeHTML(c.LifecycleStatus), `">`, t("lifecycle."+c.LifecycleStatus),
		"</span>\n    </p>\n  </div>\n  ")
	if !trashed && len(c.Emails) > 0 {
		dnc := p.Privacy != nil && p.Privacy.Consent.DoNotContact
		b.WriteString("\n<div class=\"email-button-wrap\">\n  <a class=\"button")
		if dnc {
			b.WriteString(" email-dnc")
		}
		write(&b, `" id="email-button" href="mailto:`, escapeHTML(normalizeURL(c.Emails[0].Value)), `"`)
		if dnc {
			write(&b, ` title="`, t("email.do_not_contact_help"), `"`)
		}
		write(&b, `><span aria-hidden="true">✉️</span> `, t("email.button"))
		if dnc {
			write(&b, ` <span class="badge badge-high" id="do-not-contact">`, t("email.do_not_contact"), `</span>`)
		}
		b.WriteString("</a>\n</div>\n")
	}
	b.WriteString("\n  ")
	if !trashed && p.Timeline.CanWrite {
		write(&b, `<a class="button primary phone-only" href="#log-activity" id="jump-log-activity">`, t("activities.log"), `</a>`)
	}
	b.WriteString("\n  ")
	if p.CanWrite && !trashed {
		edit, err := path("contact.edit")
		if err != nil {
			return "", err
		}
		del, err := path("contact.delete")
		if err != nil {
			return "", err
		}
		write(&b, "\n  <div class=\"record-actions\">\n    <a class=\"button\" href=\"", edit, "\" id=\"edit\">", t("record.edit"),
			"</a>\n    <form method=\"post\" action=\"", del, "\" class=\"inline\">\n      <button type=\"submit\" class=\"danger\" id=\"delete\" data-confirm=\"",
			t("contacts.delete_confirm"), `">`, t("record.delete"), "</button>\n    </form>\n  </div>\n  ")
	}
	b.WriteString("\n</div>")
	return template.HTML(b.String()), nil
}
