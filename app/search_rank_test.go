package app_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// titles are the titles of hits, in order.
func titles(hits []app.SearchResult) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Title
	}
	return out
}

// TestSearchRanksNamesAndWholeWordsFirst: search shows a record whose
// name holds the word before one whose name only starts with it, both
// before records that hold it elsewhere (email, notes), and a shorter
// name before a longer one. The records are made best last, so newest
// first alone would show them the other way round.
func TestSearchRanksNamesAndWholeWordsFirst(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	is := is.New(t)
	ta := mustOpenApp(t)
	mustSetup(t, ta)
	for _, in := range []app.ContactInput{
		{FirstName: "Dana", LastName: "Brown", Notes: "collects Smithsonian catalogues"},               // a prefix in the notes
		{FirstName: "Carl", LastName: "Jones", Emails: []store.Labeled{{Value: "carl@smith.example"}}}, // the word in an email
		{FirstName: "Bo", LastName: "Smithson"},                                                        // a prefix in the name
		{FirstName: "Annabelle", LastName: "Smith"},                                                    // the word in a longer name
		{FirstName: "Ann", LastName: "Smith"},                                                          // the word in a short name
		{FirstName: "Eve", LastName: "Taylor"},                                                         // no match
	} {
		_, err := ta.CreateContact(ctx, nil, in)
		is.NoErr(err)
	}
	want := []string{"Ann Smith", "Annabelle Smith", "Bo Smithson", "Carl Jones", "Dana Brown"}
	hits, err := ta.Search(ctx, nil, "smith", 50)
	is.NoErr(err)
	is.Equal(titles(hits), want) // names, whole words and short names first

	for limit := 1; limit <= len(want); limit++ {
		hits, err := ta.Search(ctx, nil, "smith", limit)
		is.NoErr(err)
		is.Equal(titles(hits), want[:limit]) // each tier stops where the page is full (Ann Smith, the newest, is also the shortest)
	}

	hits, err = ta.Search(ctx, nil, "smi", 50)
	is.NoErr(err)
	is.Equal(titles(hits), []string{"Ann Smith", "Bo Smithson", "Annabelle Smith", "Carl Jones", "Dana Brown"}) // every match is a prefix: short names first

	hits, err = ta.Search(ctx, nil, "ann smith", 50)
	is.NoErr(err)
	is.Equal(titles(hits), []string{"Ann Smith"}) // every word must match; "ann" is whole, not typed

	hits, err = ta.Search(ctx, nil, "smith ann", 50)
	is.NoErr(err)
	is.Equal(titles(hits), []string{"Ann Smith", "Annabelle Smith"}) // the last word is being typed
}

// TestSearchFindsEveryMatchOnce: over many matches, the tiers together
// find exactly the records the one broad query matches, each once, and a
// user who sees only their own records gets a full page of their own.
func TestSearchFindsEveryMatchOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	is := is.New(t)
	w := newOwnOnlyWorld(t)
	var mine []string
	for i := range 30 {
		owner := w.colleague.ID
		if i%3 == 0 {
			owner = w.me.ID
		}
		in := app.ContactInput{FirstName: fmt.Sprint("Person", i), LastName: "River", OwnerID: owner}
		switch i % 4 {
		case 1:
			in.LastName = "Riverside"
		case 2:
			in.LastName, in.Notes = "Lake", "lives by the river"
		case 3:
			in.LastName, in.Notes = "Pond", "riverboat captain"
		}
		c, err := w.ta.CreateContact(ctx, nil, in)
		is.NoErr(err)
		if owner == w.me.ID {
			mine = append(mine, c.DisplayName)
		}
	}

	hits, err := w.ta.Search(ctx, nil, "river", 50)
	is.NoErr(err)
	is.Equal(len(hits), 30) // every record matches "river" as a word or a prefix
	seen := map[string]bool{}
	for _, h := range hits {
		is.True(!seen[h.Ref]) // each once
		seen[h.Ref] = true
	}
	broad, err := store.Search(ctx, w.ta.DB().Reader(), `{name words digits} : "river"*`, "", 50)
	is.NoErr(err)
	is.Equal(len(broad), len(hits)) // the same records as the one broad query
	for _, h := range broad {
		is.True(seen[h.Ref])
	}

	hits, err = w.ta.Search(ctx, w.me, "river", 50)
	is.NoErr(err)
	got := titles(hits)
	slices.Sort(got)
	slices.Sort(mine)
	is.Equal(got, mine) // one's own records only, all of them

	page, err := w.ta.Search(ctx, w.me, "river", 5)
	is.NoErr(err)
	is.Equal(len(page), 5) // a full page, though most matches are a colleague's
}

// TestPhoneSearchShowsTheWholeNumberFirst: a number typed whole finds
// the record of that number before the longer numbers it starts.
func TestPhoneSearchShowsTheWholeNumberFirst(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	is := is.New(t)
	ta := mustOpenApp(t)
	mustSetup(t, ta)
	for _, in := range []app.ContactInput{
		{FirstName: "Exact", LastName: "Number", Phones: []store.Labeled{{Value: "020 7946 0958"}}},
		{FirstName: "Longer", LastName: "Number", Phones: []store.Labeled{{Value: "020 7946 09581"}}},
	} {
		_, err := ta.CreateContact(ctx, nil, in)
		is.NoErr(err)
	}
	hits, err := ta.Search(ctx, nil, "020 7946 0958", 10)
	is.NoErr(err)
	is.Equal(titles(hits), []string{"Exact Number", "Longer Number"}) // the whole number, then those it starts
}
