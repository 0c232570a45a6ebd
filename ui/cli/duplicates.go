package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"rolo/app"
)

func duplicatesCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "duplicates [contacts|companies]",
		Short: "List likely duplicates: same email, same phone, similar name at the same company (companies: same domain or name)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			entity := "contact"
			if len(args) == 1 && args[0] == "companies" {
				entity = "company"
			}
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				groups, err := a.Duplicates(cmd.Context(), actor, entity)
				if err != nil {
					return cliError(err)
				}
				for _, g := range groups {
					fmt.Fprintf(stdout, "%s %s: %s\n", g.Reason, g.Key, strings.Join(g.IDs, " "))
				}
				_, err = fmt.Fprintf(stdout, "%d groups\n", len(groups))
				return err
			})
		},
	}
	merge := &cobra.Command{
		Use:   "merge SURVIVOR LOSER [--take field]...",
		Short: "Merge two contacts (or --companies): the loser's emails, phones, tags, activities, tasks and deals move to the survivor; the loser goes to the trash",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				fields, _ := cmd.Flags().GetStringArray("take")
				take := map[string]string{}
				for _, f := range fields {
					take[f] = "loser"
				}
				mergeRecords := a.MergeContacts
				if companies, _ := cmd.Flags().GetBool("companies"); companies {
					mergeRecords = a.MergeCompanies
				}
				if err := mergeRecords(cmd.Context(), actor, args[0], args[1], take); err != nil {
					return cliError(err)
				}
				_, err := fmt.Fprintln(stdout, "Merged. `rolo duplicates undo` lists the merges that can be undone.")
				return err
			})
		},
	}
	merge.Flags().StringArray("take", nil, "a field whose value comes from the loser (first_name, title, company_id, notes, address…)")
	merge.Flags().Bool("companies", false, "merge two companies: people, deals, activities and tags move to the survivor")
	cmd.AddCommand(merge, mergeUndoCommand(getenv, stdout))
	addAsFlag(cmd)
	return cmd
}

// mergeUndoCommand lists the merges that can still be undone, or undoes one.
func mergeUndoCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "undo [MERGE_ID]",
		Short: "Without an id, list the merges of the last 30 days; with one, undo it (the merged record comes back with its links)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				if len(args) == 1 {
					m, err := a.UndoMerge(cmd.Context(), actor, args[0])
					if err != nil {
						return cliError(err)
					}
					_, err = fmt.Fprintf(stdout, "Undone: %s is back (%s).\n", m.MergedName, m.MergedID)
					return err
				}
				for _, entity := range []string{"contact", "company"} {
					merges, err := a.RecentMerges(cmd.Context(), actor, entity)
					if err != nil {
						return cliError(err)
					}
					for _, m := range merges {
						fmt.Fprintf(stdout, "%s\t%s\t%s\t%s ← %s\n", m.ID, m.At, entity, m.SurvivorName, m.MergedName)
					}
				}
				return nil
			})
		},
	}
}
