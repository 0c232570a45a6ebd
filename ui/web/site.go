package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"rolo/app"
	"rolo/ui/i18n"
	"rolo/ui/request"
)

// site is what the HTML handlers share: the app, the views and the
// server's settings.
type site struct {
	app     *app.App
	views   *views
	catalog *i18n.Catalog
	cfg     Config
}

// Base is the part of every page's data that the layout reads.
type Base struct {
	Lang    string
	User    *app.User
	Title   string // catalog key
	Flash   string // catalog key
	Path    string
	Version string
	// TodayCount is the user's overdue and due-today tasks, shown beside
	// "Today" in the navigation; counted up to app.BadgeMost and one more.
	TodayCount int
	// Unread is the user's unread notifications, on the bell in the top bar.
	Unread int
}

// BadgeText is a badge's number as the bar shows it: "99+" past what the
// count reads exactly.
func (b Base) BadgeText(n int) string {
	if n > app.BadgeMost {
		return strconv.Itoa(app.BadgeMost) + "+"
	}
	return strconv.Itoa(n)
}

// base gathers the layout's data for a page titled by the catalog key title,
// consuming any flash message.
func (s *site) base(w http.ResponseWriter, r *http.Request, title string) Base {
	user := request.CurrentUser(r)
	b := Base{
		Lang:    s.catalog.Language(r, user),
		User:    user,
		Title:   title,
		Flash:   takeFlash(w, r, s.catalog),
		Path:    r.URL.Path,
		Version: s.cfg.Version,
	}
	// The badges are one cheap read, and only for a page that is shown: a
	// POST usually answers with a redirect, and the page it leads to
	// counts them (a form shown again with its errors goes without).
	if user != nil && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		badges, _ := s.app.Badges(r.Context(), user) // a missing badge is no reason to fail the page
		b.TodayCount, b.Unread = badges.Today, badges.Unread
	}
	return b
}

func formatAny(c *i18n.Catalog, lang string, loc *time.Location, v any) string {
	switch t := v.(type) {
	case time.Time:
		return c.FormatTimeIn(lang, t, loc)
	case *time.Time:
		if t == nil {
			return c.FormatTimeIn(lang, time.Time{}, loc)
		}
		return c.FormatTimeIn(lang, *t, loc)
	}
	return ""
}

// formatBytes shows a file size the way file managers do (1 KB = 1024 bytes).
func formatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "KMGTPE"[exp])
}

// Config is what the server needs to know about how it was started.
type Config struct {
	// DBPath is shown on the settings page: copying it is the backup.
	DBPath string
	// Addr is the address serve listens on, shown on the settings page.
	Addr string
	// AllowedHosts are the Host header names accepted (DNS-rebinding guard).
	AllowedHosts []string
	Version      string
	// Dev reads templates and static files from ./embed on disk, so edits
	// show without a rebuild.
	Dev bool
}
