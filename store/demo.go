package store

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
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
	var n int
	err := s.write.QueryRowContext(ctx,
		"SELECT (SELECT count(*) FROM topics) + (SELECT count(*) FROM partners) + (SELECT count(*) FROM projects) + (SELECT count(*) FROM news)").Scan(&n)
	if err != nil || n > 0 {
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
