package app

import (
	"errors"
	"strconv"
	"strings"
)

// condition is one term of a rule's conditions: field op value, perhaps
// negated. The syntax is the filter bar's (tag:vip status:customer
// -tag:spam score>=50 country:KR owner:none); this small evaluator reads
// the built-in fields of the record that triggered.
type condition struct {
	not   bool
	field string
	op    string // ":", ">=", "<=", ">", "<"
	value string
}

// conditionAliases are the short names the filter syntax uses.
var conditionAliases = map[string]string{
	"status": "lifecycle_status", "lifecycle": "lifecycle_status", "source": "lead_source", "owner": "owner_id",
	"stage": "stage_id", "pipeline": "pipeline_id", "company": "company_id", "tags": "tag",
}

var errCondition = errors.New("condition syntax")

func parseConditions(s string) ([]condition, error) {
	var out []condition
	for _, term := range splitTerms(s) {
		c := condition{}
		if strings.HasPrefix(term, "-") {
			c.not, term = true, term[1:]
		}
		i := strings.IndexAny(term, ":<>")
		if i <= 0 {
			return nil, errCondition
		}
		c.field = strings.ToLower(term[:i])
		rest := term[i:]
		if strings.HasPrefix(rest, ":>") || strings.HasPrefix(rest, ":<") {
			rest = rest[1:] // the filter bar's score:>=50
		}
		for _, op := range []string{">=", "<=", ":", ">", "<"} {
			if strings.HasPrefix(rest, op) {
				c.op, c.value = op, strings.Trim(rest[len(op):], `"`)
				break
			}
		}
		if strings.HasPrefix(c.value, "~") {
			return nil, errCondition // "contains" is the filter matcher's
		}
		if c.op != ":" {
			if _, err := strconv.ParseFloat(c.value, 64); err != nil {
				return nil, errCondition
			}
		}
		if alias, ok := conditionAliases[c.field]; ok {
			c.field = alias
		}
		out = append(out, c)
	}
	return out, nil
}

// splitTerms splits on spaces outside double quotes.
func splitTerms(s string) []string {
	var out []string
	var b strings.Builder
	quoted := false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
			b.WriteRune(r)
		case (r == ' ' || r == '\t' || r == '\n') && !quoted:
			if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// matches tells whether every condition holds for rec.
func matches(conds []condition, rec record) bool {
	for _, c := range conds {
		if c.holds(rec) == c.not {
			return false
		}
	}
	return true
}

func (c condition) holds(rec record) bool {
	if c.field == "tag" {
		if c.value == "none" || c.value == "" {
			return len(rec.Tags) == 0
		}
		for _, t := range rec.Tags {
			if strings.EqualFold(t, c.value) {
				return true
			}
		}
		return false
	}
	if c.field == "deal_stage" {
		for _, s := range rec.Stages {
			if s == c.value {
				return true
			}
		}
		return false
	}
	got, ok := rec.Fields[c.field]
	if !ok {
		return false
	}
	if c.op == ":" {
		if c.value == "none" {
			return got == ""
		}
		return strings.EqualFold(got, c.value)
	}
	have, err := strconv.ParseFloat(got, 64)
	if err != nil {
		return false
	}
	want, _ := strconv.ParseFloat(c.value, 64)
	switch c.op {
	case ">=":
		return have >= want
	case "<=":
		return have <= want
	case ">":
		return have > want
	}
	return have < want
}

// localFields are the fields this evaluator reads from the record; terms
// on anything else (custom fields, owner:me, ~contains, free text, dates)
// go to the filter matcher of the segment builder, which runs in SQL.
var localFields = map[string]bool{
	"tag": true, "lifecycle_status": true, "lead_source": true, "country": true, "city": true, "title": true,
	"first_name": true, "last_name": true, "email": true, "stage_id": true, "pipeline_id": true,
	// facts only this evaluator knows
	"score": true, "activities": true, "deals": true, "deals_won": true, "forms": true, "deal_stage": true,
	"priority": true, "type": true,
}

// onlyLocal are the fields the filter matcher does not know.
var onlyLocal = map[string]bool{"score": true, "activities": true, "deals": true, "deals_won": true, "forms": true, "deal_stage": true, "priority": true, "type": true}

// splitRuleConditions sorts a rule's conditions into the terms evaluated
// here and the text left for the filter matcher.
func splitRuleConditions(text string) ([]condition, string, error) {
	var local []condition
	var rest []string
	for _, term := range splitTerms(text) {
		conds, err := parseConditions(term)
		if err == nil && len(conds) == 1 {
			c := conds[0]
			ownerRef := c.field == "owner_id" && (c.value == "none" || (len(c.value) == 36 && strings.Count(c.value, "-") == 4))
			if localFields[c.field] || ownerRef {
				local = append(local, c)
				continue
			}
		}
		field := strings.ToLower(strings.TrimPrefix(strings.SplitN(term, ":", 2)[0], "-"))
		for _, op := range []string{">=", "<=", ">", "<"} {
			field = strings.SplitN(field, op, 2)[0]
		}
		if onlyLocal[field] {
			return nil, "", errCondition
		}
		rest = append(rest, term)
	}
	return local, strings.Join(rest, " "), nil
}
