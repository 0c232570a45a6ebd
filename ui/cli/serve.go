package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rolo/app"
	"rolo/ui"
)

func serveCommand(getenv func(string) string, stdout io.Writer, version string) *cobra.Command {
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
			replicas, err := replicaURLs(cmd, getenv)
			if err != nil {
				return err
			}
			return serve(cmd.Context(), stdout, serveOptions{
				DBPath: path, Addr: flagOrEnv(cmd, getenv, "addr", "ROLO_ADDR"), AllowHosts: allow, Dev: dev, Version: buildVersion(version),
				TLSCert: flagOrEnv(cmd, getenv, "tls-cert", "ROLO_TLS_CERT"), TLSKey: flagOrEnv(cmd, getenv, "tls-key", "ROLO_TLS_KEY"),
				Replicate: replicas, RestoreIfMissing: flagOrEnv(cmd, getenv, "restore-if-missing", "ROLO_RESTORE_IF_MISSING"),
			})
		},
	}
	cmd.Flags().String("addr", "127.0.0.1:8080", "address to listen on ($ROLO_ADDR); 0.0.0.0:8080 shares Rolo on the LAN")
	cmd.Flags().String("allow-host", "", "extra host names the browser may use to reach Rolo, comma-separated ($ROLO_ALLOW_HOST)")
	cmd.Flags().String("tls-cert", "", "TLS certificate file ($ROLO_TLS_CERT)")
	cmd.Flags().String("tls-key", "", "TLS key file ($ROLO_TLS_KEY)")
	cmd.Flags().Bool("dev", false, "read templates and static files from ./embed on disk")
	addReplicateFlag(cmd)
	cmd.Flags().String("restore-if-missing", "", "when the database file does not exist, restore it first from the latest state of this replica URL ($ROLO_RESTORE_IF_MISSING): a replacement machine")
	return cmd
}

type serveOptions struct {
	DBPath, Addr, TLSCert, TLSKey string
	AllowHosts                    []string
	Dev                           bool
	Version                       string
	Replicate                     []string // replica URLs (serve_replicate.go)
	RestoreIfMissing              string
}

func serve(ctx context.Context, stdout io.Writer, opt serveOptions) error {
	if (opt.TLSCert == "") != (opt.TLSKey == "") {
		return errors.New("--tls-cert and --tls-key go together")
	}
	started := time.Now()
	lock, err := app.LockForServe(opt.DBPath)
	if err != nil {
		return fmt.Errorf("%s: %w", opt.DBPath, err)
	}
	defer lock.Release()
	defer ui.ServingGC()() // a server's collector (ui/serving_gc.go)

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
	if err := restoreIfMissing(ctx, stdout, opt); err != nil {
		return err
	}
	a, err := app.OpenReplicated(ctx, opt.DBPath, app.Config{}, opt.Replicate, 0)
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

	handler, err := ui.NewServer(a, ui.Config{DBPath: opt.DBPath, Addr: addr.String(), AllowedHosts: hosts, Version: opt.Version, Dev: opt.Dev})
	if err != nil {
		return err
	}
	idle := &idleTrimmer{release: func() { releaseIdleMemory(a) }}
	srv := &http.Server{
		Handler:           idle.wrap(handler),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // imports upload large files
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	fmt.Fprintf(stdout, "Rolo is running at %s://%s\n", scheme, browsable(addr))
	fmt.Fprintf(stdout, "Database: %s\n", opt.DBPath)
	printReplicas(stdout, opt.Replicate)
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
	// The background jobs' changes are the scheduler's, not the command line's.
	schedCtx, stopScheduler := context.WithCancel(app.WithOrigin(ctx, app.Origin{Kind: app.OriginScheduler}))
	schedDone := make(chan struct{})
	go func() { defer close(schedDone); a.RunScheduler(schedCtx, 30*time.Second) }()
	defer func() { stopScheduler(); <-schedDone }()

	// Data retention: purge what is past the admin's retention period,
	// once now (catching up after the machine was off) and then hourly.
	retentionDone := make(chan struct{})
	go func() { defer close(retentionDone); a.RunRetention(schedCtx, time.Hour, slog.Default()) }()
	defer func() { stopScheduler(); <-retentionDone }()

	// A server fallen quiet hands memory back (serve_idle.go).
	idleDone := make(chan struct{})
	go func() { defer close(idleDone); idle.run(schedCtx, idleQuiet) }()
	defer func() { stopScheduler(); <-idleDone }()

	// Replicas failing for minutes are told to the admins.
	if len(opt.Replicate) > 0 {
		watchDone := make(chan struct{})
		go func() {
			defer close(watchDone)
			a.RunReplicaWatch(schedCtx, 30*time.Second, app.ReplicaFailingNotifyAfter)
		}()
		defer func() { stopScheduler(); <-watchDone }()
	}

	errc := make(chan error, 2)
	// A damaged file stops the server with a message that says what to do.
	// The check reads the whole file (seconds for a large one), so it runs
	// beside the first requests instead of delaying them.
	go func() {
		err := a.QuickCheck(schedCtx)
		if err == nil {
			settleAfterStartup(a, started) // the check was the last of the start-up's work
			return
		}
		if schedCtx.Err() == nil {
			errc <- err
		}
	}()
	go func() {
		if opt.TLSCert != "" {
			errc <- srv.ServeTLS(ln, opt.TLSCert, opt.TLSKey)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		var damaged *app.DamagedFileError
		if errors.As(err, &damaged) {
			slog.Error("stopping: the database file is damaged", "db", opt.DBPath)
			shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
			defer cancel()
			_ = srv.Shutdown(shutdownCtx)
		}
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
