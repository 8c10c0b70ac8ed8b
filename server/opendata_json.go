package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"

	"github.com/agency/portal/store"
)

// writeContentJSON writes the public content in the content format (`portal export`'s,
// store.Content), item by item: the same bytes Export would give for a database holding
// only the public items. A link to an item the public does not see is left out, so the
// file imports as it is.
func writeContentJSON(ctx context.Context, _ *http.Request, snap *store.PublicSnapshot, w io.Writer) error {
	topics, err := snap.Topics(ctx)
	if err != nil {
		return err
	}
	list := &jsonList{w: w}
	list.open("topics", true)
	for i := range topics {
		list.item(&topics[i])
	}
	for _, k := range []struct {
		field string
		kind  store.Kind
	}{{"partners", store.KindPartner}, {"projects", store.KindProject}, {"news", store.KindNews}} {
		list.close()
		list.open(k.field, false)
		err := snap.Each(ctx, k.kind, func(item store.PublicItem) error {
			list.item(item.Doc())
			return list.err
		})
		if err != nil {
			return err
		}
	}
	list.close()
	list.write("\n}\n")
	return list.err
}

// jsonList writes the lists of the content format, indented as Content.Encode indents
// them, one item at a time; the first error stops it.
type jsonList struct {
	w     io.Writer
	items int
	buf   bytes.Buffer
	err   error
}

func (l *jsonList) write(s string) {
	if l.err == nil {
		_, l.err = io.WriteString(l.w, s)
	}
}

func (l *jsonList) open(field string, first bool) {
	if first {
		l.write("{\n")
	} else {
		l.write(",\n")
	}
	l.write(`  "` + field + `": [`)
	l.items = 0
}

func (l *jsonList) item(v any) {
	l.buf.Reset()
	enc := json.NewEncoder(&l.buf)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil && l.err == nil {
		l.err = err
	}
	if l.items > 0 {
		l.write(",")
	}
	l.items++
	l.write("\n    " + string(bytes.TrimSuffix(l.buf.Bytes(), []byte("\n"))))
}

func (l *jsonList) close() {
	if l.items > 0 {
		l.write("\n  ")
	}
	l.write("]")
}
