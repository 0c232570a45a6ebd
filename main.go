// Command rolo is a customer relationship manager in one executable: it
// keeps everything in one SQLite file and serves its UI on localhost.
package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"rolo/app"
	assets "rolo/embed"
	"rolo/store"
	"rolo/ui"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "rolo:", err)
		os.Exit(1)
	}
}

// run is the whole program, with its surroundings passed in so that tests
// can start it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	level := slog.LevelInfo
	if getenv("ROLO_LOG_LEVEL") == "debug" {
		level = slog.LevelDebug
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level})))

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
		serveCommand(getenv, stdout),
		versionCommand(stdout),
		backupCommand(getenv, stdout),
		restoreCommand(getenv, stdout),
		doctorCommand(getenv, stdout),
		userCommand(getenv, stdin, stdout),
		contactsCommand(getenv, stdout),
		importCommand(getenv, stdout, stderr),
		exportCommand(getenv, stdout),
		duplicatesCommand(getenv, stdout),
		qualityCommand(getenv, stdout),
		demoCommand(getenv, stdout),
	)
	return root.ExecuteContext(ctx)
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

func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

func versionCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(stdout, "rolo", buildVersion())
			return err
		},
	}
}

func serveCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run Rolo's web UI and API",
		Long: "Serve the web UI and API on --addr (default 127.0.0.1:8080, this machine only).\n" +
			"Listen on the LAN with --addr 0.0.0.0:8080; then use --tls-cert/--tls-key so passwords do not cross the network in clear.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := dbPath(cmd, getenv)
			if err != nil {
				return err
			}
			var allow []string
			if v := flagOrEnv(cmd, getenv, "allow-host", "ROLO_ALLOW_HOST"); v != "" {
				allow = strings.Split(v, ",")
			}
			dev, _ := cmd.Flags().GetBool("dev")
			return serve(cmd.Context(), stdout, serveOptions{
				DBPath: path, Addr: flagOrEnv(cmd, getenv, "addr", "ROLO_ADDR"), AllowHosts: allow, Dev: dev,
				TLSCert: flagOrEnv(cmd, getenv, "tls-cert", "ROLO_TLS_CERT"), TLSKey: flagOrEnv(cmd, getenv, "tls-key", "ROLO_TLS_KEY"),
			})
		},
	}
	cmd.Flags().String("addr", "127.0.0.1:8080", "address to listen on ($ROLO_ADDR); 0.0.0.0:8080 shares Rolo on the LAN")
	cmd.Flags().String("allow-host", "", "extra host names the browser may use to reach Rolo, comma-separated ($ROLO_ALLOW_HOST)")
	cmd.Flags().String("tls-cert", "", "TLS certificate file ($ROLO_TLS_CERT)")
	cmd.Flags().String("tls-key", "", "TLS key file ($ROLO_TLS_KEY)")
	cmd.Flags().Bool("dev", false, "read templates and static files from ./embed on disk")
	return cmd
}

type serveOptions struct {
	DBPath, Addr, TLSCert, TLSKey string
	AllowHosts                    []string
	Dev                           bool
}

