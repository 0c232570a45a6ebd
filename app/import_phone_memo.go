package app

import (
	"context"
	"sync"
)

// phoneMemo keeps what an import's first pass read its phone numbers as,
// for the second pass: reading a number (the phone library's regular
// expressions) is the dearest step of checking a row, and an import
// checks every row twice. It holds the first phoneMemoMax numbers only,
// so a file of millions of rows costs a few megabytes at most.
type phoneMemo struct {
	mu sync.Mutex
	m  map[string]string // region, NUL, the number as typed → its E.164 ("" when unreadable)
}

const phoneMemoMax = 100_000

type phoneMemoKey struct{}

// withPhoneMemo gives an import's checks under ctx one memo.
func withPhoneMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, phoneMemoKey{}, &phoneMemo{m: map[string]string{}})
}

// normalizePhoneIn is NormalizePhone, through the import's memo when ctx
// carries one.
func normalizePhoneIn(ctx context.Context, raw, region string) string {
	memo, ok := ctx.Value(phoneMemoKey{}).(*phoneMemo)
	if !ok {
		return NormalizePhone(raw, region)
	}
	key := region + "\x00" + raw
	memo.mu.Lock()
	e164, seen := memo.m[key]
	memo.mu.Unlock()
	if seen {
		return e164
	}
	e164 = NormalizePhone(raw, region)
	memo.mu.Lock()
	if len(memo.m) < phoneMemoMax {
		memo.m[key] = e164
	}
	memo.mu.Unlock()
	return e164
}
