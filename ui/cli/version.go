package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

func versionCommand(stdout io.Writer, version string) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(stdout, "rolo", buildVersion(version))
			return err
		},
	}
}
