package cli

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"rolo/app"
	assets "rolo/embed"
	"rolo/ui/i18n"
)

// importMigrateCommands are `rolo import pipedrive|hubspot DIR|ZIP`: a
// whole CRM's export in one batch.
func importMigrateCommands(getenv func(string) string, stdout, stderr io.Writer) []*cobra.Command {
	var out []*cobra.Command
	for _, source := range app.MigrationSources {
		title := map[string]string{"pipedrive": "Pipedrive", "hubspot": "HubSpot"}[source]
		sub := &cobra.Command{
			Use:   source + " DIR|ZIP [--dry-run] [--stage 'Pipeline / Stage=STAGE'] [--owner 'Name=EMAIL|none']",
			Short: "Migrate a whole " + title + " export (organisations, people, deals, activities, notes) in one batch",
			Long: "Reads the CSV files of a " + title + " export, from a directory or a zip, and brings them over together with\n" +
				"their links. Pipelines and stages Rolo lacks are created unless --stage maps them onto existing ones;\n" +
				"owners are matched to users by email, then by name, else mapped with --owner or left without owner.\n" +
				"Run it with --dry-run first; `rolo import undo ID` undoes the whole migration.",
			Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
					return runMigration(cmd, a, actor, source, args[0], stdout, stderr)
				})
			},
		}
		f := sub.Flags()
		f.Bool("dry-run", false, "read and check everything and print the plan without writing anything")
		f.StringArray("stage", nil, `map a stage of the export onto a stage here: "Pipeline / Stage=STAGE_ID" or "Pipeline / Stage=Rolo pipeline/stage" (repeat)`)
		f.StringArray("owner", nil, `map an owner of the export to a user: "Name or email=user email", or "Name=none" for no owner (repeat)`)
		out = append(out, sub)
	}
	return out
}

func runMigration(cmd *cobra.Command, a *app.App, actor app.Actor, source, from string, stdout, stderr io.Writer) error {
	opt := app.MigrateOptions{Source: source, Name: filepath.Base(from), Stages: map[string]string{}, Owners: map[string]string{}}
	opt.DryRun, _ = cmd.Flags().GetBool("dry-run")
	for _, flag := range []string{"stage", "owner"} {
		values, _ := cmd.Flags().GetStringArray(flag)
		for _, v := range values {
			i := strings.LastIndex(v, "=")
			if i <= 0 {
				return fmt.Errorf("--%s %q: write Export value=Rolo value", flag, v)
			}
			key, to := strings.TrimSpace(v[:i]), strings.TrimSpace(v[i+1:])
			if flag == "stage" {
				opt.Stages[key] = to
			} else {
				opt.Owners[key] = to
			}
		}
	}
	files, err := readExport(from)
	if err != nil {
		return migrationError(err)
	}
	opt.Files = files
	opt.Progress = migrationProgress(stderr)
	rep, err := a.Migrate(cmd.Context(), actor, opt)
	if err != nil {
		return migrationError(err)
	}
	users, err := a.Users(cmd.Context(), nil)
	if err != nil {
		return err
	}
	return printMigration(stdout, rep, users)
}

// readExport reads a directory's files, or a zip's.
func readExport(from string) ([]app.MigrationFile, error) {
	info, err := os.Stat(from)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return app.ReadMigrationDir(from)
	}
	f, err := os.Open(from)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return app.ReadMigrationZip(f, info.Size())
}

// migrationError says a problem in words, with the file it is about.
func migrationError(err error) error {
	e := app.AsError(err)
	if e.Code == app.EInternal || e.Detail == "" {
		return cliError(err)
	}
	catalog, cerr := i18n.LoadCatalog(assets.I18n)
	if cerr != nil {
		return err
	}
	return fmt.Errorf("%s: %s", e.Detail, catalog.T("en", e.Message))
}

// migrationProgress draws a bar per step on a terminal.
func migrationProgress(stderr io.Writer) func(step string, done, total int) {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	var bar *progressbar.ProgressBar
	current := ""
	return func(step string, done, total int) {
		if step != current {
			if bar != nil {
				_ = bar.Finish()
			}
			current = step
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription(step),
				progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetPredictTime(true))
		}
		_ = bar.Set(done)
	}
}

