package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"rolo/app"
)

func backupCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the database to FILE, even while Rolo runs",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := dbPath(cmd, getenv)
			if err != nil {
				return err
			}
			size, err := app.BackupFile(cmd.Context(), path, args[0])
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(stdout, "Backed up %s to %s (%d bytes, integrity ok)\n", path, args[0], size)
			return err
		},
	}
}
