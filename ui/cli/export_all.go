package cli

import (
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"rolo/app"
)

// exportAllCommand is `rolo export all`: the whole database as one typed
// JSON document, which `rolo import all` restores.
func exportAllCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "all [-o FILE.json]",
		Short: "Export the whole database (records, pipelines, custom fields, tags, segments, users without secrets) as one JSON document",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				out, _ := cmd.Flags().GetString("output")
				if out == "" {
					return cliError(a.ExportAll(cmd.Context(), actor, stdout))
				}
				return writeFileWhole(out, func(w io.Writer) error { return cliError(a.ExportAll(cmd.Context(), actor, w)) })
			})
		},
	}
	cmd.Flags().StringP("output", "o", "", "write to this file instead of standard output")
	return cmd
}

// writeFileWhole writes a file beside its place and renames it there
// when done, so a failed export never leaves half a document.
func writeFileWhole(path string, write func(w io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.part")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // gone once renamed
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
