// Package server is the portal's HTTP side: the routes, the middleware (CORS, body
// limit, security headers), the server's timeouts and its graceful shutdown.
package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"time"

	"github.com/rs/cors"

	"github.com/agency/portal/auth"
	"github.com/agency/portal/graph"
	"github.com/agency/portal/media"
	"github.com/agency/portal/metrics"
	"github.com/agency/portal/store"
)

// Config is how the server is set up.
type Config struct {
	// CORSOrigins are the origins that may call /graphql from a browser. Empty or "*"
	// means any origin. Credentials are never allowed from another origin.
	CORSOrigins []string
	// MaxBodyBytes is the largest request body /graphql accepts.
	MaxBodyBytes int64
	// Limits bound each GraphQL operation.
	Limits graph.Limits
	// Schema is the SDL served at /schema.graphql.
	Schema []byte
	// Explorer serves /graphiql and /graphiql/; nil leaves them out.
	Explorer http.Handler
	// Site is the built front end (web.Site()): index.html, _app/…, precompressed copies.
	// nil serves the plain landing page at / and a 503 page on the app's routes.
	Site fs.FS
	// PublicURL is the site's absolute URL, such as https://portal.example.gov.rs, for
	// canonical and Open Graph links. Empty derives it from each request's Host.
	PublicURL string
	// TrustedProxies are the networks of the reverse proxies in front of the portal: only
	// requests from them have the client's address (for login rate limits) taken from
	// X-Forwarded-For.
	TrustedProxies []netip.Prefix
	// MediaDir is the folder of uploaded images (media.go): POST /media writes to it and
	// /media/{file} serves it. Empty means no uploads, and /media/… is a plain 404.
	MediaDir string
	// Metrics records requests, GraphQL operations and caches (observe.go); nil records
	// nothing. The server never serves them itself: Metrics.Handler belongs on a listener
	// of its own.
	Metrics *metrics.Metrics
	// MinFreeBytes is the free space below which /healthz answers 503, on the file system
	// of the database and on that of the media folder; 0 leaves the check out.
	MinFreeBytes int64
	// HTTPCache is how long shared caches may keep public answers to GET queries
	// (httpcache.go); nil means DefaultHTTPCache.
	HTTPCache *HTTPCache
	// ResponseCacheBytes bounds the cache of public answers (respcache.go); 0 means
	// DefaultResponseCacheBytes, a negative number turns the cache off.
	ResponseCacheBytes int64
	// RateLimit is the fair-use limit of /graphql per client address (ratelimit.go); the
	// zero value counts nothing. `portal serve` uses DefaultRateLimit.
	RateLimit RateLimit
	// IATIOrgID is the reporting organisation's IATI identifier in the open-data IATI file
	// (opendata_iati.go); empty means DefaultIATIOrgID.
	IATIOrgID string
}

// DefaultMaxBodyBytes is the default limit of a /graphql request body: 256 KiB.
const DefaultMaxBodyBytes = 256 << 10

// New returns the portal's handler.
func New(s *store.Store, cfg Config) http.Handler {
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	mux := http.NewServeMux()
	api := jsonOnly(limitBody(cfg.MaxBodyBytes, graph.NewHandler(s, cfg.Limits, sessionConfig(cfg), cfg.Metrics)))
	if cfg.HTTPCache == nil {
		cfg.HTTPCache = &DefaultHTTPCache
	}
	graphql := compress(httpCache(*cfg.HTTPCache, api)) // compress.go, httpcache.go
	if cfg.ResponseCacheBytes == 0 {
		cfg.ResponseCacheBytes = DefaultResponseCacheBytes
	}
	if cfg.ResponseCacheBytes > 0 {
		graphql = newResponseCache(s, cfg.Metrics, cfg.ResponseCacheBytes).handler(*cfg.HTTPCache, api, graphql) // respcache.go
	}
	limiter := newAPILimiter(cfg.RateLimit, cfg.TrustedProxies)
	mux.Handle("/graphql", publicCORS(cfg.CORSOrigins).Handler(limiter.handler(graphql)))
	mux.HandleFunc("GET /schema.graphql", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Write(cfg.Schema)
	})
	var lib *media.Library // the media folder, when there is one
	if cfg.MediaDir != "" {
		lib = media.NewLibrary(cfg.MediaDir)
	}
	mux.Handle("GET /healthz", &health{store: s, media: lib, minFree: uint64(max(cfg.MinFreeBytes, 0))}) // health.go
	if cfg.Explorer != nil {
		mux.Handle("/graphiql", cfg.Explorer)
		mux.Handle("/graphiql/", cfg.Explorer)
	}
	if lib != nil {
		routeMedia(mux, s, lib, cfg) // POST /media, GET /media/{file}: media.go
	}
	routeOpenData(mux, s, cfg)                                    // /open-data/…: opendata.go
	mux.Handle("/", newSite(s, cfg.Site, cfg.PublicURL, graphql)) // everything else: site.go
	return withRequestID(observe(cfg.Metrics, secureHeaders(mux)))
}

