package web

import (
	"net/http"

	"rolo/ui/i18n"
)

const flashCookie = "rolo_flash"

// setFlash shows the message with catalog key key on the next page. Only
// catalog keys travel in the cookie, so a forged cookie can show nothing
// but one of our own messages.
func setFlash(w http.ResponseWriter, key string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: key, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: 60})
}

func takeFlash(w http.ResponseWriter, r *http.Request, c *i18n.Catalog) string {
	cookie, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1})
	if _, known := c.Keys("en")[cookie.Value]; !known {
		return ""
	}
	return cookie.Value
}

// redirect answers a form post with 303 See Other, so a reload does not
// post again.
func redirect(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}
