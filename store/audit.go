package store

import (
	"context"
	"strconv"
	"time"

	"github.com/uptrace/bun"
)

// AuditAction is what an audit entry records.
type AuditAction string

// The actions.
const (
	ActionCreate     AuditAction = "CREATE"
	ActionUpdate     AuditAction = "UPDATE"
	ActionPublish    AuditAction = "PUBLISH"
	ActionSchedule   AuditAction = "SCHEDULE"
	ActionUnpublish  AuditAction = "UNPUBLISH"
	ActionDelete     AuditAction = "DELETE"
	ActionRestore    AuditAction = "RESTORE"
	ActionCreateUser AuditAction = "CREATE_USER"
	ActionUpdateUser AuditAction = "UPDATE_USER"
)

// AuditEntry is one change: who made it, when, to what. Kind is nil for a change to an
// account, whose ID is then ItemID.
type AuditEntry struct {
	bun.BaseModel `bun:"table:audit,alias:audit"`

	ID      int64       `bun:",pk,autoincrement"`
	At      time.Time   `bun:",notnull"`
	UserID  *int64      // nil once the account is gone
	Action  AuditAction `bun:",notnull"`
	Kind    *Kind
	ItemID  int64    `bun:",notnull"`
	Label   string   `bun:",notnull"`
	Version *int     // the item's version after the change
	Fields  []string `bun:",notnull"` // changed fields, for updates

	User *string `bun:"user_email,scanonly"` // who, by email
}

// GlobalItemID is the global ID of the item or account changed.
func (a *AuditEntry) GlobalItemID() (string, error) {
	if a.Kind == nil {
		return globalID(kindUser, a.ItemID), nil
	}
	k, err := storedKind(*a.Kind)
	if err != nil {
		return "", err
	}
	return globalID(k.typ, a.ItemID), nil
}

// AuditConnection is a page of the audit log.
type AuditConnection struct {
	Edges    []*AuditEdge
	PageInfo *PageInfo
}

// AuditEdge is an audit entry with its cursor.
type AuditEdge struct {
	Cursor string
	Node   *AuditEntry
}

// AuditLog lists changes, newest first: all of them, or those of one item (a global ID of
// content or of an account).
func (s *Store) AuditLog(ctx context.Context, item *string, p Page) (*AuditConnection, error) {
	const tag = "a"
	q := s.read.NewSelect().Model((*AuditEntry)(nil)).ColumnExpr("audit.*").ColumnExpr("u.email AS user_email").
		Join("LEFT JOIN users AS u ON u.id = audit.user_id")
	if item != nil {
		typ, id, err := parseGlobalID(*item)
		if err != nil {
			return nil, err
		}
		if typ == kindUser {
			q.Where("audit.kind IS NULL AND audit.item_id = ?", id)
		} else if k := kindOfType(typ); k != nil {
			q.Where("audit.kind = ? AND audit.item_id = ?", k.kind, id)
		} else {
			q.Where("FALSE") // no such item: an empty list
		}
	}
	if p.After != "" {
		key, err := decodeCursor(p.After, tag, 1)
		if err != nil {
			return nil, err
		}
		id, err := strconv.ParseInt(key[0], 10, 64)
		if err != nil {
			return nil, inputError("after", "is not a cursor of this list")
		}
		q.Where("audit.id < ?", id)
	}
	var entries []*AuditEntry
	if err := q.OrderExpr("audit.id DESC").Limit(int64(p.First+1)).Scan(ctx, &entries); err != nil {
		return nil, err
	}
	entries, cursors, info := pageOf(entries, p, func(a *AuditEntry) string { return encodeCursor(tag, strconv.FormatInt(a.ID, 10)) })
	c := &AuditConnection{Edges: make([]*AuditEdge, len(entries)), PageInfo: info}
	for i, a := range entries {
		c.Edges[i] = &AuditEdge{Cursor: cursors[i], Node: a}
	}
	return c, nil
}