// printMigration prints the plan (a dry run) or what was done.
func printMigration(stdout io.Writer, rep app.MigrationReport, users []*app.User) error {
	catalog, err := i18n.LoadCatalog(assets.I18n)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "Files of the %s export:\n", rep.Source)
	for _, f := range rep.Files {
		fmt.Fprintf(w, "  %s\t%s\t%d rows\n", f.Name, f.Kind, f.Rows)
	}
	verb := "Would bring over"
	if rep.Written {
		verb = "Brought over"
	}
	fmt.Fprintf(w, "%s:\n", verb)
	for _, kind := range []string{"companies", "contacts", "deals", "activities", "notes"} {
		c := rep.Counts[kind]
		fmt.Fprintf(w, "  %s\t%d rows\t%d created\t%d already here\t%d refused\n", kind, c.Rows, c.Created, c.Skipped, c.Failed)
	}
	w.Flush()
	if len(rep.Pipelines) > 0 {
		fmt.Fprintln(w, "Pipelines and stages:")
	}
	for _, p := range rep.Pipelines {
		what := "exists"
		if p.ExistingID == "" {
			what = map[bool]string{true: "created", false: "to create"}[rep.Written]
		}
		fmt.Fprintf(w, "  %s\t(%s)\n", p.Name, what)
		for _, s := range p.Stages {
			where := "→ existing stage " + s.ExistingID
			switch {
			case s.Create:
				where = map[bool]string{true: "created", false: "to create"}[rep.Written]
			case s.ExistingID == "":
				where = "→ the pipeline's first stage"
			}
			fmt.Fprintf(w, "    %s\t%s\t%s\t%d deals\n", cmp.Or(s.Name, "(no stage)"), s.Kind, where, s.Deals)
		}
	}
	w.Flush()
	if len(rep.Owners) > 0 {
		fmt.Fprintln(w, "Owners:")
	}
	for _, o := range rep.Owners {
		to := "no owner"
		for _, u := range users {
			if u.ID == o.UserID {
				to = fmt.Sprintf("%s <%s>", u.Name, u.Email)
			}
		}
		how := map[string]string{"email": "matched by email", "name": "matched by name", "map": "as --owner says",
			"": fmt.Sprintf("not a user; --owner %q maps it", o.Key+"=EMAIL")}[o.MatchedBy]
		fmt.Fprintf(w, "  %s\t→ %s\t(%s)\t%d records\n", o.Key, to, how, o.Records)
	}
	w.Flush()
	problem := func(p app.MigrationProblem) string {
		msg := catalog.T("en", p.Message)
		if p.Field != "" {
			msg = p.Field + ": " + msg
		}
		if p.Value != "" {
			msg += fmt.Sprintf(" (%q)", p.Value)
		}
		where := p.File
		if p.Line > 0 {
			where += fmt.Sprintf(" line %d", p.Line)
		}
		return where + ": " + msg
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(stdout, "refused: %s\n", problem(p))
	}
	for _, p := range rep.Warnings {
		switch {
		case p.Line > 0 && p.Field == "": // a whole row left out (a deal Pipedrive lists as deleted)
			fmt.Fprintf(stdout, "skipped: %s\n", problem(p))
		case p.Line > 0:
			fmt.Fprintf(stdout, "left out: %s; the rest of the row kept\n", problem(p))
		default:
			fmt.Fprintf(stdout, "ignored: %s\n", problem(p))
		}
	}
	if rep.BatchID != "" {
		fmt.Fprintf(stdout, "Batch %s: the whole migration is one import; undo it with: rolo import undo %s\n", rep.BatchID, rep.BatchID)
	} else if !rep.Written {
		fmt.Fprintln(stdout, "Dry run: nothing was written.")
	}
	refused, rows := 0, 0
	for _, c := range rep.Counts {
		refused, rows = refused+c.Failed, rows+c.Rows
	}
	switch {
	case refused > 0 && rep.Written: // as rolo import: a refused row is a non-zero exit, for scripts
		return fmt.Errorf("%d of %d rows were refused (listed above) and not brought over; the others were", refused, rows)
	case refused > 0:
		return fmt.Errorf("%d of %d rows would be refused (listed above)", refused, rows)
	}
	return nil
}
