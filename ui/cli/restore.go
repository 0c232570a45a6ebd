package cli

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"rolo/app"
)

func restoreCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "restore FILE | --from URL [--at TIME] [-o FILE]",
		Short: "Replace the database with a backup, or restore it from a replica at a point in time",
		Long: "rolo restore FILE checks FILE (integrity, that it is a Rolo database, that its schema is not newer than this binary),\n" +
			"then replaces the database with it, keeping the replaced file aside. Refused while rolo serve uses the database.\n\n" +
			"rolo restore --from URL brings back the database from a replica that rolo serve --replicate wrote to, as it was\n" +
			"at --at (RFC 3339, e.g. 2026-12-07T10:15:00Z; default: the latest), checked the same way. With -o FILE it writes a\n" +
			"new file and leaves the database alone; without, it replaces the database as rolo restore FILE does.",
		Args: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("from") {
				return cobra.NoArgs(cmd, args)
			}
			if cmd.Flags().Changed("at") || cmd.Flags().Changed("output") {
				return errors.New("--at and -o go with --from URL")
			}
			return cobra.ExactArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := dbPath(cmd, getenv)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("from") {
				return restoreFromReplica(cmd, stdout, path)
			}
			replaced, err := app.Restore(cmd.Context(), path, args[0], time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Restored %s from %s\n", path, args[0])
			if replaced != "" {
				fmt.Fprintf(stdout, "The replaced database was kept as %s\n", replaced)
			}
			return nil
		},
	}
	cmd.Flags().String("from", "", "restore from this replica URL (as given to rolo serve --replicate)")
	cmd.Flags().String("at", "", "with --from: the moment to restore, RFC 3339 (2026-12-07T10:15:00Z); default the latest")
	cmd.Flags().StringP("output", "o", "", "with --from: write the restored database to this new file instead of replacing the database")
	return cmd
}

func restoreFromReplica(cmd *cobra.Command, stdout io.Writer, path string) error {
	from, _ := cmd.Flags().GetString("from")
	urls, err := app.ParseReplicaURLs(from)
	if err != nil {
		return err
	}
	if len(urls) != 1 {
		return errors.New("--from takes one replica URL")
	}
	var at time.Time
	if v, _ := cmd.Flags().GetString("at"); v != "" {
		if at, err = time.Parse(time.RFC3339, v); err != nil {
			return fmt.Errorf("--at %s: give a time as 2026-12-07T10:15:00Z (RFC 3339)", v)
		}
	}
	out, _ := cmd.Flags().GetString("output")
	start := time.Now()
	written, replaced, err := app.RestoreFromReplica(cmd.Context(), path, urls[0], at, out, time.Now())
	if err != nil {
		return err
	}
	moment := "its latest state"
	if !at.IsZero() {
		moment = at.UTC().Format(time.RFC3339)
	}
	fmt.Fprintf(stdout, "Restored %s from %s at %s (%s, integrity ok)\n", written, app.RedactReplicaURL(urls[0]), moment, time.Since(start).Round(time.Millisecond))
	if replaced != "" {
		fmt.Fprintf(stdout, "The replaced database was kept as %s\n", replaced)
	}
	return nil
}
