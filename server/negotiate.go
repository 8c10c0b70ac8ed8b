package server

// What a request asks for in its headers, read in one place: the weights of an Accept-*
// header (languages for lang.go, content codings for compress.go and the build's files),
// and entity tags: how an answer's tag is made from its bytes, and whether If-None-Match
// names it.

import (
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
)

// weighted is one entry of an Accept-* header.
type weighted struct {
	value string // lower case
	q     float64
}

// parseAccept parses an Accept-Language or Accept-Encoding header. An entry with a
// malformed weight, or one outside 0 to 1, gets q=0, so that it never selects anything.
func parseAccept(header string) []weighted {
	var out []weighted
	for _, part := range strings.Split(header, ",") {
		value, params, _ := strings.Cut(part, ";")
		w := weighted{strings.ToLower(strings.TrimSpace(value)), 1}
		if w.value == "" {
			continue
		}
		for _, param := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(param, "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil || !(q >= 0 && q <= 1) {
					q = 0
				}
				w.q = q
			}
		}
		out = append(out, w)
	}
	return out
}

// codingWeight is the weight an Accept-Encoding header's entries give a content coding:
// the highest of those that name it (x-gzip names gzip), else that of "*", else 0.
func codingWeight(entries []weighted, coding string) float64 {
	q, star := -1.0, 0.0
	for _, w := range entries {
		switch {
		case w.value == coding || (coding == "gzip" && w.value == "x-gzip"):
			q = max(q, w.q)
		case w.value == "*":
			star = w.q
		}
	}
	if q < 0 {
		return star
	}
	return q
}

// accepts tells whether an Accept-Encoding header allows a content coding.
func accepts(header, coding string) bool {
	return codingWeight(parseAccept(header), coding) > 0
}

// acceptedEncoding picks "br" or "gzip" from an Accept-Encoding header by their weights;
// brotli when both are equally welcome, "" when neither is.
func acceptedEncoding(header string) string {
	entries := parseAccept(header)
	br, gz := codingWeight(entries, "br"), codingWeight(entries, "gzip")
	switch {
	case br > 0 && br >= gz:
		return "br"
	case gz > 0:
		return "gzip"
	}
	return ""
}

// contentHash is the bytes' SHA-256, its first 16 bytes in base64url: what an answer's
// or a file's entity tag is made of.
func contentHash(body []byte) string {
	sum := sha256.Sum256(body)
	return base64.RawURLEncoding.EncodeToString(sum[:16])
}

// entityTag is the strong ETag of bytes with the hash, sent in the content coding ("" for
// none).
func entityTag(hash, encoding string) string {
	if encoding == "" {
		return `"` + hash + `"`
	}
	return `"` + hash + "-" + encoding + `"`
}

// etagMatches tells whether an If-None-Match header matches an entity tag: "*", or the
// tag, weak or strong (RFC 9110 13.1.2 compares weakly).
func etagMatches(header, tag string) bool {
	for _, t := range strings.Split(header, ",") {
		if t = strings.TrimPrefix(strings.TrimSpace(t), "W/"); t == tag || t == "*" {
			return true
		}
	}
	return false
}

// ifNoneMatchNames reports whether an If-None-Match header names an answer with the hash,
// in any of the content codings it is sent in.
func ifNoneMatchNames(header, hash string) bool {
	for _, encoding := range []string{"", "gzip", "br"} {
		if etagMatches(header, entityTag(hash, encoding)) {
			return true
		}
	}
	return false
}
