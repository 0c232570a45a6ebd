package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"rolo/app"
)

// importAllCommand is `rolo import all`: restore a document written by
// `rolo export all` into a new, empty database.
func importAllCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "all FILE.json [--dry-run]",
		Short: "Restore a whole database written by `rolo export all` into a new, empty one (all or nothing; users then set a password)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				f, err := os.Open(args[0])
				if err != nil {
					return err
				}
				defer f.Close()
				restore, verb := a.ImportAll, "Restored"
				if dry, _ := cmd.Flags().GetBool("dry-run"); dry {
					restore, verb = a.CheckImportAll, "Would restore"
				}
				rep, err := restore(cmd.Context(), actor, f)
				if err != nil {
					return cliError(err)
				}
				_, err = fmt.Fprintf(stdout, "%s %s, %s, %s, %s, %s and %s.\n"+
					"Users have no password yet: set one with `rolo user passwd EMAIL` (or an admin does on the users page).\n",
					verb, counted(rep.Users, "user", "users"), counted(rep.Companies, "company", "companies"),
					counted(rep.Contacts, "contact", "contacts"), counted(rep.Deals, "deal", "deals"),
					counted(rep.Activities, "activity", "activities"), counted(rep.Tasks, "task", "tasks"))
				return err
			})
		},
	}
	cmd.Flags().Bool("dry-run", false, "check the whole document and write it in a transaction that is rolled back: nothing is kept")
	return cmd
}

// isJSONFile tells whether a file given to `rolo import contacts` is
// Rolo's JSON export rather than a CSV, and rewinds it.
func isJSONFile(f *os.File) bool {
	head := make([]byte, 512)
	n, _ := f.Read(head)
	_, err := f.Seek(0, io.SeekStart)
	return err == nil && app.IsJSONFile(head[:n])
}

// counted is "1 user" or "5 users".
func counted(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
