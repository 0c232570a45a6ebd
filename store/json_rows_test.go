package store

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/matryer/is"
)

func TestJSONRows(t *testing.T) {
	t.Parallel()
	read := func(s string) ([][]string, error) {
		var out [][]string
		err := jsonRows(s, func(v []string) { out = append(out, slices.Clone(v)) })
		return out, err
	}
	t.Run("what SQLite writes", func(t *testing.T) {
		is := is.New(t)
		rows, err := read(`[["work","a@example.com"],["","b\"q\\\u00e9\n"],[1,2.5,null,true],[]]`)
		is.NoErr(err)
		is.Equal(rows, [][]string{{"work", "a@example.com"}, {"", "b\"q\\é\n"}, {"1", "2.5", "", "true"}, {}})
	})
	t.Run("empty", func(t *testing.T) {
		is := is.New(t)
		rows, err := read(`[]`)
		is.NoErr(err)
		is.Equal(len(rows), 0)
	})
	t.Run("unicode as it is", func(t *testing.T) {
		is := is.New(t)
		rows, err := read(` [ [ "김민수" , "山田" ] ] `)
		is.NoErr(err)
		is.Equal(rows, [][]string{{"김민수", "山田"}})
	})
	t.Run("malformed", func(t *testing.T) {
		for _, s := range []string{``, `[`, `[[`, `[["a"`, `[["a"]`, `["a"]`, `[["a" "b"]]`, `[["a"]]x`, `[[{"a":1}]]`, `[[[1]]]`, `[["\x"]]`} {
			_, err := read(s)
			is.New(t).True(err != nil) // malformed is refused
		}
	})
	t.Run("as encoding/json reads them", func(t *testing.T) {
		is := is.New(t)
		rng := rand.New(rand.NewPCG(18, 3))
		pieces := []string{"", "a", "Ann", `"`, `\`, "<b>", "\n", "\t", "\x01", "김민수", "山田", "é", "😀", "]", ",", " ", "null"}
		for range 2000 {
			want := [][]string{} // SQLite writes [] for no rows
			for range rng.IntN(4) {
				row := []string{}
				for range rng.IntN(5) {
					var b strings.Builder
					for range rng.IntN(4) {
						b.WriteString(pieces[rng.IntN(len(pieces))])
					}
					row = append(row, b.String())
				}
				want = append(want, row)
			}
			text, err := json.Marshal(want)
			is.NoErr(err)
			got, err := read(string(text))
			if err != nil {
				t.Fatalf("%s: %v", text, err)
			}
			if len(want) == 0 {
				want = nil
			}
			is.Equal(got, want) // every string back as it was
		}
	})
	t.Run("a string that is only escapes", func(t *testing.T) {
		is := is.New(t)
		rows, err := read(`[["\"\""]]`)
		is.NoErr(err)
		is.Equal(rows[0][0], `""`)
		is.True(!strings.Contains(rows[0][0], `\`))
	})
}
