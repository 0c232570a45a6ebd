package web

import (
	"fmt"
	"html"
	"net/url"
	"strings"

	"rolo/app"
)

// formInputView is one input of a public web form: a contact field or a
// custom field, with the control its type needs.
type formInputView struct {
	Name     string
	Label    string
	Help     string
	Kind     string // text, email, tel, url, number, date, textarea, checkbox, select, multi, consent
	Required bool
	Options  []string
}

// customKinds maps custom field types to form controls.
var customKinds = map[string]string{"text": "text", "long_text": "textarea", "number": "number", "money": "number",
	"date": "date", "bool": "checkbox", "select": "select", "multi_select": "multi", "url": "url", "email": "email", "phone": "tel"}

// formInputs lists the inputs of a web form in its order.
func (s *site) formInputs(f app.WebForm, lang string) []formInputView {
	var out []formInputView
	for _, name := range f.FieldList {
		cf, custom := f.Custom[name]
		if !custom {
			in := formInputView{Name: name, Label: s.catalog.T(lang, "forms.field."+name), Kind: "text"}
			switch name {
			case "email":
				in.Kind, in.Required = "email", true
			case "phone":
				in.Kind = "tel"
			case "message":
				in.Kind = "textarea"
			}
			out = append(out, in)
			continue
		}
		in := formInputView{Name: name, Label: cf.Label, Help: cf.Help, Kind: customKinds[cf.Type], Required: cf.Required}
		for _, o := range cf.Options {
			in.Options = append(in.Options, o.Label)
		}
		out = append(out, in)
	}
	familyNameFirst(lang, out)
	if f.ConsentText != "" { // last, just above the button, never ticked in advance
		out = append(out, formInputView{Name: app.FormConsentField, Label: f.ConsentText, Kind: "consent", Required: f.ConsentRequired})
	}
	return out
}

// submittedValues reads a submission's values by input name; the options
// of a multi select are joined with ";", as the custom-field rules read
// them.
func submittedValues(inputs []formInputView, form url.Values) map[string]string {
	values := map[string]string{app.FormHoneypot: form.Get(app.FormHoneypot)}
	for _, in := range inputs {
		if in.Kind == "multi" {
			values[in.Name] = strings.Join(form[in.Name], ";")
			continue
		}
		values[in.Name] = form.Get(in.Name)
	}
	return values
}

// formSnippet is the plain HTML form to paste into a site.
func formSnippet(inputs []formInputView, link, submit string) string {
	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, "<form method=\"post\" action=\"%s\">\n", esc(link))
	for _, in := range inputs {
		req := ""
		if in.Required {
			req = ` required="required"`
		}
		switch in.Kind {
		case "textarea":
			fmt.Fprintf(&b, "  <label>%s <textarea name=\"%s\"%s></textarea></label>\n", esc(in.Label), esc(in.Name), req)
		case "checkbox", "consent":
			fmt.Fprintf(&b, "  <label><input type=\"checkbox\" name=\"%s\" value=\"true\"%s> %s</label>\n", esc(in.Name), req, esc(in.Label))
		case "select", "multi":
			multiple := ""
			if in.Kind == "multi" {
				multiple = ` multiple="multiple"`
			}
			fmt.Fprintf(&b, "  <label>%s <select name=\"%s\"%s%s>\n", esc(in.Label), esc(in.Name), multiple, req)
			if in.Kind == "select" {
				b.WriteString("    <option value=\"\"></option>\n")
			}
			for _, o := range in.Options {
				fmt.Fprintf(&b, "    <option>%s</option>\n", esc(o))
			}
			b.WriteString("  </select></label>\n")
		default:
			step := ""
			if in.Kind == "number" {
				step = ` step="any"`
			}
			fmt.Fprintf(&b, "  <label>%s <input type=\"%s\" name=\"%s\"%s%s></label>\n", esc(in.Label), in.Kind, esc(in.Name), step, req)
		}
	}
	fmt.Fprintf(&b, "  <input type=\"text\" name=\"%s\" tabindex=\"-1\" autocomplete=\"off\" style=\"position:absolute;left:-9999px\" aria-hidden=\"true\">\n", app.FormHoneypot)
	fmt.Fprintf(&b, "  <button type=\"submit\">%s</button>\n</form>", esc(submit))
	return b.String()
}

// familyNameFirst puts the family name before the given name for readers
// of Korean, Japanese and Chinese, who write their names that way: shown
// given name first, they type the family name into the first box, and
// the contact and its deal's title come out backwards.
func familyNameFirst(lang string, inputs []formInputView) {
	if !familyFirstLanguage(lang) {
		return
	}
	first, last := -1, -1
	for i, in := range inputs {
		switch in.Name {
		case "first_name":
			first = i
		case "last_name":
			last = i
		}
	}
	if first >= 0 && last > first {
		inputs[first], inputs[last] = inputs[last], inputs[first]
	}
}

// familyFirstLanguage tells whether lang writes a person's family name
// before the given name.
func familyFirstLanguage(lang string) bool { return lang == "ko" || lang == "ja" || lang == "zh-Hans" }
