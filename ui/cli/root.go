// Package cli is Rolo's command line: one file per command, each a thin
// cobra constructor over app.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"rolo/app"
	assets "rolo/embed"
	"rolo/ui/i18n"
)

// Execute runs the rolo command line given in args. version is the
// release the binary was built as ("" for a development build).
func Execute(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer, version string) error {
	root := &cobra.Command{
		Use:           "rolo",
		Short:         "Rolo is a CRM in one file: contacts, pipelines, reminders, on your own machine.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().String("db", "", "database file (default $ROLO_DB, else rolo.db in $XDG_DATA_HOME/rolo or ~/.local/share/rolo)")
	root.AddCommand(
		serveCommand(getenv, stdout, version),
		versionCommand(stdout, version),
		backupCommand(getenv, stdout),
		restoreCommand(getenv, stdout),
		replicasCommand(getenv, stdout),
		doctorCommand(getenv, stdout),
		userCommand(getenv, stdin, stdout),
		contactsCommand(getenv, stdout),
		importCommand(getenv, stdout, stderr),
		exportCommand(getenv, stdout),
		duplicatesCommand(getenv, stdout),
		qualityCommand(getenv, stdout),
		phonesCommand(getenv, stdout),
		demoCommand(getenv, stdout),
	)
	// What a command changes is the command line's in the audit log;
	// serve's requests and scheduler have contexts of their own.
	return root.ExecuteContext(app.WithOrigin(ctx, app.Origin{Kind: app.OriginCLI}))
}

// dbPath resolves where the database lives: --db, $ROLO_DB, then the
// user's data directory.
func dbPath(cmd *cobra.Command, getenv func(string) string) (string, error) {
	if p, _ := cmd.Flags().GetString("db"); p != "" {
		return filepath.Abs(p)
	}
	if p := getenv("ROLO_DB"); p != "" {
		return filepath.Abs(p)
	}
	dataHome := getenv("XDG_DATA_HOME")
	if dataHome == "" {
		home := getenv("HOME")
		if home == "" {
			return "", errors.New("cannot find a home directory; pass --db or set ROLO_DB")
		}
		dataHome = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dataHome, "rolo", "rolo.db"), nil
}

func flagOrEnv(cmd *cobra.Command, getenv func(string) string, flag, env string) string {
	if cmd.Flags().Changed(flag) {
		v, _ := cmd.Flags().GetString(flag)
		return v
	}
	if v := getenv(env); v != "" {
		return v
	}
	v, _ := cmd.Flags().GetString(flag)
	return v
}

func buildVersion(version string) string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

// openApp opens the database named by --db or the environment, migrating
// it, for commands that work on records.
func openApp(cmd *cobra.Command, getenv func(string) string) (*app.App, error) {
	path, err := dbPath(cmd, getenv)
	if err != nil {
		return nil, err
	}
	return app.Open(cmd.Context(), path, app.Config{})
}

// addAsFlag lets a record command act as a named user instead of the
// operator.
func addAsFlag(cmd *cobra.Command) {
	cmd.PersistentFlags().String("as", "", "act as this user (email or name): their permissions and record visibility apply, as in the browser; without it, the operator, who may do everything")
}

// openAs opens the database and resolves --as: the user whose rights the
// command has, or nil (the operator) without the flag.
func openAs(cmd *cobra.Command, getenv func(string) string) (*app.App, app.Actor, error) {
	a, err := openApp(cmd, getenv)
	if err != nil {
		return nil, nil, err
	}
	who, _ := cmd.Flags().GetString("as")
	if who == "" {
		return a, nil, nil
	}
	u, err := findUser(cmd.Context(), a, who)
	if err != nil {
		a.Close()
		return nil, nil, fmt.Errorf("--as %s: %w", who, err)
	}
	return a, u, nil
}

// runAs opens the database as the --as user (see openAs), runs fn and
// closes it.
func runAs(cmd *cobra.Command, getenv func(string) string, fn func(a *app.App, actor app.Actor) error) error {
	a, actor, err := openAs(cmd, getenv)
	if err != nil {
		return err
	}
	defer a.Close()
	return fn(a, actor)
}

// findUser finds an active account by email, or else by its name when
// exactly one user has it.
func findUser(ctx context.Context, a *app.App, who string) (*app.User, error) {
	u, err := a.UserByEmail(ctx, who)
	if app.AsError(err).Code == app.ENotFound && !strings.Contains(who, "@") {
		users, lerr := a.Users(ctx, nil)
		if lerr != nil {
			return nil, lerr
		}
		var found []*app.User
		for _, c := range users {
			if strings.EqualFold(strings.TrimSpace(c.Name), strings.TrimSpace(who)) {
				found = append(found, c)
			}
		}
		switch len(found) {
		case 0:
		case 1:
			u, err = a.UserByEmail(ctx, found[0].Email)
		default:
			return nil, errors.New("several users have this name; give the email")
		}
	}
	if err != nil {
		if app.AsError(err).Code == app.ENotFound {
			return nil, errors.New("no such user")
		}
		return nil, err
	}
	if u.Disabled {
		return nil, errors.New("this account is disabled")
	}
	return u, nil
}

// cliError spells out an app error in English from the UI's catalog,
// naming the flag behind each bad field, in a stable order.
func cliError(err error) error {
	e := app.AsError(err)
	if e.Code == app.EInternal {
		return err
	}
	catalog, cerr := i18n.LoadCatalog(assets.I18n)
	if cerr != nil {
		return err
	}
	msg := catalog.T("en", e.Message)
	for _, field := range slices.Sorted(maps.Keys(e.Fields)) {
		msg += fmt.Sprintf("\n  --%s: %s", flagOf(field), catalog.T("en", e.Fields[field]))
	}
	return errors.New(msg)
}

// flagOf names the flag behind an app field: first_name is --first-name,
// lifecycle_status --status, and emails.1 the second --email given.
func flagOf(field string) string {
	name, index, _ := strings.Cut(field, ".")
	switch name {
	case "lifecycle_status":
		name = "status"
	case "emails", "phones", "tags":
		name = strings.TrimSuffix(name, "s")
	}
	name = strings.ReplaceAll(name, "_", "-")
	if n, err := strconv.Atoi(index); err == nil {
		return fmt.Sprintf("%s #%d", name, n+1)
	}
	return name
}

func printJSON(stdout io.Writer, v any) error {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
