package store

import (
	"context"
	"slices"
	"strings"

	"github.com/uptrace/bun"
)

// valuesChunk is how many rows one INSERT of many rows writes at most.
const valuesChunk = 200

// insertValues inserts rows into a table, given as "table (columns)", valuesChunk rows a
// statement, each statement ending with suffix (an ON CONFLICT clause, or "").
func insertValues(ctx context.Context, db bun.IDB, into string, rows [][]any, suffix string) error {
	for chunk := range slices.Chunk(rows, valuesChunk) {
		var b strings.Builder
		b.WriteString("INSERT INTO " + into + " VALUES ")
		args := make([]any, 0, len(chunk)*len(chunk[0]))
		for i, r := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(" + strings.Repeat("?, ", len(r)-1) + "?)")
			args = append(args, r...)
		}
		if suffix != "" {
			b.WriteString(" " + suffix)
		}
		if _, err := db.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}
