package web

import (
	"html/template"
	"strings"

	"rolo/app"
)

// The layout's chrome — the top bar, the reminders banner and the command
// palette — is on every page a signed-in user sees. As template actions it
// was some sixty escaper calls through reflection and 1,400 allocations a
// page, a sixth of a contact page's and a fifth of the contact list's
// under load (issue 18), so it is written here, with the template's markup
// and escaping (see contact_rows.go): text and attributes as its
// htmlEscaper, links as its urlFilter and urlNormalizer.

// pageBase is what every page's data has: the layout's Base, embedded.
type pageBase interface{ layoutBase() Base }

func (b Base) layoutBase() Base { return b }

// baseOf is the Base of a page's data.
func baseOf(data any) (Base, bool) {
	p, ok := data.(pageBase)
	if !ok {
		return Base{}, false
	}
	return p.layoutBase(), true
}

// topbarHTML is the top bar of a signed-in user's page: the navigation
// with the current section marked, the badges, search and sign-out.
func (v *views) topbarHTML(lang string, data any) (template.HTML, error) {
	b, ok := baseOf(data)
	if !ok || b.User == nil {
		return "", nil
	}
	t := func(key string, args ...any) string { return escapeHTML(v.catalog.T(lang, key, args...)) }
	var err error
	href := func(name string) string {
		u, e := v.url(name)
		if e != nil && err == nil {
			err = e
		}
		return escapeHTML(normalizeURL(filterURL(u)))
	}
	current := func(yes bool) string {
		if yes {
			return ` aria-current="page"`
		}
		return ""
	}
	path := b.Path
	under := func(prefix string) bool { return strings.HasPrefix(path, prefix) }
	var s strings.Builder
	s.Grow(4096)
	write(&s, "<header class=\"topbar\">\n  <a class=\"brand\" href=\"", href("home"), "\">Rolo</a>\n",
		"  <input type=\"checkbox\" id=\"nav-toggle\" class=\"nav-toggle\" aria-label=\"", t("nav.menu"), "\">\n",
		"  <label for=\"nav-toggle\" class=\"nav-toggle-label\" aria-hidden=\"true\">☰</label>\n",
		"  <nav class=\"nav\" aria-label=\"", t("nav.main"), "\">\n",
		"    <a href=\"", href("home"), `" id="nav-today"`, current(path == "/"), ">", t("nav.today"))
	if b.TodayCount != 0 {
		badge := b.BadgeText(b.TodayCount)
		write(&s, ` <span class="nav-count" aria-label="`, t("nav.today_count", badge), `">`, escapeHTML(badge), `</span>`)
	}
	write(&s, "</a>\n",
		"    <a href=\"", href("tasks"), `"`, current(under("/tasks")), ">", t("nav.tasks"), "</a>\n",
		"    <a href=\"", href("contacts"), `"`, current(under("/contacts")), ">", t("nav.contacts"), "</a>\n",
		"    <a href=\"", href("companies"), `"`, current(under("/companies")), ">", t("nav.companies"), "</a>\n",
		"    <a href=\"", href("deals"), `"`, current(under("/deals") || under("/pipelines")), ">", t("nav.deals"), "</a>\n",
		"    <a href=\"", href("segments"), `" id="nav-segments"`, current(path == "/segments"), ">", t("nav.segments"), "</a>\n    ")
	if level, ok := app.ParseLevel("create"); ok && app.CanDo(b.User, app.Area("imports"), level) {
		write(&s, `<a href="`, href("imports"), `" id="nav-import"`, current(under("/imports")), ">", t("daily.nav_import"), "</a>")
	}
	write(&s, "\n    <a href=\"", href("dashboard"), `" id="nav-reports"`, current(path == "/dashboard" || under("/reports") || under("/goals")), ">",
		t("nav.reports"), "</a>\n",
		"    <a href=\"", href("settings"), `"`, current(path == "/settings"), ">", t("nav.settings"), "</a>\n    ")
	if b.User.IsAdmin() {
		write(&s, `<a href="`, href("users"), `"`, current(path == "/settings/users"), ">", t("nav.users"), "</a>")
	}
	write(&s, "\n    <form method=\"get\" action=\"", href("search"), "\" class=\"nav-search\" role=\"search\">\n",
		"      <input name=\"q\" type=\"search\" placeholder=\"", t("nav.search"), "\" aria-label=\"", t("search.label"), "\" accesskey=\"/\">\n",
		"    </form>\n    <span class=\"nav-spacer\"></span>\n",
		"    <a href=\"", href("notifications"), `" class="nav-bell" id="nav-bell" aria-label="`, t("notifications.bell", b.BadgeText(b.Unread)), `"`,
		current(path == "/notifications"), `><svg class="bell-icon" aria-hidden="true" viewBox="0 0 24 24" width="18" height="18"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/></svg>`)
	if b.Unread != 0 {
		write(&s, ` <span class="nav-count">`, escapeHTML(b.BadgeText(b.Unread)), `</span>`)
	}
	write(&s, "</a>\n",
		"    <a href=\"", href("profile"), `" class="nav-user"`, current(path == "/profile"), ">", escapeHTML(b.User.Name), "</a>\n",
		"    <form method=\"post\" action=\"", href("logout"), "\" class=\"inline\">\n",
		"      <button type=\"submit\" class=\"link\" id=\"logout\">", t("nav.logout"), "</button>\n",
		"    </form>\n  </nav>\n</header>")
	return template.HTML(s.String()), err
}

