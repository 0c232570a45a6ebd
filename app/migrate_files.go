package app

import (
	"archive/zip"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Bounds on an export: a file over maxMigrationFile, or an export over
// maxMigrationTotal, is refused with a message naming it, before it can
// fill the memory (a zip bomb says small sizes and inflates to more; the
// reader stops one byte past the bound whatever the header says).
const (
	maxMigrationFile  = 256 << 20
	maxMigrationTotal = 1 << 30
	maxMigrationFiles = 200
)

// ReadMigrationZip unpacks an export zip: regular files only, __MACOSX
// and dot files skipped. A name that climbs out of the archive (zip
// slip: "../x", "/etc/x") refuses the whole zip, as does a file over the
// bounds.
func ReadMigrationZip(r io.ReaderAt, size int64) ([]MigrationFile, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, errorf(EInvalid, "error.migration_zip_unreadable")
	}
	var out []MigrationFile
	total := 0
	for _, f := range zr.File {
		name := strings.ReplaceAll(f.Name, `\`, "/")
		if unsafeZipName(name) {
			return nil, fileError("error.migration_zip_unsafe", f.Name)
		}
		base := path.Base(name)
		if f.FileInfo().IsDir() || !f.Mode().IsRegular() || strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(base, ".") {
			continue
		}
		if len(out) == maxMigrationFiles {
			return nil, fileError("error.migration_too_many_files", f.Name)
		}
		if f.UncompressedSize64 > maxMigrationFile {
			return nil, fileError("error.migration_file_too_large", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fileError("error.migration_zip_unreadable", f.Name)
		}
		data, err := io.ReadAll(io.LimitReader(rc, maxMigrationFile+1))
		rc.Close()
		if err != nil {
			return nil, fileError("error.migration_zip_unreadable", f.Name)
		}
		if len(data) > maxMigrationFile {
			return nil, fileError("error.migration_file_too_large", f.Name)
		}
		if total += len(data); total > maxMigrationTotal {
			return nil, fileError("error.migration_export_too_large", f.Name)
		}
		out = append(out, MigrationFile{Name: name, Data: data})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// unsafeZipName tells a name that would land outside the directory the
// archive is unpacked in.
func unsafeZipName(name string) bool {
	if strings.HasPrefix(name, "/") || filepath.IsAbs(name) || (len(name) > 1 && name[1] == ':') {
		return true
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return true
		}
	}
	return false
}

// ReadMigrationDir reads the files of a directory (not its
// subdirectories), under the same bounds as a zip.
func ReadMigrationDir(dir string) ([]MigrationFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []MigrationFile
	total := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if len(out) == maxMigrationFiles {
			return nil, fileError("error.migration_too_many_files", e.Name())
		}
		info, err := e.Info()
		if err != nil {
			return nil, err
		}
		if info.Size() > maxMigrationFile {
			return nil, fileError("error.migration_file_too_large", e.Name())
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		if total += len(data); total > maxMigrationTotal {
			return nil, fileError("error.migration_export_too_large", e.Name())
		}
		out = append(out, MigrationFile{Name: e.Name(), Data: data})
	}
	return out, nil
}

// fileError is a problem with one file of an export; Detail names it.
func fileError(key, name string) error {
	return &Error{Code: EInvalid, Message: key, Detail: name}
}
