package store

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"

	"github.com/benbjohnson/litestream"
	"github.com/benbjohnson/litestream/file"
	"github.com/benbjohnson/litestream/s3"
	"github.com/benbjohnson/litestream/sftp"
	"github.com/benbjohnson/litestream/webdav"
)

// Replica URL schemes Rolo accepts; each registers its client with
// Litestream when its package is linked in.
var replicaSchemes = []string{"file", "s3", "sftp", "webdav", "webdavs"}

// ParseReplicaURLs splits a --replicate or $ROLO_REPLICATE value (commas
// or spaces between URLs) and checks each.
func ParseReplicaURLs(values ...string) ([]string, error) {
	var urls []string
	for _, v := range values {
		for _, u := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
			if _, err := newReplicaClient(u); err != nil {
				return nil, fmt.Errorf("replica %s: %w", RedactReplicaURL(u), err)
			}
			urls = append(urls, u)
		}
	}
	return urls, nil
}

// newReplicaClient builds the Litestream client for a URL. Secrets come
// from the environment, never from the database: S3 keys from the AWS
// variables or the AWS shared credentials file (the AWS SDK's own chain),
// an SFTP or WebDAV password from $ROLO_REPLICA_PASSWORD or the file named
// by $ROLO_REPLICA_PASSWORD_FILE, an SSH key from $ROLO_REPLICA_SSH_KEY.
func newReplicaClient(raw string) (litestream.ReplicaClient, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("not a URL")
	}
	known := false
	for _, s := range replicaSchemes {
		known = known || u.Scheme == s
	}
	if !known {
		return nil, fmt.Errorf("unknown scheme %q: use file://, s3://, sftp:// or webdav://", u.Scheme)
	}
	if u.Scheme == "file" && (u.Host != "" || u.Path == "") {
		return nil, errors.New("a file URL is file:///absolute/path")
	}
	if u.Scheme == "s3" {
		caBundleOnce.Do(adoptAWSCABundle)
	}
	client, err := litestream.NewReplicaClientFromURL(raw)
	if err != nil {
		return nil, err
	}
	password, err := replicaPassword()
	if err != nil {
		return nil, err
	}
	switch c := client.(type) {
	case *sftp.ReplicaClient:
		if c.Password == "" {
			c.Password = password
		}
		c.KeyPath = os.Getenv("ROLO_REPLICA_SSH_KEY")
		c.HostKey = os.Getenv("ROLO_REPLICA_SSH_HOST_KEY")
	case *webdav.ReplicaClient:
		if c.Password == "" {
			c.Password = password
		}
	case *s3.ReplicaClient, *file.ReplicaClient:
	}
	return client, nil
}

var caBundleOnce sync.Once

// adoptAWSCABundle hands $AWS_CA_BUNDLE to Go's own certificate loading
// ($SSL_CERT_FILE): Litestream v0.5.18 gives the AWS SDK an HTTP client the
// SDK cannot add a bundle to, and every S3 call then fails with "unable to
// add custom RootCAs". Both name a file of trusted roots that replaces the
// system's, so the effect is the same. Done before any TLS connection.
func adoptAWSCABundle() {
	bundle := os.Getenv("AWS_CA_BUNDLE")
	if bundle == "" {
		return
	}
	if os.Getenv("SSL_CERT_FILE") == "" {
		_ = os.Setenv("SSL_CERT_FILE", bundle)
	}
	_ = os.Unsetenv("AWS_CA_BUNDLE")
}

func replicaPassword() (string, error) {
	if p := os.Getenv("ROLO_REPLICA_PASSWORD"); p != "" {
		return p, nil
	}
	name := os.Getenv("ROLO_REPLICA_PASSWORD_FILE")
	if name == "" {
		return "", nil
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("ROLO_REPLICA_PASSWORD_FILE: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// secretParams are query parameters that may carry a key; their values
// never reach a log or a page.
var secretParams = []string{"key", "secret", "token", "password", "passwd", "signature", "credential", "sse"}

// RedactReplicaURL is the URL as logs and pages show it: without a
// password in it, and with any query value that looks like a secret
// replaced.
func RedactReplicaURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable replica URL)"
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "REDACTED")
		}
	}
	q := u.Query()
	for name := range q {
		lower := strings.ToLower(name)
		for _, s := range secretParams {
			if strings.Contains(lower, s) {
				q.Set(name, "REDACTED")
			}
		}
	}
	u.RawQuery = q.Encode()
	return strings.Replace(u.String(), "REDACTED", "***", -1)
}
