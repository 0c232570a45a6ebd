package cli

import (
	"errors"
	"io"
	"os"

	"github.com/spf13/cobra"

	"rolo/app"
)

func exportCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export [contacts|companies|deals] [--format csv|vcf|json] [--vcard-version 4.0|3.0] [--segment NAME] [--bom] [-o FILE]",
		Short: "Export records as CSV (re-importable with --preset rolo), vCard or JSON; with --json alone, the whole database",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, _ := cmd.Flags().GetString("format")
			all, _ := cmd.Flags().GetBool("json")
			if len(args) == 0 && !all {
				return errors.New("name what to export (contacts, companies or deals), or pass --json for everything")
			}
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				w := stdout
				if out, _ := cmd.Flags().GetString("output"); out != "" {
					f, err := os.Create(out)
					if err != nil {
						return err
					}
					defer f.Close()
					w = f
				}
				if len(args) == 0 {
					return cliError(a.ExportAll(cmd.Context(), actor, w))
				}
				entity := map[string]string{"contacts": "contact", "companies": "company", "deals": "deal"}[args[0]]
				if all {
					format = "json"
				}
				if bom, _ := cmd.Flags().GetBool("bom"); bom && format == "csv" {
					// For Excel on Windows, which reads a CSV without it in the
					// system's code page (see the browser download).
					if _, err := io.WriteString(w, "\uFEFF"); err != nil {
						return err
					}
				}
				version, _ := cmd.Flags().GetString("vcard-version")
				if name, _ := cmd.Flags().GetString("segment"); name != "" {
					seg, err := a.SegmentNamed(cmd.Context(), actor, entity, name)
					if err != nil {
						return cliError(err)
					}
					if format == "vcf" {
						return cliError(a.ExportSegmentVCards(cmd.Context(), actor, w, seg.ID, version))
					}
					return cliError(a.ExportSegment(cmd.Context(), actor, w, seg.ID, format))
				}
				if format == "vcf" && entity == "contact" {
					return cliError(a.ExportVCards(cmd.Context(), actor, w, version, nil))
				}
				return cliError(a.Export(cmd.Context(), actor, w, entity, format, nil))
			})
		},
	}
	addAsFlag(cmd)
	cmd.Flags().String("segment", "", "only the records of this saved segment (its name)")
	cmd.Flags().String("format", "csv", "csv, vcf (contacts) or json")
	cmd.Flags().String("vcard-version", "4.0", "with --format vcf: 4.0, or 3.0 for address books that read only vCard 3.0")
	cmd.Flags().Bool("bom", false, "start a CSV with a UTF-8 byte-order mark, so that Excel shows every alphabet")
	cmd.Flags().Bool("json", false, "JSON; without a kind of record, the whole database")
	cmd.Flags().StringP("output", "o", "", "write to this file instead of standard output")
	cmd.AddCommand(exportAllCommand(getenv, stdout))
	return cmd
}
