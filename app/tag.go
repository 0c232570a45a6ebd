package app

import (
	"context"
	"errors"
	"hash/fnv"
	"regexp"
	"strings"

	"rolo/store"
)

// Tag is a label on contacts and companies.
type Tag = store.Tag

// tagPalette gives new tags distinct, readable colours, chosen by name so
// the same tag gets the same colour on every install.
var tagPalette = []string{"#2563eb", "#16a34a", "#d97706", "#dc2626", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#4b5563", "#b45309"}

var hexColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

func paletteColor(key string) string {
	h := fnv.New32a()
	h.Write([]byte(key))
	return tagPalette[h.Sum32()%uint32(len(tagPalette))]
}

// cleanTagNames trims, drops empties and case-insensitive repeats, and
// checks lengths; it returns the problem key of the first bad name.
func cleanTagNames(names []string) ([]string, string) {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		n, problem := cleanText(n, 50, false)
		if problem != "" {
			return nil, "error.tag_invalid"
		}
		if n == "" || seen[foldKey(n)] {
			continue
		}
		seen[foldKey(n)] = true
		out = append(out, n)
	}
	if len(out) > maxTags {
		return nil, "error.too_many"
	}
	return out, ""
}

// SplitTags reads a comma-separated tag field as typed in a form.
func SplitTags(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' })
}

// ensureTags finds the tags named, case-insensitively, creating missing ones.
func (a *App) ensureTags(ctx context.Context, tx *store.Tx, actor Actor, names []string) ([]Tag, error) {
	var tags []Tag
	for _, name := range names {
		key := foldKey(name)
		t, err := store.TagByKey(ctx, tx, key)
		if errors.Is(err, store.ErrNotFound) {
			t = Tag{ID: a.cfg.NewID(), Name: name, Key: key, Color: paletteColor(key)}
			if err = store.InsertTag(ctx, tx, t); err == nil {
				err = a.record(ctx, tx, actorID(actor), Change{Action: ActionTagCreated, Entity: "tag", ID: t.ID, Name: name})
			}
		}
		if err != nil {
			return nil, err
		}
		tags = append(tags, t)
	}
	return tags, nil
}

func tagIDs(tags []Tag) []string {
	ids := make([]string, len(tags))
	for i, t := range tags {
		ids[i] = t.ID
	}
	return ids
}

// Tags lists every tag with its record counts.
func (a *App) Tags(ctx context.Context, actor Actor) ([]store.TagCount, error) {
	return store.ListTags(ctx, a.db.Reader())
}

// TagByName finds a tag case-insensitively.
func (a *App) TagByName(ctx context.Context, name string) (Tag, error) {
	t, err := a.keptTagByKey(ctx, foldKey(name))
	if errors.Is(err, store.ErrNotFound) {
		return t, errorf(ENotFound, "error.tag_not_found")
	}
	return t, err
}

// UpdateTag renames and recolours a tag. Renaming onto the name of another
// tag is refused; MergeTags is the way to join two tags.
func (a *App) UpdateTag(ctx context.Context, actor Actor, id, name, color string) (Tag, error) {
	return a.changeTag(ctx, actor, id, nil, func(Tag) (string, string) { return name, color })
}

// PatchTag renames or recolours a tag still at version; a nil member
// keeps its value.
func (a *App) PatchTag(ctx context.Context, actor Actor, id string, version int, name, color *string) (Tag, error) {
	return a.changeTag(ctx, actor, id, &version, func(t Tag) (string, string) {
		applyChange(&t.Name, name)
		applyChange(&t.Color, color)
		return t.Name, t.Color
	})
}

// changeTag gives the tag id the name and colour values says, checking
// its version when one is given.
func (a *App) changeTag(ctx context.Context, actor Actor, id string, version *int, values func(Tag) (name, color string)) (Tag, error) {
	if err := a.can(actor, AreaContacts, LevelEdit); err != nil {
		return Tag{}, err
	}
	var saved Tag
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		t, err := store.TagByID(ctx, tx, id)
		if err != nil {
			return tagNotFound(err)
		}
		if err := stale(t.Version, version); err != nil {
			return err
		}
		name, color := values(t)
		p := map[string]string{}
		name, problem := cleanText(name, 50, false)
		if problem != "" || name == "" {
			p["name"] = "error.tag_invalid"
		}
		if !hexColor.MatchString(color) {
			p["color"] = "error.color_invalid"
		}
		if len(p) > 0 {
			return Invalid(p)
		}
		before := t
		t.Name, t.Key, t.Color = name, foldKey(name), strings.ToLower(color)
		if err := store.UpdateTag(ctx, tx, t); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return Invalid(map[string]string{"name": "error.tag_exists"})
			}
			return err
		}
		t.Version++
		saved = t
		if err := a.reindexTagged(ctx, tx, id); err != nil {
			return err
		}
		changes := diffFields(map[string]string{"name": before.Name, "color": before.Color}, map[string]string{"name": t.Name, "color": t.Color})
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionTagUpdated, Entity: "tag", ID: id, Name: t.Name, Changes: changes})
	})
	return saved, err
}

// MergeTags moves every record tagged from onto into and deletes from.
func (a *App) MergeTags(ctx context.Context, actor Actor, from, into string) error {
	if err := a.can(actor, AreaContacts, LevelEdit); err != nil {
		return err
	}
	if from == into {
		return Invalid(map[string]string{"into": "error.tag_merge_self"})
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		src, err := store.TagByID(ctx, tx, from)
		if err != nil {
			return tagNotFound(err)
		}
		dst, err := store.TagByID(ctx, tx, into)
		if err != nil {
			return tagNotFound(err)
		}
		if err := store.MergeTag(ctx, tx, from, into); err != nil {
			return err
		}
		if err := a.reindexTagged(ctx, tx, into); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionTagMerged, Entity: "tag", ID: into, Name: dst.Name,
			Details: map[string]any{"merged": src.Name}})
	})
}

// DeleteTag removes a tag from every record and deletes it.
func (a *App) DeleteTag(ctx context.Context, actor Actor, id string) error {
	if err := a.can(actor, AreaContacts, LevelDelete); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		t, err := store.TagByID(ctx, tx, id)
		if err != nil {
			return tagNotFound(err)
		}
		tagged, err := store.TaggedIDs(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := store.DeleteTag(ctx, tx, id); err != nil {
			return err
		}
		if err := a.reindex(ctx, tx, tagged); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionTagDeleted, Entity: "tag", ID: id, Name: t.Name})
	})
}

func tagNotFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return errorf(ENotFound, "error.tag_not_found")
	}
	return err
}
