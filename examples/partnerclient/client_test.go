package partnerclient_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/Khan/genqlient/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/agency/portal/examples/partnerclient"
	"github.com/agency/portal/graph"
	"github.com/agency/portal/server"
	"github.com/agency/portal/store"
	"github.com/agency/portal/store/storetest"
)

// TestTypedClient calls the real server as a partner's Go program does, through the client
// genqlient made from the published schema: answers decode into typed structs, and a
// refusal reaches the program as GraphQL errors with their codes and fields, not as an
// HTTP failure.
func TestTypedClient(t *testing.T) {
	ctx := context.Background()
	client := graphql.NewClient(startPortal(t)+"/graphql", http.DefaultClient)

	news, err := partnerclient.LatestNews(ctx, client, partnerclient.LocaleEn, 5)
	if err != nil {
		t.Fatalf("LatestNews: %v", err)
	}
	if news.News.TotalCount < 1 || len(news.News.Edges) == 0 || news.News.Edges[0].Node.Title == "" || news.News.Edges[0].Node.PublishedAt.IsZero() {
		t.Errorf("LatestNews: got %+v, want news items with titles and times", news.News)
	}

	funded, err := partnerclient.FundedProjects(ctx, client, "british-embassy-belgrade", partnerclient.LocaleSrLatn, "")
	if err != nil {
		t.Fatalf("FundedProjects: %v", err)
	}
	if funded.Projects.TotalCount < 1 || funded.Projects.Edges[0].Node.Budget.Amount == "" {
		t.Errorf("FundedProjects: got %+v, want projects with exact budgets", funded.Projects)
	}

	found, err := partnerclient.Search(ctx, client, "мађарска", partnerclient.LocaleSrLatn)
	if err != nil || found.Search.TotalCount < 1 {
		t.Errorf("Search: got %+v, %v; want hits", found, err)
	}

	refusals := []struct {
		name      string
		call      func() error
		wantField string
	}{
		{"an unknown funder", func() error {
			_, err := partnerclient.FundedProjects(ctx, client, "unhcr-serbia", partnerclient.LocaleEn, "")
			return err
		}, "filter.funder"},
		{"a locale the schema lacks", func() error {
			_, err := partnerclient.LatestNews(ctx, client, partnerclient.Locale("DE"), 5)
			return err
		}, "variables.locale"},
		{"more than 100 items", func() error {
			_, err := partnerclient.LatestNews(ctx, client, partnerclient.LocaleEn, 500)
			return err
		}, "first"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			var errs gqlerror.List
			if err := tt.call(); !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("got %v (%T), want GraphQL errors", err, err)
			}
			if errs[0].Extensions["code"] != "BAD_USER_INPUT" || errs[0].Extensions["field"] != tt.wantField {
				t.Errorf("got %q with extensions %v, want BAD_USER_INPUT naming %s", errs[0].Message, errs[0].Extensions, tt.wantField)
			}
		})
	}
}

// startPortal serves the demo content on 127.0.0.1 until the test ends.
func startPortal(t *testing.T) string {
	t.Helper()
	st, err := store.Open(context.Background(), storetest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	schema, err := os.ReadFile("../../schema.graphql")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(st, server.Config{Limits: graph.DefaultLimits, Schema: schema}))
	t.Cleanup(srv.Close)
	return srv.URL
}
