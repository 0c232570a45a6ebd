package web

import "rolo/app"

// A number that cannot be read in the typist's phone region is saved as
// typed, not refused: the message after saving says so instead of the
// plain "saved", and the record's page marks the number (phone-unread).

// unreadFlash is the catalog key of that message.
const unreadFlash = "phones.saved_unread"

// contactSavedFlash is the message after saving c: key, or the warning
// when one of its numbers could not be read.
func contactSavedFlash(key string, c app.Contact) string {
	for _, p := range c.Phones {
		if p.E164 == "" {
			return unreadFlash
		}
	}
	return key
}

// companySavedFlash is contactSavedFlash for a company's one number.
func companySavedFlash(key string, c app.Company) string {
	if c.Phone.Value != "" && c.Phone.E164 == "" {
		return unreadFlash
	}
	return key
}
