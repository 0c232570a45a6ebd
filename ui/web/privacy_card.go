package web

import (
	"html/template"
	"strings"
	"time"
)

// privacyCardHTML is the "privacyCard" template: a contact's consent,
// contact preferences and privacy actions. Its facts, consent form and
// status menus were some seventy template actions, 400 allocations of a
// contact page under load (issue 18). The markup and escaping are the
// template's (see contact_rows.go); the textarea's rcdataEscaper writes a
// string as htmlEscaper does.
func (v *views) privacyCardHTML(lang string, loc *time.Location, p *privacyView) (template.HTML, error) {
	if p == nil {
		return "", nil
	}
	t := func(key string, args ...any) string { return escapeHTML(v.catalog.T(lang, key, args...)) }
	c := p.Consent
	var b strings.Builder
	b.Grow(4096)
	write(&b, `
<section class="card privacy" aria-labelledby="privacy-heading" id="privacy">
  <h2 id="privacy-heading">`, t("privacy.heading"), `</h2>
  <dl class="record-facts">
    <dt>`, t("privacy.consent_status"), `</dt><dd id="consent-status">`, t("privacy.status."+c.Status))
	if !c.GivenAt.IsZero() {
		write(&b, ` · `, escapeHTML(formatAny(v.catalog, lang, loc, c.GivenAt)))
	}
	b.WriteString("</dd>\n    ")
	if c.Source != "" {
		write(&b, `<dt>`, t("privacy.consent_source"), `</dt><dd id="consent-source">`)
		if c.FormID != "" {
			b.WriteString(t("privacy.via_form", c.Source))
		} else {
			b.WriteString(escapeHTML(c.Source))
		}
		b.WriteString(`</dd>`)
	}
	b.WriteString("\n    ")
	if c.Wording != "" {
		write(&b, `<dt>`, t("privacy.consent_text"), `</dt><dd class="notes">`, escapeHTML(c.Wording), `</dd>`)
	}
	b.WriteString("\n    ")
	if c.DoNotContact {
		write(&b, `<dt>`, t("privacy.do_not_contact"), `</dt><dd><span class="badge" id="do-not-contact">`, t("privacy.do_not_contact_badge"), `</span></dd>`)
	}
	b.WriteString("\n    ")
	if !c.UnsubscribedAt.IsZero() {
		write(&b, `<dt>`, t("privacy.unsubscribed"), `</dt><dd>`, escapeHTML(formatAny(v.catalog, lang, loc, c.UnsubscribedAt)), `</dd>`)
	}
	b.WriteString("\n  </dl>\n  ")
	checked := func(yes bool) string {
		if yes {
			return ` checked`
		}
		return ""
	}
	if p.CanEdit {
		consent, err := v.url("contact.consent", "id", p.ContactID)
		if err != nil {
			return "", err
		}
		write(&b, `
  <details>
    <summary>`, t("privacy.consent_edit"), `</summary>
    <form method="post" action="`, escapeHTML(normalizeURL(filterURL(consent))), `" class="form">
      <label for="consent_status">`, t("privacy.consent_status"), `</label>
      <select id="consent_status" name="consent_status">`)
		for _, s := range p.Statuses {
			write(&b, `<option value="`, escapeHTML(s), `"`)
			if s == c.Status {
				b.WriteString(` selected`)
			}
			write(&b, `>`, t("privacy.status."+s), `</option>`)
		}
		given := ""
		if !c.GivenAt.IsZero() {
			given = escapeHTML(c.GivenAt.Format("2006-01-02"))
		}
		write(&b, `</select>
      <label for="consent_date">`, t("privacy.consent_date"), `</label>
      <input id="consent_date" name="consent_date" type="date" value="`, given, `">
      <label for="consent_source">`, t("privacy.consent_source"), `</label>
      <input id="consent_source" name="consent_source" value="`, escapeHTML(c.Source), `" maxlength="200">
      <p class="help">`, t("privacy.consent_source_help"), `</p>
      <label for="consent_text">`, t("privacy.consent_text"), `</label>
      <textarea id="consent_text" name="consent_text" rows="3" maxlength="5000">`, escapeHTML(c.Wording), `</textarea>
      <label class="check-label"><input type="checkbox" name="do_not_contact" value="1"`, checked(c.DoNotContact), `> `, t("privacy.do_not_contact"), `</label>
      <label class="check-label"><input type="checkbox" name="unsubscribed" value="1"`, checked(!c.UnsubscribedAt.IsZero()), `> `, t("privacy.unsubscribed"), `</label>
      <button type="submit" class="small" id="consent-save">`, t("action.save"), `</button>
    </form>
  </details>
  `)
	}
	export, err := v.url("contact.export", "id", p.ContactID)
	if err != nil {
		return "", err
	}
	write(&b, `
  <p class="record-actions">
    <a class="button small" href="`, escapeHTML(normalizeURL(filterURL(export))), `" id="export-person">`, t("privacy.export"), "</a>\n    ")
	if p.CanErase {
		erase, err := v.url("contact.erase_confirm", "id", p.ContactID)
		if err != nil {
			return "", err
		}
		write(&b, `<a class="button small danger" href="`, escapeHTML(normalizeURL(filterURL(erase))), `" id="erase-person">`, t("privacy.erase"), `</a>`)
	}
	b.WriteString("\n  </p>\n</section>\n")
	return template.HTML(b.String()), nil
}
