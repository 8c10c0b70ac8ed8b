package store

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"
)

// The page sizes of connections.
const (
	DefaultFirst = 20
	MaxFirst     = 100
)

// Page asks for one page of a connection: at most First items after the cursor After.
type Page struct {
	First int
	After string
}

// PageArgs checks the paging arguments of a connection field: first defaults to 20 and
// must be 0 to 100; after is an opaque cursor (checked by the query that reads it).
func PageArgs(first *int, after *string) (Page, error) {
	p := Page{First: DefaultFirst}
	if first != nil {
		if *first < 0 || *first > MaxFirst {
			return p, inputError("first", "must be between 0 and %d, got %d", MaxFirst, *first)
		}
		p.First = *first
	}
	if after != nil {
		p.After = *after
	}
	return p, nil
}

// PageInfo is the paging information of a connection.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

// A cursor is a tag (which ordering it belongs to) and the sort key of an item, joined
// and base64url-encoded: opaque to clients, and still valid when items are added.
const cursorSep = "\x1f"

func encodeCursor(tag string, key ...string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(tag + cursorSep + strings.Join(key, cursorSep)))
}

// decodeCursor returns the n key parts of a cursor made with tag.
func decodeCursor(cursor, tag string, n int) ([]string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	parts := strings.Split(string(raw), cursorSep)
	if err != nil || len(parts) != n+1 || parts[0] != tag {
		return nil, inputError("after", "is not a cursor of this list")
	}
	return parts[1:], nil
}

// decodeIDCursor decodes a cursor whose last key part is a row ID.
func decodeIDCursor(cursor, tag string, n int) ([]string, int64, error) {
	parts, err := decodeCursor(cursor, tag, n)
	if err != nil {
		return nil, 0, err
	}
	id, err := strconv.ParseInt(parts[n-1], 10, 64)
	if err != nil {
		return nil, 0, inputError("after", "is not a cursor of this list")
	}
	return parts[:n-1], id, nil
}

// pageOf cuts the page out of items, which were fetched with a limit of First+1 so that
// one more item than asked tells there is a next page.
func pageOf[T any](items []T, p Page, cursor func(T) string) ([]T, []string, *PageInfo) {
	info := &PageInfo{HasPreviousPage: p.After != ""}
	if len(items) > p.First {
		items, info.HasNextPage = items[:p.First], true
	}
	cursors := make([]string, len(items))
	for i, it := range items {
		cursors[i] = cursor(it)
	}
	if len(cursors) > 0 {
		info.StartCursor, info.EndCursor = &cursors[0], &cursors[len(cursors)-1]
	}
	return items, cursors, info
}

// counter counts a connection's items when (and only when) totalCount is asked for.
type counter func(ctx context.Context) (int, error)

func fixedCount(n int) counter { return func(context.Context) (int, error) { return n, nil } }