func serve(ctx context.Context, stdout io.Writer, opt serveOptions) error {
	if (opt.TLSCert == "") != (opt.TLSKey == "") {
		return errors.New("--tls-cert and --tls-key go together")
	}
	lock, err := store.LockForServe(opt.DBPath)
	if err != nil {
		return fmt.Errorf("%s: %w", opt.DBPath, err)
	}
	defer lock.Release()

	// Listen first, so a busy port fails at once, before any migration.
	ln, err := net.Listen("tcp", opt.Addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	addr := ln.Addr().(*net.TCPAddr)
	scheme := "http"
	if opt.TLSCert != "" {
		scheme = "https"
	}

	lan := !addr.IP.IsLoopback()
	hosts := append(append([]string{}, ui.LoopbackHosts...), opt.AllowHosts...)
	if lan {
		hosts = append(hosts, lanHosts(addr.IP)...)
	}
	a, err := app.Open(ctx, opt.DBPath, app.Config{})
	if err != nil {
		return err
	}
	setupCode := ""
	if needs, err := a.NeedsSetup(ctx); err == nil && needs && lan {
		setupCode = app.NewSetupCode()
		a.RequireSetupCode(setupCode)
	}
	defer func() {
		if err := a.Close(); err != nil {
			slog.Error("close database", "err", err)
		}
	}()

	handler, err := ui.NewServer(a, ui.Config{DBPath: opt.DBPath, Addr: addr.String(), AllowedHosts: hosts, Version: buildVersion(), Dev: opt.Dev})
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // imports upload large files
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	fmt.Fprintf(stdout, "Rolo is running at %s://%s\n", scheme, browsable(addr))
	fmt.Fprintf(stdout, "Database: %s\n", opt.DBPath)
	if lan {
		slog.Warn("listening beyond this machine: other computers on the network can reach Rolo", "addr", addr.String(), "hosts", strings.Join(hosts, ","))
		if scheme == "http" {
			slog.Warn("without --tls-cert/--tls-key, passwords and cookies cross the network in clear")
		}
		if setupCode != "" {
			fmt.Fprintf(stdout, "Setup code for the first administrator: %s\n", setupCode)
		}
	}

	// Delayed rules, time-based triggers and webhook deliveries; it stops
	// with ctx, before the database closes.
	schedCtx, stopScheduler := context.WithCancel(ctx)
	schedDone := make(chan struct{})
	go func() { defer close(schedDone); a.RunScheduler(schedCtx, 30*time.Second) }()
	defer func() { stopScheduler(); <-schedDone }()

	// Data retention: purge what is past the admin's retention period,
	// once now (catching up after the machine was off) and then hourly.
	retentionDone := make(chan struct{})
	go func() { defer close(retentionDone); a.RunRetention(schedCtx, time.Hour, slog.Default()) }()
	defer func() { stopScheduler(); <-retentionDone }()

	errc := make(chan error, 1)
	go func() {
		if opt.TLSCert != "" {
			errc <- srv.ServeTLS(ln, opt.TLSCert, opt.TLSKey)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	slog.Info("shutting down: finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	slog.Info("stopped; the database file is complete on its own", "db", opt.DBPath)
	return nil
}

// browsable turns a wildcard listen address into one a browser can open.
func browsable(addr *net.TCPAddr) string {
	if addr.IP.IsUnspecified() {
		return net.JoinHostPort("127.0.0.1", fmt.Sprint(addr.Port))
	}
	return addr.String()
}

// lanHosts lists the names and addresses under which colleagues reach
// this machine, for the Host header allow-list.
func lanHosts(ip net.IP) []string {
	var hosts []string
	if name, err := os.Hostname(); err == nil {
		hosts = append(hosts, name, name+".local")
	}
	if !ip.IsUnspecified() {
		return append(hosts, ip.String())
	}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			hosts = append(hosts, n.IP.String())
		}
	}
	return hosts
}

func backupCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the database to FILE, even while Rolo runs",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := dbPath(cmd, getenv)
			if err != nil {
				return err
			}
			db, err := store.Open(cmd.Context(), path, store.Options{MustExist: true})
			if err != nil {
				return err
			}
			defer db.Close()
			size, err := app.Backup(cmd.Context(), db, args[0])
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(stdout, "Backed up %s to %s (%d bytes, integrity ok)\n", path, args[0], size)
			return err
		},
	}
}

func restoreCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE",
		Short: "Replace the database with a backup, keeping the replaced file aside",
		Long:  "Checks FILE (integrity, that it is a Rolo database, that its schema is not newer than this binary),\nthen replaces the database with it. Refused while rolo serve uses the database.",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := dbPath(cmd, getenv)
			if err != nil {
				return err
			}
			replaced, err := app.Restore(cmd.Context(), path, args[0], time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Restored %s from %s\n", path, args[0])
			if replaced != "" {
				fmt.Fprintf(stdout, "The replaced database was kept as %s\n", replaced)
			}
			return nil
		},
	}
}

func doctorCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "doctor [--fix]",
		Short: "Check the database: integrity, foreign keys, schema version, search index, sizes",
		Long:  "Checks the database and gives a verdict. --fix rebuilds the search index when it differs from the records.",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := dbPath(cmd, getenv)
			if err != nil {
				return err
			}
			if fix, _ := cmd.Flags().GetBool("fix"); fix {
				if err := rebuildSearch(cmd.Context(), path, stdout); err != nil {
					return err
				}
			}
			r, err := app.Doctor(cmd.Context(), path)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintf(w, "file\t%s\n", r.Path)
			fmt.Fprintf(w, "size\t%d bytes (write-ahead log %d bytes)\n", r.FileSize, r.WALSize)
			fmt.Fprintf(w, "schema\tversion %d of %d known to this binary\n", r.SchemaVersion, r.LatestSchema)
			fmt.Fprintf(w, "users\t%d\n", r.Users)
			fmt.Fprintf(w, "integrity\t%s\n", verdict(r.Integrity))
			fmt.Fprintf(w, "foreign keys\t%s\n", verdict(r.ForeignKeys))
			fmt.Fprintf(w, "search index\t%s\n", verdict(r.Search))
			if len(r.Pending) > 0 {
				fmt.Fprintf(w, "pending\t%s (applied at the next rolo serve)\n", strings.Join(r.Pending, ", "))
			}
			if r.SchemaProblem != "" {
				fmt.Fprintf(w, "schema problem\t%s\n", r.SchemaProblem)
			}
			w.Flush()
			if !r.Healthy() {
				if len(r.Search) > 0 {
					fmt.Fprintln(stdout, "The search index can be rebuilt with: rolo doctor --fix")
				}
				fmt.Fprintln(stdout, "Verdict: PROBLEMS FOUND. Restore a backup with rolo restore, or keep a copy of the file and ask for help.")
				return errors.New("the database has problems")
			}
			_, err = fmt.Fprintln(stdout, "Verdict: OK")
			return err
		},
	}
	cmd.Flags().Bool("fix", false, "rebuild the search index (safe while Rolo runs)")
	return cmd
}

// rebuildSearch indexes every record afresh, printing progress.
func rebuildSearch(ctx context.Context, path string, stdout io.Writer) error {
	a, err := app.Open(ctx, path, app.Config{})
	if err != nil {
		return err
	}
	defer a.Close()
	fmt.Fprint(stdout, "Rebuilding the search index…")
	total := 0
	err = a.RebuildSearchIndex(ctx, func(done int) {
		total = done
		fmt.Fprintf(stdout, "\rRebuilding the search index… %d records", done)
	})
	if err != nil {
		fmt.Fprintln(stdout)
		return err
	}
	_, err = fmt.Fprintf(stdout, "\rRebuilt the search index: %d records\n", total)
	return err
}

