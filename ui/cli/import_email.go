package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"rolo/app"
	assets "rolo/embed"
	"rolo/ui/i18n"
)

// importEmailCommand is `rolo import email FILE.mbox|DIR`: the messages of
// an mbox (Gmail Takeout, Thunderbird, Apple Mail) or a folder of .eml
// files go to the timelines of the contacts in them.
func importEmailCommand(getenv func(string) string, stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "email FILE.mbox|FILE.eml|DIR [--create-contacts] [--dry-run]",
		Short: "Log the messages of an mbox, an .eml file or a folder of them on the timelines of the contacts in them",
		Long: `Each message becomes an email activity linked to every contact whose address is in its From, To or Cc.
A message logged before (by a drop, an earlier import or a watched IMAP folder) is not logged again.
A message in which no known contact appears is skipped and counted, unless --create-contacts is given.
Pass --as with your own account, so the messages are logged as yours.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				src, err := app.EmailPathSource(args[0])
				if err != nil {
					return err
				}
				opt := app.EmailImportOptions{FileName: filepath.Base(filepath.Clean(args[0])), Progress: emailProgress(stderr)}
				opt.CreateContacts, _ = cmd.Flags().GetBool("create-contacts")
				opt.DryRun, _ = cmd.Flags().GetBool("dry-run")
				rep, err := a.ImportEmail(cmd.Context(), actor, src, opt)
				if err != nil {
					return cliError(err)
				}
				return printEmailReport(stdout, stderr, rep)
			})
		},
	}
	cmd.Flags().Bool("create-contacts", false, "make a contact of every address (but the team's own) in a message where no known contact appears")
	cmd.Flags().Bool("dry-run", false, "read every message and print what the import would do, writing nothing")
	return cmd
}

// emailProgress counts messages on a terminal; an mbox does not say how
// many it holds, so the bar shows a count and a rate.
func emailProgress(stderr io.Writer) func(int) {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("logging messages"),
		progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("messages"))
	return func(n int) { _ = bar.Set(n) }
}

// printEmailReport prints the counts on standard output and each message
// that could not be read on standard error.
func printEmailReport(stdout, stderr io.Writer, rep app.EmailReport) error {
	catalog, err := i18n.LoadCatalog(assets.I18n)
	if err != nil {
		return err
	}
	verb := "Logged"
	if !rep.Written {
		verb = "Would log"
	}
	fmt.Fprintf(stdout, "Read %d messages. %s %d; %d were logged before; %d skipped (no known contact in them); %d unreadable.\n",
		rep.Messages, verb, rep.Logged, rep.Duplicates, rep.Skipped, rep.Failed)
	if rep.Contacts > 0 {
		fmt.Fprintf(stdout, "Contacts made of their addresses: %d.\n", rep.Contacts)
	}
	if rep.BatchID != "" {
		fmt.Fprintf(stdout, "Batch %s (undo with: rolo import undo %s)\n", rep.BatchID, rep.BatchID)
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(stderr, "%s: %s\n", p.Name, catalog.T("en", p.Message))
	}
	return nil
}
