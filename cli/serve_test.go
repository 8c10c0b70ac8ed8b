package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/agency/portal/metrics"
	"github.com/agency/portal/server"
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

// TestParseServe: serve's flags and their variables, and the values it refuses before it
// touches a database.
func TestParseServe(t *testing.T) {
	for _, name := range []string{"PORTAL_ADDR", "PORTAL_DB", "PORTAL_CORS_ORIGINS", "PORTAL_NO_DEMO", "PORTAL_PUBLIC_URL",
		"PORTAL_TRUSTED_PROXY", "PORTAL_MEDIA", "PORTAL_METRICS_ADDR", "PORTAL_MIN_FREE_MB",
		"PORTAL_CACHE_MAX_AGE", "PORTAL_CACHE_STALE"} {
		t.Setenv(name, "") // set, so env falls back only where it should…
		os.Unsetenv(name)  // …and unset: t.Setenv puts the old value back afterwards
	}
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		want    string // the options, as describeOptions writes them
		wantErr string // "" means no error
	}{
		{"the defaults", nil, nil,
			"addr=127.0.0.1:8080 db=./data/portal.db metrics= cors=[*] public= no-demo=false media=data/media proxies=[] min-free=104857600 http-cache=30s/1m0s response-cache=67108864 rate-limit=600", ""},
		{"flags", nil, []string{"--addr", ":9000", "--db", "/srv/portal.db", "--cors-origins", "https://a.org, https://b.org,", "--no-demo",
			"--public-url", "https://portal.example.gov.rs/", "--trusted-proxy", "10.0.0.0/8,::1", "--media", "/srv/media",
			"--metrics-addr", "127.0.0.1:9090", "--min-free-mb", "0"},
			"addr=:9000 db=/srv/portal.db metrics=127.0.0.1:9090 cors=[https://a.org https://b.org] public=https://portal.example.gov.rs/ no-demo=true media=/srv/media proxies=[10.0.0.0/8 ::1/128] min-free=0 http-cache=30s/1m0s response-cache=67108864 rate-limit=600", ""},
		{"variables", map[string]string{"PORTAL_ADDR": ":9001", "PORTAL_DB": "/var/lib/portal/portal.db", "PORTAL_NO_DEMO": "true",
			"PORTAL_MIN_FREE_MB": "5", "PORTAL_TRUSTED_PROXY": "127.0.0.1"}, nil,
			"addr=:9001 db=/var/lib/portal/portal.db metrics= cors=[*] public= no-demo=true media=/var/lib/portal/media proxies=[127.0.0.1/32] min-free=5242880 http-cache=30s/1m0s response-cache=67108864 rate-limit=600", ""},
		{"a flag wins over its variable", map[string]string{"PORTAL_ADDR": ":9001", "PORTAL_NO_DEMO": "true"}, []string{"--addr", ":9002", "--no-demo=false"},
			"addr=:9002 db=./data/portal.db metrics= cors=[*] public= no-demo=false media=data/media proxies=[] min-free=104857600 http-cache=30s/1m0s response-cache=67108864 rate-limit=600", ""},
		{"a variable that is not a number", map[string]string{"PORTAL_MIN_FREE_MB": "lots"}, nil,
			"addr=127.0.0.1:8080 db=./data/portal.db metrics= cors=[*] public= no-demo=false media=data/media proxies=[] min-free=104857600 http-cache=30s/1m0s response-cache=67108864 rate-limit=600", ""},
		{"a public URL with a path", nil, []string{"--public-url", "https://portal.example.gov.rs/portal"}, "", "is not an http or https origin"},
		{"a public URL with a query", nil, []string{"--public-url", "https://portal.example.gov.rs/?a=1"}, "", "is not an http or https origin"},
		{"a public URL of another scheme", nil, []string{"--public-url", "ftp://portal.example.gov.rs"}, "", "is not an http or https origin"},
		{"a public URL without a host", nil, []string{"--public-url", "portal.example.gov.rs"}, "", "is not an http or https origin"},
		{"a proxy by name", nil, []string{"--trusted-proxy", "proxy.local"}, "", "--trusted-proxy: \"proxy.local\" is not a CIDR"},
		{"HTTP cache times", map[string]string{"PORTAL_CACHE_STALE": "2m"}, []string{"--cache-max-age", "0"},
			"addr=127.0.0.1:8080 db=./data/portal.db metrics= cors=[*] public= no-demo=false media=data/media proxies=[] min-free=104857600 http-cache=0s/2m0s response-cache=67108864 rate-limit=600", ""},
		{"response cache size", map[string]string{"PORTAL_RESPONSE_CACHE_MB": "16"}, nil,
			"addr=127.0.0.1:8080 db=./data/portal.db metrics= cors=[*] public= no-demo=false media=data/media proxies=[] min-free=104857600 http-cache=30s/1m0s response-cache=16777216 rate-limit=600", ""},
		{"response cache off", nil, []string{"--response-cache-mb", "0"},
			"addr=127.0.0.1:8080 db=./data/portal.db metrics= cors=[*] public= no-demo=false media=data/media proxies=[] min-free=104857600 http-cache=30s/1m0s response-cache=-1 rate-limit=600", ""},
		{"a negative response cache", nil, []string{"--response-cache-mb", "-5"}, "", "--response-cache-mb -5: give a number of MB"},
		{"a negative max-age", nil, []string{"--cache-max-age", "-1s"}, "", "give durations of 0 or more"},
		{"less than no free space", nil, []string{"--min-free-mb", "-1"}, "", "--min-free-mb -1: give a number of MB"},
		{"API rate limit", map[string]string{"PORTAL_API_RATE_LIMIT": "60"}, nil,
			"addr=127.0.0.1:8080 db=./data/portal.db metrics= cors=[*] public= no-demo=false media=data/media proxies=[] min-free=104857600 http-cache=30s/1m0s response-cache=67108864 rate-limit=60", ""},
		{"API rate limit off", nil, []string{"--api-rate-limit", "0"},
			"addr=127.0.0.1:8080 db=./data/portal.db metrics= cors=[*] public= no-demo=false media=data/media proxies=[] min-free=104857600 http-cache=30s/1m0s response-cache=67108864 rate-limit=0", ""},
		{"a negative API rate limit", nil, []string{"--api-rate-limit", "-1"}, "", "--api-rate-limit -1: give a number of requests a minute"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, value := range tt.env {
				t.Setenv(name, value)
			}
			opts, done, err := parseServe(tt.args)
			if tt.wantErr != "" {
				if err == nil || !done || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v (done: %v), want an error with %q", err, done, tt.wantErr)
				}
				return
			}
			if err != nil || done {
				t.Fatalf("got %v (done: %v), want the options", err, done)
			}
			if got := describeOptions(opts); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// describeOptions writes serve's options on one line, each with its name.
func describeOptions(o serveOptions) string {
	return fmt.Sprintf("addr=%s db=%s metrics=%s cors=%v public=%s no-demo=%v media=%s proxies=%v min-free=%d http-cache=%s/%s response-cache=%d rate-limit=%d",
		o.addr, o.db, o.metricsAddr, o.corsOrigins, o.publicURL, o.noDemo, o.mediaDir, o.trustedProxies, o.minFreeBytes,
		o.httpCache.MaxAge, o.httpCache.StaleWhileRevalidate, o.responseCacheBytes, o.rateLimit)
}

// TestParseServeIATIOrgID: --iati-org-id and PORTAL_IATI_ORG_ID, its placeholder default,
// and an identifier that is not one.
func TestParseServeIATIOrgID(t *testing.T) {
	t.Setenv("PORTAL_IATI_ORG_ID", "")
	os.Unsetenv("PORTAL_IATI_ORG_ID")
	tests := []struct {
		name    string
		env     string
		args    []string
		want    string
		wantErr string
	}{
		{"the default", "", nil, server.DefaultIATIOrgID, ""},
		{"the flag", "", []string{"--iati-org-id", "XM-DAC-12345"}, "XM-DAC-12345", ""},
		{"the variable", "GB-GOV-1", nil, "GB-GOV-1", ""},
		{"a flag wins over its variable", "GB-GOV-1", []string{"--iati-org-id", "RS-MB-07654321"}, "RS-MB-07654321", ""},
		{"no agency", "", []string{"--iati-org-id", "12345"}, "", "is not an IATI organisation identifier"},
		{"a space", "", []string{"--iati-org-id", "XM-DAC 1"}, "", "is not an IATI organisation identifier"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env != "" {
				t.Setenv("PORTAL_IATI_ORG_ID", tt.env)
			}
			opts, _, err := parseServe(append([]string{"--db", "x.db"}, tt.args...))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want an error with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || opts.iatiOrgID != tt.want {
				t.Errorf("got %q (err %v), want %q", opts.iatiOrgID, err, tt.want)
			}
		})
	}
}