func verdict(problems []string) string {
	if len(problems) == 0 {
		return "ok"
	}
	return fmt.Sprintf("%d problem(s): %s", len(problems), strings.Join(problems, "; "))
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

func userCommand(getenv func(string) string, stdin io.Reader, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Add, list, disable users and set passwords (for scripts and lost passwords)"}
	lines := bufio.NewReader(stdin)

	add := &cobra.Command{
		Use:   "add --email E --name N --role R [--password P]",
		Short: "Add a user; without --password it is read from a prompt or standard input",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			email, _ := cmd.Flags().GetString("email")
			name, _ := cmd.Flags().GetString("name")
			role, _ := cmd.Flags().GetString("role")
			password, _ := cmd.Flags().GetString("password")
			if !cmd.Flags().Changed("password") {
				var err error
				if password, err = readPassword(stdin, lines, stdout); err != nil {
					return err
				}
			}
			a, err := openApp(cmd, getenv)
			if err != nil {
				return err
			}
			defer a.Close()
			u, err := a.CreateUser(cmd.Context(), nil, app.NewUser{Name: name, Email: email, Role: app.Role(role), Password: password})
			if err != nil {
				return cliError(err)
			}
			_, err = fmt.Fprintf(stdout, "Added %s <%s> as %s\n", u.Name, u.Email, u.Role)
			return err
		},
	}
	add.Flags().String("email", "", "email address to log in with")
	add.Flags().String("name", "", "full name")
	add.Flags().String("role", "sales", "admin, manager, sales, marketing, support or viewer")
	add.Flags().String("password", "", "password (avoid: it stays in your shell history)")

	list := &cobra.Command{
		Use:   "list",
		Short: "List users",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := openApp(cmd, getenv)
			if err != nil {
				return err
			}
			defer a.Close()
			users, err := a.Users(cmd.Context(), nil)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "EMAIL\tNAME\tROLE\tSTATUS\tLAST LOGIN")
			for _, u := range users {
				status, last := "active", "never"
				if u.Disabled {
					status = "disabled"
				}
				if !u.LastLoginAt.IsZero() {
					last = u.LastLoginAt.Local().Format("2006-01-02 15:04")
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", u.Email, u.Name, u.Role, status, last)
			}
			return w.Flush()
		},
	}

	passwd := &cobra.Command{
		Use:   "passwd EMAIL",
		Short: "Set a new password for a user (read from a prompt or standard input)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := openApp(cmd, getenv)
			if err != nil {
				return err
			}
			defer a.Close()
			u, err := a.UserByEmail(cmd.Context(), args[0])
			if err != nil {
				return cliError(err)
			}
			password, err := readPassword(stdin, lines, stdout)
			if err != nil {
				return err
			}
			if err := a.ResetPassword(cmd.Context(), nil, u.ID, password); err != nil {
				return cliError(err)
			}
			_, err = fmt.Fprintf(stdout, "Password changed for %s; their sessions were ended\n", u.Email)
			return err
		},
	}

	disable := &cobra.Command{
		Use:   "disable EMAIL",
		Short: "Stop a user from logging in and end their sessions",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := openApp(cmd, getenv)
			if err != nil {
				return err
			}
			defer a.Close()
			u, err := a.UserByEmail(cmd.Context(), args[0])
			if err != nil {
				return cliError(err)
			}
			if _, err := a.SetDisabled(cmd.Context(), nil, u.ID, true); err != nil {
				return cliError(err)
			}
			_, err = fmt.Fprintf(stdout, "Disabled %s\n", u.Email)
			return err
		},
	}
	cmd.AddCommand(add, list, passwd, disable)
	return cmd
}

