package store

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"strings"
)

// demoContent is the demo content: the news, projects and partners of the five pages the
// portal replaces, in English and Serbian.
//
//go:embed demo/content.json
var demoContent []byte

// DemoContent returns the demo content.
func DemoContent() (*Content, error) { return DecodeContent(bytes.NewReader(demoContent)) }

// LoadDemo imports the demo content when the database holds no content at all, and
// reports whether it did.
func (s *Store) LoadDemo(ctx context.Context) (bool, error) {
	empty, err := s.empty(ctx)
	if err != nil || !empty {
		return false, err
	}
	c, err := DemoContent()
	if err != nil {
		return false, err
	}
	if err := s.Import(ctx, c); err != nil {
		return false, fmt.Errorf("demo content: %w", err)
	}
	return true, nil
}

// empty tells whether the database holds no topic and no item of any kind.
func (s *Store) empty(ctx context.Context) (bool, error) {
	counts := []string{"(SELECT count(*) FROM topics)"}
	for _, k := range registry {
		counts = append(counts, "(SELECT count(*) FROM "+k.table+")")
	}
	var n int
	err := s.write.QueryRowContext(ctx, "SELECT "+strings.Join(counts, " + ")).Scan(&n)
	return n == 0, err
}
