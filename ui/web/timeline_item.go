package web

import (
	"html/template"
	"strings"
	"time"
)

// writeTimelineItems writes the entries of one page of a record's
// timeline (the "recordTimeline" template) into their HTML: activities,
// and changes in words. A page shows 25, and as template actions each
// cost a dozen escaper calls through reflection, most of a contact page's
// time under load (issue 18); written once per page, the words, links and
// type dots the entries share are looked up once. Logged email messages,
// rarer and richer, stay in the template. The markup and escaping are the
// template's (see contact_rows.go).
func (v *views) writeTimelineItems(lang string, loc *time.Location, tl *recordTimeline) error {
	t := func(key string, args ...any) string { return escapeHTML(v.catalog.T(lang, key, args...)) }
	dateFormat := v.catalog.T(lang, "format.datetime")
	var edit [2]string
	var task, back, record, editLabel, followLabel string
	if tl.CanWrite {
		var err error
		if edit, err = v.routeAroundID("activity.edit"); err != nil {
			return err
		}
		if task, err = v.url("task.new"); err != nil {
			return err
		}
		back = escapeHTML(escapeURL(tl.Return))
		record = escapeHTML(escapeURL(tl.Record.Entity)) + `=` + escapeHTML(escapeURL(tl.Record.ID))
		editLabel, followLabel = t("record.edit"), t("activities.follow_up_link")
	}
	dots := map[string]string{}
	var b strings.Builder
	b.Grow(len(tl.Items) * 1200)
	when := func(at time.Time) {
		write(&b, `<time datetime="`, escapeHTML(at.UTC().Format("2006-01-02T15:04:05Z")), `">`,
			escapeHTML(formatTime(at, loc, dateFormat)), `</time>`)
	}
	// Each entry between the line breaks the template's range puts around
	// it, so that without logged emails the whole string is the list.
	const around = "\n  \n  "
	starts, ends := make([]int, len(tl.Items)), make([]int, len(tl.Items))
	for i, item := range tl.Items {
		b.WriteString(around)
		starts[i] = b.Len()
		if a := item.Activity; a != nil && a.Email == nil {
			write(&b, `<li class="timeline-item timeline-activity" id="activity-`, escapeHTML(a.ID), "\">\n    <p class=\"timeline-head\">")
			dot, ok := dots[a.Type.ID]
			if !ok {
				dot = typeDotHTML(a.Type) + ` <span class="timeline-action">` + escapeHTML(a.Type.Name) + `</span>`
				dots[a.Type.ID] = dot
			}
			b.WriteString(dot)
			if a.Outcome != "" {
				write(&b, ` <span class="activity-outcome">`, escapeHTML(a.Outcome), `</span>`)
			}
			b.WriteString("</p>\n    \n    <p class=\"timeline-when muted\">")
			if a.Who != "" {
				write(&b, escapeHTML(a.Who), ` · `)
			}
			when(a.At)
			if a.Duration != 0 {
				write(&b, ` · `, t("activities.minutes", a.Duration))
			}
			b.WriteString("</p>\n    ")
			if a.Body != "" {
				write(&b, `<div class="notes activity-notes">`, escapeHTML(a.Body), `</div>`)
			}
			b.WriteString("\n    ")
			if len(a.Others) > 0 {
				write(&b, `<p class="activity-links"><span class="muted">`, t("activities.also_linked"), `</span> `,
					v.linkChipsHTML(lang, a.Others), `</p>`)
			}
			b.WriteString("\n    ")
			if tl.CanWrite {
				write(&b, "<p class=\"activity-actions\">\n      <a href=\"", escapeHTML(normalizeURL(filterURL(edit[0]+a.ID+edit[1]))), `?return=`, back, `">`,
					editLabel, "</a>\n      <a href=\"", escapeHTML(normalizeURL(filterURL(task))), `?`, record, `&amp;return=`, back,
					`&amp;title=`, escapeHTML(escapeURL(v.catalog.T(lang, "activities.follow_up_title", a.Outcome))), `" class="follow-up">`,
					followLabel, "</a>\n    </p>")
			}
			b.WriteString("\n  </li>")
		} else if c := item.Change; c != nil {
			write(&b, "<li class=\"timeline-item\">\n    <p class=\"timeline-head\"><span class=\"timeline-action\">", string(c.Sentence),
				"</span>\n      <span class=\"muted\">")
			when(c.At)
			b.WriteString("</span></p>\n    ")
			if len(c.Changes) > 0 {
				to := t("record.history.to")
				b.WriteString("\n    <dl class=\"changes\">\n      ")
				for _, ch := range c.Changes {
					write(&b, `<dt>`, escapeHTML(ch.Field), `</dt><dd><span class="change-from">`, escapeHTML(or(ch.From, "—")),
						`</span> <span aria-hidden="true">→</span><span class="visually-hidden">`, to, `</span> <span class="change-to">`,
						escapeHTML(or(ch.To, "—")), `</span></dd>`)
				}
				b.WriteString("\n    </dl>\n    ")
			}
			b.WriteString("\n  </li>")
		}
		ends[i] = b.Len()
		b.WriteString(around)
	}
	// One string for the page; each entry is a piece of it.
	all := b.String()
	emails := false
	for i, item := range tl.Items {
		tl.Items[i].HTML = template.HTML(all[starts[i]:ends[i]])
		emails = emails || item.Activity != nil && item.Activity.Email != nil
	}
	if !emails && len(tl.Items) > 0 {
		tl.ItemsHTML = template.HTML(all)
	}
	return nil
}

