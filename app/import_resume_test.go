package app_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// TestImportResumesAfterAnInterruption stops an import after its first
// chunk (as a crash would) and imports the same file again: the batch
// accounts for the stored chunk and the second run goes on after it.
func TestImportResumesAfterAnInterruption(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	var file bytes.Buffer
	file.WriteString("Name,Email\n")
	for i := range 12000 {
		fmt.Fprintf(&file, "Person %d,p%d@example.com\n", i, i)
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err := ta.Import(ctx, admin, bytes.NewReader(file.Bytes()), app.ImportOptions{Entity: "contact", FileName: "big.csv",
		Progress: func(pass, rows int) {
			if pass == 2 {
				cancel() // the first chunk is committed; stop before the next
			}
		}})
	is.True(err != nil) // interrupted
	batches, err := ta.ImportBatches(context.Background(), admin, 5)
	is.NoErr(err)
	is.Equal(len(batches), 1)
	is.Equal(batches[0].Status, "running")
	is.Equal(batches[0].RowsDone, 5000) // whole chunks only
	is.Equal(batches[0].Created, 5000)
	is.Equal(contactCount(t, ta), 5000)

	rep, err := ta.Import(context.Background(), admin, bytes.NewReader(file.Bytes()), app.ImportOptions{Entity: "contact", FileName: "big.csv"})
	is.NoErr(err)
	is.Equal(rep.ResumedAt, 5000)
	is.Equal(rep.BatchID, batches[0].ID) // the same batch, finished
	is.Equal(rep.Created, 12000)
	is.Equal(contactCount(t, ta), 12000) // nothing twice
}
