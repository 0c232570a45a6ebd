package web

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"rolo/app"
)

// The side cards contact, company and deal pages share — deals, open
// tasks, and who created and changed the record — written in Go like the
// rest of those pages' parts (issue 18), with the templates' markup and
// escaping (see contact_rows.go). Each takes the fields it shows, so any
// record page can pass its own.

// recordDealsHTML is the "recordDeals" template: a record's deals, open
// first, with a link to add one.
func (v *views) recordDealsHTML(lang string, deals []recordDealView, canWrite bool, newDealURL string) (template.HTML, error) {
	t := func(key string) string { return escapeHTML(v.catalog.T(lang, key)) }
	var b strings.Builder
	b.Grow(512 + len(deals)*400)
	write(&b, "\n<section class=\"card record-deals\" aria-labelledby=\"deals-heading\" id=\"deals\">\n  <div class=\"section-head\">\n    <h2 id=\"deals-heading\">",
		t("deals.heading"), ` <span class="badge">`, strconv.Itoa(len(deals)), "</span></h2>\n    ")
	if canWrite {
		write(&b, `<a class="button small" href="`, escapeHTML(normalizeURL(filterURL(newDealURL))), `" id="add-deal">`, t("deals.new"), `</a>`)
	}
	b.WriteString("\n  </div>\n  ")
	if len(deals) > 0 {
		show, err := v.routeAroundID("deal.show")
		if err != nil {
			return "", err
		}
		b.WriteString("\n  <ul class=\"record-deal-list\">\n    ")
		for _, d := range deals {
			write(&b, "\n    <li><a href=\"", escapeHTML(normalizeURL(filterURL(show[0]+d.ID+show[1]))), `">`, escapeHTML(d.Title),
				"</a>\n      <span class=\"record-deal-facts\"><span class=\"status deal-status-", escapeHTML(d.Status), `">`,
				t("deals.status."+d.Status), `</span> <span class="record-deal-value">`, escapeHTML(d.Value), `</span>`)
			if d.Status == "open" {
				write(&b, ` <span class="muted">`, escapeHTML(d.Stage), `</span>`)
			}
			b.WriteString("</span></li>\n    ")
		}
		b.WriteString("\n  </ul>\n  ")
	} else {
		write(&b, "\n  <p class=\"muted\">", t("deals.none_here"), "</p>\n  ")
	}
	b.WriteString("\n</section>\n")
	return template.HTML(b.String()), nil
}

// recordTasksCardHTML is the "recordTasksCard" template: a record's open
// tasks, with a link to add one for those who may.
func (v *views) recordTasksCardHTML(lang string, tasks []taskRow, tl recordTimeline) (template.HTML, error) {
	t := func(key string) string { return escapeHTML(v.catalog.T(lang, key)) }
	var b strings.Builder
	write(&b, "\n<section class=\"card record-tasks\" aria-labelledby=\"tasks-heading\" id=\"tasks\">\n  <div class=\"section-head\">\n    <h2 id=\"tasks-heading\">",
		t("tasks.heading"))
	if len(tasks) > 0 {
		write(&b, ` <span class="badge">`, strconv.Itoa(len(tasks)), `</span>`)
	}
	b.WriteString("</h2>\n    ")
	if tl.CanWrite {
		add, err := v.url("task.new")
		if err != nil {
			return "", err
		}
		write(&b, `<a class="button small" id="add-task" href="`, escapeHTML(normalizeURL(filterURL(add))), `?`, escapeHTML(escapeURL(tl.Record.Entity)),
			`=`, escapeHTML(escapeURL(tl.Record.ID)), `&amp;return=`, escapeHTML(escapeURL(tl.Return)), `">`, t("tasks.add"), `</a>`)
	}
	b.WriteString("\n  </div>\n  ")
	if len(tasks) > 0 {
		rows, err := v.taskRowsHTML(lang, tasks)
		if err != nil {
			return "", err
		}
		write(&b, "\n<ul class=\"tasks\">", string(rows), "</ul>\n")
	} else {
		write(&b, `<p class="muted">`, t("tasks.none_open"), `</p>`)
	}
	b.WriteString("\n</section>\n")
	return template.HTML(b.String()), nil
}

// recordStampsHTML is the "recordStamps" template: who created and last
// changed a record, and when.
func (v *views) recordStampsHTML(lang string, loc *time.Location, stamp app.Stamp, team recordTeam) template.HTML {
	t := func(key string) string { return escapeHTML(v.catalog.T(lang, key)) }
	by := func(id string) string {
		if name := team.Name(id); name != "" {
			return ` · ` + escapeHTML(name)
		}
		return ""
	}
	var b strings.Builder
	write(&b, "\n<p class=\"record-stamps muted\">\n  ", t("record.created"), " ", escapeHTML(formatAny(v.catalog, lang, loc, stamp.CreatedAt)), by(stamp.CreatedBy),
		"<br>\n  ", t("record.updated"), " ", escapeHTML(formatAny(v.catalog, lang, loc, stamp.UpdatedAt)), by(stamp.UpdatedBy), "\n</p>\n")
	return template.HTML(b.String())
}
