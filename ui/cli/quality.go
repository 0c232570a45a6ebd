package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"rolo/app"
)

func qualityCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "quality [--stale-days N] [--list PROBLEM]",
		Short: "Data-quality report: contacts missing an email or phone, without owner, with unmatchable phones, stale",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				days, _ := cmd.Flags().GetInt("stale-days")
				if problem, _ := cmd.Flags().GetString("list"); problem != "" {
					list, err := a.QualityList(cmd.Context(), actor, problem, days)
					if err != nil {
						return cliError(err)
					}
					for _, c := range list {
						fmt.Fprintf(stdout, "%s\t%s\n", c.ID, c.DisplayName)
					}
					return nil
				}
				q, err := a.DataQuality(cmd.Context(), actor, days)
				if err != nil {
					return cliError(err)
				}
				_, err = fmt.Fprintf(stdout, "contacts\t%d\nno_email\t%d\nno_phone\t%d\nno_owner\t%d\nunmatchable_phone\t%d\nstale (%d days)\t%d\n",
					q.Contacts, q.NoEmail, q.NoPhone, q.NoOwner, q.UnmatchablePhone, q.StaleDays, q.Stale)
				return err
			})
		},
	}
	addAsFlag(cmd)
	cmd.Flags().Int("stale-days", 90, "a contact without changes or activities this long is stale")
	cmd.Flags().String("list", "", "list the contacts with one problem: "+strings.Join(app.QualityProblems, ", "))
	return cmd
}
