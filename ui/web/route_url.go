package web

import "strings"

// A record's page path is built for every link on a page (a timeline
// names each activity's other records), and mux builds it by matching
// regular expressions (a twentieth of the contact page's CPU). A route
// whose variables take mux's default pattern is built here by putting the
// values between the template's fixed parts, for values made only of
// characters a path never escapes; anything else goes to mux, so both
// always agree (TestRoutePathsAgreeWithMux).

// routeTemplate is a route's path template cut at its variables:
// fixed[0] vars[0] fixed[1] … fixed[len(vars)].
type routeTemplate struct {
	fixed []string
	vars  []string
}

// parseRouteTemplate cuts a mux path template; ok is false when a
// variable has its own pattern, which only mux checks.
func parseRouteTemplate(tpl string) (t routeTemplate, ok bool) {
	for {
		open := strings.IndexByte(tpl, '{')
		if open < 0 {
			t.fixed = append(t.fixed, tpl)
			return t, true
		}
		end := strings.IndexByte(tpl[open:], '}')
		if end < 0 {
			return t, false
		}
		name := tpl[open+1 : open+end]
		if name == "" || strings.ContainsAny(name, ":{") {
			return t, false
		}
		t.fixed, t.vars = append(t.fixed, tpl[:open]), append(t.vars, name)
		tpl = tpl[open+end+1:]
	}
}

// build fills the template from name/value pairs; ok is false when a
// pair is missing, extra or holds a value mux or the path escaper might
// treat otherwise.
func (t routeTemplate) build(pairs []string) (string, bool) {
	if len(pairs) != 2*len(t.vars) {
		return "", false
	}
	var b strings.Builder
	for i, name := range t.vars {
		value, found := "", false
		for j := 0; j < len(pairs); j += 2 {
			if pairs[j] == name {
				value, found = pairs[j+1], true
				break
			}
		}
		if !found || !plainPathValue(value) {
			return "", false
		}
		b.WriteString(t.fixed[i])
		b.WriteString(value)
	}
	b.WriteString(t.fixed[len(t.vars)])
	return b.String(), true
}

// plainPathValue: not empty, and only letters, digits and - . _ ~
// (RFC 3986's unreserved characters: never escaped, never a slash).
func plainPathValue(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
			return false
		}
	}
	return true
}
