package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// googleExport is a Google Contacts export of n people in which refused
// rows, malformed rows, fields left out and people met twice are spread
// over many of the first pass's batches, some rows running over two
// lines (notes). It returns the file and what a correct first pass
// reports, worked out while writing it.
type googleExport struct {
	data       []byte
	failLines  []int    // refused or malformed rows, in file order
	warnings   []string // "line field" of every field left out, in file order
	rows       int
	warned     int
	created    int // a dry run's counts
	duplicates int
}

func writeGoogleExport(t *testing.T, n int) googleExport {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteString("\uFEFFFirst Name,Middle Name,Last Name,Phonetic First Name,Nickname,File As,Birthday,Notes,Labels," +
		"E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Organization Name," +
		"Organization Title,Address 1 - Street,Address 1 - City,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Website 1 - Value\n")
	w := csv.NewWriter(&buf)
	var g googleExport
	line := 2
	phones := []string{"+1 415 555 %04d", "+82 10-%04d-5678", "+39 06 1234 %04d", "+49 30 1234%04d", "+81 90-%04d-5678"}
	emails := map[int]string{} // row → email of a plain row, for the duplicates
	for i := range n {
		g.rows++
		if i%97 == 3 { // a stray quote, as a hand-edited file has
			w.Flush()
			fmt.Fprintf(&buf, "Broken,,Row %d,,,,,say \"hi,* myContacts,,,,,,,,,,,,,,\n", i)
			g.failLines = append(g.failLines, line)
			line++
			continue
		}
		email := fmt.Sprintf("person%d@example.com", i)
		first, last, birthday, notes, title, company := "Anna", fmt.Sprintf("Row %d", i), "1990-04-12", "", "Buyer", fmt.Sprintf("Company %d", i%50)
		phone := fmt.Sprintf(phones[i%len(phones)], i%10000)
		var warn []string
		switch {
		case i%41 == 7: // nothing identifies it: refused
			first, last, email, phone, company = "", "", "", "", ""
			g.failLines = append(g.failLines, line)
		case i%13 == 12 && emails[i-6] != "": // the same person again
			email = emails[i-6]
			g.duplicates++
		default:
			if i%53 == 11 {
				birthday = "31/31/1990"
				warn = append(warn, "birthday")
			}
			if i%67 == 5 {
				email = "not-an-email"
				warn = append(warn, "emails.0")
			} else if len(warn) == 0 {
				emails[i] = email
			}
			switch i % 59 {
			case 13: // no number at all: left out
				phone = "ask reception"
				warn = append(warn, "phones.0")
			case 17: // full-width digits, as Japanese address books write them
				phone = "＋８１ ９０-１２３４-５６７８"
			case 19: // an extension
				phone = fmt.Sprintf("+1 415 555 %04d ext. 12", i%10000)
			}
		}
		if i%29 == 0 {
			notes = fmt.Sprintf("Met at the fair.\nCall back about order %d.", i)
		}
		if first != "" || email != "" {
			g.created++
		}
		for _, f := range warn {
			g.warnings = append(g.warnings, fmt.Sprintf("%d %s", line, f))
		}
		if len(warn) > 0 {
			g.warned++
		}
		if err := w.Write([]string{first, "", last, "", "", "", birthday, notes, "* myContacts", "Work", email, "", "",
			"Mobile", phone, company, title, "", "Berlin", "", "", "Germany", ""}); err != nil {
			t.Fatal(err)
		}
		line += 1 + strings.Count(notes, "\n")
	}
	w.Flush()
	g.created -= g.duplicates
	g.data = buf.Bytes()
	return g
}

// serialFirstPass is the first pass as one loop over the rows, each
// checked and counted before the next is read.
func serialFirstPass(ctx context.Context, imp *importer, table *csvTable, rep *ImportReport) error {
	for {
		row, err := table.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return readError(err, row.Line)
		}
		var rec importRecord
		var problems []ImportProblem
		if row.Err == "" {
			rec, problems = imp.parse(ctx, row)
		}
		imp.tally(ctx, rep, row, rec, problems)
	}
}

