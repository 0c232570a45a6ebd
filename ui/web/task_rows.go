package web

import (
	"html/template"
	"strings"
)

// taskRowsHTML writes the rows of a task list (the "taskList" template):
// the Today page, the task list and the open tasks of record pages. As a
// template each row was some forty actions, each an escaper or two called
// through reflection: seven open tasks were a quarter of a contact page's
// allocations under load (issue 18). The markup and escaping are the
// template's, as in contact_rows.go: text and attributes as its
// htmlEscaper, links as its urlFilter and urlNormalizer.
func (v *views) taskRowsHTML(lang string, rows []taskRow) (template.HTML, error) {
	if len(rows) == 0 {
		return "", nil
	}
	t := func(key string, args ...any) string { return escapeHTML(v.catalog.T(lang, key, args...)) }
	var paths [4][2]string // complete, reopen, show, snooze: before and after the id
	for i, name := range []string{"task.complete", "task.reopen", "task.show", "task.snooze"} {
		p, err := v.routeAroundID(name)
		if err != nil {
			return "", err
		}
		paths[i] = p
	}
	path := func(i int, id string) string {
		return escapeHTML(normalizeURL(filterURL(paths[i][0] + id + paths[i][1])))
	}
	var b strings.Builder
	b.Grow(len(rows) * 2500)
	for _, r := range rows {
		task := r.Task
		id, done := task.ID, task.Done()
		back := escapeHTML(r.Return)
		b.WriteString("\n<li class=\"task")
		if r.Late {
			b.WriteString(" task-late")
		}
		if done {
			b.WriteString(" task-done")
		}
		write(&b, " priority-", escapeHTML(task.Priority), `" id="task-`, escapeHTML(id), "\">\n  ")
		if r.CanWrite {
			action, check, label := path(0, id), "", t("tasks.complete")
			if done {
				action, check, label = path(1, id), " checked", t("tasks.reopen")
			}
			write(&b, "\n  <form method=\"post\" action=\"", action, "\" class=\"task-check\">\n    <input type=\"hidden\" name=\"return\" value=\"",
				back, "\">\n    <button type=\"submit\" class=\"check", check, `" title="`, label, "\">\n      <span class=\"visually-hidden\">",
				label, `: `, escapeHTML(task.Title), "</span>\n    </button>\n  </form>\n  ")
		}
		write(&b, "\n  <div class=\"task-body\">\n    <a href=\"", path(2, id), `" class="task-title">`, escapeHTML(task.Title), "</a>\n    ")
		if task.Priority == "high" {
			write(&b, `<span class="badge badge-high">`, t("priority.high"), `</span>`)
		}
		b.WriteString("\n    ")
		if task.Recurrence != "" {
			write(&b, `<span class="repeat" title="`, escapeHTML(task.Recurrence), `" aria-label="`, t("tasks.repeats"), `">↻</span>`)
		}
		b.WriteString("\n    <p class=\"task-meta\">\n      ")
		if r.Due != "" {
			write(&b, `<span class="task-due">`, escapeHTML(r.Due), `</span>`)
		} else {
			write(&b, `<span class="muted">`, t("tasks.no_due"), `</span>`)
		}
		b.WriteString("\n      ")
		if r.Snoozed != "" {
			write(&b, `<span class="task-snoozed">`, t("tasks.snoozed_until", r.Snoozed), `</span>`)
		}
		b.WriteString("\n      ")
		if r.Assignee != "" {
			write(&b, `<span class="muted">`, escapeHTML(r.Assignee), `</span>`)
		}
		b.WriteString("\n      ")
		if len(r.Links) > 0 {
			b.WriteString(v.linkChipsHTML(lang, r.Links))
		}
		b.WriteString("\n    </p>\n  </div>\n  ")
		if r.CanWrite && !done {
			b.WriteString("\n  <div class=\"task-actions\">\n    ")
			if r.LogURL != "" {
				write(&b, `<a class="button small" href="`, escapeHTML(normalizeURL(filterURL(r.LogURL))), `&amp;return=`,
					escapeHTML(normalizeURL(r.Return)), `">`, t("tasks.log"), `</a>`)
			}
			write(&b, "\n    <details class=\"snooze\">\n      <summary class=\"button small\">", t("tasks.snooze"),
				"</summary>\n      <form method=\"post\" action=\"", path(3, id), "\" class=\"snooze-menu\">\n        <input type=\"hidden\" name=\"return\" value=\"",
				back, "\">\n        <button type=\"submit\" name=\"option\" value=\"later\" class=\"small\">", t("snooze.later"),
				"</button>\n        <button type=\"submit\" name=\"option\" value=\"tomorrow\" class=\"small\">", t("snooze.tomorrow"),
				"</button>\n        <button type=\"submit\" name=\"option\" value=\"next_week\" class=\"small\">", t("snooze.next_week"),
				"</button>\n        <span class=\"snooze-date\">\n          <input type=\"date\" name=\"date\" aria-label=\"", t("snooze.date"),
				"\">\n          <button type=\"submit\" name=\"option\" value=\"date\" class=\"small\">", t("snooze.on_date"),
				"</button>\n        </span>\n      </form>\n    </details>\n  </div>\n  ")
		}
		b.WriteString("\n</li>\n")
	}
	return template.HTML(b.String()), nil
}

// routeAroundID splits the path of a route with one {id} into what comes
// before and after the id, built once rather than per row: building a
// route's path walks its regexps.
func (v *views) routeAroundID(name string) ([2]string, error) {
	if p, ok := v.idRoutes.Load(name); ok {
		return p.([2]string), nil
	}
	const marker = "0"
	u, err := v.url(name, "id", marker)
	if err != nil {
		return [2]string{}, err
	}
	i := strings.Index(u, "/"+marker)
	if i < 0 {
		return [2]string{u, ""}, nil
	}
	p := [2]string{u[:i+1], u[i+1+len(marker):]}
	v.idRoutes.Store(name, p)
	return p, nil
}
