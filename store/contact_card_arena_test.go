package store

import "testing"

// TestCardArenaKeepsCardsApart: cards decoded into one page's arena share
// arrays, so each card's slices must end at their own length: a caller
// appending to one contact's emails must not write over the next one's.
func TestCardArenaKeepsCardsApart(t *testing.T) {
	t.Parallel()
	own := func(id string) string {
		return `["` + id + `","F","L","F L","f l","","","","","","","","","","[]","","lead",null,"",1,"2026-11-27T09:00:00.000Z",null,"2026-11-27T09:00:00.000Z",null,null,null]`
	}
	a := cardArena{labeled: make([]Labeled, 0, 16), tags: make([]Tag, 0, 16)} // room to share
	first, err := decodeContactCard(`[`+own("c1")+`,[[1,"home","b@example.com"],[0,"work","a@example.com"]],[],[["t1","vip","vip","#f00"]],[]]`, &a)
	if err != nil {
		t.Fatal(err)
	}
	second, err := decodeContactCard(`[`+own("c2")+`,[[0,"","c@example.com"]],[[0,"","+1 415 555 0100","+14155550100"]],[],[["f1","integer","7",""]]]`, &a)
	if err != nil {
		t.Fatal(err)
	}
	if first.own[0] != "c1" || second.own[0] != "c2" || second.custom[0].RecordID != "c2" {
		t.Fatalf("own columns: %q %q", first.own[0], second.own[0])
	}
	if len(first.emails) != 2 || first.emails[0].Value != "a@example.com" { // position order
		t.Fatalf("first's emails: %+v", first.emails)
	}
	first.emails = append(first.emails, Labeled{Value: "new@example.com"})
	first.tags = append(first.tags, Tag{Name: "added"})
	if second.emails[0].Value != "c@example.com" || second.tags != nil {
		t.Fatalf("the second card changed: %+v %+v", second.emails, second.tags)
	}
	if first.phones != nil || second.custom[0].Value != int64(7) {
		t.Fatalf("phones %v, custom %v", first.phones, second.custom)
	}
}
