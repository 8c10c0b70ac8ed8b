package store

import (
	"database/sql"
	"errors"
	"fmt"
)

// The errors the store returns to its callers: the graph package turns them into
// GraphQL error codes.

// ErrNotFound is returned when what was asked for does not exist.
var ErrNotFound = errors.New("not found")

// InputError is a refusal of bad input: Field names the argument or field at fault.
type InputError struct {
	Field   string
	Message string
}

func (e *InputError) Error() string { return e.Field + ": " + e.Message }

func inputError(field, format string, args ...any) error {
	return &InputError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// ConflictError refuses a change to an item that changed since the editor read it.
type ConflictError struct {
	Current int // the item's version now
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("someone else changed the item meanwhile (it is at version %d now): reload it and make your change again", e.Current)
}

// notFound turns "no rows" into ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// shortText cuts text a message repeats from the request to 40 characters.
func shortText(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
