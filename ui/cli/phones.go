package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"rolo/app"
)

// phonesCommand groups the phone region commands: the instance's region,
// and re-reading the numbers that could not be read.
func phonesCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "phones",
		Short: "Phone numbers by region: the region numbers without a country code are read in, and re-reading the numbers that could not be read",
	}
	cmd.AddCommand(phonesRegionCommand(getenv, stdout), phonesReparseCommand(getenv, stdout))
	return cmd
}

func phonesRegionCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "region [CODE]",
		Short: "Show the instance's phone region, or set it (a two-letter code: KR, JP, US…); the command line reads numbers in it",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				if len(args) == 1 {
					if err := a.SetPhoneRegion(cmd.Context(), actor, args[0]); err != nil {
						return cliError(err)
					}
				}
				_, err := fmt.Fprintln(stdout, a.PhoneRegion(cmd.Context()))
				return err
			})
		},
	}
	addAsFlag(cmd)
	return cmd
}

func phonesReparseCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "reparse [--region CODE] [--dry-run]",
		Short: "Re-read the phone numbers that could not be read (no E.164 form) as numbers of a region, default the instance's; each change is audited and re-indexed",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				region, _ := cmd.Flags().GetString("region")
				if region == "" {
					region = a.PhoneRegion(cmd.Context())
				}
				dry, _ := cmd.Flags().GetBool("dry-run")
				scope := app.RereadAll // the operator and admins: every record; a user given with --as: their own
				if actor != nil && !actor.IsAdmin() {
					scope = app.RereadOwn
				}
				res, err := a.RereadPhones(cmd.Context(), actor, region, scope, !dry)
				if err != nil {
					return cliError(err)
				}
				fmt.Fprintf(stdout, "Numbers that could not be read: %d\n", res.Unread)
				for _, ch := range res.Changes {
					fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\t%s → %s\n", ch.Entity, ch.ID, ch.Name, ch.Label, ch.Value, ch.E164)
				}
				if dry {
					_, err = fmt.Fprintf(stdout, "Would re-read as %s: %d (dry run: nothing written)\n", res.Region, len(res.Changes))
				} else {
					_, err = fmt.Fprintf(stdout, "Re-read as %s: %d\n", res.Region, res.Applied)
				}
				return err
			})
		},
	}
	addAsFlag(cmd)
	cmd.Flags().String("region", "", "two-letter region code (KR, JP, US…); default the instance's phone region")
	cmd.Flags().Bool("dry-run", false, "list what would change and write nothing")
	return cmd
}
