package store

import (
	"context"

	"github.com/uptrace/bun"
)

// Generation is the content generation: a number that grows with every change to content
// (migrations/006_generation.sql says which), read from the database, so every process
// on one database sees the same number. Two equal readings mean no content changed in
// between; lists may still change when a scheduled item's time comes, which bumps the
// number only once the publisher has indexed it.
func (s *Store) Generation(ctx context.Context) (int64, error) {
	var g int64
	err := s.read.NewSelect().Table("content_generation").Column("generation").Where("id = 1").Scan(ctx, &g)
	return g, err
}

// bumpGeneration counts a change to content, inside the transaction that makes it.
func bumpGeneration(ctx context.Context, db bun.IDB) error {
	_, err := db.NewUpdate().Table("content_generation").Set("generation = generation + 1").Where("id = 1").Exec(ctx)
	return err
}
