package graph

import (
	"context"
	"errors"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"

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
	case errors.Is(err, store.ErrForbidden):
		e.Message = store.ErrForbidden.Error()
		setCode(e, CodeForbidden)
	case errors.Is(err, store.ErrNotFound):
		e.Message = "not found"
		setCode(e, CodeNotFound)
	case trouble != nil:
		slog.WarnContext(ctx, "graphql: storage trouble", "path", e.Path.String(), "err", err)
		e = &gqlerror.Error{Message: trouble.Error(), Path: e.Path, Extensions: map[string]any{"code": CodeUnavailable}}
	case e.Err == nil || errors.As(e.Err, &inner):
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
