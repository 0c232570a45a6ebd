package api

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"rolo/ui/request"
)

// The OpenAPI document's schemas are generated from the Go types the
// handlers encode and decode, so a field added to ContactJSON is in the
// document the moment it is in the answer. The rules follow encoding/json:
//
//   - a struct is an object of its json-tagged fields, embedded structs'
//     fields promoted; no other member is allowed (additionalProperties:
//     false), in answers and bodies alike (bodies are decoded with
//     DisallowUnknownFields);
//   - in an answer every field without omitempty is required, a pointer
//     is nullable (type [X, "null"]), a named struct is a component of its
//     own ($ref), time.Time is a date-time, a map an object whose values
//     are the element's schema;
//   - in a request body (a type named as some operation's Request) nothing
//     is required and every member may be null — encoding/json leaves a
//     field alone on null, and the merge-patch handlers read null as
//     "clear" — and nested structs are inlined, since they differ from
//     the answer's (nullable members);
//   - json.RawMessage and interface values are any JSON value.
//
// Field descriptions, enums and formats the Go types cannot say come from
// fieldHints ("Schema.member").

// schemaBuilder builds the components of one document.
type schemaBuilder struct {
	names      map[reflect.Type]string // named types with a component
	components map[string]any
	building   map[string]bool
}

var (
	timeType   = reflect.TypeFor[time.Time]()
	rawType    = reflect.TypeFor[json.RawMessage]()
	numberType = reflect.TypeFor[json.Number]()
)

// buildComponents makes a component for each registered schema: request
// ones (named as some operation's Request) inlined and nullable, the others
// as answers. A name without a type, or a type that cannot be described,
// panics: TestOpenAPIMatchesRouter serves the document and catches it.
func buildComponents(ops []ApiOperation) map[string]any {
	b := &schemaBuilder{names: map[reflect.Type]string{}, components: map[string]any{}, building: map[string]bool{}}
	requests := map[string]bool{}
	for _, op := range ops {
		if op.Request != "" {
			requests[op.Request] = true
		}
	}
	names := make([]string, 0, len(apiSchemaTypes))
	for name, v := range apiSchemaTypes {
		names = append(names, name)
		if !requests[name] {
			t := reflect.TypeOf(v)
			if other, ok := b.names[t]; ok && other != name {
				panic(fmt.Sprintf("openapi: %v is registered as both %s and %s", t, other, name))
			}
			b.names[t] = name
		}
	}
	sort.Strings(names)
	for _, name := range names {
		t := reflect.TypeOf(apiSchemaTypes[name])
		if requests[name] {
			b.components[name] = b.hinted(name, b.inline(t, true))
			continue
		}
		b.component(t)
	}
	for name, s := range handWrittenSchemas {
		b.components[name] = s
	}
	for _, op := range ops {
		for _, name := range []string{op.Request, op.Response} {
			if _, ok := b.components[name]; name != "" && !ok {
				panic(fmt.Sprintf("openapi: %s %s names schema %q, which apiSchemaTypes does not register", op.Method, op.Path, name))
			}
		}
	}
	return b.components
}

// ref answers a reference to the component describing t, building it on
// first use.
func (b *schemaBuilder) component(t reflect.Type) map[string]any {
	name := b.nameOf(t)
	if _, ok := b.components[name]; !ok && !b.building[name] {
		b.building[name] = true
		b.components[name] = b.hinted(name, b.inline(t, false))
		delete(b.building, name)
	}
	return ref(name)
}

// nameOf is t's component name: the registered one, else the Go name
// without its JSON suffix, capitalised (goalPoint: GoalPoint).
func (b *schemaBuilder) nameOf(t reflect.Type) string {
	if name, ok := b.names[t]; ok {
		return name
	}
	name := strings.TrimSuffix(t.Name(), "JSON")
	if name == "" || strings.ContainsAny(name, "[]") {
		panic(fmt.Sprintf("openapi: %v needs a name: add it to apiSchemaTypes", t))
	}
	name = strings.ToUpper(name[:1]) + name[1:]
	for other, n := range b.names {
		if n == name && other != t {
			panic(fmt.Sprintf("openapi: %v and %v would both be %s: register one under another name", t, other, name))
		}
	}
	b.names[t] = name
	return name
}

