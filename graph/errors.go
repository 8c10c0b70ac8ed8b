package graph

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/agency/portal/auth"
	"github.com/agency/portal/store"
)

// The error codes clients see in extensions.code.
const (
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeNotFound        = "NOT_FOUND"
	CodeConflict        = "CONFLICT"
	CodeRateLimited     = "RATE_LIMITED"
	CodeQueryTooComplex = "QUERY_TOO_COMPLEX"
	CodeUnavailable     = "UNAVAILABLE" // storage full or failing: nothing was saved
	CodeInternal        = "INTERNAL"
)

// presenter is presentError with the schema, whose enums a refusal of a wrong enum value
// lists.
func presenter(schema *ast.Schema) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		e := presentError(ctx, err)
		listEnumValues(schema, e) // variables.go
		return e
	}
}

// presentError gives every error a code from the closed list and makes sure nothing of
// the server (SQL, stack, file paths) reaches a client: an error not made for clients (by
// gqlgen's parser and validator, our scalars, the store's InputError and sign-in errors)
// is logged and replaced by "internal error". Storage trouble (a full or failing disk,
// named by store.StorageTrouble whatever the engine) is UNAVAILABLE with a message an
// editor can act on.
func presentError(ctx context.Context, err error) *gqlerror.Error {
	e := graphql.DefaultErrorPresenter(ctx, err)
	var input *store.InputError
	var limited *store.RateLimitError
	var conflict *store.ConflictError
	var inner *gqlerror.Error
	trouble := store.StorageTrouble(err)
	switch {
	case errors.As(err, &input):
		e.Message = input.Error()
		setCode(e, CodeBadUserInput)
		e.Extensions["field"] = input.Field
	case errors.As(err, &conflict):
		e.Message = conflict.Error()
		setCode(e, CodeConflict)
		e.Extensions["currentVersion"] = conflict.Current
	case errors.As(err, &limited):
		e.Message = limited.Error()
		setCode(e, CodeRateLimited)
		e.Extensions["retryAfter"] = limited.Seconds()
	case errors.Is(err, store.ErrBadCredentials):
		e.Message = store.ErrBadCredentials.Error()
		setCode(e, CodeUnauthenticated)
	case errors.Is(err, store.ErrUnauthenticated):
		e.Message = store.ErrUnauthenticated.Error()
		setCode(e, CodeUnauthenticated)
	case errors.Is(err, auth.ErrForbidden):
		e.Message = auth.ErrForbidden.Error()
		setCode(e, CodeForbidden)
	case errors.Is(err, store.ErrNotFound):
		e.Message = "not found"
		setCode(e, CodeNotFound)
	case trouble != nil:
		slog.WarnContext(ctx, "graphql: storage trouble", "path", e.Path.String(), "err", err)
		e = &gqlerror.Error{Message: trouble.Error(), Path: e.Path, Extensions: map[string]any{"code": CodeUnavailable}}
	case ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		e = stopped(ctx, e)
	case e.Err == nil || errors.As(e.Err, &inner):
		shortenEcho(e)
		switch code, _ := e.Extensions["code"].(string); code {
		case "", errcode.ParseFailed, errcode.ValidationFailed:
			setCode(e, CodeBadUserInput)
		case "COMPLEXITY_LIMIT_EXCEEDED":
			setCode(e, CodeQueryTooComplex)
		}
	default:
		slog.ErrorContext(ctx, "graphql: internal error", "path", e.Path.String(), "err", err)
		e = &gqlerror.Error{Message: "internal error", Path: e.Path, Extensions: map[string]any{"code": CodeInternal}}
	}
	return e
}

// stopped is the error of a field whose request ran out of its time budget, or whose
// client went away: not a fault of the server (withTimeout logs it once per request).
func stopped(ctx context.Context, e *gqlerror.Error) *gqlerror.Error {
	msg := "the request ran out of its time budget and was stopped"
	if errors.Is(ctx.Err(), context.Canceled) {
		msg = "the request was cancelled"
	}
	return &gqlerror.Error{Message: msg, Path: e.Path, Extensions: map[string]any{"code": CodeQueryTooComplex}}
}

// shortenEcho cuts what an error of gqlparser's repeats of the client's request (names
// and values, quoted or not, and a variable's path) to a few dozen characters a piece.
func shortenEcho(e *gqlerror.Error) {
	quoted := strings.Split(e.Message, `"`)
	for i := 1; i < len(quoted); i += 2 {
		quoted[i] = shortName(quoted[i])
	}
	e.Message = shortenWords(strings.Join(quoted, `"`))
	for i, p := range e.Path {
		if name, ok := p.(ast.PathName); ok {
			e.Path[i] = ast.PathName(shortName(string(name)))
		}
	}
}

// shortenWords cuts every run of characters between spaces and quotes with shortName.
func shortenWords(s string) string {
	var b strings.Builder
	start := 0
	for i, r := range s {
		if r == ' ' || r == '"' {
			b.WriteString(shortName(s[start:i]))
			b.WriteRune(r)
			start = i + 1
		}
	}
	b.WriteString(shortName(s[start:]))
	return b.String()
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// recoverPanic turns a panic in a resolver into an internal error, logged with its value.
func recoverPanic(ctx context.Context, v any) error {
	slog.ErrorContext(ctx, "graphql: panic", "value", v)
	return errors.New("panic") // presentError shows it as "internal error"
}

// tooComplex is the error of a query over one of the limits.
func tooComplex(format string, args ...any) *gqlerror.Error {
	e := gqlerror.Errorf(format, args...)
	setCode(e, CodeQueryTooComplex)
	return e
}
