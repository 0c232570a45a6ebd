package app

import (
	"fmt"
	"testing"
)

// TestQuickNameKey holds the duplicate check's fast folding to nameKey's
// answers, for names of every script the fast way takes and some it
// leaves to nameKey.
func TestQuickNameKey(t *testing.T) {
	for _, s := range []string{"Ana  Lima", "ana LIMA", "o'brien, JR.", "a$b+c", "Zoë Müller", "ZOE MULLER", "Straße", "ǅemal Ǆ",
		"김 민수", "김민수", "王 伟", "Ａｎａ", "ガ ｶﾞ", "ガクト", "カ\u3099", "やまだ・たろう", "ゔぁ゛ー", "e\u0301mile", "K\u212a", "İstanbul", "\t Øyvind Æsir ", "Łukasz Żółć", ""} {
		if got, want := quickNameKey(s), nameKey(s); got != want {
			t.Errorf("quickNameKey(%q) = %q, nameKey = %q", s, got, want)
		}
	}
}

// BenchmarkQuickNameKey folds the 500 names the check compares at most.
func BenchmarkQuickNameKey(b *testing.B) {
	for kind, format := range map[string]string{"ascii": "zoe muller-%d kravitz", "accents": "zoë müller-%d kravitz", "hangul": "김민수 %d", "kana": "やまだ たろう %d"} {
		names := make([]string, maxCompanyPeople)
		for i := range names {
			names[i] = fmt.Sprintf(format, i)
		}
		b.Run(kind, func(b *testing.B) {
			for b.Loop() {
				for _, n := range names {
					_ = quickNameKey(n)
				}
			}
		})
	}
}
