//go:build !(linux || darwin || freebsd)

package server

import "errors"

// freeBytes is not measured on other systems: /healthz leaves the free-space check out.
func freeBytes(string) (uint64, error) { return 0, errors.ErrUnsupported }