// dueBannerHTML is where notify.js shows reminders that fall due while a
// page is open.
func (v *views) dueBannerHTML(lang string, user *app.User) (template.HTML, error) {
	if user == nil {
		return "", nil
	}
	feed, err := v.url("api.reminders.due")
	if err != nil {
		return "", err
	}
	t := func(key string) string { return escapeHTML(v.catalog.T(lang, key)) }
	return template.HTML(`<div class="due-banner" id="due-banner" role="status" hidden data-title="` + t("notify.title") +
		`" data-open="` + t("notify.open") + `" data-due="` + t("remind.due_at") + `" data-dismiss="` + t("remind.dismiss") +
		`" data-zone="` + escapeHTML(user.TimeZone) + `" data-feed="` + escapeHTML(feed) + `"></div>`), nil
}

// paletteHTML holds what palette.js needs, in the reader's language: the
// command palette's actions and the shortcut list, hidden without JS. It
// depends only on the language and whether the reader may create records.
func (v *views) paletteHTML(lang string, user *app.User) (template.HTML, error) {
	if user == nil {
		return "", nil
	}
	canWrite := app.CanWriteRecords(user)
	key := paletteKey{lang, canWrite}
	if p, ok := v.palettes.Load(key); ok && !v.dev {
		return p.(template.HTML), nil
	}
	t := func(key string) string { return escapeHTML(v.catalog.T(lang, key)) }
	var err error
	action := func(route, label string) string {
		u, e := v.url(route)
		if e != nil && err == nil {
			err = e
		}
		return "    <li data-href=\"" + escapeHTML(normalizeURL(filterURL(u))) + "\">" + t(label) + "</li>\n"
	}
	var s strings.Builder
	write(&s, "\n<div id=\"palette\" class=\"palette\" hidden data-search-url=\"/api/v1/search\" data-empty=\"", t("palette.empty"), "\">\n",
		"  <div class=\"palette-box\" role=\"dialog\" aria-modal=\"true\" aria-label=\"", t("palette.label"), "\">\n",
		"    <input type=\"text\" class=\"palette-input\" placeholder=\"", t("palette.placeholder"), "\" aria-label=\"", t("palette.label"),
		"\" autocomplete=\"off\" role=\"combobox\" aria-expanded=\"true\" aria-controls=\"palette-list\">\n",
		"    <ul class=\"palette-list\" id=\"palette-list\" role=\"listbox\"></ul>\n",
		"    <p class=\"palette-foot muted\">", t("palette.foot"), "</p>\n  </div>\n  <ul class=\"palette-actions\" hidden>\n",
		action("home", "palette.go_home"), "    ")
	if canWrite {
		write(&s, "\n", action("contact.new", "palette.new_contact"), action("company.new", "palette.new_company"), "    ")
	}
	write(&s, "\n", action("contacts", "palette.go_contacts"), action("companies", "palette.go_companies"), action("search", "palette.go_search"),
		action("trash", "palette.go_trash"), action("settings", "palette.go_settings"), action("profile", "palette.go_profile"),
		"  </ul>\n</div>\n<div id=\"shortcuts\" class=\"palette\" hidden>\n",
		"  <div class=\"palette-box\" role=\"dialog\" aria-modal=\"true\" aria-labelledby=\"shortcuts-title\">\n",
		"    <h2 id=\"shortcuts-title\">", t("shortcuts.title"), "</h2>\n    <dl class=\"shortcuts\">\n",
		"      <dt><kbd>Ctrl</kbd> / <kbd>⌘</kbd> + <kbd>K</kbd></dt><dd>", t("shortcuts.palette"), "</dd>\n",
		"      <dt><kbd>/</kbd></dt><dd>", t("shortcuts.search"), "</dd>\n",
		"      <dt><kbd>?</kbd></dt><dd>", t("shortcuts.help"), "</dd>\n",
		"      <dt><kbd>↑</kbd> <kbd>↓</kbd> <kbd>Enter</kbd></dt><dd>", t("shortcuts.choose"), "</dd>\n",
		"      <dt><kbd>Esc</kbd></dt><dd>", t("shortcuts.close"), "</dd>\n    </dl>\n  </div>\n</div>\n")
	if err != nil {
		return "", err
	}
	p := template.HTML(s.String())
	v.palettes.Store(key, p)
	return p, nil
}

// paletteKey names one of the palette's versions.
type paletteKey struct {
	lang     string
	canWrite bool
}

// headLinks are the style sheets and icon every page links in its head.
func (v *views) headLinks() template.HTML {
	return template.HTML(`<link rel="stylesheet" href="` + v.assetHref("app.css") + "\">\n" +
		`<link rel="stylesheet" href="` + v.assetHref("tasks.css") + "\">\n" +
		`<link rel="stylesheet" href="` + v.assetHref("daily_use.css") + "\">\n" +
		`<link rel="icon" href="` + v.assetHref("icon.svg") + `" type="image/svg+xml">`)
}

// headScripts are the scripts every page loads, and those of a signed-in
// user's pages (reminders, the palette, email).
func (v *views) headScripts(user *app.User) template.HTML {
	s := `<script src="` + v.assetHref("app.js") + "\" defer></script>\n" +
		`<script src="` + v.assetHref("zone.js") + "\" defer></script>\n" +
		`<script src="` + v.assetHref("daily_use.js") + "\" defer></script>\n"
	if user != nil {
		s += `<script src="` + v.assetHref("notify.js") + "\" defer></script>\n" +
			`<script src="` + v.assetHref("palette.js") + "\" defer></script>\n" +
			`<link rel="stylesheet" href="` + v.assetHref("email.css") + `"><script src="` + v.assetHref("email.js") + `" defer></script>`
	} else {
		s += "\n\n" // where the template's three conditional lines were
	}
	return template.HTML(s)
}

// assetHref is a static file's address as a link's attribute.
func (v *views) assetHref(name string) string {
	return escapeHTML(normalizeURL(filterURL(v.assets.URL(name))))
}
