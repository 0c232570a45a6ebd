package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/spf13/cobra"

	"rolo/app"
)

// addReplicateFlag adds --replicate, repeatable, to serve and replicas.
func addReplicateFlag(cmd *cobra.Command) {
	cmd.Flags().StringArray("replicate", nil, "ship every change within a second to this replica URL, with Litestream: file:///mnt/nas/rolo, "+
		"s3://bucket/path?endpoint=…&region=…, sftp://user@host/path, webdav://host/path; repeatable ($ROLO_REPLICATE, comma or space separated). "+
		"Credentials come from the environment: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the AWS credentials file, ROLO_REPLICA_PASSWORD(_FILE), ROLO_REPLICA_SSH_KEY")
}

// replicaURLs reads --replicate, else $ROLO_REPLICATE, and checks each URL.
func replicaURLs(cmd *cobra.Command, getenv func(string) string) ([]string, error) {
	values, _ := cmd.Flags().GetStringArray("replicate")
	if !cmd.Flags().Changed("replicate") {
		values = []string{getenv("ROLO_REPLICATE")}
	}
	return app.ParseReplicaURLs(values...)
}

// printReplicas says where serve ships the changes, without secrets.
func printReplicas(stdout io.Writer, urls []string) {
	for _, u := range urls {
		fmt.Fprintf(stdout, "Replicating to: %s\n", app.RedactReplicaURL(u))
	}
}

// restoreIfMissing brings back the database from --restore-if-missing
// before serve opens it, when the file is not there (a new machine).
func restoreIfMissing(ctx context.Context, stdout io.Writer, opt serveOptions) error {
	if opt.RestoreIfMissing == "" {
		return nil
	}
	if _, err := app.ParseReplicaURLs(opt.RestoreIfMissing); err != nil {
		return fmt.Errorf("--restore-if-missing: %w", err)
	}
	restored, err := app.RestoreIfMissing(ctx, opt.DBPath, opt.RestoreIfMissing)
	if err != nil {
		return err
	}
	if restored {
		fmt.Fprintf(stdout, "Restored %s from %s\n", opt.DBPath, app.RedactReplicaURL(opt.RestoreIfMissing))
		if len(opt.Replicate) == 0 {
			slog.Warn("restored from a replica but not replicating: add --replicate to keep a live copy again")
		}
	}
	return nil
}
