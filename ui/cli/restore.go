package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"rolo/app"
)

func restoreCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE",
		Short: "Replace the database with a backup, keeping the replaced file aside",
		Long:  "Checks FILE (integrity, that it is a Rolo database, that its schema is not newer than this binary),\nthen replaces the database with it. Refused while rolo serve uses the database.",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := dbPath(cmd, getenv)
			if err != nil {
				return err
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
}
