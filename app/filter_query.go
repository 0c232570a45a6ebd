package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"rolo/store"
)

// The filter syntax, shared by list pages, the API's q parameter, saved
// segments and automation conditions:
//
//	tag:vip -tag:churned status:customer owner:me created:>2026-01-01
//	created:last30d renewal_date:<2026-06-30 plan:Gold name:~acme
//	has:renewal_date no:phone_ext "acme corp" bare words
//
// key:value is equals; key:~v contains; key:>v, >=, <, <= compare;
// -key:value negates (not equal, lacks tag); has:key and no:key test for a
// value; lastNd is "within the last N days". A bare word or quoted phrase
// is search text. Keys are built-in fields or custom field keys.

// queryToken is one term of a query, with where it starts (1-based, in
// characters) for error messages.
type queryToken struct {
	pos   int
	raw   string
	key   string
	op    string // "", "~", ">", ">=", "<", "<="
	value string
	neg   bool
}

// queryError points at the part of a query that was not understood.
func queryError(key string, t queryToken) error {
	return &Error{Code: EInvalid, Message: "error.query_invalid", Fields: map[string]string{"q": key},
		Detail: fmt.Sprintf("%d: %s", t.pos, t.raw)}
}

// lexQuery splits a query into terms; quotes group words, in a bare
// phrase or in a value (owner:"Kim Minsu").
func lexQuery(q string) ([]queryToken, error) {
	var out []queryToken
	runes := []rune(q)
	for i := 0; i < len(runes); {
		if runes[i] == ' ' || runes[i] == '\t' || runes[i] == '\n' || runes[i] == '\r' || runes[i] == '\u3000' {
			i++
			continue
		}
		start := i
		var b strings.Builder
		quoted := false
		for i < len(runes) && !(runes[i] == ' ' || runes[i] == '\t' || runes[i] == '\n' || runes[i] == '\r' || runes[i] == '\u3000') {
			if runes[i] == '"' {
				end := -1
				for j := i + 1; j < len(runes); j++ {
					if runes[j] == '"' {
						end = j
						break
					}
				}
				if end < 0 {
					return nil, queryError("error.query_unclosed_quote", queryToken{pos: i + 1, raw: string(runes[i:])})
				}
				b.WriteString(string(runes[i+1 : end]))
				quoted = true
				i = end + 1
				continue
			}
			b.WriteRune(runes[i])
			i++
		}
		t := queryToken{pos: start + 1, raw: string(runes[start:i])}
		text := b.String()
		key, value, isTerm := strings.Cut(text, ":")
		if !isTerm || key == "" || (quoted && strings.HasPrefix(t.raw, `"`)) {
			t.value = text // search text
			out = append(out, t)
			continue
		}
		if strings.HasPrefix(key, "-") {
			t.neg, key = true, key[1:]
		}
		t.key = strings.ToLower(key)
		for _, op := range []string{">=", "<=", ">", "<", "~"} {
			if strings.HasPrefix(value, op) && !(quoted && strings.HasPrefix(t.raw[len(key)+1:], `"`)) {
				t.op, value = op, value[len(op):]
				break
			}
		}
		t.value = value
		out = append(out, t)
	}
	return out, nil
}

// compiledQuery is a query made into store conditions.
type compiledQuery struct {
	Conditions []store.Condition
}

var opOf = map[string]string{"": store.OpEq, "~": store.OpContains, ">": store.OpGt, ">=": store.OpGe, "<": store.OpLt, "<=": store.OpLe}

// A filter is a few conditions and words; its free words are bounded as
// a search's are (see checkQueryText).
const (
	maxFilterRunes = 2000
	maxFilterTerms = 40
)

