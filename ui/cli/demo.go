package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"rolo/app"
)

// demoCommand fills a database with generated data and serves it, so a
// newcomer can try Rolo on a full CRM with one command.
func demoCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "demo [--contacts N] [--seed S] [--no-serve]",
		Short: "Fill a database with realistic generated data and serve it",
		Long: "Generates people and companies with names in English, Korean, Japanese, Chinese and European\n" +
			"languages, deals with stage histories over two years, activities, tasks and tags — the same for\n" +
			"the same --seed — into a separate file (rolo-demo.db beside your database, unless --db says\n" +
			"otherwise), creates a demo administrator and starts serving it.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := demoPath(cmd, getenv)
			if err != nil {
				return err
			}
			n, _ := cmd.Flags().GetInt("contacts")
			seed, _ := cmd.Flags().GetUint64("seed")
			if n < 1 || n > 10_000_000 {
				return errors.New("--contacts must be between 1 and 10,000,000")
			}
			if err := generateDemo(cmd.Context(), path, n, seed, stdout); err != nil {
				return err
			}
			if noServe, _ := cmd.Flags().GetBool("no-serve"); noServe {
				return nil
			}
			addr, _ := cmd.Flags().GetString("addr")
			return serve(cmd.Context(), stdout, serveOptions{DBPath: path, Addr: addr})
		},
	}
	cmd.Flags().Int("contacts", 2000, "how many contacts to generate (companies, deals, activities and tasks scale with it)")
	cmd.Flags().Uint64("seed", 1, "the same seed gives the same data")
	cmd.Flags().Bool("no-serve", false, "generate and stop")
	cmd.Flags().String("addr", "127.0.0.1:8080", "address to serve on")
	return cmd
}

// demoPath keeps demo data out of the real database unless --db is given.
func demoPath(cmd *cobra.Command, getenv func(string) string) (string, error) {
	if p, _ := cmd.Flags().GetString("db"); p != "" {
		return filepath.Abs(p)
	}
	real, err := dbPath(cmd, getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(real), "rolo-demo.db"), nil
}

// generateDemo refuses a database that already holds contacts, then fills
// it with a progress bar and adds an administrator to log in with (the
// generated team members get no password).
func generateDemo(ctx context.Context, path string, contacts int, seed uint64, stdout io.Writer) error {
	bar := progressbar.NewOptions(contacts, progressbar.OptionSetWriter(stdout), progressbar.OptionSetDescription("Generating contacts"),
		progressbar.OptionShowCount(), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionSetWidth(30))
	opt := app.DemoOptions{
		Contacts: contacts, Companies: max(1, contacts/10), Deals: contacts / 20, Activities: contacts, Tasks: contacts / 10, Seed: seed,
		Progress: func(done int) { _ = bar.Set(done) },
	}
	start := time.Now()
	stageStart := start
	stageDone := func() { // each stage's line ends with the time it took
		took := time.Since(stageStart)
		if took < time.Second {
			took = took.Round(time.Millisecond) // not "0s"
		} else {
			took = took.Round(100 * time.Millisecond)
		}
		fmt.Fprintf(stdout, " %v", took)
		stageStart = time.Now()
	}
	opt.Step = func(stage string) {
		_ = bar.Finish()
		stageDone()
		fmt.Fprintf(stdout, "\n%s…", map[string]string{"deals": "Generating deals with stage histories",
			"activities": "Generating activities and tasks", "indexes": "Building the indexes",
			"contact cards": "Storing the contact cards"}[stage])
	}
	var err error
	if _, statErr := os.Stat(path); errors.Is(statErr, fs.ErrNotExist) {
		err = app.BuildDemoFile(ctx, path, opt) // a new file: built beside it as a bulk load, renamed into place when whole
	} else {
		err = fillDemo(ctx, path, opt)
	}
	if err != nil {
		return err
	}
	_ = bar.Finish()
	stageDone()
	fmt.Fprintf(stdout, "\nGenerated %d contacts in %v into %s\n", contacts, time.Since(start).Round(time.Millisecond), path)
	a, err := app.Open(ctx, path, app.Config{})
	if err != nil {
		return err
	}
	defer a.Close()
	if _, err := a.UserByEmail(ctx, "demo@rolo.example"); app.ErrorCode(err) == app.ENotFound {
		password := app.NewSetupCode() + "-" + app.NewSetupCode()
		if _, err := a.CreateUser(ctx, nil, app.NewUser{Name: "Demo Admin", Email: "demo@rolo.example", Role: app.RoleAdmin, Password: password}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Log in as demo@rolo.example with the password %s\n", password)
	}
	return nil
}

// fillDemo generates demo data into an existing file, which must hold no
// contacts yet.
func fillDemo(ctx context.Context, path string, opt app.DemoOptions) error {
	a, err := app.Open(ctx, path, app.Config{})
	if err != nil {
		return err
	}
	defer a.Close()
	list, err := a.ListContacts(ctx, nil, app.ListQuery{Limit: 1})
	if err != nil {
		return err
	}
	if list.Total > 0 {
		return fmt.Errorf("%s already holds %d contacts; give a new --db for demo data", path, list.Total)
	}
	return a.GenerateDemo(ctx, opt)
}
