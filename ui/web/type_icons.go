package web

import "html/template"

// typeIcons draws the built-in activity types' icons as SVG. Their emoji
// (📞 📝 ✉️ 🤝) need a colour emoji font, which many Linux desktops and
// servers lack: the call icon showed as a missing-glyph box. An icon an
// admin typed is shown as typed.
var typeIcons = map[string]string{
	"📞":  `<path d="M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1.9.4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2z"/>`,
	"📝":  `<path d="M12 20h9"/><path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z"/>`,
	"✉️": `<rect x="2" y="4" width="20" height="16" rx="2"/><path d="m22 6-10 7L2 6"/>`,
	"✉":  `<rect x="2" y="4" width="20" height="16" rx="2"/><path d="m22 6-10 7L2 6"/>`,
	"🤝":  `<path d="M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2"/><circle cx="9" cy="7" r="4"/><path d="M23 21v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8"/>`,
}

// typeIcon is the SVG of a built-in icon, or "" to show the icon as text.
func typeIcon(icon string) template.HTML {
	paths, ok := typeIcons[icon]
	if !ok {
		return ""
	}
	return template.HTML(`<svg class="type-glyph" viewBox="0 0 24 24" width="14" height="14" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" focusable="false">` + paths + `</svg>`)
}