// typeDotHTML is the "typeDot" template: an activity type's colour and icon.
func typeDotHTML(ty activityTypeView) string {
	s := `<span class="type-icon" aria-hidden="true"><svg viewBox="0 0 10 10" width="10" height="10" focusable="false"><circle cx="5" cy="5" r="5" fill="` +
		escapeHTML(ty.Color) + `"/></svg>`
	if ty.Icon != "" {
		if icon := typeIcon(ty.Icon); icon != "" {
			s += string(icon)
		} else {
			s += `<span>` + escapeHTML(ty.Icon) + `</span>`
		}
	}
	return s + `</span>`
}

// typeOptionsHTML are the activity types of the quick log form
// ("activityLogForm"), as radio buttons with "call" chosen.
func typeOptionsHTML(types []activityTypeView) template.HTML {
	var b strings.Builder
	for _, ty := range types {
		write(&b, `<label class="type-option"><input type="radio" name="type" value="`, escapeHTML(ty.ID), `"`)
		if ty.ID == "call" {
			b.WriteString(` checked`)
		}
		write(&b, `> `, typeDotHTML(ty), ` `, escapeHTML(ty.Name), `</label>`)
	}
	return template.HTML(b.String())
}

// linkChipsHTML is the "linkChips" template: linked records as links, or
// names when the record has no page.
func (v *views) linkChipsHTML(lang string, links []linkView) string {
	var b strings.Builder
	b.WriteString(`<span class="link-chips">`)
	for _, l := range links {
		name := escapeHTML(or(l.Name, v.catalog.T(lang, "links.unknown")))
		class := `class="link-chip link-` + escapeHTML(l.Entity) + `"`
		if l.URL != "" {
			write(&b, `<a href="`, escapeHTML(normalizeURL(filterURL(l.URL))), `" `, class, `>`, name, `</a>`)
		} else {
			write(&b, `<span `, class, `>`, name, `</span>`)
		}
	}
	b.WriteString(`</span>`)
	return b.String()
}

// filterURL is html/template's urlFilter: a URL of a scheme other than
// http, https or mailto becomes "#ZgotmplZ".
func filterURL(s string) string {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		if !strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
			return "#ZgotmplZ"
		}
	}
	return s
}

// or is the template's or of two strings.
func or(s, otherwise string) string {
	if s != "" {
		return s
	}
	return otherwise
}
