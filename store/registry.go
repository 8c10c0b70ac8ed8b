package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Kind is a kind of content item. Its values are those of the GraphQL enum SearchKind,
// which gqlgen.yml binds to this type.
type Kind string

// The kinds of content.
const (
	KindNews    Kind = "NEWS"
	KindProject Kind = "PROJECT"
	KindPartner Kind = "PARTNER"
)

// kind is everything the generic operations (node lookup, the editors' lists, saving,
// state changes, the search index, export and import, the audit log) know of one kind of
// content. Each kind declares its entry once, in its own file (news_kind.go,
// project_kind.go, partner_kind.go); registry lists them.
type kind struct {
	kind   Kind   // the GraphQL value
	typ    string // the type name in global IDs
	table  string
	alias  string   // bun's alias of the model's table
	num    int64    // the kind's number in the high bits of a search rowid
	field  string   // the list's name in the content format: "news", "projects", "partners"
	noun   string   // what a slug made from an empty title falls back to
	titles []string // the columns the editors' text filter looks in

	links  []link     // the lists of other items it links to, written in this order
	dims   []countDim // what its public list keeps counters by (counts.go)
	topics *link      // the one of links that files it under topics, nil for none

	newRow   func() row                                             // an empty model to read one row into
	scanRows func(context.Context, *bun.SelectQuery) ([]row, error) // reads the rows a query selects
	docs     func(*Content) []doc                                   // the kind's items in a content document
	addDoc   func(*Content, doc)                                    // appends one item to a content document
}

// registry lists the kinds of content in the order an import writes them: an item links
// only to kinds listed before its own.
var registry = []*kind{partnerKind, projectKind, newsKind}

// row is a stored item of one kind, as its model reads it: a *NewsItem, *Project or *Partner.
type row interface {
	Node
	rowID() int64
	publication() *Publication
	localized(Locale) Node                     // as the public sees it
	source(s *Store, now time.Time) Source     // as the editors see it
	indexText() indexText                      // what the search index holds of it
	searchYear() int                           // the year search files it under, 0 for none
	searchHit(Locale) *SearchHit               // a search result pointing to it; Kind is set by the caller
	doc(links map[string][]string) doc         // in the content format, given its links by field
	draft()                                    // makes a new item one the public has never seen
	keep(old row, changed bool, now time.Time) // on an update: carries over what editors do not change
}

// doc is an item in the content format: a *NewsDoc, *ProjectDoc or *PartnerDoc.
type doc interface {
	check(prefix string) error      // checks it on its own; field names start with prefix
	slug() *string                  // its slug, which saving may fill in
	title() Localized               // what a slug is made from when none is given
	cover() *CoverDoc               // its cover picture, nil when none
	linkSlugs() map[string][]string // the slugs it links to, by the link's field
	stamp(now time.Time)            // fills in what editors do not send, for a new item
	row(now time.Time) row          // the model to store, changed now
}

// kindOf is the registry's entry of a kind, or an *InputError naming field.
func kindOf(k Kind, field string) (*kind, error) {
	for _, entry := range registry {
		if entry.kind == k {
			return entry, nil
		}
	}
	return nil, inputError(field, "%q is not a kind of item", k)
}

// kindOfType is the registry's entry of a global ID type, or nil when it is none.
func kindOfType(typ string) *kind {
	for _, entry := range registry {
		if entry.typ == typ {
			return entry
		}
	}
	return nil
}

// kindOfNum is the registry's entry of a kind number of the search index, or nil.
func kindOfNum(num int64) *kind {
	for _, entry := range registry {
		if entry.num == num {
			return entry
		}
	}
	return nil
}

// storedKind is the registry's entry of a kind the database holds (in the audit log): an
// unknown one is an internal error, not bad input.
func storedKind(k Kind) (*kind, error) {
	entry, err := kindOf(k, "kind")
	if err != nil {
		return nil, fmt.Errorf("store: no content kind %q", k)
	}
	return entry, nil
}

// scanRows reads the rows a query selects into models of type M.
func scanRows[M row](ctx context.Context, q *bun.SelectQuery) ([]row, error) {
	var models []M
	if err := q.Scan(ctx, &models); err != nil {
		return nil, err
	}
	rows := make([]row, len(models))
	for i, m := range models {
		rows[i] = m
	}
	return rows, nil
}

// docsOf lists the items of a content document's list as docs.
func docsOf[D any, P interface {
	*D
	doc
}](list []D) []doc {
	out := make([]doc, len(list))
	for i := range list {
		out[i] = P(&list[i])
	}
	return out
}
