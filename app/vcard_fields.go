package app

import (
	"strings"

	"github.com/google/uuid"
)

// vcardUID is a card's UID as a record id: Rolo writes urn:uuid:ID; a
// UID that is not a UUID (some address books write their own keys) is
// no id.
func vcardUID(uid string) string {
	if len(uid) > 9 && strings.EqualFold(uid[:9], "urn:uuid:") {
		uid = uid[9:]
	}
	if u, err := uuid.Parse(uid); err == nil && len(uid) == 36 {
		return u.String()
	}
	return ""
}

// vcardURL reads a URL or an X-SOCIALPROFILE: the first URL is the
// website (Rolo writes only the website as URL); further URLs, and every
// X-SOCIALPROFILE, are social profiles with their label (TYPE or
// X-ABLabel).
func vcardURL(row map[string]string, p vcardProp, abLabel string) {
	value := vcardText(p.value)
	if value == "" {
		return
	}
	if p.name == "X-SOCIALPROFILE" { // its TYPE is the service, as written: linkedin, x, kakaotalk
		label := strings.ToLower(strings.TrimSpace(abLabel))
		for _, t := range p.types() {
			if label == "" && t != "pref" {
				label = t
			}
		}
		if user := p.param("X-USER"); user != "" && strings.HasPrefix(strings.ToLower(value), "x-apple:") {
			value = user // Apple's x-apple:handle for a profile without a web address
		}
		addVCardSocial(row, label, value)
		return
	}
	if row["website"] == "" {
		row["website"] = value
		return
	}
	addVCardSocial(row, vcardLabel(p, abLabel), value)
}

// addVCardSocial adds a profile to the social and social_label cells as
// Rolo's CSV writes them: " ::: " between them, "-" for no label.
func addVCardSocial(row map[string]string, label, value string) {
	if label == "" {
		label = "-"
	}
	if row["social"] != "" {
		value, label = row["social"]+" ::: "+value, row["social_label"]+" ::: "+label
	}
	row["social"], row["social_label"] = value, label
}

// vcardNoiseTypes are TYPE values that say how to reach a value, not
// which one it is: they are no label.
var vcardNoiseTypes = map[string]bool{"pref": true, "voice": true, "internet": true, "x400": true, "msg": true, "bbs": true,
	"modem": true, "car": true, "isdn": true, "pcs": true, "dom": true, "intl": true, "postal": true, "parcel": true, "uri": true}
