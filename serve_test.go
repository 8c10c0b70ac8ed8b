package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/agency/portal/metrics"
)

// freeAddr is a loopback address with a port that was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// get GETs a URL, retrying while the server is not listening yet.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			return resp.StatusCode, string(body)
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s: %v", url, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestServeBoth: with --metrics-addr the metrics are served on their own listener and
// not on the site's; both stop when the context ends.
func TestServeBoth(t *testing.T) {
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	m := metrics.New()
	addr, metricsAddr := freeAddr(t), freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveBoth(ctx, addr, site, metricsAddr, m.Handler()) }()

	for _, tt := range []struct {
		url         string
		wantStatus  int
		wantMetrics bool
	}{
		{"http://" + metricsAddr + "/metrics", http.StatusOK, true},
		{"http://" + addr + "/metrics", http.StatusNotFound, false},
		{"http://" + metricsAddr + "/", http.StatusNotFound, false},
	} {
		status, body := get(t, tt.url)
		shown := strings.Contains(body, "portal_store_write_failures_total")
		if status != tt.wantStatus || shown != tt.wantMetrics {
			t.Errorf("GET %s: status %d, metrics shown: %v; want %d, %v", tt.url, status, shown, tt.wantStatus, tt.wantMetrics)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("after the context ended: %v, want nil", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serveBoth did not stop after the context ended")
	}
}

// TestServeBothRefusesABadMetricsAddress: a metrics address that cannot be listened on
// stops the start, and leaves the site's address free.
func TestServeBothRefusesABadMetricsAddress(t *testing.T) {
	addr := freeAddr(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, metricsAddr := range []string{busy.Addr().String(), "127.0.0.1:notaport", addr} {
		err := serveBoth(context.Background(), addr, http.NotFoundHandler(), metricsAddr, metrics.New().Handler())
		if err == nil || !strings.Contains(err.Error(), "--metrics-addr") {
			t.Errorf("metrics on %s: got %v, want an error naming --metrics-addr", metricsAddr, err)
		}
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			t.Fatalf("the site's address is still taken after a failed start: %v", err)
		}
		ln.Close()
	}
}
