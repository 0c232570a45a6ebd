package app

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// DumpProblem is one thing wrong with a document, at a path in it such
// as contacts[12].emails[0].value.
type DumpProblem struct {
	Path    string
	Message string
}

func (p DumpProblem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// DumpError lists what is wrong with a document; nothing was written.
type DumpError struct{ Problems []DumpProblem }

func (e *DumpError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return "the document cannot be imported; nothing was written:\n  " + strings.Join(lines, "\n  ")
}

// decodeDump reads a document into v, first walking its tokens along v's
// Go type, so that a value of the wrong type, an unknown member or a
// file cut short is reported at its path, which encoding/json's own
// errors do not give (they name no array index).
func decodeDump(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	w := shapeWalker{dec: dec}
	if err := w.value(reflect.TypeOf(v).Elem(), ""); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return &DumpError{[]DumpProblem{{"", "there is more after the end of the document"}}}
	}
	if err := json.Unmarshal(data, v); err != nil {
		return &DumpError{[]DumpProblem{{"", err.Error()}}}
	}
	return nil
}

type shapeWalker struct{ dec *json.Decoder }

var rawMessageType = reflect.TypeOf(json.RawMessage(nil))

func (w shapeWalker) token(path string) (json.Token, error) {
	tok, err := w.dec.Token()
	if err == nil {
		return tok, nil
	}
	at := path
	if at == "" {
		at = "the document"
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, &DumpError{[]DumpProblem{{path, "the file ends in the middle of " + at + " (is it cut short?)"}}}
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return nil, &DumpError{[]DumpProblem{{path, fmt.Sprintf("not valid JSON at byte %d: %v", syn.Offset, err)}}}
	}
	return nil, &DumpError{[]DumpProblem{{path, "not valid JSON: " + err.Error()}}}
}

func (w shapeWalker) value(t reflect.Type, path string) error {
	tok, err := w.token(path)
	if err != nil {
		return err
	}
	return w.with(tok, t, path)
}

func (w shapeWalker) wrong(path string, want string, tok json.Token) error {
	return &DumpError{[]DumpProblem{{path, "must be " + want + ", not " + describeToken(tok)}}}
}

func describeToken(tok json.Token) string {
	switch x := tok.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "true or false"
	case json.Delim:
		if x == '{' {
			return "an object"
		}
		return "a list"
	}
	return fmt.Sprint(tok)
}

// with checks a value whose first token was already read.
func (w shapeWalker) with(tok json.Token, t reflect.Type, path string) error {
	if t == rawMessageType { // custom values: checked against their field later
		return w.skip(tok, path)
	}
	if t.Kind() == reflect.Pointer {
		if tok == nil {
			return nil
		}
		return w.with(tok, t.Elem(), path)
	}
	switch t.Kind() {
	case reflect.Struct:
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			return w.wrong(path, "an object", tok)
		}
		return w.members(path, func(key, at string) error {
			f, ok := structField(t, key)
			if !ok {
				return &DumpError{[]DumpProblem{{at, "unknown member"}}}
			}
			return w.value(f.Type, at)
		})
	case reflect.Map:
		if tok == nil {
			return nil
		}
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			return w.wrong(path, "an object", tok)
		}
		return w.members(path, func(_, at string) error { return w.value(t.Elem(), at) })
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 { // bytes: base64 text
			s, ok := tok.(string)
			if !ok {
				return w.wrong(path, "base64 text", tok)
			}
			if _, err := base64.StdEncoding.DecodeString(s); err != nil {
				return &DumpError{[]DumpProblem{{path, "is not base64 (RFC 4648, with padding)"}}}
			}
			return nil
		}
		if tok == nil {
			return nil
		}
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			return w.wrong(path, "a list", tok)
		}
		for i := 0; w.dec.More(); i++ {
			if err := w.value(t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		_, err := w.token(path)
		return err
	case reflect.String:
		if _, ok := tok.(string); !ok {
			return w.wrong(path, "a string", tok)
		}
	case reflect.Bool:
		if _, ok := tok.(bool); !ok {
			return w.wrong(path, "true or false", tok)
		}
	case reflect.Int, reflect.Int64:
		n, ok := tok.(json.Number)
		if !ok {
			return w.wrong(path, "a whole number", tok)
		}
		if _, err := strconv.ParseInt(string(n), 10, 64); err != nil {
			return &DumpError{[]DumpProblem{{path, "must be a whole number, not " + string(n)}}}
		}
	}
	return nil
}

// members walks an object's members after its '{', and its '}'.
func (w shapeWalker) members(path string, each func(key, at string) error) error {
	for w.dec.More() {
		tok, err := w.token(path)
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		at := key
		if path != "" {
			at = path + "." + key
		}
		if err := each(key, at); err != nil {
			return err
		}
	}
	_, err := w.token(path)
	return err
}

// skip reads past a value of any shape.
func (w shapeWalker) skip(tok json.Token, path string) error {
	d, ok := tok.(json.Delim)
	if !ok || (d != '{' && d != '[') {
		return nil
	}
	for depth := 1; depth > 0; {
		tok, err := w.token(path)
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
	return nil
}

func structField(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
