package app

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seeds adds every sample file of testdata/import with the extension.
func seeds(f *testing.F, ext string) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "import", "*"))
	more, _ := filepath.Glob(filepath.Join("..", "testdata", "import", "*", "*"))
	for _, p := range append(paths, more...) {
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			continue
		}
		if strings.HasSuffix(p, ext) == (ext == ".vcf") {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

// FuzzCSVReader: any bytes give rows or an error, never a panic or a hang.
func FuzzCSVReader(f *testing.F) {
	seeds(f, ".csv")
	// Found by fuzzing: a GBK header, then a quote never closed.
	f.Add([]byte("\xd0\xd5\xc3\xfb\t\xd3\xca\xcf\xe4\t\xca\xd6\xbbA\t\xb9A\xcb\xbe\t\xd6\xb0\xce\xbb0\n\"000"))
	f.Fuzz(func(t *testing.T, data []byte) {
		table, err := openCSV(bytes.NewReader(data), CSVFormat{})
		if err != nil {
			return
		}
		for i := 0; i < 100_000; i++ {
			row, err := table.next()
			if errors.Is(err, io.EOF) || err != nil {
				return
			}
			if row.Err == "" && len(row.Cells) != len(table.Header) {
				t.Fatalf("row of %d cells for %d columns", len(row.Cells), len(table.Header))
			}
		}
		t.Fatal("more rows than bytes")
	})
}

// FuzzVCardReader: any bytes give a table or an error, never a panic.
func FuzzVCardReader(f *testing.F) {
	seeds(f, ".vcf")
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _, _, _ = vcardTable(data)
	})
}
