package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"rolo/store"
)

// ImportOptions say how to read a file and what to do with its rows.
type ImportOptions struct {
	Entity    string // contact, company or deal
	FileName  string
	Preset    string            // "" detects it
	Encoding  string            // "" detects it
	Delimiter rune              // 0 detects it
	Mapping   map[string]string // header → field, over the preset or the guess; "" ignores the column
	Columns   []string          // field of every column by position (the upload form); over Mapping when it fits the header
	Tag       string            // added to every created or updated record
	OwnerID   string            // owner of every row
	Status    string            // lifecycle status of every contact
	StageID   string            // stage of every deal
	// Match names the keys that find an existing record: email, phone,
	// name (name + company). Default: email.
	Match []string
	// OnDuplicate is skip (the default), fill (only empty fields) or overwrite.
	OnDuplicate string
	// SkipInvalid imports the valid rows when some fail; otherwise a
	// single bad row writes nothing.
	SkipInvalid bool
	DryRun      bool
	// Progress, when set, hears how many rows were read by each pass.
	Progress func(pass, rows int)
	// lines, for a table made from another format (vCard), gives the line
	// of the original file each line of the table stands for.
	lines map[int]int
	// photos, from a vCard, are the cards' photos (re-encoded) by the
	// line of the file their card begins on.
	photos map[int][]byte
}

// ImportColumn is one column of the file and the field it goes to.
type ImportColumn struct {
	Header, Field, Sample string
}

// ImportProblem is one thing wrong with one row.
type ImportProblem struct {
	Line    int
	Field   string // "" for the whole row
	Message string // catalog key
	Value   string
}

// ImportReport says what an import did, or (a dry run, or when rows
// failed) would do.
type ImportReport struct {
	BatchID  string
	Format   CSVFormat
	Preset   string
	Columns  []ImportColumn
	Rows     int
	Created  int
	Updated  int
	Skipped  int
	Failed   int
	Problems []ImportProblem // the first maxProblems
	// Warned counts the rows kept with a field left out; Warnings are the
	// first maxProblems of those fields, with their line and value.
	Warned    int
	Warnings  []ImportProblem
	Preview   []map[string]string
	Written   bool
	ResumedAt int  // rows a previous run had already committed
	JSON      bool // read from Rolo's JSON export: no columns to map
}

const (
	maxProblems  = 500
	previewRows  = 10
	importChunk  = 5000 // rows per transaction: a crash loses at most one uncommitted chunk
	maxImportErr = 1 << 20
)

// ImportOptionsProblems checks the options that do not depend on the file.
func (a *App) checkImportOptions(ctx context.Context, opt *ImportOptions) error {
	p := map[string]string{}
	if _, ok := ImportFields[opt.Entity]; !ok {
		p["entity"] = "error.import_entity_unknown"
	}
	if opt.Preset != "" && !contains(ImportPresets, opt.Preset) {
		p["preset"] = "error.import_preset_unknown"
	}
	if opt.Encoding != "" && encodingByName(opt.Encoding) == nil {
		p["encoding"] = "error.import_encoding_unknown"
	}
	if opt.OnDuplicate == "" {
		opt.OnDuplicate = "skip"
	}
	if !contains([]string{"skip", "fill", "overwrite"}, opt.OnDuplicate) {
		p["on_duplicate"] = "error.import_duplicate_mode_unknown"
	}
	if len(opt.Match) == 0 {
		opt.Match = []string{"email"}
	}
	for _, m := range opt.Match {
		if !contains([]string{"email", "phone", "name"}, m) {
			p["match"] = "error.import_match_unknown"
		}
	}
	if opt.Tag != "" {
		if _, problem := cleanTagNames([]string{opt.Tag}); problem != "" {
			p["tag"] = problem
		}
	}
	if opt.Status != "" && !contains(LifecycleStatuses, strings.ToLower(opt.Status)) {
		p["status"] = "error.status_invalid"
	}
	if err := checkOwner(ctx, a.db.Reader(), opt.OwnerID, p); err != nil {
		return err
	}
	for header, field := range opt.Mapping {
		if field != "" && !strings.HasPrefix(field, "cf.") && !contains(ImportFields[opt.Entity], field) {
			p["map."+header] = "error.import_field_unknown"
		}
	}
	for i, field := range opt.Columns {
		if field != "" && !strings.HasPrefix(field, "cf.") && !contains(ImportFields[opt.Entity], field) {
			p[fmt.Sprintf("map.%d", i)] = "error.import_field_unknown"
		}
	}
	if len(p) > 0 {
		return Invalid(p)
	}
	return nil
}

