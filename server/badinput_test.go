package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Characters no text may contain are bad input naming the argument, before any SQL, and
// nothing of it is logged as an error.
func TestBadCharacters(t *testing.T) {
	logs := costLogs(t)
	p := newPortal(t, true)
	const search = `query($q: String!) { search(query: $q) { totalCount } }`
	const filtered = `query($f: ProjectFilter) { projects(filter: $f) { totalCount } }`
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		field string
	}{
		{"NUL in a literal", `{ search(query: "a\u0000b") { totalCount } }`, nil, "query"},
		{"NUL in a variable", search, map[string]any{"q": "azil\x00"}, "query"},
		{"NUL in a variable's default", `query($q: String! = "\u0000") { search(query: $q) { totalCount } }`, nil, "query"},
		{"NUL in an input object's field, literal", `{ projects(filter: { funder: "x\u0000" }) { totalCount } }`, nil, "filter.funder"},
		{"NUL in an input object's field, variable", filtered, map[string]any{"f": map[string]any{"funder": "x\x00"}}, "filter.funder"},
		{"NUL in a variable inside an input object literal", `query($x: String) { projects(filter: { funder: $x }) { totalCount } }`, map[string]any{"x": "\x00"}, "filter.funder"},
		{"NUL in a list", `{ projects(filter: { status: [ONGOING] }) { totalCount } news(filter: { topic: "a\u0000" }) { totalCount } }`, nil, "filter.topic"},
		{"NUL in an ID", `{ node(id: "\u0000") { id } }`, nil, "id"},
		{"NUL in a single item's slug", `{ newsItem(slug: "a\u0000") { title } }`, nil, "slug"},
		{"escape character", search, map[string]any{"q": "\x1b[31m"}, "query"},
		{"bell in a literal", `{ search(query: "\u0007") { totalCount } }`, nil, "query"},
		{"U+FFFD", search, map[string]any{"q": "\ufffd"}, "query"},
		{"a non-character", search, map[string]any{"q": "a\uffff"}, "query"},
		{"a lone surrogate escaped in the document", `{ search(query: "\ud800") { totalCount } }`, nil, "query"},
		{"NUL in a login's email", `mutation { login(email: "a\u0000@example.org", password: "x") { user { email } } }`, nil, "email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := p.query(tt.query, tt.vars)
			t.Logf("%d: %s", r.status, r.body)
			if r.status != http.StatusOK || r.code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != tt.field {
				t.Errorf("got status %d, body %s; want 200 (application/json), BAD_USER_INPUT naming %s", r.status, r.body, tt.field)
			}
		})
	}

	// Invalid UTF-8 in the body becomes U+FFFD when the JSON is decoded.
	for _, body := range []string{
		`{"query":"{ search(query: \"a` + "\xff" + `\") { totalCount } }"}`,
		`{"query":"query($q: String!) { search(query: $q) { totalCount } }","variables":{"q":"` + "\xc3\x28" + `"}}`,
	} {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if r := p.do(req); r.code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "query" {
			t.Errorf("invalid UTF-8 in %q: got %s; want BAD_USER_INPUT naming query", body, r.body)
		}
	}

	// The public site's routes take text from the URL too.
	for _, target := range []string{"/en/search?q=%00", "/en/search?q=a%FFb", "/en/search?q%00=x", "/en/news/a%00b", "/sr-latn/projects/%1b", "/en/partners/x%EF%BF%BF"} {
		rec := httptest.NewRecorder()
		p.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		if rec.Code != http.StatusBadRequest || strings.Contains(rec.Body.String(), "<html") {
			t.Errorf("GET %s: got status %d, %.100q; want a plain 400", target, rec.Code, rec.Body.String())
		}
	}

	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("bad input was logged as an error:\n%s", logs)
	}
}

