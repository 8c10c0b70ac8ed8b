package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/agency/portal/graph"
	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
	"github.com/agency/portal/store/storetest"
)

// portal is a portal under test: a real database of its own (a SQLite file in a temp
// directory, or a PostgreSQL schema when PORTAL_TEST_POSTGRES is set), the demo content,
// and the real HTTP handler.
type portal struct {
	t       *testing.T
	store   *store.Store
	handler http.Handler
}

func newPortal(t *testing.T, demo bool) *portal {
	t.Helper()
	return newPortalWith(t, demo, server.Config{Limits: graph.DefaultLimits})
}

// newPortalWith is newPortal with a server configuration of the test's own. With
// cfg.Metrics the store reports to it too, as serve sets it up.
func newPortalWith(t *testing.T, demo bool, cfg server.Config) *portal {
	t.Helper()
	return newPortalAt(t, storetest.DSN(t), demo, cfg)
}

// newPortalAt is newPortalWith on the database dsn names: two portals on one PostgreSQL
// database are two instances of one site.
func newPortalAt(t *testing.T, dsn string, demo bool, cfg server.Config) *portal {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if demo {
		if _, err := st.LoadDemo(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	schema, err := os.ReadFile("../schema.graphql")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Schema = schema
	if cfg.Metrics != nil {
		st.Instrument(cfg.Metrics)
	}
	return &portal{t: t, store: st, handler: server.New(st, cfg)}
}

// response is a GraphQL response.
type response struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	status int
	body   string
}

func (r *response) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// do sends an HTTP request to the handler and decodes a GraphQL response.
func (p *portal) do(req *http.Request) *response {
	p.t.Helper()
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	r := &response{status: rec.Code, body: rec.Body.String()}
	if err := json.Unmarshal(rec.Body.Bytes(), r); err != nil {
		p.t.Fatalf("%s %s: status %d, body is not JSON: %q", req.Method, req.URL, rec.Code, r.body)
	}
	return r
}

// query posts a query with variables and returns the response.
func (p *portal) query(q string, vars map[string]any) *response {
	p.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return p.do(req)
}

// data posts a query, fails the test on any error, and decodes data into out.
func (p *portal) data(q string, vars map[string]any, out any) {
	p.t.Helper()
	r := p.query(q, vars)
	if r.status != http.StatusOK || len(r.Errors) > 0 {
		p.t.Fatalf("query failed: status %d, body %s\nquery: %s", r.status, r.body, q)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		p.t.Fatalf("decode %s: %v", r.Data, err)
	}
}

// mustImport imports content JSON into the portal's store.
func mustImport(t *testing.T, p *portal, js string) {
	t.Helper()
	c, err := store.DecodeContent(strings.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.store.Import(context.Background(), c); err != nil {
		t.Fatal(err)
	}
}

// decodePath decodes the connection at a path of fields in a response's data.
func decodePath(t *testing.T, data []byte, path ...string) conn {
	t.Helper()
	raw := json.RawMessage(data)
	for _, field := range path {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("decode %s: %v", field, err)
		}
		raw = m[field]
	}
	var c conn
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatalf("decode connection: %v", err)
	}
	return c
}

func newHandlerWithOrigins(t *testing.T, st *store.Store, origins []string) http.Handler {
	t.Helper()
	return server.New(st, server.Config{Limits: graph.DefaultLimits, CORSOrigins: origins})
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func decodeContent(js string) (*store.Content, error) {
	return store.DecodeContent(strings.NewReader(js))
}
