package server

import "github.com/agency/portal/graph"

// The error codes of the server's own JSON answers (an upload's, a refused body's): the
// GraphQL API's own, so that clients read one closed list (graph/errors.go).
const (
	codeBadUserInput    = graph.CodeBadUserInput
	codeUnauthenticated = graph.CodeUnauthenticated
	codeForbidden       = graph.CodeForbidden
	codeUnavailable     = graph.CodeUnavailable
	codeRateLimited     = graph.CodeRateLimited
	codeInternal        = graph.CodeInternal
	codeNotFound        = graph.CodeNotFound
)