// compileQuery turns a query in the filter syntax into conditions on
// entity's list, resolving tags, "me", custom field keys and options.
func (a *App) compileQuery(ctx context.Context, q store.Querier, actor Actor, entity, text string) ([]store.Condition, error) {
	if len(text) > utf8.UTFMax*maxFilterRunes || utf8.RuneCountInString(text) > maxFilterRunes {
		return nil, Invalid(map[string]string{"q": "error.query_too_long"})
	}
	tokens, err := lexQuery(text)
	if err != nil {
		return nil, err
	}
	if len(tokens) > maxFilterTerms { // each costs a join or a scan
		return nil, Invalid(map[string]string{"q": "error.query_too_long"})
	}
	fields, err := store.CustomFields(ctx, q, entity)
	if err != nil {
		return nil, err
	}
	// A field hidden from the actor's role reads as unknown: filtering on
	// it would tell its values.
	hidden, _, err := a.protectedKeys(ctx, q, actor, entity)
	if err != nil {
		return nil, err
	}
	byKey := map[string]CustomField{}
	for _, f := range fields {
		if !hidden[f.Key] {
			byKey[f.Key] = f
		}
	}
	var conds []store.Condition
	var words []string
	for _, t := range tokens {
		if t.key == "" {
			words = append(words, t.value)
			continue
		}
		switch t.key {
		case "tag":
			tag, err := store.TagByKey(ctx, q, foldKey(t.value))
			id := tag.ID
			if errors.Is(err, store.ErrNotFound) {
				id = noSuchTag
			} else if err != nil {
				return nil, err
			}
			op := store.OpHasTag
			if t.neg {
				op = store.OpLacksTag
			}
			conds = append(conds, store.Condition{Op: op, Value: id})
			continue
		case "has", "no":
			key := strings.ToLower(t.value)
			c := store.Condition{Op: store.OpNotEmpty}
			if (t.key == "no") != t.neg {
				c.Op = store.OpEmpty
			}
			if f, ok := byKey[strings.TrimPrefix(key, "cf.")]; ok {
				c.FieldID = f.ID
			} else if _, ok := store.FilterColumns[entity][key]; ok {
				c.Column = key
			} else {
				return nil, queryError("error.query_unknown_field", t)
			}
			conds = append(conds, c)
			continue
		}
		if t.key == "score" && entity == "contact" {
			c, err := scoreCondition(t)
			if err != nil {
				return nil, err
			}
			conds = append(conds, c)
			continue
		}
		if _, ok := store.FilterColumns[entity][t.key]; ok {
			cs, err := a.columnConditions(ctx, q, actor, entity, t)
			if err != nil {
				return nil, err
			}
			conds = append(conds, cs...)
			continue
		}
		f, ok := byKey[strings.TrimPrefix(t.key, "cf.")]
		if !ok {
			return nil, queryError("error.query_unknown_field", t)
		}
		cs, err := a.fieldConditions(f, t)
		if err != nil {
			return nil, err
		}
		conds = append(conds, cs...)
	}
	if err := checkQueryText(strings.Join(words, " ")); err != nil {
		return nil, err
	}
	if match := searchTerms(strings.Join(words, " ")); match != "" {
		conds = append(conds, store.Condition{Op: store.OpMatch, Value: match})
	}
	return conds, nil
}

// noSuchTag is a tag id no tag has: an unknown tag matches nothing.
const noSuchTag = "-"

// negate turns a condition into its opposite where the syntax allows.
func negated(t queryToken, op string) (string, bool) {
	if !t.neg {
		return op, true
	}
	if op == store.OpEq {
		return store.OpNe, true
	}
	return "", false
}

// lastDays reads "last30d": within the last N days.
func lastDays(s string) (int, bool) {
	s = strings.ToLower(s)
	if !strings.HasPrefix(s, "last") || !strings.HasSuffix(s, "d") {
		return 0, false
	}
	n, err := strconv.Atoi(s[4 : len(s)-1])
	return n, err == nil && n > 0 && n <= 36500
}

