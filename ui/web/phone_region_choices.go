package web

import (
	"slices"

	"rolo/app"
)

// phoneRegionChoice is one option of a phone region select.
type phoneRegionChoice struct {
	Code, Name string
	Selected   bool
}

// phoneRegionName is a region's name in lang, or its code for a region
// the catalog does not name (any code the phone library knows may be
// stored through the settings field or the API).
func (s *site) phoneRegionName(lang, code string) string {
	if slices.Contains(phoneRegions, code) {
		return s.catalog.T(lang, "phone_region."+code)
	}
	return code
}

// phoneRegionChoices are the named regions, with selected chosen; a
// selected region outside the list is added first, so it is never lost.
func (s *site) phoneRegionChoices(lang, selected string) []phoneRegionChoice {
	var out []phoneRegionChoice
	if selected != "" && !slices.Contains(phoneRegions, selected) && app.ValidRegion(selected) {
		out = append(out, phoneRegionChoice{Code: selected, Name: selected, Selected: true})
	}
	for _, code := range phoneRegions {
		out = append(out, phoneRegionChoice{Code: code, Name: s.phoneRegionName(lang, code), Selected: code == selected})
	}
	return out
}
