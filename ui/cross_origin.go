package ui

import "net/http"

// crossOriginCheck refuses cross-origin writes, except the public web-form
// post, which other sites must be able to make and which checks the
// form's own list of allowed origins (web_form_public.go). The refusal is
// said in the reader's language: a problem for the API, a line of text
// for a page (no session is known yet at this point of the chain).
func crossOriginCheck(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.AddInsecureBypassPattern("POST /f/{id}")
	cop.SetDenyHandler(http.HandlerFunc(refuseCrossOrigin))
	return cop.Handler(next)
}

func refuseCrossOrigin(w http.ResponseWriter, r *http.Request) {
	refuse(w, r, http.StatusForbidden, "forbidden", "error.cross_origin")
}