func (a *App) columnConditions(ctx context.Context, q store.Querier, actor Actor, entity string, t queryToken) ([]store.Condition, error) {
	op, ok := negated(t, opOf[t.op])
	if !ok {
		return nil, queryError("error.query_bad_operator", t)
	}
	c := store.Condition{Column: t.key, Op: op, Value: t.value}
	switch t.key {
	case "created", "updated":
		if n, ok := lastDays(t.value); ok && t.op == "" && !t.neg {
			c.Op, c.Value = store.OpGe, store.FormatTime(a.now().AddDate(0, 0, -n))
			return []store.Condition{c}, nil
		}
		day, err := time.Parse(time.DateOnly, t.value)
		if err != nil || t.op == "~" {
			return nil, queryError("error.query_bad_date", t)
		}
		start, next := store.FormatTime(day), store.FormatTime(day.AddDate(0, 0, 1))
		switch t.op {
		case ">":
			c.Op, c.Value = store.OpGe, next
		case ">=":
			c.Op, c.Value = store.OpGe, start
		case "<":
			c.Op, c.Value = store.OpLt, start
		case "<=":
			c.Op, c.Value = store.OpLt, next
		default:
			if t.neg {
				return nil, queryError("error.query_bad_operator", t)
			}
			return []store.Condition{{Column: t.key, Op: store.OpGe, Value: start}, {Column: t.key, Op: store.OpLt, Value: next}}, nil
		}
	case "owner":
		switch strings.ToLower(t.value) {
		case "me":
			c.Value = actorID(actor)
		case "none":
			c.Value = ""
		default:
			if u, err := store.UserByEmail(ctx, q, NormalizeEmail(t.value)); err == nil {
				c.Value = u.ID
			}
		}
		if t.op != "" {
			return nil, queryError("error.query_bad_operator", t)
		}
	case "company", "pipeline", "stage":
		if strings.ToLower(t.value) == "none" {
			c.Value = ""
		}
		if t.op != "" {
			return nil, queryError("error.query_bad_operator", t)
		}
	case "status":
		statuses := LifecycleStatuses
		if entity == "deal" {
			statuses = DealStatuses
		}
		c.Value = strings.ToLower(t.value)
		if !contains(statuses, c.Value.(string)) || t.op != "" {
			return nil, queryError("error.query_bad_value", t)
		}
	case "value":
		minor, ok := ParseAmount(t.value, "USD")
		if !ok || t.op == "~" {
			return nil, queryError("error.query_bad_value", t)
		}
		c.Value = minor
	}
	return []store.Condition{c}, nil
}

func (a *App) fieldConditions(f CustomField, t queryToken) ([]store.Condition, error) {
	op, ok := negated(t, opOf[t.op])
	if !ok {
		return nil, queryError("error.query_bad_operator", t)
	}
	c := store.Condition{FieldID: f.ID, Op: op}
	if f.Type == "date" {
		if n, ok := lastDays(t.value); ok && t.op == "" && !t.neg {
			from := a.now().AddDate(0, 0, -n).Format(time.DateOnly)
			to := a.now().Format(time.DateOnly)
			return []store.Condition{{FieldID: f.ID, Op: store.OpGe, Value: from}, {FieldID: f.ID, Op: store.OpLe, Value: to}}, nil
		}
	}
	ordered := f.Type == "number" || f.Type == "money" || f.Type == "date"
	if (t.op == ">" || t.op == ">=" || t.op == "<" || t.op == "<=") && !ordered {
		return nil, queryError("error.query_bad_operator", t)
	}
	if t.op == "~" {
		switch f.Type {
		case "text", "long_text", "url", "email", "phone":
			c.Value = t.value
			return []store.Condition{c}, nil
		}
		return nil, queryError("error.query_bad_operator", t)
	}
	rows, problem := a.storedValue(f, t.value)
	if problem != "" || len(rows) != 1 {
		return nil, queryError("error.query_bad_value", t)
	}
	c.Value = rows[0].Value
	return []store.Condition{c}, nil
}

// ListQueryFor adds a filter-syntax query to a list query of entity
// (contact or company); the API's q parameter and list pages use it.
func (a *App) ListQueryFor(ctx context.Context, actor Actor, entity, text string, lq *store.ListQuery) error {
	conds, err := a.compileQuery(ctx, a.db.Reader(), actor, entity, text)
	if err != nil {
		return err
	}
	lq.Conditions = append(lq.Conditions, conds...)
	return nil
}

// DealQueryFor is ListQueryFor for deal lists.
func (a *App) DealQueryFor(ctx context.Context, actor Actor, text string, dq *store.DealQuery) error {
	conds, err := a.compileQuery(ctx, a.db.Reader(), actor, "deal", text)
	if err != nil {
		return err
	}
	dq.Conditions = append(dq.Conditions, conds...)
	return nil
}

// MatchesQuery tells whether one record (contact, company or deal) matches
// a query in the filter syntax; automation rule conditions use it. Trashed
// records match nothing.
func (a *App) MatchesQuery(ctx context.Context, actor Actor, entity, id, query string) (bool, error) {
	if !contains(FieldEntities, entity) {
		return false, errorf(ENotFound, "error.not_found")
	}
	return a.matchesQuery(ctx, a.db.Reader(), actor, entity, id, query)
}

// matchesQuery is MatchesQuery inside a transaction (q may be a *store.Tx),
// for rules that run in the write that triggered them.
func (a *App) matchesQuery(ctx context.Context, q store.Querier, actor Actor, entity, id, query string) (bool, error) {
	conds, err := a.compileQuery(ctx, q, actor, entity, query)
	if err != nil {
		return false, err
	}
	return store.RecordMatches(ctx, q, entity, id, conds)
}
