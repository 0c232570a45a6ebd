package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"rolo/app"
)

func doctorCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "doctor [--fix]",
		Short: "Check the database: integrity, foreign keys, schema version, search index, sizes",
		Long:  "Checks the database and gives a verdict. The search check compares the index with exactly the kinds it holds (companies, contacts, deals): a live record without its entry, an entry of a trashed or deleted record, an entry naming another owner than its record, an entry of a kind not indexed. --fix rebuilds the index, which clears every one of these. The contact cards (each contact's emails, phones, tags and custom values kept on its row for fast lists) and the copies kept on links (a contact's sort name on its tag links, a task's state and due time on its record links) are compared with the rows they are made from; --fix makes them again.",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := dbPath(cmd, getenv)
			if err != nil {
				return err
			}
			if fix, _ := cmd.Flags().GetBool("fix"); fix {
				if err := rebuildSearch(cmd.Context(), path, stdout); err != nil {
					return err
				}
			}
			r, err := app.Doctor(cmd.Context(), path)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintf(w, "file\t%s\n", r.Path)
			fmt.Fprintf(w, "size\t%d bytes (write-ahead log %d bytes)\n", r.FileSize, r.WALSize)
			fmt.Fprintf(w, "schema\tversion %d of %d known to this binary\n", r.SchemaVersion, r.LatestSchema)
			fmt.Fprintf(w, "users\t%d\n", r.Users)
			fmt.Fprintf(w, "integrity\t%s\n", verdict(r.Integrity))
			fmt.Fprintf(w, "foreign keys\t%s\n", verdict(r.ForeignKeys))
			fmt.Fprintf(w, "search index\t%s\n", verdict(r.Search))
			fmt.Fprintf(w, "contact card\t%s\n", verdict(r.Cards))
			if len(r.Pending) > 0 {
				fmt.Fprintf(w, "pending\t%s (applied at the next rolo serve)\n", strings.Join(r.Pending, ", "))
			}
			if r.SchemaProblem != "" {
				fmt.Fprintf(w, "schema problem\t%s\n", r.SchemaProblem)
			}
			w.Flush()
			if !r.Healthy() {
				// The index is made from the records, so an index that
				// differs loses nothing: rebuilding it is the remedy, not a
				// backup.
				if r.OnlyDerivedDiffers() {
					fmt.Fprintln(stdout, "Verdict: THE SEARCH INDEX OR THE CONTACT CARDS DIFFER FROM THE RECORDS. No record is damaged; make them again with: rolo doctor --fix")
					return errors.New("the search index or the contact cards differ from the records")
				}
				if r.DerivedDiffers() {
					fmt.Fprintln(stdout, "The search index and contact cards can be made again with: rolo doctor --fix")
				}
				fmt.Fprintln(stdout, "Verdict: PROBLEMS FOUND. Restore a backup with rolo restore, or keep a copy of the file and ask for help.")
				return errors.New("the database has problems")
			}
			_, err = fmt.Fprintln(stdout, "Verdict: OK")
			return err
		},
	}
	cmd.Flags().Bool("fix", false, "rebuild the search index and the contact cards (safe while Rolo runs)")
	return cmd
}

// rebuildSearch indexes every record afresh, printing progress.
func rebuildSearch(ctx context.Context, path string, stdout io.Writer) error {
	a, err := app.Open(ctx, path, app.Config{})
	if err != nil {
		return err
	}
	defer a.Close()
	// The cards first: the search index is made from contacts read
	// through their cards, and a card of the wrong shape cannot be read.
	cards, err := a.DB().RebuildContactCards(ctx)
	if err != nil {
		return err
	}
	noun := "contacts"
	if cards == 1 {
		noun = "contact"
	}
	if _, err := fmt.Fprintf(stdout, "Made the contact cards again: %d %s\n", cards, noun); err != nil {
		return err
	}
	fmt.Fprint(stdout, "Rebuilding the search index…")
	total := 0
	err = a.RebuildSearchIndex(ctx, func(done int) {
		total = done
		fmt.Fprintf(stdout, "\rRebuilding the search index… %d records", done)
	})
	if err != nil {
		fmt.Fprintln(stdout)
		return err
	}
	_, err = fmt.Fprintf(stdout, "\rRebuilt the search index: %d records\n", total)
	return err
}

func verdict(problems []string) string {
	if len(problems) == 0 {
		return "ok"
	}
	return fmt.Sprintf("%d problem(s): %s", len(problems), strings.Join(problems, "; "))
}
