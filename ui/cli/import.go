package cli

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"rolo/app"
	assets "rolo/embed"
	"rolo/ui/i18n"
)

func importCommand(getenv func(string) string, stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{Use: "import", Short: "Import contacts, companies or deals from CSV, contacts from vCard, email from an mbox or .eml files; list and undo imports"}
	addAsFlag(cmd)
	run := func(cmd *cobra.Command, entity, file string) error {
		return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
			opt, err := importOptions(cmd, a, entity, file)
			if err != nil {
				return cliError(err)
			}
			f, err := os.Open(file)
			if err != nil {
				return err
			}
			defer f.Close()
			opt.Progress = importProgress(stderr)
			var rep app.ImportReport
			if entity == "vcard" {
				rep, err = a.ImportVCard(cmd.Context(), actor, f, opt)
			} else if err = csvOnlyFlags(cmd, f); err == nil {
				rep, err = a.ImportFile(cmd.Context(), actor, f, opt) // a CSV, or Rolo's JSON export
			} else {
				return err
			}
			if err != nil {
				return cliError(err)
			}
			return printImportReport(stdout, stderr, rep, opt.DryRun)
		})
	}
	for _, entity := range []string{"contacts", "companies", "deals", "vcard"} {
		sub := &cobra.Command{
			Use:   entity + " FILE [--preset NAME] [--map col=field ...] [--tag T] [--dry-run]",
			Short: "Import " + entity + " from " + map[bool]string{true: "a .vcf file", false: "a CSV file, or Rolo's JSON export"}[entity == "vcard"],
			Args:  cobra.ExactArgs(1),
			RunE:  func(cmd *cobra.Command, args []string) error { return run(cmd, entity, args[0]) },
		}
		f := sub.Flags()
		if entity != "vcard" {
			f.String("preset", "", "layout of the file: "+strings.Join(app.ImportPresets, ", ")+" (detected when not given)")
			f.StringArray("map", nil, `map a column to a field, "Column=field" (repeat; "Column=" ignores it)`)
			f.String("encoding", "", "character set: "+strings.Join(app.Encodings, ", ")+" (detected when not given)")
			f.String("delimiter", "", `field separator: "," ";" "tab" or "|" (detected when not given)`)
		}
		f.String("tag", "", "tag every imported record, e.g. import-2026-11-webinar")
		f.Bool("dry-run", false, "check every row and print the report without writing anything")
		f.Bool("skip-invalid", false, "import the valid rows even when some fail (by default one bad row writes nothing)")
		f.StringSlice("match", []string{"email"}, "how to find an existing record: email, phone, name (name + company)")
		f.String("on-duplicate", "skip", "what to do with a match: skip, fill (empty fields only) or overwrite")
		f.String("owner", "", "email of the user who owns every imported record")
		f.String("status", "", "lifecycle status of every imported contact")
		f.String("stage", "", "id of the stage every imported deal goes to")
		cmd.AddCommand(sub)
	}
	cmd.AddCommand(importEmailCommand(getenv, stdout, stderr))
	cmd.AddCommand(importMigrateCommands(getenv, stdout, stderr)...)
	cmd.AddCommand(importAllCommand(getenv, stdout))
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List the latest imports",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				batches, err := a.ImportBatches(cmd.Context(), actor, 50)
				if err != nil {
					return cliError(err)
				}
				w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
				fmt.Fprintln(w, "ID\tWHEN\tFILE\tSTATUS\tCREATED\tUPDATED\tSKIPPED\tFAILED")
				for _, b := range batches {
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\n", b.ID, b.CreatedAt.Local().Format("2006-01-02 15:04"), b.FileName,
						b.Status, b.Created, b.Updated, b.Skipped, b.Failed)
				}
				return w.Flush()
			})
		},
	}, &cobra.Command{
		Use:   "undo ID",
		Short: "Undo an import: its new records go to the trash, its updates are reverted; a migration's records are removed for good",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				kept, err := a.UndoImport(cmd.Context(), actor, args[0])
				if err != nil {
					return cliError(err)
				}
				_, err = fmt.Fprintf(stdout, "Undone; %d records changed since the import were kept as they are.\n", kept)
				return err
			})
		},
	})
	return cmd
}

// importOptions reads the import flags.
func importOptions(cmd *cobra.Command, a *app.App, entity, file string) (app.ImportOptions, error) {
	str := func(name string) string { v, _ := cmd.Flags().GetString(name); return v }
	opt := app.ImportOptions{Entity: map[string]string{"contacts": "contact", "companies": "company", "deals": "deal", "vcard": "contact"}[entity],
		FileName: filepath.Base(file), Preset: str("preset"), Encoding: str("encoding"), Tag: str("tag"),
		Status: str("status"), StageID: str("stage"), OnDuplicate: str("on-duplicate")}
	opt.DryRun, _ = cmd.Flags().GetBool("dry-run")
	opt.SkipInvalid, _ = cmd.Flags().GetBool("skip-invalid")
	opt.Match, _ = cmd.Flags().GetStringSlice("match")
	switch d := str("delimiter"); d {
	case "":
	case "tab", `\t`:
		opt.Delimiter = '\t'
	default:
		opt.Delimiter = []rune(d)[0]
	}
	maps, _ := cmd.Flags().GetStringArray("map")
	for _, m := range maps {
		col, field, ok := strings.Cut(m, "=")
		if !ok {
			return opt, fmt.Errorf("--map %q: write Column=field", m)
		}
		if opt.Mapping == nil {
			opt.Mapping = map[string]string{}
		}
		opt.Mapping[col] = field
	}
	if email := str("owner"); email != "" {
		u, err := a.UserByEmail(cmd.Context(), email)
		if err != nil {
			return opt, fmt.Errorf("--owner %s: no such user", email)
		}
		opt.OwnerID = u.ID
	}
	return opt, nil
}

