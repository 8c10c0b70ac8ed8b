package server_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/agency/portal/graph"
	"github.com/agency/portal/media/mediatest"
	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
)

// newFullDiskPortal is a portal whose data folder (database and media folder) is a tmpfs
// of 16 MiB, with the demo content, an editor and an admin signed in, and a free-space
// threshold of 1 MiB. It skips the test where it cannot mount (not root, or a sandbox
// that refuses).
func newFullDiskPortal(t *testing.T) *mediaPortal {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		t.Skip("a full disk on tmpfs needs root to mount one; TestDatabaseFullIsUnavailable covers the database without it")
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=16m,mode=0755"); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v); TestDatabaseFullIsUnavailable covers the database without it", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	ctx := context.Background()
	path := filepath.Join(dir, "portal.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	for email, role := range map[string]store.Role{editorEmail: store.RoleEditor, adminEmail: store.RoleAdmin} {
		password := map[store.Role]string{store.RoleEditor: editorPassword, store.RoleAdmin: adminPassword}[role]
		if _, err := st.CreateUser(ctx, email, password, role); err != nil {
			t.Fatal(err)
		}
	}
	// Closed and opened again, as after a restart: the WAL starts empty, so a write needs
	// new room on the disk (a WAL that grew earlier takes writes into its old room).
	st.Close()
	if st, err = store.Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	mediaDir := filepath.Join(dir, "media")
	if err := os.Mkdir(mediaDir, 0o755); err != nil {
		t.Fatal(err)
	}
	schema, err := os.ReadFile("../schema.graphql")
	if err != nil {
		t.Fatal(err)
	}
	p := &portal{t: t, store: st, handler: server.New(st, server.Config{
		Limits: graph.DefaultLimits, Schema: schema, MediaDir: mediaDir, MinFreeBytes: 1 << 20,
	})}
	return &mediaPortal{portal: p, dir: mediaDir, cookie: p.login()}
}

// fill writes a file into dir until the disk is full, and returns a function that
// removes it.
func fill(t *testing.T, dir string) (empty func()) {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("x"), 64<<10)
	for err == nil {
		_, err = f.Write(chunk)
	}
	f.Close()
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("filling the disk: %v, want ENOSPC", err)
	}
	return func() {
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
	}
}

// files lists a folder's file names.
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// A data folder on a full disk: every write answers UNAVAILABLE (an upload 503) with a
// message an editor can act on, /healthz is 503 with its reasons, nothing is half written;
// once there is room again, everything works and nothing earlier was lost.
func TestFullDisk(t *testing.T) {
	p := newFullDiskPortal(t)
	e := &editors{portal: p.portal, editor: p.cookie}
	e.admin = func() *http.Cookie {
		r, cookies, _ := p.send(loginCall(adminEmail, adminPassword))
		if len(r.Errors) > 0 || len(cookies) != 1 {
			t.Fatalf("admin login: %s", r.body)
		}
		return cookies[0]
	}()
	draft := e.createDraft(newsInput("A short note", "Short, with one word: zqdraft."))
	if status, health := healthz(t, p.handler); status != http.StatusOK {
		t.Fatalf("/healthz before the disk fills: %d %+v", status, health)
	}
	before := e.tally("zqdraft", "zqnew")
	mediaBefore := files(t, p.dir)

	empty := fill(t, filepath.Dir(p.dir))

	status, health := healthz(t, p.handler)
	if status != http.StatusServiceUnavailable || !health.has("low free space in the database folder") || !health.has("low free space in the media folder") {
		t.Errorf("/healthz on a full disk, before any write: got %d %+v, want 503 with low free space in both folders", status, health)
	}
	for _, tt := range []struct {
		name  string
		query string
		vars  map[string]any
	}{
		{"create", createNews, map[string]any{"in": newsInput("A new report", "The word zqnew.")}},
		{"update", updateNews, map[string]any{"id": draft.ID, "v": 1, "in": newsInput("A short note", "Longer now, zqdraft zqnew.")}},
		{"publish", publishNow, map[string]any{"id": draft.ID, "v": 1}},
	} {
		wantUnavailable(t, tt.name, e.as(e.editor, tt.query, tt.vars, nil))
	}
	// Reading still works for a signed-in editor whose session's use is due to be
	// recorded (at most once a minute): that write is skipped.
	later := time.Now().Add(2 * time.Minute)
	p.store.SetClock(func() time.Time { return later })
	if got := p.me(p.cookie); got != editorEmail {
		t.Errorf("me on a full disk, with the session's use due: got %q, want %q", got, editorEmail)
	}
	r, cookies, _ := p.send(loginCall(editorEmail, editorPassword))
	wantUnavailable(t, "login", r)
	if len(cookies) > 0 {
		t.Errorf("a login that failed set a cookie: %v", cookies)
	}
	up := p.upload(upload{body: mediatest.JPEG(40, 30), contentType: "image/jpeg"})
	if up.status != http.StatusServiceUnavailable || len(up.Errors) != 1 || up.Errors[0].Extensions.Code != "UNAVAILABLE" ||
		up.Errors[0].Message != store.ErrStorageFull.Error() {
		t.Errorf("upload: got %d %s, want 503 UNAVAILABLE with the full-storage message", up.status, up.body)
	}

	status, health = healthz(t, p.handler)
	for _, want := range []string{"database writes fail", "media folder writes fail"} {
		if status != http.StatusServiceUnavailable || !health.has(want, "the storage is full") {
			t.Errorf("/healthz after failed writes: got %d %q, want 503 with %q", status, health.Reasons, want)
		}
	}
	if got := e.tally("zqdraft", "zqnew"); got != before {
		t.Errorf("after the refused writes: got %+v, want what there was before, %+v", got, before)
	}
	if got := files(t, p.dir); !slices.Equal(got, mediaBefore) {
		t.Errorf("media folder after the refused upload: got %q, want %q (no file, no temporary file)", got, mediaBefore)
	}

	// Room again: the same requests work, and /healthz is ok once both have written.
	empty()
	e.ok(e.editor, createNews, map[string]any{"in": newsInput("A new report", "The word zqnew.")}, nil)
	e.ok(e.editor, updateNews, map[string]any{"id": draft.ID, "v": 1, "in": newsInput("A short note", "Longer now, zqdraft zqnew.")}, nil)
	e.ok(e.editor, publishNow, map[string]any{"id": draft.ID, "v": 2}, nil)
	p.login()
	if up := p.upload(upload{body: mediatest.JPEG(40, 30), contentType: "image/jpeg"}); up.status != http.StatusCreated {
		t.Errorf("upload with room again: got %d %s, want 201", up.status, up.body)
	}
	if status, health := healthz(t, p.handler); status != http.StatusOK || health.Status != "ok" {
		t.Errorf("/healthz with room again: got %d %+v, want 200 ok", status, health)
	}
	want := tally{sources: before.sources + 1, public: before.public + 1, hitsA: 1, hitsB: 1, audit: before.audit + 3}
	if got := e.tally("zqdraft", "zqnew"); got != want {
		t.Errorf("with room again: got %+v, want %+v", got, want)
	}
	if got := files(t, p.dir); len(got) != len(mediaBefore)+1 {
		t.Errorf("media folder with room again: got %q, want one file more than %q", got, mediaBefore)
	}
}
