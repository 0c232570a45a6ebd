package web

import (
	"testing"
	"time"

	"rolo/app"
)

// The layout's parts that layout_chrome.go replaced, as they were.
const oldLayoutChrome = `{{define "oldTopbar"}}<header class="topbar">
  <a class="brand" href="{{url "home"}}">Rolo</a>
  <input type="checkbox" id="nav-toggle" class="nav-toggle" aria-label="{{t "nav.menu"}}">
  <label for="nav-toggle" class="nav-toggle-label" aria-hidden="true">☰</label>
  <nav class="nav" aria-label="{{t "nav.main"}}">
    <a href="{{url "home"}}" id="nav-today"{{if eq .Path "/"}} aria-current="page"{{end}}>{{t "nav.today"}}{{with .TodayCount}} <span class="nav-count" aria-label="{{t "nav.today_count" ($.BadgeText .)}}">{{$.BadgeText .}}</span>{{end}}</a>
    <a href="{{url "tasks"}}"{{if and (ge (len .Path) 6) (eq (slice .Path 0 6) "/tasks")}} aria-current="page"{{end}}>{{t "nav.tasks"}}</a>
    <a href="{{url "contacts"}}"{{if and (ge (len .Path) 9) (eq (slice .Path 0 9) "/contacts")}} aria-current="page"{{end}}>{{t "nav.contacts"}}</a>
    <a href="{{url "companies"}}"{{if and (ge (len .Path) 10) (eq (slice .Path 0 10) "/companies")}} aria-current="page"{{end}}>{{t "nav.companies"}}</a>
    <a href="{{url "deals"}}"{{if or (and (ge (len .Path) 6) (eq (slice .Path 0 6) "/deals")) (and (ge (len .Path) 10) (eq (slice .Path 0 10) "/pipelines"))}} aria-current="page"{{end}}>{{t "nav.deals"}}</a>
    <a href="{{url "segments"}}" id="nav-segments"{{if eq .Path "/segments"}} aria-current="page"{{end}}>{{t "nav.segments"}}</a>
    {{if canDo .User "imports" "create"}}<a href="{{url "imports"}}" id="nav-import"{{if and (ge (len .Path) 8) (eq (slice .Path 0 8) "/imports")}} aria-current="page"{{end}}>{{t "daily.nav_import"}}</a>{{end}}
    <a href="{{url "dashboard"}}" id="nav-reports"{{if or (eq .Path "/dashboard") (and (ge (len .Path) 8) (eq (slice .Path 0 8) "/reports")) (and (ge (len .Path) 6) (eq (slice .Path 0 6) "/goals"))}} aria-current="page"{{end}}>{{t "nav.reports"}}</a>
    <a href="{{url "settings"}}"{{if eq .Path "/settings"}} aria-current="page"{{end}}>{{t "nav.settings"}}</a>
    {{if .User.IsAdmin}}<a href="{{url "users"}}"{{if eq .Path "/settings/users"}} aria-current="page"{{end}}>{{t "nav.users"}}</a>{{end}}
    <form method="get" action="{{url "search"}}" class="nav-search" role="search">
      <input name="q" type="search" placeholder="{{t "nav.search"}}" aria-label="{{t "search.label"}}" accesskey="/">
    </form>
    <span class="nav-spacer"></span>
    <a href="{{url "notifications"}}" class="nav-bell" id="nav-bell" aria-label="{{t "notifications.bell" (.BadgeText .Unread)}}"{{if eq .Path "/notifications"}} aria-current="page"{{end}}><svg class="bell-icon" aria-hidden="true" viewBox="0 0 24 24" width="18" height="18"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/></svg>{{with .Unread}} <span class="nav-count">{{$.BadgeText .}}</span>{{end}}</a>
    <a href="{{url "profile"}}" class="nav-user"{{if eq .Path "/profile"}} aria-current="page"{{end}}>{{.User.Name}}</a>
    <form method="post" action="{{url "logout"}}" class="inline">
      <button type="submit" class="link" id="logout">{{t "nav.logout"}}</button>
    </form>
  </nav>
</header>{{end}}
{{define "oldDueBanner"}}<div class="due-banner" id="due-banner" role="status" hidden data-title="{{t "notify.title"}}" data-open="{{t "notify.open"}}" data-due="{{t "remind.due_at"}}" data-dismiss="{{t "remind.dismiss"}}" data-zone="{{.User.TimeZone}}" data-feed="{{url "api.reminders.due"}}"></div>{{end}}
{{define "oldHeadLinks"}}<link rel="stylesheet" href="{{asset "app.css"}}">
<link rel="stylesheet" href="{{asset "tasks.css"}}">
<link rel="stylesheet" href="{{asset "daily_use.css"}}">
<link rel="icon" href="{{asset "icon.svg"}}" type="image/svg+xml">{{end}}
{{define "oldHeadScripts"}}<script src="{{asset "app.js"}}" defer></script>
<script src="{{asset "zone.js"}}" defer></script>
<script src="{{asset "daily_use.js"}}" defer></script>
{{if .User}}<script src="{{asset "notify.js"}}" defer></script>{{end}}
{{if .User}}<script src="{{asset "palette.js"}}" defer></script>{{end}}
{{if .User}}<link rel="stylesheet" href="{{asset "email.css"}}"><script src="{{asset "email.js"}}" defer></script>{{end}}{{end}}
{{define "palette"}}
<div id="palette" class="palette" hidden data-search-url="/api/v1/search" data-empty="{{t "palette.empty"}}">
  <div class="palette-box" role="dialog" aria-modal="true" aria-label="{{t "palette.label"}}">
    <input type="text" class="palette-input" placeholder="{{t "palette.placeholder"}}" aria-label="{{t "palette.label"}}" autocomplete="off" role="combobox" aria-expanded="true" aria-controls="palette-list">
    <ul class="palette-list" id="palette-list" role="listbox"></ul>
    <p class="palette-foot muted">{{t "palette.foot"}}</p>
  </div>
  <ul class="palette-actions" hidden>
    <li data-href="{{url "home"}}">{{t "palette.go_home"}}</li>
    {{if canWrite .User}}
    <li data-href="{{url "contact.new"}}">{{t "palette.new_contact"}}</li>
    <li data-href="{{url "company.new"}}">{{t "palette.new_company"}}</li>
    {{end}}
    <li data-href="{{url "contacts"}}">{{t "palette.go_contacts"}}</li>
    <li data-href="{{url "companies"}}">{{t "palette.go_companies"}}</li>
    <li data-href="{{url "search"}}">{{t "palette.go_search"}}</li>
    <li data-href="{{url "trash"}}">{{t "palette.go_trash"}}</li>
    <li data-href="{{url "settings"}}">{{t "palette.go_settings"}}</li>
    <li data-href="{{url "profile"}}">{{t "palette.go_profile"}}</li>
  </ul>
</div>
<div id="shortcuts" class="palette" hidden>
  <div class="palette-box" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
    <h2 id="shortcuts-title">{{t "shortcuts.title"}}</h2>
    <dl class="shortcuts">
      <dt><kbd>Ctrl</kbd> / <kbd>⌘</kbd> + <kbd>K</kbd></dt><dd>{{t "shortcuts.palette"}}</dd>
      <dt><kbd>/</kbd></dt><dd>{{t "shortcuts.search"}}</dd>
      <dt><kbd>?</kbd></dt><dd>{{t "shortcuts.help"}}</dd>
      <dt><kbd>↑</kbd> <kbd>↓</kbd> <kbd>Enter</kbd></dt><dd>{{t "shortcuts.choose"}}</dd>
      <dt><kbd>Esc</kbd></dt><dd>{{t "shortcuts.close"}}</dd>
    </dl>
  </div>
</div>
{{end}}`

