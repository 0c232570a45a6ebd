package request

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
)

// StatusClientClosed is the status logged for a request whose client went
// away before the answer (nginx's 499): no server error, and nobody reads
// the answer.
const StatusClientClosed = 499

// ClientGone tells whether err is only the client having left: the request's
// context was cancelled, so the work stopped on purpose.
func ClientGone(r *http.Request, err error) bool {
	return errors.Is(err, context.Canceled) || r.Context().Err() != nil
}

// AnswerClientGone records a request abandoned by its client at info level
// and sets the status the request log shows.
func AnswerClientGone(w http.ResponseWriter, r *http.Request, err error) {
	slog.Info("client went away", "method", r.Method, "path", r.URL.Path, "err", err)
	w.WriteHeader(StatusClientClosed)
}
