package web

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// recurrenceText says an RFC 5545 RRULE in the reader's words: "every
// week on Tuesday and Friday", "every 2 months on the last day, 6 times",
// "매주 화요일, 금요일". It reads FREQ, INTERVAL, BYDAY (with ordinals),
// BYMONTHDAY, COUNT and UNTIL (a date in loc); a rule with any other part
// is "on a custom schedule", never the rule's own text.
func (s *site) recurrenceText(lang, rule string, loc *time.Location) string {
	t := func(key string, args ...any) string { return s.catalog.T(lang, "history.rrule."+key, args...) }
	parts := map[string]string{}
	for _, p := range strings.Split(strings.TrimPrefix(strings.TrimSpace(rule), "RRULE:"), ";") {
		if k, v, ok := strings.Cut(p, "="); ok {
			parts[strings.ToUpper(k)] = strings.ToUpper(v)
		}
	}
	custom := t("custom")
	for k := range parts {
		switch k {
		case "FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL", "WKST":
		default:
			return custom
		}
	}
	interval := 1
	if v, ok := parts["INTERVAL"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return custom
		}
		interval = n
	}
	freq := map[string]string{"HOURLY": "hourly", "DAILY": "daily", "WEEKLY": "weekly", "MONTHLY": "monthly", "YEARLY": "yearly"}[parts["FREQ"]]
	if freq == "" {
		return custom
	}
	text := t(freq)
	if interval > 1 {
		text = t(freq+"_n", interval)
	}
	if v, ok := parts["BYDAY"]; ok {
		days, ok := s.weekdayWords(lang, strings.Split(v, ","))
		if !ok {
			return custom
		}
		text = t("on_days", text, days)
	}
	if v, ok := parts["BYMONTHDAY"]; ok {
		var days []string
		for _, d := range strings.Split(v, ",") {
			n, err := strconv.Atoi(d)
			switch {
			case err != nil || n == 0 || n < -1 || n > 31:
				return custom
			case n == -1:
				days = append(days, t("last_day"))
			default:
				days = append(days, t("monthday", strconv.Itoa(n)))
			}
		}
		text = t("join", text, s.listWords(lang, days))
	}
	if v, ok := parts["COUNT"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return custom
		}
		text = t("count", text, n)
	}
	if v, ok := parts["UNTIL"]; ok {
		until, err := parseRRuleTime(v)
		if err != nil {
			return custom
		}
		text = t("until", text, until.In(loc).Format(s.catalog.T(lang, "format.date")))
	}
	return text
}

// weekdayWords names BYDAY values: MO, TU → "Monday and Tuesday"; 2MO,
// -1FR → "the second Monday", "the last Friday".
func (s *site) weekdayWords(lang string, codes []string) (string, bool) {
	var words []string
	for _, c := range codes {
		day := c[max(0, len(c)-2):]
		if _, ok := s.catalog.Keys("en")["history.rrule."+day]; !ok {
			return "", false
		}
		name := s.catalog.T(lang, "history.rrule."+day)
		if n := c[:len(c)-2]; n != "" {
			key := "history.rrule.ord_" + strings.TrimPrefix(n, "+")
			if _, ok := s.catalog.Keys("en")[key]; !ok {
				return "", false
			}
			name = s.catalog.T(lang, "history.rrule.nth_day", s.catalog.T(lang, key), name)
		}
		words = append(words, name)
	}
	return s.listWords(lang, words), true
}

// listWords joins words as the language lists them: "A and B", "A, B and C".
func (s *site) listWords(lang string, words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	case 2:
		return s.catalog.T(lang, "history.rrule.list_two", words[0], words[1])
	}
	head := strings.Join(words[:len(words)-1], s.catalog.T(lang, "history.rrule.list_sep"))
	return s.catalog.T(lang, "history.rrule.list_last", head, words[len(words)-1])
}

// parseRRuleTime reads an UNTIL: a UTC or floating date-time, or a date.
func parseRRuleTime(v string) (time.Time, error) {
	for _, layout := range []string{"20060102T150405Z", "20060102T150405", "20060102"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("UNTIL %q", v)
}
