package ui

import "net/http"

// crossOriginCheck refuses cross-origin writes, except the public web-form
// post, which other sites must be able to make and which checks the
// form's own list of allowed origins (web_form_public.go).
func crossOriginCheck(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.AddInsecureBypassPattern("POST /f/{id}")
	return cop.Handler(next)
}
