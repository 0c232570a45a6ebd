package cli

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"rolo/app"
)

func replicasCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "replicas",
		Short: "List each replica (--replicate or $ROLO_REPLICATE) with its position, lag and last error",
		Long: "Reads each replica target: the last transaction it holds and when, the oldest point a restore can reach,\n" +
			"how far it is behind the database beside which Litestream keeps its files, and the error if it cannot be read.\n" +
			"Give the same --replicate URLs (or $ROLO_REPLICATE) as rolo serve. Exits non-zero when a replica cannot be read.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := dbPath(cmd, getenv)
			if err != nil {
				return err
			}
			urls, err := replicaURLs(cmd, getenv)
			if err != nil {
				return err
			}
			if len(urls) == 0 {
				return fmt.Errorf("no replica: give --replicate URL or set ROLO_REPLICATE")
			}
			list := app.InspectReplicas(cmd.Context(), path, urls)
			if asJSON, _ := cmd.Flags().GetBool("json"); asJSON {
				return printJSON(stdout, replicaJSON(list))
			}
			return printReplicaTable(stdout, list)
		},
	}
	addReplicateFlag(cmd)
	cmd.Flags().Bool("json", false, "print JSON")
	return cmd
}

func printReplicaTable(stdout io.Writer, list []app.ReplicaState) error {
	now := time.Now()
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "REPLICA\tSTATE\tPOSITION\tLATEST\tOLDEST RESTORABLE\tLAG\tLAST ERROR")
	failing := 0
	for _, r := range list {
		if r.State() == app.ReplicaFailing {
			failing++
		}
		fmt.Fprintf(w, "%s\t%s\t%016x\t%s\t%s\t%s\t%s\n", r.URL, r.State(), r.TXID, stamp(r.Latest), stamp(r.Oldest), r.Lag(now), orDash(r.LastError))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if failing > 0 {
		return fmt.Errorf("%d of %d replicas cannot be read", failing, len(list))
	}
	return nil
}

type replicaOut struct {
	URL          string     `json:"url"`
	State        string     `json:"state"`
	Position     string     `json:"position"`
	Latest       *time.Time `json:"latest,omitempty"`
	Oldest       *time.Time `json:"oldest_restorable,omitempty"`
	LagSeconds   float64    `json:"lag_seconds"`
	FailingSince *time.Time `json:"failing_since,omitempty"`
	LastError    string     `json:"last_error,omitempty"`
}

func replicaJSON(list []app.ReplicaState) []replicaOut {
	now := time.Now()
	out := []replicaOut{}
	for _, r := range list {
		out = append(out, replicaOut{URL: r.URL, State: r.State(), Position: fmt.Sprintf("%016x", r.TXID), Latest: timeOrNil(r.Latest),
			Oldest: timeOrNil(r.Oldest), LagSeconds: r.Lag(now).Seconds(), FailingSince: timeOrNil(r.FailingSince), LastError: r.LastError})
	}
	return out
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}
