package web

import (
	"net/http"
	"time"

	"rolo/ui/request"
)

// handleHealth answers monitoring: 200 {"status":"ok"} while the process
// serves, and 503 {"status":"replica_failing"} while a replica that serve
// ships to (--replicate) does not answer. Rolo keeps serving then; the
// answer is for the monitor to raise the alarm. It says how many replicas
// fail and since when, not which: anyone may ask /healthz, and a replica's
// address is for the admins (Settings → Backup).
func handleHealth(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		failing := s.app.FailingReplicas(r.Context())
		if len(failing) == 0 {
			request.Encode(w, http.StatusOK, map[string]string{"status": "ok"})
			return
		}
		since := failing[0].FailingSince
		for _, f := range failing[1:] {
			if f.FailingSince.Before(since) {
				since = f.FailingSince
			}
		}
		request.Encode(w, http.StatusServiceUnavailable, map[string]any{
			"status": "replica_failing", "replicas_failing": len(failing), "failing_since": since.UTC().Format(time.RFC3339),
		})
	})
}