// readPassword prompts twice on a terminal, or reads one line when
// standard input is a pipe (scripts).
func readPassword(stdin io.Reader, lines *bufio.Reader, stdout io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stdout, "Password: ")
		first, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stdout)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stdout, "Repeat password: ")
		second, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stdout)
		if err != nil {
			return "", err
		}
		if string(first) != string(second) {
			return "", errors.New("the passwords do not match")
		}
		return string(first), nil
	}
	line, err := lines.ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && line != "") {
		return "", errors.New("no password given: pass --password, type it at the prompt, or pipe it on standard input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// cliError spells out an app error in English from the UI's catalog,
// naming the flag behind each bad field, in a stable order.
func cliError(err error) error {
	e := app.AsError(err)
	if e.Code == app.EInternal {
		return err
	}
	catalog, cerr := ui.LoadCatalog(assets.I18n)
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

func contactsCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{Use: "contacts", Short: "List, add and show contacts, as the operator or --as a user (for scripts)"}
	cmd.PersistentFlags().Bool("json", false, "print JSON in the API's shapes")
	addAsFlag(cmd)
	asJSON := func(cmd *cobra.Command) bool { v, _ := cmd.Flags().GetBool("json"); return v }
	str := func(cmd *cobra.Command, name string) string { v, _ := cmd.Flags().GetString(name); return v }
	strs := func(cmd *cobra.Command, name string) []string { v, _ := cmd.Flags().GetStringArray(name); return v }

	list := &cobra.Command{
		Use:   "list [--limit N] [--sort S] [--tag T] [--status S] [--cursor C]",
		Short: "List one page of contacts; the last line tells how to get the next",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				limit, _ := cmd.Flags().GetInt("limit")
				q := url.Values{"limit": {strconv.Itoa(limit)}}
				for _, name := range []string{"sort", "tag", "status", "cursor"} {
					q.Set(name, str(cmd, name))
				}
				list, page, err := ui.ListContacts(cmd.Context(), a, actor, q)
				if err != nil {
					return cliError(err)
				}
				if asJSON(cmd) {
					return printJSON(stdout, page)
				}
				w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
				fmt.Fprintln(w, "NAME\tEMAIL\tPHONE\tCOMPANY\tSTATUS\tTAGS")
				for _, r := range list.Rows {
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", r.DisplayName, r.Email, r.Phone, r.CompanyName, r.LifecycleStatus, joinTags(r.Tags))
				}
				w.Flush()
				fmt.Fprintf(stdout, "%d of %d contacts", len(list.Rows), list.Total)
				if list.NextCursor != "" {
					fmt.Fprintf(stdout, "; next page: --cursor %s", list.NextCursor)
				}
				_, err = fmt.Fprintln(stdout)
				return err
			})
		},
	}
	list.Flags().Int("limit", 50, "contacts per page, 1 to 500")
	list.Flags().String("sort", "name", "name, -name, created, -created, updated, -updated or owner")
	list.Flags().String("tag", "", "only contacts with this tag")
	list.Flags().String("status", "", "only contacts with this lifecycle status")
	list.Flags().String("cursor", "", "the next page, as printed by the previous one")

	add := &cobra.Command{
		Use:   "add --first-name F --last-name L [--email E]... [--phone P]... [--tag T]...",
		Short: "Add a contact",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			in := app.ContactInput{
				FirstName: str(cmd, "first-name"), LastName: str(cmd, "last-name"), CompanyID: str(cmd, "company-id"),
				Title: str(cmd, "title"), LifecycleStatus: str(cmd, "status"), Notes: str(cmd, "notes"), Tags: strs(cmd, "tag"),
			}
			for _, e := range strs(cmd, "email") {
				in.Emails = append(in.Emails, store.Labeled{Value: e})
			}
			for _, p := range strs(cmd, "phone") {
				in.Phones = append(in.Phones, store.Labeled{Value: p})
			}
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				if actor != nil {
					in.OwnerID = actor.ID // who adds a contact owns it, as in the browser and the API
				}
				c, err := a.CreateContact(cmd.Context(), actor, in)
				if err != nil {
					return cliError(err)
				}
				if asJSON(cmd) {
					return printJSON(stdout, ui.NewContactJSON(c))
				}
				_, err = fmt.Fprintf(stdout, "Added %s (%s)\n", c.DisplayName, c.ID)
				return err
			})
		},
	}
	for _, f := range []struct{ name, usage string }{{"first-name", "first name"}, {"last-name", "last name"},
		{"company-id", "id of the contact's company"}, {"title", "job title"}, {"status", "lifecycle status (default lead)"}, {"notes", "notes"}} {
		add.Flags().String(f.name, "", f.usage)
	}
	add.Flags().StringArray("email", nil, "email address (repeat for more; the first is the primary)")
	add.Flags().StringArray("phone", nil, "phone number (repeat for more)")
	add.Flags().StringArray("tag", nil, "tag (repeat for more)")

	show := &cobra.Command{
		Use:   "show ID",
		Short: "Show one contact",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				c, err := a.Contact(cmd.Context(), actor, args[0])
				if err != nil {
					return cliError(err)
				}
				if asJSON(cmd) {
					return printJSON(stdout, ui.NewContactJSON(c))
				}
				return printContact(stdout, c)
			})
		},
	}
	cmd.AddCommand(list, add, show)
	return cmd
}

