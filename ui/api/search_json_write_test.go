package api

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"rolo/ui/request"
)

// TestSearchAnswerWritesAsEncodingJSON compares the hand-written search
// answer with encoding/json's over random results, strings that need
// escaping of every kind included, and the empty and nil lists.
func TestSearchAnswerWritesAsEncodingJSON(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(18, 12))
	pieces := []string{"", "a", "Ann", `"`, `\`, "<b>", "&amp;", "\n", "\x00", "\x1f", "\x7f", "\u2028", "\xff", "김민수", "山田", "😀", "/contacts/01a2"}
	str := func() string {
		var b bytes.Buffer
		for range rng.IntN(4) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	answers := []searchAnswer{{}, {Data: []request.SearchResultJSON{}}}
	for range 300 {
		var a searchAnswer
		for range rng.IntN(5) {
			a.Data = append(a.Data, request.SearchResultJSON{Type: str(), ID: str(), Title: str(), Subtitle: str(), URL: str()})
		}
		answers = append(answers, a)
	}
	for _, a := range answers {
		want, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		got, err := a.appendJSON(nil)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("wrote %s\nencoding/json %s", got, want)
		}
	}
}
