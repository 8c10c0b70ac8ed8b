package store

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The relevance the judged query set (testdata/relevance.tsv) must keep, on either engine:
// a little below the figures measured when it was set (see the README's search section).
const (
	minMRR    = 0.94
	minNDCG10 = 0.92
)

// judgedQuery is one line of testdata/relevance.tsv.
type judgedQuery struct {
	set, kind, query string
	locale           Locale
	relevant         []string // slugs
}

// TestRelevance runs the judged query set through Store.Search, on the demo content and on
// a sample of the bench generator's (following "did you mean" when a search has no hits),
// checks that every hit's snippet marks a word, and computes the mean reciprocal rank of the first
// relevant hit and nDCG@10 (every judged item counts 1, the rest 0). It prints the figures
// by kind of query and in all, lists the queries whose first hit is not relevant, and fails
// below minMRR or minNDCG10.
func TestRelevance(t *testing.T) {
	queries := readJudgedQueries(t, "testdata/relevance.tsv")
	if len(queries) < 60 {
		t.Fatalf("the judged set has %d queries, want at least 60", len(queries))
	}
	stores := map[string]*Store{"demo": relevanceStore(t, ""), "bench": relevanceStore(t, "testdata/relevance-bench.json.gz")}
	byKind := map[string][]float64{} // kind → reciprocal ranks, then nDCGs, alternately
	var rr, ndcg []float64
	for _, q := range queries {
		s := stores[q.set]
		if s == nil {
			t.Fatalf("%q: no content set %q", q.query, q.set)
		}
		got := searchSlugs(t, s, q.query, q.locale)
		r, n := reciprocalRank(got, q.relevant), ndcgAt10(got, q.relevant)
		rr, ndcg = append(rr, r), append(ndcg, n)
		byKind[q.kind] = append(byKind[q.kind], r, n)
		if r < 1 {
			t.Logf("%s %s %-9s %q: reciprocal rank %.2f, nDCG@10 %.2f; first hits %v, want first one of %v",
				q.set, q.locale, q.kind, q.query, r, n, firstN(got, 3), q.relevant)
		}
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		v := byKind[k]
		var r, n float64
		for i := 0; i < len(v); i += 2 {
			r, n = r+v[i], n+v[i+1]
		}
		t.Logf("%-10s %3d queries  MRR %.3f  nDCG@10 %.3f", k, len(v)/2, r/float64(len(v)/2), n/float64(len(v)/2))
	}
	mrr, nd := mean(rr), mean(ndcg)
	fmt.Printf("relevance: %d queries, MRR %.3f, nDCG@10 %.3f\n", len(queries), mrr, nd)
	if mrr < minMRR || nd < minNDCG10 {
		t.Errorf("MRR %.3f and nDCG@10 %.3f, want at least %.2f and %.2f", mrr, nd, minMRR, minNDCG10)
	}
}

// readJudgedQueries reads the judged query set: tab-separated lines, # starts a comment.
func readJudgedQueries(t *testing.T, path string) []judgedQuery {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []judgedQuery
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 5 || !Locale(cols[1]).Valid() || len(strings.Fields(cols[4])) == 0 {
			t.Fatalf("%s:%d: want set, locale, kind, query and relevant slugs, separated by tabs; got %q", path, line, text)
		}
		out = append(out, judgedQuery{set: cols[0], locale: Locale(cols[1]), kind: cols[2], query: cols[3], relevant: strings.Fields(cols[4])})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// relevanceStore is a new store with the demo content (path "") or the content of a
// gzipped JSON file.
func relevanceStore(t *testing.T, path string) *Store {
	t.Helper()
	s := openTemp(t)
	c, err := DemoContent()
	if path != "" {
		c, err = decodeGzipContent(path)
	}
	if err == nil {
		err = s.Import(context.Background(), c)
	}
	if err != nil {
		t.Fatalf("content %q: %v", path, err)
	}
	return s
}

func decodeGzipContent(path string) (*Content, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return DecodeContent(z)
}

// searchSlugs is the slugs of the first ten hits of a search, or of its suggestion when it
// has no hits and one (as a reader who follows "did you mean" sees them). Every hit's
// snippet must mark a word.
func searchSlugs(t *testing.T, s *Store, query string, locale Locale) []string {
	t.Helper()
	conn, err := s.Search(context.Background(), query, nil, Page{First: 10}, locale)
	if err == nil && conn.TotalCount == 0 && conn.Suggestion != nil {
		query = *conn.Suggestion
		conn, err = s.Search(context.Background(), query, nil, Page{First: 10}, locale)
	}
	if err != nil {
		t.Fatalf("Search(%q): %v", query, err)
	}
	var out []string
	for _, e := range conn.Edges {
		if !strings.Contains(e.Node.Snippet, "<mark>") {
			t.Errorf("Search(%q, %s): the snippet of %s marks no word: %q", query, locale, e.Node.Item.GlobalID(), e.Node.Snippet)
		}
		switch it := e.Node.Item.(type) {
		case *NewsItem:
			out = append(out, it.Slug)
		case *Project:
			out = append(out, it.Slug)
		case *Partner:
			out = append(out, it.Slug)
		default:
			t.Fatalf("Search(%q): a hit of type %T", query, it)
		}
	}
	return out
}

// reciprocalRank is 1/rank of the first relevant hit, 0 when none is.
func reciprocalRank(got, relevant []string) float64 {
	for i, slug := range got {
		if slices.Contains(relevant, slug) {
			return 1 / float64(i+1)
		}
	}
	return 0
}

// ndcgAt10 is the discounted cumulative gain of the first ten hits over that of the ideal
// ranking (every relevant item first), each relevant hit gaining 1.
func ndcgAt10(got, relevant []string) float64 {
	var dcg, ideal float64
	for i := range min(10, len(relevant)) {
		ideal += 1 / math.Log2(float64(i+2))
	}
	for i, slug := range firstN(got, 10) {
		if slices.Contains(relevant, slug) {
			dcg += 1 / math.Log2(float64(i+2))
		}
	}
	return dcg / ideal
}

func firstN(list []string, n int) []string { return list[:min(n, len(list))] }

func mean(v []float64) float64 {
	var sum float64
	for _, x := range v {
		sum += x
	}
	return sum / float64(len(v))
}