func printContact(stdout io.Writer, c app.Contact) error {
	w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fact := func(label, value string) {
		if value != "" {
			fmt.Fprintf(w, "%s\t%s\n", label, value)
		}
	}
	fact("name", c.DisplayName)
	fact("id", c.ID)
	for _, e := range c.Emails {
		fact("email", strings.TrimSpace(e.Value+" "+e.Label))
	}
	for _, p := range c.Phones {
		fact("phone", strings.TrimSpace(p.Value+" "+p.Label))
	}
	fact("title", c.Title)
	fact("company id", c.CompanyID)
	fact("status", c.LifecycleStatus)
	fact("owner id", c.OwnerID)
	fact("tags", joinTags(c.Tags))
	fact("birthday", c.Birthday)
	fact("website", c.Website)
	fact("lead source", c.LeadSource)
	fact("updated", c.UpdatedAt.Local().Format("2006-01-02 15:04")+fmt.Sprintf(" (version %d)", c.Version))
	if c.Trashed() {
		fact("trashed", c.DeletedAt.Local().Format("2006-01-02 15:04"))
	}
	w.Flush()
	if c.Notes != "" {
		fmt.Fprintf(stdout, "\n%s\n", c.Notes)
	}
	return nil
}

func joinTags(tags []store.Tag) string {
	names := make([]string, len(tags))
	for i, t := range tags {
		names[i] = t.Name
	}
	return strings.Join(names, ", ")
}

func printJSON(stdout io.Writer, v any) error {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

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
			"activities": "Generating activities and tasks", "indexes": "Building the indexes"}[stage])
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
	list, err := a.ListContacts(ctx, nil, store.ListQuery{Limit: 1})
	if err != nil {
		return err
	}
	if list.Total > 0 {
		return fmt.Errorf("%s already holds %d contacts; give a new --db for demo data", path, list.Total)
	}
	return a.GenerateDemo(ctx, opt)
}

func importCommand(getenv func(string) string, stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{Use: "import", Short: "Import contacts, companies or deals from CSV, or contacts from vCard; list and undo imports"}
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
			} else {
				rep, err = a.Import(cmd.Context(), actor, f, opt)
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
			Short: "Import " + entity + " from " + map[bool]string{true: "a .vcf file", false: "a CSV file"}[entity == "vcard"],
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
		Short: "Undo an import: its new records go to the trash, its updates are reverted",
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
	catalog, err := ui.LoadCatalog(assets.I18n)
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
	fmt.Fprintf(stdout, "%s: %d created, %d updated, %d skipped as duplicates, %d failed.\n", verb, rep.Created, rep.Updated, rep.Skipped, rep.Failed)
	if rep.BatchID != "" {
		fmt.Fprintf(stdout, "Batch %s (undo with: rolo import undo %s)\n", rep.BatchID, rep.BatchID)
	}
	for _, p := range rep.Problems {
		msg := catalog.T("en", p.Message)
		if p.Field != "" {
			msg = p.Field + ": " + msg
		}
		if p.Value != "" {
			msg += fmt.Sprintf(" (%q)", p.Value)
		}
		fmt.Fprintf(stderr, "line %d: %s\n", p.Line, msg)
	}
	switch {
	case rep.Failed > 0 && !rep.Written:
		return fmt.Errorf("%d of %d rows failed; nothing was imported (fix them, or pass --skip-invalid)", rep.Failed, rep.Rows)
	case rep.Failed > 0:
		return fmt.Errorf("%d of %d rows failed and were not imported", rep.Failed, rep.Rows)
	}
	return nil
}

func exportCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export [contacts|companies|deals] [--format csv|vcf|json] [--segment NAME] [-o FILE]",
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
				if name, _ := cmd.Flags().GetString("segment"); name != "" {
					seg, err := a.SegmentNamed(cmd.Context(), actor, entity, name)
					if err != nil {
						return cliError(err)
					}
					return cliError(a.ExportSegment(cmd.Context(), actor, w, seg.ID, format))
				}
				return cliError(a.Export(cmd.Context(), actor, w, entity, format, nil))
			})
		},
	}
	addAsFlag(cmd)
	cmd.Flags().String("segment", "", "only the records of this saved segment (its name)")
	cmd.Flags().String("format", "csv", "csv, vcf (contacts) or json")
	cmd.Flags().Bool("json", false, "JSON; without a kind of record, the whole database")
	cmd.Flags().StringP("output", "o", "", "write to this file instead of standard output")
	return cmd
}

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
