// Package embed holds every file compiled into the rolo binary: SQL
// migrations, HTML templates, static assets and translation catalogs.
// It is imported with an alias (assets) because its name shadows the
// standard library's embed package.
package embed

import (
	"embed"
	"io/fs"
)

//go:embed migrations/*.sql
var migrations embed.FS

//go:embed templates
var templates embed.FS

//go:embed static
var static embed.FS

//go:embed i18n/*/*.json
var i18n embed.FS

// Migrations holds NNNN_name.sql files, applied in lexical order.
var Migrations = sub(migrations, "migrations")

// Templates holds the html/template views.
var Templates = sub(templates, "templates")

// Static holds CSS, JavaScript and icons served under /static/.
var Static = sub(static, "static")

// I18n holds one folder per UI language, each with JSON catalogs split by
// area (core.json, contacts.json, …) that are merged when loaded.
var I18n = sub(i18n, "i18n")

func sub(fsys embed.FS, dir string) fs.FS {
	f, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // the directory is compiled in; failing here is a build mistake
	}
	return f
}