// csvOnlyFlags refuses the flags that describe a CSV's layout when the
// file is Rolo's JSON export, which names every field itself: ignoring
// them silently would import something other than what was asked.
func csvOnlyFlags(cmd *cobra.Command, f *os.File) error {
	if !isJSONFile(f) {
		return nil
	}
	var given []string
	for _, name := range []string{"preset", "map", "encoding", "delimiter"} {
		if cmd.Flags().Changed(name) {
			given = append(given, "--"+name)
		}
	}
	if len(given) == 0 {
		return nil
	}
	verb, them := "does", "it"
	if len(given) > 1 {
		verb, them = "do", "them"
	}
	return fmt.Errorf("%s: %s %s not apply to a JSON file (Rolo's JSON export names every field itself); leave %s out",
		filepath.Base(f.Name()), strings.Join(given, " and "), verb, them)
}

// importProgress draws a bar on a terminal: rows checked, then rows
// written with rate and ETA.
func importProgress(stderr io.Writer) func(pass, rows int) {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	var bar *progressbar.ProgressBar
	checked := 0
	return func(pass, rows int) {
		switch {
		case pass == 1:
			if bar == nil {
				bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("checking rows"),
					progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("rows"))
			}
			checked = rows
		case bar != nil && bar.GetMax() == -1:
			_ = bar.Finish()
			bar = progressbar.NewOptions(checked, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("importing"),
				progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("rows"), progressbar.OptionSetPredictTime(true))
		}
		_ = bar.Set(rows)
	}
}

// printImportReport prints the counts on standard output and every
// problem, by line, on standard error; any failed row is an error.
func printImportReport(stdout, stderr io.Writer, rep app.ImportReport, dryRun bool) error {
	catalog, err := i18n.LoadCatalog(assets.I18n)
	if err != nil {
		return err
	}
	delim := string(rep.Format.Delimiter)
	if delim == "\t" {
		delim = "tab"
	}
	fmt.Fprintf(stdout, "Read %d rows (%s, %q, preset %s).\n", rep.Rows, rep.Format.Encoding, delim, cmp.Or(rep.Preset, "none: columns guessed"))
	for _, c := range rep.Columns {
		fmt.Fprintf(stdout, "  %-28s → %s\n", c.Header, cmp.Or(c.Field, "(ignored)"))
	}
	verb := "Imported"
	if dryRun || !rep.Written {
		verb = "Would import"
	}
	fmt.Fprintf(stdout, "%s: %d created, %d updated, %d skipped as duplicates, %d refused.\n", verb, rep.Created, rep.Updated, rep.Skipped, rep.Failed)
	if rep.Warned > 0 {
		fmt.Fprintf(stdout, "%d rows kept with a field left out (listed below, and in the batch's problems file).\n", rep.Warned)
	}
	if rep.BatchID != "" {
		fmt.Fprintf(stdout, "Batch %s (undo with: rolo import undo %s)\n", rep.BatchID, rep.BatchID)
	}
	problem := func(p app.ImportProblem) string {
		msg := catalog.T("en", p.Message)
		if p.Field != "" {
			msg = p.Field + ": " + msg
		}
		if p.Value != "" {
			msg += fmt.Sprintf(" (%q)", p.Value)
		}
		return msg
	}
	// Problems and warnings by line, in file order.
	all := append(append([]app.ImportProblem{}, rep.Problems...), rep.Warnings...)
	kept := len(rep.Problems)
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return all[order[i]].Line < all[order[j]].Line })
	for _, i := range order {
		if i < kept {
			fmt.Fprintf(stderr, "line %d: refused: %s\n", all[i].Line, problem(all[i]))
		} else {
			fmt.Fprintf(stderr, "line %d: %s; left out, the rest of the row kept\n", all[i].Line, problem(all[i]))
		}
	}
	switch {
	case rep.Failed > 0 && !rep.Written:
		return fmt.Errorf("%d of %d rows cannot be kept (nothing identifies them, or they cannot be read); nothing was imported (fix them, or pass --skip-invalid to import the rest)", rep.Failed, rep.Rows)
	case rep.Failed > 0:
		return fmt.Errorf("%d of %d rows were refused and not imported; the other rows were stored", rep.Failed, rep.Rows)
	}
	return nil
}
