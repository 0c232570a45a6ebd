package web

import (
	"html/template"
	"strings"
)

// activityLogFormHTML is the quick log form above a record's timeline
// (the "activityLogForm" template) for those who may log: type, time,
// duration, outcome, notes, the company to log on too and a follow-up.
// Written in Go like the timeline's entries (issue 18), with the
// template's markup and escaping (see contact_rows.go).
func (v *views) activityLogFormHTML(lang string, tl recordTimeline) (template.HTML, error) {
	t := func(key string, args ...any) string { return escapeHTML(v.catalog.T(lang, key, args...)) }
	create, err := v.url("activity.create")
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(4096)
	write(&b, "<details class=\"log-activity\" id=\"log-activity\">\n  <summary class=\"button primary\">", t("activities.log"),
		"</summary>\n  <form method=\"post\" action=\"", escapeHTML(normalizeURL(filterURL(create))), "\" class=\"form log-form\">\n",
		"    <input type=\"hidden\" name=\"return\" value=\"", escapeHTML(tl.Return), "\">\n",
		"    <input type=\"hidden\" name=\"links\" value=\"", escapeHTML(tl.Record.Entity), ":", escapeHTML(tl.Record.ID), "\">\n",
		"    <fieldset class=\"type-choice\">\n      <legend>", t("activities.field.type"), "</legend>\n      ", string(typeOptionsHTML(tl.Types)),
		"\n    </fieldset>\n    <div class=\"form-cols\">\n      <div>\n        <label for=\"log-occurred\">", t("activities.field.when"), "</label>\n",
		"        <input id=\"log-occurred\" name=\"occurred_at\" type=\"datetime-local\" value=\"", escapeHTML(tl.Now), "\" required>\n      </div>\n      <div>\n",
		"        <label for=\"log-duration\">", t("activities.field.duration"), "</label>\n",
		"        <input id=\"log-duration\" name=\"duration_minutes\" type=\"number\" min=\"0\" max=\"10080\" inputmode=\"numeric\">\n",
		"        <p class=\"help\">", t("activities.duration_help"), "</p>\n      </div>\n    </div>\n",
		"    <label for=\"log-outcome\">", t("activities.field.outcome"), "</label>\n",
		"    <input id=\"log-outcome\" name=\"outcome\" maxlength=\"300\" placeholder=\"", t("activities.outcome_placeholder"), "\">\n",
		"    <label for=\"log-notes\">", t("activities.field.notes"), "</label>\n    <textarea id=\"log-notes\" name=\"notes\" rows=\"3\"></textarea>\n    ")
	if also := tl.Also; also != nil {
		write(&b, `<label class="check-label"><input type="checkbox" name="links" value="`, escapeHTML(also.Value()), `" checked> `,
			t("activities.also_on", also.Name), `</label>`)
	}
	write(&b, "\n    <label class=\"check-label\"><input type=\"checkbox\" name=\"follow_up\" value=\"1\" id=\"log-follow-up\"> ", t("activities.follow_up"),
		"</label>\n    <button type=\"submit\" class=\"primary\" id=\"log-save\">", t("activities.save"), "</button>\n  </form>\n</details>")
	return template.HTML(b.String()), nil
}
