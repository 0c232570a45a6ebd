package web

// ContentSecurityPolicy allows only the app's own scripts and styles: no
// inline script, so an escaped-but-missed value still cannot run.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