// schemaOf describes a value of type t; request: as a request body reads it.
func (b *schemaBuilder) schemaOf(t reflect.Type, body bool) map[string]any {
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == rawType || t.Kind() == reflect.Interface:
		return map[string]any{} // any JSON value
	case t == numberType:
		return map[string]any{"type": []string{"number", "string"}}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return orNull(b.schemaOf(t.Elem(), body))
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer", "minimum": 0}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": b.schemaOf(t.Elem(), body)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": b.schemaOf(t.Elem(), body)}
	case reflect.Struct:
		if body || t.Name() == "" {
			return b.inline(t, body)
		}
		return b.component(t)
	}
	panic(fmt.Sprintf("openapi: cannot describe %v", t))
}

// inline describes a struct as an object of its JSON members.
func (b *schemaBuilder) inline(t reflect.Type, body bool) map[string]any {
	if t.Kind() != reflect.Struct {
		return b.schemaOf(t, body)
	}
	props := map[string]any{}
	var required []string
	b.fields(t, body, props, &required)
	o := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		sort.Strings(required)
		o["required"] = required
	}
	return o
}

// fields adds t's JSON members to props; embedded structs without a tag
// are promoted, a name already given by an outer field wins.
func (b *schemaBuilder) fields(t reflect.Type, body bool, props map[string]any, required *[]string) {
	var embedded []reflect.Type
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			embedded = append(embedded, f.Type)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		s := b.schemaOf(f.Type, body)
		if body {
			s = orNull(s)
		} else if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
			*required = append(*required, name)
		}
		props[name] = s
	}
	for _, e := range embedded {
		inner := map[string]any{}
		var innerRequired []string
		b.fields(e, body, inner, &innerRequired)
		for name, s := range inner {
			if _, ok := props[name]; !ok {
				props[name] = s
				if request.Contains(innerRequired, name) {
					*required = append(*required, name)
				}
			}
		}
	}
}

// orNull lets s also be null: a type list gains "null", a reference or
// an any-schema becomes anyOf [s, null].
func orNull(s map[string]any) map[string]any {
	if len(s) == 0 {
		return s // any JSON value already includes null
	}
	out := map[string]any{}
	for k, v := range s {
		out[k] = v
	}
	switch t := s["type"].(type) {
	case string:
		out["type"] = []string{t, "null"}
		return out
	case []string:
		if !request.Contains(t, "null") {
			out["type"] = append(append([]string{}, t...), "null")
		}
		return out
	}
	return map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
}

// hinted adds the descriptions, enums, formats and examples of fieldHints
// to the members of the component name.
func (b *schemaBuilder) hinted(name string, s map[string]any) map[string]any {
	if d, ok := schemaDescriptions[name]; ok {
		s["description"] = d
	}
	if ex, ok := schemaExamples[name]; ok {
		s["examples"] = []any{jsonValue(ex)}
	}
	props, _ := s["properties"].(map[string]any)
	for key, hint := range fieldHints {
		schema, member, _ := strings.Cut(key, ".")
		if schema != name {
			continue
		}
		p, ok := props[member].(map[string]any)
		if !ok {
			panic(fmt.Sprintf("openapi: fieldHints names %s, which %s does not have", key, name))
		}
		for k, v := range hint {
			if k == "enum" && isNullable(p) {
				v = append(append([]any{}, v.([]any)...), nil)
			}
			p[k] = v
		}
	}
	return s
}

func isNullable(s map[string]any) bool {
	t, ok := s["type"].([]string)
	return ok && request.Contains(t, "null")
}

// jsonValue is v as encoding/json would send it, so an example is exactly
// what a client receives.
func jsonValue(v any) any {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		panic(err)
	}
	return out
}
