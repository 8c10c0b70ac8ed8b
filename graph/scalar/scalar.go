// Package scalar holds the GraphQL scalars the schema defines: Date and Decimal. Both are
// strings in Go; unmarshalling checks their form so bad input is refused up front, with a
// *gqlerror.Error: the error presenter shows such errors to the client as BAD_USER_INPUT.
package scalar

import (
	"io"
	"regexp"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// MarshalDate writes a YYYY-MM-DD date.
func MarshalDate(d string) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { io.WriteString(w, strconv.Quote(d)) })
}

// UnmarshalDate reads a YYYY-MM-DD date.
func UnmarshalDate(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", gqlerror.Errorf("a Date must be a string YYYY-MM-DD")
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", gqlerror.Errorf("a Date must be YYYY-MM-DD, got %q", s)
	}
	return s, nil
}

var decimal = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?$`)

// MarshalDecimal writes an exact decimal as a JSON string.
func MarshalDecimal(d string) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { io.WriteString(w, strconv.Quote(d)) })
}

// UnmarshalDecimal reads an exact decimal written as a string, such as "49890.52".
func UnmarshalDecimal(v any) (string, error) {
	s, ok := v.(string)
	if !ok || !decimal.MatchString(s) {
		return "", gqlerror.Errorf("a Decimal must be a string such as \"49890.52\"")
	}
	return s, nil
}
