package app_test

import (
	"io/fs"

	assets "rolo/embed"
)

func assetsMigrations() fs.FS { return assets.Migrations }