// The messages of refusals say what is wrong, and repeat at most a short piece of what the
// client sent.
func TestRefusalMessages(t *testing.T) {
	p := newPortal(t, true)
	long := strings.Repeat("x", 200_000)
	post := func(body string) *response {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		p.handler.ServeHTTP(rec, req)
		r := &response{status: rec.Code, body: rec.Body.String()}
		if err := json.Unmarshal(rec.Body.Bytes(), r); err != nil {
			t.Fatalf("body is not JSON: %.200q", r.body)
		}
		return r
	}
	body := func(query, operationName string, vars map[string]any) string {
		b, _ := json.Marshal(map[string]any{"query": query, "operationName": operationName, "variables": vars})
		return string(b)
	}
	const paged = `query($first: Int) { news(first: $first) { totalCount } }`
	tests := []struct {
		name   string
		body   string
		code   string
		field  string
		saying []string
	}{
		{"two operations, no operationName", body(`query Latest { __typename } query Partners { __typename }`, "", nil), "BAD_USER_INPUT", "operationName",
			[]string{"2 operations (Latest, Partners)", "operationName must name the one to run"}},
		{"an operationName that names none", body(`query Latest { __typename } { __typename }`, "Oldest", nil), "BAD_USER_INPUT", "operationName",
			[]string{`operationName "Oldest" names no operation`, "Latest, one without a name"}},
		{"an operationName of 200 KB", body(`query Latest { __typename }`, long, nil), "BAD_USER_INPUT", "operationName",
			[]string{"names no operation", "xxx…"}},
		{"first: 1.5 as a variable", body(paged, "", map[string]any{"first": 1.5}), "BAD_USER_INPUT", "first",
			[]string{"first: must be a whole number from 0 to 100, got 1.5"}},
		{"first: 150", body(paged, "", map[string]any{"first": 150}), "BAD_USER_INPUT", "first",
			[]string{"first: must be between 0 and 100, got 150"}},
		{"first: 1.5 in the document", body(`{ news(first: 1.5) { totalCount } }`, "", nil), "BAD_USER_INPUT", "",
			[]string{"1.5"}},
		{"a field name of 100 KB", body("{ "+long[:100_000]+" }", "", nil), "BAD_USER_INPUT", "",
			[]string{"Cannot query field", "xxx…"}},
		{"a parse error at a name of 100 KB", body("{ __typename } "+long[:100_000], "", nil), "BAD_USER_INPUT", "",
			[]string{"Unexpected Name", "xxx…"}},
		{"an enum value of 200 KB", body(`query($o: NewsOrder) { news(orderBy: $o) { totalCount } }`, "", map[string]any{"o": long}), "BAD_USER_INPUT", "variables.o",
			[]string{"variable $o", "is not a NewsOrder; the valid values are PUBLISHED_AT_DESC, PUBLISHED_AT_ASC", "xxx…"}},
		{"an input object's field named with 200 KB", body(`query($f: NewsFilter) { news(filter: $f) { totalCount } }`, "", map[string]any{"f": map[string]any{long: 1}}), "BAD_USER_INPUT", "variables.f",
			[]string{"NewsFilter has no field", "its fields are topic, partner, project, from, to"}},
		{"a required variable not given", body(`query Latest($first: Int!) { news(first: $first) { totalCount } }`, "", nil), "BAD_USER_INPUT", "variables.first",
			[]string{"operation Latest needs variable $first (Int!)"}},
		{"a required variable given null", body(`query($first: Int!) { news(first: $first) { totalCount } }`, "", map[string]any{"first": nil}), "BAD_USER_INPUT", "variables.first",
			[]string{"variable $first: the value may not be null (Int!)"}},
		{"a wrong enum value inside an input object", body(`query Open($f: ProjectFilter) { projects(filter: $f) { totalCount } }`, "", map[string]any{"f": map[string]any{"status": []any{"ONGOING", "DONE"}}}), "BAD_USER_INPUT", "variables.f.status",
			[]string{"operation Open, variable $f", `"DONE" is not a ProjectStatus; the valid values are PLANNED, ONGOING, COMPLETED`}},
		{"a wrong enum value written in the query", body(`{ news(orderBy: NEWEST) { totalCount } }`, "", nil), "BAD_USER_INPUT", "",
			[]string{"NEWEST is not a NewsOrder; the valid values are PUBLISHED_AT_DESC, PUBLISHED_AT_ASC"}},
		{"an unknown partner in a news filter", body(`{ news(filter: { partner: "unhcr-serbia" }) { totalCount } }`, "", nil), "BAD_USER_INPUT", "filter.partner",
			[]string{`no public partner has the slug "unhcr-serbia"`}},
		{"an unknown topic in a project filter", body(`{ projects(filter: { topic: "nope" }) { totalCount } }`, "", nil), "BAD_USER_INPUT", "filter.topic",
			[]string{`no public topic has the slug "nope"`}},
		{"an unknown funder in a project filter", body(`query($f: ProjectFilter) { projects(filter: $f) { totalCount } }`, "", map[string]any{"f": map[string]any{"funder": "eu-delegation"}}), "BAD_USER_INPUT", "filter.funder",
			[]string{`no public partner has the slug "eu-delegation"`}},
		{"no query", `{"variables": {}}`, "BAD_USER_INPUT", "",
			[]string{"must be a JSON object with a string query"}},
		{"a body that is not JSON, 200 KB", `{"query": "` + long, "BAD_USER_INPUT", "",
			[]string{"must be a JSON object"}},
		{"a query that is a number", `{"query": 5}`, "BAD_USER_INPUT", "",
			[]string{"must be a JSON object"}},
	}
	// Refused before running or by a resolver: 200 under application/json, as GraphQL over
	// HTTP asks, so typed clients read the code; a body that is no GraphQL request: 400.
	statusOf := map[string]int{"a body that is not JSON, 200 KB": 400, "a query that is a number": 400, "no query": 400}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := post(tt.body)
			want, ok := statusOf[tt.name]
			if !ok {
				want = http.StatusOK
			}
			if r.status != want {
				t.Errorf("got status %d, want %d", r.status, want)
			}
			if r.code() != tt.code {
				t.Fatalf("got code %q, body %.400s; want %s", r.code(), r.body, tt.code)
			}
			e := r.Errors[0]
			t.Logf("%d: %s", r.status, e.Message)
			if f, _ := e.Extensions["field"].(string); f != tt.field {
				t.Errorf("got field %q, want %q", f, tt.field)
			}
			for _, s := range tt.saying {
				if !strings.Contains(e.Message, s) {
					t.Errorf("message %q does not say %q", e.Message, s)
				}
			}
			if len(r.body) > 600 || strings.Contains(r.body, "RawParams") || strings.Contains(r.body, "Go struct") {
				t.Errorf("answer is %d bytes: %.400s; want a short message of our own", len(r.body), r.body)
			}
		})
	}
}
