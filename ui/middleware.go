package ui

import (
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"rolo/ui/request"
	"rolo/ui/web"
)

// recoverPanics turns a handler panic into a 500 and a log line instead of
// a dropped connection.
func recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				slog.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				refuse(w, r, http.StatusInternalServerError, "internal", "error.internal")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// logRequests writes one line per request at debug level, at warning
// level for server errors, and at info level for a client that left
// before its answer (status 499: not a server error).
func logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		level := slog.LevelDebug
		switch {
		case rec.status == request.StatusClientClosed:
			level = slog.LevelInfo
		case rec.status >= 500 && r.Context().Err() != nil:
			rec.status, level = request.StatusClientClosed, slog.LevelInfo
		case rec.status >= 500:
			level = slog.LevelWarn
		}
		slog.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "took", time.Since(start))
	})
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", web.ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// checkHost refuses requests whose Host header names a host outside the
// allow-list. A web page the user visits can point its own DNS name at
// 127.0.0.1 (DNS rebinding); its requests then carry that foreign name.
func checkHost(allowed []string) func(http.Handler) http.Handler {
	set := map[string]bool{}
	for _, h := range allowed {
		set[strings.ToLower(h)] = true
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			host := r.Host
			if h, _, err := net.SplitHostPort(host); err == nil {
				host = h
			}
			host = strings.ToLower(strings.Trim(host, "[]"))
			if !set[host] {
				slog.Warn("refused request for unknown host", "host", r.Host, "remote", r.RemoteAddr)
				refuse(w, r, http.StatusMisdirectedRequest, "unknown_host", "error.unknown_host", host, host)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
