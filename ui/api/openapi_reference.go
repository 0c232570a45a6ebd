package api

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"rolo/ui/request"
)

// The API page (Settings → API reference) shows the served document
// itself, read back from its JSON: the operations by tag with their
// parameters, bodies, answers and statuses, then every schema's members.
// What the page shows is therefore what a client generator reads.

// Reference is the document as the API page lists it.
type Reference struct {
	Groups  []ReferenceGroup
	Schemas []ReferenceSchema
}

// ReferenceGroup is the operations of one tag.
type ReferenceGroup struct {
	Tag        string
	Operations []ReferenceOperation
}

// ReferenceOperation is one operation.
type ReferenceOperation struct {
	Method, Path, Summary string
	Public                bool
	Params                []ReferenceField
	Body, Answer          string // schema names; "" for none
	Success               int
	Statuses              []ReferenceStatus // the refusals
}

// ReferenceField is a parameter or a schema's member.
type ReferenceField struct {
	Name, In, Type, Description string
	Schema                      string // the component Type names, for a link
	Required                    bool
}

// ReferenceStatus is one status an operation may answer.
type ReferenceStatus struct {
	Code int
	Text string
}

// ReferenceSchema is one component with its members.
type ReferenceSchema struct {
	Name, Description string
	Fields            []ReferenceField
}

type docSchema struct {
	Ref                  string               `json:"$ref"`
	Type                 any                  `json:"type"`
	Format               string               `json:"format"`
	Description          string               `json:"description"`
	Enum                 []any                `json:"enum"`
	Items                *docSchema           `json:"items"`
	AnyOf                []docSchema          `json:"anyOf"`
	Properties           map[string]docSchema `json:"properties"`
	AdditionalProperties any                  `json:"additionalProperties"`
	Required             []string             `json:"required"`
}

type docOperation struct {
	Summary    string `json:"summary"`
	Tags       []string
	Security   []any `json:"security"`
	Parameters []struct {
		Name        string    `json:"name"`
		In          string    `json:"in"`
		Required    bool      `json:"required"`
		Description string    `json:"description"`
		Schema      docSchema `json:"schema"`
	} `json:"parameters"`
	RequestBody *struct {
		Content map[string]struct{ Schema docSchema } `json:"content"`
	} `json:"requestBody"`
	Responses map[string]struct {
		Description string                                `json:"description"`
		Content     map[string]struct{ Schema docSchema } `json:"content"`
	} `json:"responses"`
}

// NewReference reads the served document into the page's lists.
func NewReference(version string) (Reference, error) {
	var doc struct {
		Paths      map[string]map[string]docOperation `json:"paths"`
		Components struct {
			Schemas map[string]docSchema `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(OpenAPIJSON(version), &doc); err != nil {
		return Reference{}, err
	}
	groups := map[string][]ReferenceOperation{}
	for _, op := range ApiOperations { // the table's order, not the map's
		o, ok := doc.Paths[op.Path][strings.ToLower(op.Method)]
		if !ok {
			continue
		}
		ro := ReferenceOperation{Method: op.Method, Path: op.Path, Summary: o.Summary, Public: o.Security != nil}
		for _, p := range o.Parameters {
			ro.Params = append(ro.Params, ReferenceField{Name: p.Name, In: p.In, Type: typeText(p.Schema), Description: p.Description, Required: p.Required})
		}
		if o.RequestBody != nil {
			ro.Body = schemaName(o.RequestBody.Content["application/json"].Schema)
		}
		for code, r := range o.Responses {
			n, _ := strconv.Atoi(code)
			if n < 300 {
				ro.Success, ro.Answer = n, schemaName(r.Content["application/json"].Schema)
				continue
			}
			ro.Statuses = append(ro.Statuses, ReferenceStatus{n, r.Description})
		}
		sort.Slice(ro.Statuses, func(i, j int) bool { return ro.Statuses[i].Code < ro.Statuses[j].Code })
		groups[op.Tag] = append(groups[op.Tag], ro)
	}
	var ref Reference
	for tag, ops := range groups {
		ref.Groups = append(ref.Groups, ReferenceGroup{Tag: tag, Operations: ops})
	}
	sort.Slice(ref.Groups, func(i, j int) bool { return ref.Groups[i].Tag < ref.Groups[j].Tag })
	for name, s := range doc.Components.Schemas {
		rs := ReferenceSchema{Name: name, Description: s.Description}
		for member, p := range s.Properties {
			rs.Fields = append(rs.Fields, ReferenceField{Name: member, Type: typeText(p), Schema: componentOf(p), Description: p.Description,
				Required: request.Contains(s.Required, member)})
		}
		sort.Slice(rs.Fields, func(i, j int) bool { return rs.Fields[i].Name < rs.Fields[j].Name })
		ref.Schemas = append(ref.Schemas, rs)
	}
	sort.Slice(ref.Schemas, func(i, j int) bool { return ref.Schemas[i].Name < ref.Schemas[j].Name })
	return ref, nil
}

// componentOf is the one component a member's type names, if any: a
// reference, an array of one, or one or null.
func componentOf(s docSchema) string {
	switch {
	case s.Ref != "":
		return schemaName(s)
	case s.Items != nil:
		return componentOf(*s.Items)
	case len(s.AnyOf) == 2 && s.AnyOf[0].Ref != "":
		return schemaName(s.AnyOf[0])
	}
	return ""
}

func schemaName(s docSchema) string { return strings.TrimPrefix(s.Ref, "#/components/schemas/") }

// typeText says a schema's type in a few words: string, integer | null,
// array of Contact, object of any, one of open | won | lost.
func typeText(s docSchema) string {
	if s.Ref != "" {
		return schemaName(s)
	}
	if len(s.AnyOf) > 0 {
		var parts []string
		for _, a := range s.AnyOf {
			parts = append(parts, typeText(a))
		}
		return strings.Join(parts, " | ")
	}
	var types []string
	switch t := s.Type.(type) {
	case string:
		types = []string{t}
	case []any:
		for _, v := range t {
			types = append(types, v.(string))
		}
	}
	if len(types) == 0 {
		return "any"
	}
	for i, t := range types {
		switch {
		case t == "array" && s.Items != nil:
			types[i] = "array of " + typeText(*s.Items)
		case t == "object" && s.Properties == nil && s.AdditionalProperties != nil:
			types[i] = "object of " + additionalText(s.AdditionalProperties)
		case t == "string" && s.Format != "":
			types[i] = "string (" + s.Format + ")"
		}
	}
	out := strings.Join(types, " | ")
	if len(s.Enum) > 0 {
		var values []string
		for _, v := range s.Enum {
			if v == nil {
				values = append(values, "null")
				continue
			}
			values = append(values, fmt.Sprint(v))
		}
		out += ": " + strings.Join(values, ", ")
	}
	return out
}

func additionalText(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return "any"
	}
	data, _ := json.Marshal(m)
	var s docSchema
	_ = json.Unmarshal(data, &s)
	return typeText(s)
}
