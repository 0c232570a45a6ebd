package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"rolo/app"
	"rolo/ui/request"
)

// customForm is a record form's custom values as typed: field key → the
// form's values (several for a multi select), plus which keys had a
// checkbox group, so that none ticked still means "cleared".
type customForm struct {
	Values map[string][]string
	Kinds  map[string]string // key → "bool" or "multi"
}

// readCustomForm reads the cf.<key> inputs of a record form.
func readCustomForm(form url.Values) customForm {
	cf := customForm{Values: map[string][]string{}, Kinds: map[string]string{}}
	for name, vs := range form {
		key, ok := strings.CutPrefix(name, "cf.")
		if !ok {
			continue
		}
		if k, marker := strings.CutSuffix(key, "._"); marker {
			cf.Kinds[k] = vs[0]
			continue
		}
		cf.Values[key] = vs
	}
	return cf
}

// values turns the form into app input: every field the form showed.
func (cf customForm) values() app.CustomValues {
	if len(cf.Values) == 0 && len(cf.Kinds) == 0 {
		return nil
	}
	out := app.CustomValues{}
	for key, vs := range cf.Values {
		if cf.Kinds[key] == "multi" {
			out[key] = vs
		} else if len(vs) > 0 {
			out[key] = vs[0]
		}
	}
	for key, kind := range cf.Kinds {
		if _, ok := cf.Values[key]; ok {
			continue
		}
		if kind == "bool" {
			out[key] = "no"
		} else {
			out[key] = []string{}
		}
	}
	return out
}

// customFormOf fills the form from stored values.
func customFormOf(v app.CustomValues) customForm {
	cf := customForm{Values: map[string][]string{}, Kinds: map[string]string{}}
	for key, x := range v {
		switch y := x.(type) {
		case app.MoneyValue:
			cf.Values[key] = []string{app.AmountText(y.Minor, y.Currency)}
		case bool:
			if y {
				cf.Values[key] = []string{"yes"}
			}
		case float64:
			cf.Values[key] = []string{strconv.FormatFloat(y, 'f', -1, 64)}
		case []string:
			cf.Values[key] = y
		case string:
			cf.Values[key] = []string{y}
		}
	}
	return cf
}

// customInputs is what the customInputs template draws.
type customInputs struct{ Groups []customInputGroup }

type customInputGroup struct {
	Name   string
	Inputs []customInput
}

type customInput struct {
	Key, Label, Help, Type, Currency string
	Required                         bool
	Options                          []app.FieldOption
	Value                            string
	Checked                          bool
	Chosen                           map[string]bool
	InputType                        string
	Error                            string
}

var inputTypes = map[string]string{"number": "number", "date": "date", "url": "url", "email": "email", "phone": "tel"}

// customInputsFor lays out the custom fields of entity for a form.
func (s *site) customInputsFor(r *http.Request, entity string, cf customForm, errs map[string]string) (customInputs, error) {
	fields, err := s.app.FieldsFor(r.Context(), request.CurrentUser(r), entity) // fields hidden from the user get no input
	if err != nil {
		return customInputs{}, err
	}
	var out customInputs
	index := map[string]int{}
	for _, f := range fields {
		in := customInput{Key: f.Key, Label: f.Label, Help: f.Help, Type: f.Type, Currency: f.Currency, Required: f.Required,
			Options: f.Options, Chosen: map[string]bool{}, InputType: "text", Error: errs["custom_fields."+f.Key]}
		if t, ok := inputTypes[f.Type]; ok {
			in.InputType = t
		}
		vs := cf.Values[f.Key]
		if len(vs) > 0 {
			in.Value = vs[0]
		}
		in.Checked = in.Value == "yes"
		for _, v := range vs {
			in.Chosen[v] = true
		}
		i, ok := index[f.Group]
		if !ok {
			i = len(out.Groups)
			index[f.Group] = i
			out.Groups = append(out.Groups, customInputGroup{Name: f.Group})
		}
		out.Groups[i].Inputs = append(out.Groups[i].Inputs, in)
	}
	return out, nil
}
