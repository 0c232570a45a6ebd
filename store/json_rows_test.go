package store

import (
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
	t.Run("a string that is only escapes", func(t *testing.T) {
		is := is.New(t)
		rows, err := read(`[["\"\""]]`)
		is.NoErr(err)
		is.Equal(rows[0][0], `""`)
		is.True(!strings.Contains(rows[0][0], `\`))
	})
}