// passReport runs one first pass, serial or not, over src with a fresh
// importer, and returns its report, its error and the progress it told.
func passReport(t *testing.T, a *App, actor Actor, src io.Reader, dryRun, parallel bool) (ImportReport, error, []int) {
	t.Helper()
	var progress []int
	opt := ImportOptions{Entity: "contact", DryRun: dryRun, Progress: func(pass, rows int) { progress = append(progress, rows) }}
	ctx := context.Background()
	if err := a.checkImportOptions(ctx, &opt); err != nil {
		t.Fatal(err)
	}
	ctx = context.WithValue(ctx, phoneRegionKey{}, "US")
	imp, err := a.newImporter(ctx, actor, opt)
	if err != nil {
		t.Fatal(err)
	}
	table, rep, err := imp.open(src, opt)
	if err != nil {
		t.Fatal(err)
	}
	if parallel {
		err = imp.firstPass(ctx, table, &rep)
	} else {
		err = serialFirstPass(ctx, imp, table, &rep)
	}
	return rep, err, progress
}

func openFirstPassApp(t *testing.T) (*App, Actor) {
	t.Helper()
	ctx := context.Background()
	a, err := Open(ctx, filepath.Join(t.TempDir(), "rolo.db"), Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	admin, err := a.Setup(ctx, "", NewUser{Name: "Ada Admin", Email: "ada@example.com", Password: "correct horse"})
	if err != nil {
		t.Fatal(err)
	}
	return a, admin
}

// TestFirstPassInFileOrder: checking rows on several goroutines reports
// what one loop over them reports, byte for byte: refused rows and
// fields left out in line order, the preview, a dry run's counts and the
// progress, for a file whose problems fall in many batches.
func TestFirstPassInFileOrder(t *testing.T) {
	a, admin := openFirstPassApp(t)
	g := writeGoogleExport(t, 12*firstPassBatch+17)
	for _, dryRun := range []bool{false, true} {
		serial, serr, sprogress := passReport(t, a, admin, bytes.NewReader(g.data), dryRun, false)
		par, perr, pprogress := passReport(t, a, admin, bytes.NewReader(g.data), dryRun, true)
		if serr != nil || perr != nil {
			t.Fatalf("dry run %v: %v, %v", dryRun, serr, perr)
		}
		if !reflect.DeepEqual(serial, par) {
			t.Fatalf("dry run %v: the reports differ:\nserial   %+v\nparallel %+v", dryRun, serial, par)
		}
		if !reflect.DeepEqual(sprogress, pprogress) || len(pprogress) == 0 {
			t.Fatalf("dry run %v: progress %v, serially %v", dryRun, pprogress, sprogress)
		}
		// And what the file holds, worked out as it was written.
		var failLines []int
		for _, p := range par.Problems {
			failLines = append(failLines, p.Line)
		}
		var warnings []string
		for _, w := range par.Warnings {
			warnings = append(warnings, fmt.Sprintf("%d %s", w.Line, w.Field))
		}
		if par.Rows != g.rows || par.Failed != len(g.failLines) || !reflect.DeepEqual(failLines, g.failLines) {
			t.Fatalf("rows %d failed %d at %v, want %d, %d at %v", par.Rows, par.Failed, failLines, g.rows, len(g.failLines), g.failLines)
		}
		if par.Warned != g.warned || !reflect.DeepEqual(warnings, g.warnings) {
			t.Fatalf("warned %d: %v, want %d: %v", par.Warned, warnings, g.warned, g.warnings)
		}
		if len(par.Preview) != previewRows || par.Preview[0]["last_name"] != "Row 0" {
			t.Fatalf("preview %v", par.Preview)
		}
		if dryRun && (par.Created != g.created || par.Skipped != g.duplicates || par.Updated != 0) {
			t.Fatalf("dry run created %d skipped %d updated %d, want %d and %d", par.Created, par.Skipped, par.Updated, g.created, g.duplicates)
		}
	}
}

// TestFirstPassReadError: a file that cannot be read on stops the pass
// with the error one loop gives, after counting the rows before it.
func TestFirstPassReadError(t *testing.T) {
	a, admin := openFirstPassApp(t)
	g := writeGoogleExport(t, 9*firstPassBatch)
	cut := g.data[:len(g.data)*2/3]
	broken := func() io.Reader {
		return io.MultiReader(bytes.NewReader(cut), iotest.ErrReader(errors.New("disk gone")))
	}
	serial, serr, _ := passReport(t, a, admin, broken(), false, false)
	par, perr, _ := passReport(t, a, admin, broken(), false, true)
	if perr == nil || !reflect.DeepEqual(serr, perr) {
		t.Fatalf("error %v, serially %v", perr, serr)
	}
	if !reflect.DeepEqual(serial, par) || par.Rows < 4*firstPassBatch {
		t.Fatalf("rows %d, serially %d", par.Rows, serial.Rows)
	}
}
