package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/gorilla/mux"
)

// assets serves static files under a content hash, so browsers cache them
// forever and an upgrade still reaches them at once.
type staticFiles struct {
	fsys   fs.FS
	dev    bool
	hashes map[string]string
}

func loadAssets(fsys fs.FS, dev bool) (*staticFiles, error) {
	a := &staticFiles{fsys: fsys, dev: dev, hashes: map[string]string{}}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		a.hashes[name] = hex.EncodeToString(sum[:])[:12]
		return nil
	})
	return a, err
}

// URL is the cache-busting address of a static file.
func (a *staticFiles) URL(name string) string {
	if a.dev {
		return "/static/dev/" + name
	}
	return "/static/" + a.hashes[name] + "/" + name
}

func (a *staticFiles) handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		vars := mux.Vars(r)
		name := path.Clean(vars["name"])
		if strings.HasPrefix(name, ".") || !fs.ValidPath(name) {
			http.NotFound(w, r)
			return
		}
		body, err := fs.ReadFile(a.fsys, name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if !a.dev && vars["hash"] == a.hashes[name] {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		if ctype := mime.TypeByExtension(path.Ext(name)); ctype != "" {
			w.Header().Set("Content-Type", ctype)
		}
		_, _ = w.Write(body)
	})
}
