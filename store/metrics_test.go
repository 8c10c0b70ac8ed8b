package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"syscall"
	"testing"

	"github.com/agency/portal/metrics"
)

// writeFailureCounts gathers portal_store_write_failures_total by reason.
func writeFailureCounts(t *testing.T, m *metrics.Metrics) map[string]float64 {
	t.Helper()
	families, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]float64{}
	for _, f := range families {
		if f.GetName() != "portal_store_write_failures_total" {
			continue
		}
		for _, s := range f.GetMetric() {
			counts[s.GetLabel()[0].GetValue()] = s.GetCounter().GetValue()
		}
	}
	return counts
}

// TestWriteFailuresCounted: a write that fails for lack of room is counted once as
// "full"; input the database refuses (an email in use) is not a failure.
func TestWriteFailuresCounted(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	m := metrics.New()
	s.Instrument(m)

	if _, err := s.CreateUser(ctx, "ana@example.gov.rs", "a long enough password", RoleEditor); err != nil {
		t.Fatal(err)
	}
	_, err := s.CreateUser(ctx, "ANA@example.gov.rs", "a long enough password", RoleEditor)
	var input *InputError
	if !errors.As(err, &input) {
		t.Fatalf("the same email again: got %v, want an InputError", err)
	}
	for reason, n := range writeFailureCounts(t, m) {
		if n != 0 {
			t.Errorf("after refused input: %s = %v, want 0", reason, n)
		}
	}

	// The database may not grow: the next write that needs a page fails as a full disk would.
	if err := s.LimitGrowth(ctx, 0); err != nil {
		t.Fatal(err)
	}
	c, err := DemoContent()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Import(ctx, c); err == nil {
		t.Fatal("an import into a database that cannot grow succeeded")
	}
	got := writeFailureCounts(t, m)
	for _, reason := range metrics.WriteFailureReasons {
		want := 0.0
		if reason == "full" {
			want = 1
		}
		if got[reason] != want {
			t.Errorf("after a full database: %s = %v, want %v (all: %v)", reason, got[reason], want, got)
		}
	}
}

func TestWriteFailureReason(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{sql.ErrNoRows, ""},
		{fmt.Errorf("insert: %w", context.Canceled), ""},
		{context.DeadlineExceeded, "timeout"},
		{fmt.Errorf("write: %w", syscall.ENOSPC), "full"},
		{errors.New("something else"), "other"},
	}
	for _, tt := range tests {
		if got := writeFailureReason(tt.err); got != tt.want {
			t.Errorf("writeFailureReason(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
