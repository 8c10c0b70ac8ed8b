package store

import (
	"context"
	"fmt"
	"github.com/uptrace/bun"
	"os"
	"slices"
	"testing"
	"time"
)

// Scratch (never committed): store-level timing of the bench's searches.
func TestScratchSearch(t *testing.T) {
	dsn := os.Getenv("SCRATCH_DSN")
	if dsn == "" {
		t.Skip()
	}
	ctx := context.Background()
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := 60
	for _, q := range []string{"миграције", "migracije", "Дивљана", "Divljana", "миг", "mig"} {
		var total, match, rank, wall []time.Duration
		for i := 0; i < n+3; i++ {
			t0 := time.Now()
			conn, err := s.Search(ctx, q, nil, Page{First: 20}, SrCyrl)
			if err != nil {
				t.Fatal(err)
			}
			d := time.Since(t0)
			// pieces
			sq := parseSearch(q)
			t1 := time.Now()
			s.completePrefix(ctx, &sq)
			sc, _ := s.searchScopeOf(ctx, SearchFilter{})
			c2 := &SearchConnection{query: sq, scope: sc}
			cands, _ := s.countHits(ctx, c2)
			dm := time.Since(t1)
			t2 := time.Now()
			idf, _ := s.termWeights(ctx, sq)
			s.searchRank(ctx, sq, idf, cands, 21, 0)
			dr := time.Since(t2)
			if i >= 3 {
				wall = append(wall, d)
				match = append(match, dm)
				rank = append(rank, dr)
				total = append(total, d)
			}
			if i == 0 {
				t.Logf("%s: total %d, edges %d", q, conn.TotalCount, len(conn.Edges))
			}
		}
		med := func(l []time.Duration) time.Duration { slices.Sort(l); return l[len(l)/2] }
		p95 := func(l []time.Duration) time.Duration { slices.Sort(l); return l[len(l)*95/100] }
		t.Logf("%-10s search min %6.2f p50 %6.2f p95 %6.2f ms | match %6.2f | rank %6.2f", q, ms(slices.Min(wall)), ms(med(wall)), ms(p95(total)), ms(med(match)), ms(med(rank)))
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func TestScratchProfile(t *testing.T) {
	dsn := os.Getenv("SCRATCH_DSN")
	if dsn == "" {
		t.Skip()
	}
	ctx := context.Background()
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	q := os.Getenv("SCRATCH_Q")
	for i := 0; i < 300; i++ {
		if _, err := s.Search(ctx, q, nil, Page{First: 20}, SrCyrl); err != nil {
			t.Fatal(err)
		}
	}
}

func TestScratchVariants(t *testing.T) {
	dsn := os.Getenv("SCRATCH_DSN")
	if dsn == "" {
		t.Skip()
	}
	ctx := context.Background()
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sq := parseSearch("migracije")
	sc, _ := s.searchScopeOf(ctx, SearchFilter{})
	c2 := &SearchConnection{query: sq, scope: sc}
	cands, _ := s.countHits(ctx, c2)
	match, margs := matchedSQL(s.engine, sq, sc, 1000)
	variants := map[string]func() int{
		"in-literals": func() int {
			var rows []rankingRow
			if err := s.read.NewRaw("SELECT item, title, summary, size FROM search_ranking WHERE item IN (?)", bun.In(cands)).Scan(ctx, &rows); err != nil {
				t.Fatal(err)
			}
			return len(rows)
		},
		"in-literals-concat": func() int {
			var rows []string
			if err := s.read.NewRaw("SELECT title || '|' || summary FROM search_ranking WHERE item IN (?)", bun.In(cands)).Scan(ctx, &rows); err != nil {
				t.Fatal(err)
			}
			return len(rows)
		},
		"join-match": func() int {
			var rows []rankingRow
			if err := s.read.NewRaw("SELECT r.item, r.title, r.summary, r.size FROM ("+match+") AS m JOIN search_ranking AS r ON r.item = m.rowid", margs...).Scan(ctx, &rows); err != nil {
				t.Fatal(err)
			}
			return len(rows)
		},
		"match-only": func() int {
			var rows []int64
			if err := s.read.NewRaw(match, margs...).Scan(ctx, &rows); err != nil {
				t.Fatal(err)
			}
			return len(rows)
		},
		"ids-only-in": func() int {
			var rows []int64
			if err := s.read.NewRaw("SELECT item FROM search_ranking WHERE item IN (?)", bun.In(cands)).Scan(ctx, &rows); err != nil {
				t.Fatal(err)
			}
			return len(rows)
		},
		"rows-sql": func() int {
			rs, err := s.read.QueryContext(ctx, "SELECT r.item, r.title, r.summary, r.size FROM ("+match+") AS m JOIN search_ranking AS r ON r.item = m.rowid", margs...)
			if err != nil {
				t.Fatal(err)
			}
			defer rs.Close()
			n := 0
			for rs.Next() {
				var r rankingRow
				rs.Scan(&r.Item, &r.Title, &r.Summary, &r.Size)
				n++
			}
			return n
		},
	}
	for _, name := range []string{"match-only", "ids-only-in", "in-literals", "in-literals-concat", "join-match", "rows-sql"} {
		f := variants[name]
		var l []time.Duration
		n := 0
		for i := 0; i < 40; i++ {
			t0 := time.Now()
			n = f()
			l = append(l, time.Since(t0))
		}
		slices.Sort(l)
		t.Logf("%-20s rows %d p50 %.2f ms min %.2f", name, n, ms(l[20]), ms(l[0]))
	}
}

func TestScratchSQL(t *testing.T) {
	dsn := os.Getenv("SCRATCH_DSN")
	if dsn == "" {
		t.Skip()
	}
	ctx := context.Background()
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sq := parseSearch(os.Getenv("SCRATCH_Q"))
	s.completePrefix(ctx, &sq)
	sc, _ := s.searchScopeOf(ctx, SearchFilter{})
	for _, k := range byNum(registry) {
		one := sc
		one.kinds = []*kind{k}
		m, args := matchedSQL(s.engine, sq, one, maxCounted+1)
		fmt.Println(s.read.NewRaw(m, args...).String() + ";")
	}
}

type traceHook struct{ t0 time.Time }

func (h *traceHook) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context { return ctx }
func (h *traceHook) AfterQuery(ctx context.Context, e *bun.QueryEvent) {
	q := e.Query
	if len(q) > 60 {
		q = q[:60]
	}
	fmt.Printf("  %6.2f → %6.2f ms  %s\n", ms(e.StartTime.Sub(h.t0)), ms(time.Since(h.t0)), q)
}

func TestScratchTrace(t *testing.T) {
	dsn := os.Getenv("SCRATCH_DSN")
	if dsn == "" {
		t.Skip()
	}
	ctx := context.Background()
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	q := os.Getenv("SCRATCH_Q")
	for i := 0; i < 20; i++ {
		s.Search(ctx, q, nil, Page{First: 20}, SrCyrl)
	}
	h := &traceHook{}
	s.AddQueryHook(h)
	for i := 0; i < 3; i++ {
		h.t0 = time.Now()
		s.Search(ctx, q, nil, Page{First: 20}, SrCyrl)
		fmt.Printf("total %.2f ms\n", ms(time.Since(h.t0)))
	}
}
