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
		Long:  "Checks the database and gives a verdict. --fix rebuilds the search index when it differs from the records.",
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
			if len(r.Pending) > 0 {
				fmt.Fprintf(w, "pending\t%s (applied at the next rolo serve)\n", strings.Join(r.Pending, ", "))
			}
			if r.SchemaProblem != "" {
				fmt.Fprintf(w, "schema problem\t%s\n", r.SchemaProblem)
			}
			w.Flush()
			if !r.Healthy() {
				if len(r.Search) > 0 {
					fmt.Fprintln(stdout, "The search index can be rebuilt with: rolo doctor --fix")
				}
				fmt.Fprintln(stdout, "Verdict: PROBLEMS FOUND. Restore a backup with rolo restore, or keep a copy of the file and ask for help.")
				return errors.New("the database has problems")
			}
			_, err = fmt.Fprintln(stdout, "Verdict: OK")
			return err
		},
	}
	cmd.Flags().Bool("fix", false, "rebuild the search index (safe while Rolo runs)")
	return cmd
}

// rebuildSearch indexes every record afresh, printing progress.
func rebuildSearch(ctx context.Context, path string, stdout io.Writer) error {
	a, err := app.Open(ctx, path, app.Config{})
	if err != nil {
		return err
	}
	defer a.Close()
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
