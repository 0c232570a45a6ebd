package store

import (
	"context"
	"encoding/json"
)

// notYetIndexed leaves out of docs the records the index already holds,
// one indexed lookup per kind for the whole chunk.
func notYetIndexed(ctx context.Context, tx *Tx, docs []SearchDoc) ([]SearchDoc, error) {
	if len(docs) == 0 {
		return docs, nil
	}
	refs := map[string][]string{}
	for _, d := range docs {
		refs[d.Kind] = append(refs[d.Kind], d.Ref)
	}
	indexed := map[[2]string]bool{}
	for kind, list := range refs {
		ids, err := json.Marshal(list)
		if err != nil {
			return nil, err
		}
		rows, err := tx.QueryContext(ctx, `SELECT ref FROM search_docs WHERE kind = ? AND ref IN (SELECT value FROM json_each(?))`, kind, string(ids))
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var ref string
			if err := rows.Scan(&ref); err != nil {
				rows.Close()
				return nil, err
			}
			indexed[[2]string{kind, ref}] = true
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	if len(indexed) == 0 {
		return docs, nil
	}
	fresh := docs[:0:0]
	for _, d := range docs {
		if !indexed[[2]string{d.Kind, d.Ref}] {
			fresh = append(fresh, d)
		}
	}
	return fresh, nil
}
