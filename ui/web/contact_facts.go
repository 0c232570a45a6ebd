package web

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
)

// contactFactsHTML is the contact page's list of facts (pages/contact.html):
// emails, phones, company, address, birthday, website, social profiles,
// lead source, status, score, owner and tags. As template actions they
// were 350 allocations of every contact page under load (issue 18). The
// markup and escaping are the template's (see contact_rows.go): after
// "mailto:" and "tel:" its urlNormalizer alone, a tag's name in a query
// as its urlEscaper.
func (v *views) contactFactsHTML(lang string, p contactPage) (template.HTML, error) {
	t := func(key string) string { return escapeHTML(v.catalog.T(lang, key)) }
	channel := func(label string) string {
		switch label {
		case "work", "home", "mobile", "fax", "other":
			return t("record.label." + label)
		}
		return escapeHTML(label)
	}
	c := p.Contact
	var b strings.Builder
	b.Grow(4096)
	b.WriteString("<dl class=\"record-facts\">\n      ")
	if len(c.Emails) > 0 {
		write(&b, `<dt>`, t("record.field.emails"), "</dt>\n      <dd><ul class=\"plain\">")
		for _, e := range c.Emails {
			write(&b, `<li><a href="mailto:`, escapeHTML(normalizeURL(e.Value)), `">`, escapeHTML(e.Value), `</a>`)
			if e.Label != "" {
				write(&b, ` <span class="muted">`, channel(e.Label), `</span>`)
			}
			b.WriteString(`</li>`)
		}
		b.WriteString(`</ul></dd>`)
	}
	b.WriteString("\n      ")
	if len(c.Phones) > 0 {
		write(&b, `<dt>`, t("record.field.phones"), "</dt>\n      <dd><ul class=\"plain\">")
		for _, ph := range c.Phones {
			write(&b, `<li><a href="tel:`, escapeHTML(normalizeURL(or(ph.E164, ph.Value))), `">`, escapeHTML(ph.Value), `</a>`)
			if ph.Label != "" {
				write(&b, ` <span class="muted">`, channel(ph.Label), `</span>`)
			}
			if ph.E164 == "" {
				write(&b, `<br><small class="help phone-unread">`, t("phones.unread_note"), `</small>`)
			}
			b.WriteString(`</li>`)
		}
		b.WriteString(`</ul></dd>`)
	}
	b.WriteString("\n      ")
	if co := p.Company; co != nil {
		show, err := v.routeAroundID("company.show")
		if err != nil {
			return "", err
		}
		write(&b, `<dt>`, t("record.field.company"), "</dt>\n      <dd><a href=\"", escapeHTML(normalizeURL(filterURL(show[0]+co.ID+show[1]))), `">`,
			escapeHTML(co.Name), `</a>`)
		if co.Trashed() {
			write(&b, ` <span class="badge">`, t("record.in_trash_badge"), `</span>`)
		}
		b.WriteString(`</dd>`)
	} else if p.CompanyText != "" {
		write(&b, `<dt>`, t("record.field.company"), `</dt><dd>`, escapeHTML(p.CompanyText), `</dd>`)
	}
	b.WriteString("\n      ")
	if a := c.Address; !a.Empty() {
		write(&b, `<dt>`, t("record.field.address"), `</dt><dd><address class="record-address">`)
		if a.Street != "" {
			write(&b, `<span class="notes">`, escapeHTML(a.Street), `</span><br>`)
		}
		if a.PostalCode != "" || a.City != "" || a.Region != "" {
			write(&b, escapeHTML(a.PostalCode), ` `, escapeHTML(a.City))
			if a.Region != "" {
				write(&b, `, `, escapeHTML(a.Region))
			}
			b.WriteString(`<br>`)
		}
		write(&b, escapeHTML(a.Country), `</address></dd>`)
	}
	b.WriteString("\n      ")
	if p.Birthday != "" {
		write(&b, `<dt>`, t("record.field.birthday"), `</dt><dd>`, escapeHTML(p.Birthday), `</dd>`)
	}
	b.WriteString("\n      ")
	if c.Website != "" {
		write(&b, `<dt>`, t("record.field.website"), `</dt><dd><a href="`, escapeHTML(normalizeURL(filterURL(c.Website))),
			`" rel="noopener noreferrer nofollow" target="_blank">`, escapeHTML(c.Website), `</a></dd>`)
	}
	b.WriteString("\n      ")
	if len(p.Social) > 0 {
		write(&b, `<dt>`, t("record.field.social"), "</dt>\n      <dd><ul class=\"plain\">")
		for _, l := range p.Social {
			b.WriteString(`<li>`)
			if l.Label != "" {
				write(&b, `<span class="muted">`, escapeHTML(l.Label), `</span> `)
			}
			if l.URL != "" {
				write(&b, `<a href="`, escapeHTML(normalizeURL(filterURL(l.URL))), `" rel="noopener noreferrer nofollow" target="_blank">`,
					escapeHTML(l.Value), `</a>`)
			} else {
				b.WriteString(escapeHTML(l.Value))
			}
			b.WriteString(`</li>`)
		}
		b.WriteString(`</ul></dd>`)
	}
	b.WriteString("\n      ")
	if c.LeadSource != "" {
		write(&b, `<dt>`, t("record.field.lead_source"), `</dt><dd>`, escapeHTML(c.LeadSource), `</dd>`)
	}
	write(&b, "\n      <dt>", t("record.field.lifecycle_status"), `</dt><dd>`, t("lifecycle."+c.LifecycleStatus), "</dd>\n      ")
	if s := p.Score; s != nil {
		write(&b, `<dt>`, t("scoring.score"), `</dt><dd id="lead-score"><strong>`, strconv.Itoa(s.Score), `</strong>`)
		if len(s.Reasons) > 0 {
			b.WriteString(` <span class="muted">(`)
			for i, r := range s.Reasons {
				if i > 0 {
					b.WriteString(`, `)
				}
				write(&b, escapeHTML(r.Name), ` `, escapeHTML(fmt.Sprintf("%+d", r.Points)))
			}
			b.WriteString(`)</span>`)
		}
		b.WriteString(`</dd>`)
	}
	write(&b, "\n      <dt>", t("record.field.owner"), `</dt><dd>`)
	if owner := p.Team.Name(c.OwnerID); owner != "" {
		b.WriteString(escapeHTML(owner))
	} else {
		write(&b, `<span class="muted">`, t("record.no_owner"), `</span>`)
	}
	b.WriteString("</dd>\n      ")
	if len(c.Tags) > 0 {
		list, err := v.url("contacts")
		if err != nil {
			return "", err
		}
		list = escapeHTML(normalizeURL(filterURL(list)))
		write(&b, `<dt>`, t("record.field.tags"), "</dt>\n      <dd><span class=\"tags\">")
		for _, tag := range c.Tags {
			write(&b, `<a class="tag" href="`, list, `?tag=`, escapeHTML(escapeURL(tag.Name)),
				`"><svg class="tag-dot" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true" focusable="false"><circle cx="5" cy="5" r="5" fill="`,
				escapeHTML(tag.Color), `"/></svg>`, escapeHTML(tag.Name), `</a>`)
		}
		b.WriteString(`</span></dd>`)
	}
	b.WriteString("\n    </dl>")
	return template.HTML(b.String()), nil
}
