package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"time"

	"github.com/agency/portal/media"
	"github.com/agency/portal/store"
)

// health answers /healthz, which load balancers and monitoring ask every few seconds, so
// it does no write and little I/O: a SELECT 1, what the store and the media folder
// remember of their last writes (store.WriteWatch), and statfs on the two folders.
//
//	200 {"status":"ok"}
//	503 {"status":"unavailable","reasons":["database writes fail since …: the storage is full", …]}
//
// The reasons name no file path: /healthz is public.
type health struct {
	store   *store.Store
	media   *media.Library // nil without a media folder
	minFree uint64         // bytes; 0 leaves the free-space check out
}

func (h *health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if reasons := h.problems(ctx); len(reasons) > 0 {
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "reasons": reasons})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// problems lists what is wrong, for operators; none means healthy.
func (h *health) problems(ctx context.Context) []string {
	var reasons []string
	if err := h.store.Ping(ctx); err != nil {
		slog.ErrorContext(ctx, "healthz: database", "err", err)
		reasons = append(reasons, "the database does not answer")
	}
	if t := h.store.WriteTrouble(); t != nil {
		reasons = append(reasons, troubleReason("database", t))
	}
	if h.media != nil {
		if t := h.media.WriteTrouble(); t != nil {
			reasons = append(reasons, troubleReason("media folder", t))
		}
	}
	if h.minFree > 0 {
		if path := h.store.Path(); path != "" { // "" on PostgreSQL: its disk is the database server's
			reasons = append(reasons, h.lowSpace(ctx, "database folder", filepath.Dir(path))...)
		}
		if h.media != nil {
			reasons = append(reasons, h.lowSpace(ctx, "media folder", h.media.Dir())...)
		}
	}
	return reasons
}

// troubleReason says how writes to what fail.
func troubleReason(what string, t *store.Trouble) string {
	how := "the storage is failing"
	if errors.Is(t.Err, store.ErrStorageFull) {
		how = "the storage is full"
	}
	return fmt.Sprintf("%s writes fail since %s: %s", what, t.Since.Format(time.RFC3339), how)
}

// lowSpace is a reason when the file system of dir has less than minFree bytes free.
func (h *health) lowSpace(ctx context.Context, what, dir string) []string {
	free, err := freeBytes(dir)
	switch {
	case errors.Is(err, errors.ErrUnsupported):
		return nil
	case err != nil:
		slog.ErrorContext(ctx, "healthz: free space", "dir", dir, "err", err)
		return []string{fmt.Sprintf("the free space of the %s cannot be read", what)}
	case free < h.minFree:
		return []string{fmt.Sprintf("low free space in the %s: %d MB free, below the %d MB of --min-free-mb", what, free>>20, h.minFree>>20)}
	}
	return nil
}