// Import reads a CSV file and stores its rows. It reads the file twice:
// first to check every row (nothing is written when a row fails, unless
// SkipInvalid), then to write it in chunks of importChunk rows, each
// chunk one transaction that also records the batch's progress. A crash
// leaves whole chunks that the batch accounts for; importing the same file
// again resumes after them. DryRun stops after the first pass.
func (a *App) Import(ctx context.Context, actor Actor, src io.ReadSeeker, opt ImportOptions) (ImportReport, error) {
	if err := a.can(actor, AreaImports, LevelCreate); err != nil {
		return ImportReport{}, err
	}
	if err := a.checkImportOptions(ctx, &opt); err != nil {
		return ImportReport{}, err
	}
	if err := a.canImportInto(actor, opt); err != nil {
		return ImportReport{}, err
	}
	hash := sha256.New()
	if _, err := io.Copy(hash, src); err != nil {
		return ImportReport{}, err
	}
	fileHash := hex.EncodeToString(hash.Sum(nil))
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return ImportReport{}, err
	}
	ctx = context.WithValue(ctx, phoneRegionKey{}, a.regionFor(ctx, a.db.Reader(), actor)) // the importer's region
	imp, err := a.newImporter(ctx, actor, opt)
	if err != nil {
		return ImportReport{}, err
	}

	// First pass: read and check every row (import_first_pass.go).
	table, rep, err := imp.open(src, opt)
	if err != nil {
		return rep, err
	}
	if err := imp.firstPass(ctx, table, &rep); err != nil {
		return rep, err
	}
	if opt.Progress != nil {
		opt.Progress(1, rep.Rows)
	}
	if opt.DryRun || (rep.Failed > 0 && !opt.SkipInvalid) || rep.Rows == rep.Failed {
		if !opt.DryRun {
			rep.Created, rep.Updated, rep.Skipped = 0, 0, 0
		}
		return rep, nil
	}

	// Second pass: write.
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return rep, err
	}
	return imp.write(ctx, src, fileHash, rep)
}

// readError is a file that cannot be read on (bad bytes, I/O).
func readError(err error, line int) error {
	return &Error{Code: EInvalid, Message: "error.import_unreadable", Fields: map[string]string{"line": fmt.Sprint(line)}}
}

func (r *ImportReport) fail(problems ...ImportProblem) {
	r.Failed++
	for _, p := range problems {
		if len(r.Problems) < maxProblems {
			r.Problems = append(r.Problems, p)
		}
	}
}

func (r *ImportReport) warn(problems ...ImportProblem) {
	r.Warned++
	for _, p := range problems {
		if len(r.Warnings) < maxProblems {
			r.Warnings = append(r.Warnings, p)
		}
	}
}

// keptPrefix marks a kept row's left-out field among a batch's stored
// problems: "kept:" + catalog key + "\n" + the value left out.
const keptPrefix = "kept:"

// ImportFailureKept reads a stored problem: the catalog key, and for a
// field left out of a row that was kept, kept is true and value is what
// the file had.
func ImportFailureKept(f store.ImportFailure) (key, value string, kept bool) {
	rest, kept := strings.CutPrefix(f.Message, keptPrefix)
	if !kept {
		return f.Message, "", false
	}
	key, value, _ = strings.Cut(rest, "\n")
	return key, value, true
}

// importRecord is one parsed row, ready to store.
type importRecord interface {
	preview() map[string]string
}

// ImportBatches lists the newest imports.
func (a *App) ImportBatches(ctx context.Context, actor Actor, limit int) ([]store.ImportBatch, error) {
	return store.ListImportBatches(ctx, a.db.Reader(), limit)
}

// ImportBatch loads one import.
func (a *App) ImportBatch(ctx context.Context, actor Actor, id string) (store.ImportBatch, error) {
	b, err := store.ImportBatchByID(ctx, a.db.Reader(), id)
	if errors.Is(err, store.ErrNotFound) {
		return b, errorf(ENotFound, "error.import_not_found")
	}
	return b, err
}

// ImportFailures lists the rows a batch could not import.
func (a *App) ImportFailures(ctx context.Context, actor Actor, id string) ([]store.ImportFailure, error) {
	return store.ImportFailures(ctx, a.db.Reader(), id)
}

// canImportInto: the import right is no way around the records' own.
// Importing creates records, so it needs the right to create them in
// their area (contacts and companies, or deals); filling or overwriting
// matched records needs the right to edit them.
func (a *App) canImportInto(actor Actor, opt ImportOptions) error {
	area := AreaContacts
	if opt.Entity == "deal" {
		area = AreaDeals
	}
	level := LevelCreate
	if opt.OnDuplicate != "skip" {
		level = LevelEdit
	}
	return a.can(actor, area, level)
}