func TestLayoutChromeWritesWhatTheTemplateWrote(t *testing.T) {
	t.Parallel()
	v := testViews(t)
	admin := &app.User{ID: "u1", Name: "Ann Admin", Role: app.RoleAdmin}
	admin.TimeZone = "Asia/Seoul"
	sales := &app.User{ID: "u2", Name: nasty, Role: app.RoleSales}
	sales.TimeZone = nasty
	viewer := &app.User{ID: "u3", Name: "Vic", Role: app.RoleViewer}
	paths := []string{"/", "", "/tasks", "/tasks/x", "/contacts", "/contacts/1", "/companies", "/companies/1", "/deals", "/deals/board",
		"/pipelines", "/pipelines/1", "/segments", "/segments/1", "/imports", "/imports/x", "/dashboard", "/reports/funnel", "/goals", "/settings",
		"/settings/users", "/settings/fields", "/notifications", "/profile", "/search", "/t", "/con", "/tasksx"}
	counts := [][2]int{{0, 0}, {3, 1}, {app.BadgeMost + 1, 250}, {-1, 0}}
	for _, lang := range []string{"en", "ja"} {
		set := oldTemplate(t, v, lang, time.UTC, oldLayoutChrome)
		for _, user := range []*app.User{admin, sales, viewer} {
			for i, path := range paths {
				c := counts[i%len(counts)]
				page := contactPage{Base: Base{Lang: lang, User: user, Path: path, TodayCount: c[0], Unread: c[1]}}
				got, err := v.topbarHTML(lang, page)
				if err != nil {
					t.Fatal(err)
				}
				sameAsTemplate(t, set, "oldTopbar", page, got)
			}
			page := errorPage{Base: Base{Lang: lang, User: user}}
			got, err := v.dueBannerHTML(lang, user)
			if err != nil {
				t.Fatal(err)
			}
			sameAsTemplate(t, set, "oldDueBanner", page, got)
			if got, err = v.paletteHTML(lang, user); err != nil {
				t.Fatal(err)
			}
			sameAsTemplate(t, set, "palette", page, got)
			sameAsTemplate(t, set, "oldHeadScripts", page, v.headScripts(user))
		}
		sameAsTemplate(t, set, "oldHeadScripts", errorPage{}, v.headScripts(nil))
		sameAsTemplate(t, set, "oldHeadLinks", errorPage{}, v.headLinks())
	}
}
