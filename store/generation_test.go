package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestGenerationCountsContentChanges: every change to content grows the content
// generation, in the transaction that makes it; reads, refused changes and account
// changes leave it as it was.
func TestGenerationCountsContentChanges(t *testing.T) {
	ctx := context.Background()
	s, demo, admin := openDemo(t)
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	k, err := kindOf(KindNews, "kind")
	if err != nil {
		t.Fatal(err)
	}
	news := registrySamples(demo)[KindNews]
	var gid string
	var version int
	keep := func(src Source, err error) error {
		if err == nil {
			gid, version = src.GlobalID(), editorialOf(src).Version
		}
		return err
	}
	change := func(action AuditAction, at *time.Time) func() error {
		return func() error { return keep(s.ChangeState(ctx, admin, gid, version, Transition{Action: action, At: at})) }
	}
	later := now.Add(time.Hour)
	steps := []struct {
		name  string
		do    func() error
		grows bool
	}{
		{"create a draft", func() error { return keep(s.save(ctx, admin, k, "", 0, news)) }, true},
		{"update it", func() error { return keep(s.save(ctx, admin, k, gid, version, news)) }, true},
		{"a stale update, refused", func() error {
			_, err := s.save(ctx, admin, k, gid, version-1, news)
			var conflict *ConflictError
			if !errors.As(err, &conflict) {
				return err
			}
			return nil
		}, false},
		{"schedule it for an hour later", change(ActionSchedule, &later), true},
		{"the publisher before its time", func() error { _, err := s.IndexDue(ctx); return err }, false},
		{"the publisher once its time has come", func() error {
			now = later.Add(time.Second)
			_, err := s.IndexDue(ctx)
			return err
		}, true},
		{"the publisher again", func() error { _, err := s.IndexDue(ctx); return err }, false},
		{"unpublish", change(ActionUnpublish, nil), true},
		{"publish", change(ActionPublish, nil), true},
		{"delete", change(ActionDelete, nil), true},
		{"restore", change(ActionRestore, nil), true},
		{"read it", func() error { _, err := s.Source(ctx, gid); return err }, false},
		{"an account change", func() error {
			_, err := s.CreateUser(ctx, "editor@example.org", goodPassword, RoleEditor)
			return err
		}, false},
		{"import", func() error { return s.Import(ctx, demo) }, true},
	}
	before, err := s.Generation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range steps {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		after, err := s.Generation(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if grew := after > before; grew != step.grows {
			t.Errorf("%s: generation %d → %d; want it to grow: %v", step.name, before, after, step.grows)
		}
		before = after
	}
}