// sessionConfig is how /graphql and POST /media treat editors' sessions, origins and
// client addresses: the same way.
func sessionConfig(cfg Config) auth.Config {
	return auth.Config{PublicURL: cfg.PublicURL, TrustedProxies: cfg.TrustedProxies}
}

// landing is the root page when the front end is not built.
const landing = `<!doctype html>
<html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Commissariat for Refugees and Migration: portal API</title>
<h1>Commissariat for Refugees and Migration: portal API</h1>
<ul><li><a href="/graphiql">GraphQL explorer</a></li><li><a href="/schema.graphql">Schema (SDL)</a></li><li>Endpoint: <code>/graphql</code></li></ul>
</html>`

// publicCORS opens the read API to browsers on other origins, without credentials: a
// page elsewhere can read public content but never act with a visitor's cookies.
func publicCORS(origins []string) *cors.Cors {
	if len(origins) == 0 {
		origins = []string{"*"}
	}
	return cors.New(cors.Options{
		AllowedOrigins:   origins,
		AllowedMethods:   []string{http.MethodGet, http.MethodHead, http.MethodPost},
		AllowedHeaders:   []string{"Content-Type", "Accept", "If-None-Match"},
		ExposedHeaders:   []string{"ETag", "X-Request-Id", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy", "Retry-After"},
		AllowCredentials: false,
		MaxAge:           600,
	})
}

// limitBody refuses a request body larger than max bytes with 413 and a GraphQL-shaped
// JSON error, before anything parses it. Bodies are small, so it reads the body (at most
// max+1 bytes) and hands it on from memory.
func limitBody(max int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > max {
			tooLarge(w, max)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, max+1))
		if err != nil {
			writeJSON(w, http.StatusBadRequest, errorBody("the request body could not be read"))
			return
		}
		if int64(len(body)) > max {
			tooLarge(w, max)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// jsonOnly refuses a POST whose body is not JSON with 415 and a JSON error (GraphQL over
// HTTP: POST bodies are application/json).
func jsonOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
				writeJSON(w, http.StatusUnsupportedMediaType, errorBody("a POST body must be application/json"))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func errorBody(message string) map[string]any {
	return map[string]any{"errors": []map[string]any{{
		"message":    message,
		"extensions": map[string]string{"code": codeBadUserInput},
	}}}
}

func tooLarge(w http.ResponseWriter, max int64) {
	writeJSON(w, http.StatusRequestEntityTooLarge, errorBody(fmt.Sprintf("the request body is larger than %d KiB", max>>10)))
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

// secureHeaders sets the headers every response carries.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		next.ServeHTTP(w, r)
	})
}

// Serve serves h on addr until ctx is done, then shuts down gracefully: it stops taking
// connections and waits up to grace for requests under way.
func Serve(ctx context.Context, addr string, h http.Handler, grace time.Duration) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return ServeListener(ctx, ln, h, grace)
}

// ServeListener is Serve on a listener that is already open.
func ServeListener(ctx context.Context, ln net.Listener, h http.Handler, grace time.Duration) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(shutdown)
	<-done
	return err
}
