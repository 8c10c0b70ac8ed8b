package server

// The shell's Content-Security-Policy: the hashes of its own inline scripts and styles,
// found by a careful scan of the build's shell, and the policy that allows them and
// nothing from elsewhere.

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// cspHash is the hash of an inline script or style as a Content-Security-Policy names it
// (without its 'sha256-…' quotes).
func cspHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// policy is the Content-Security-Policy of the shell, which may run its own scripts and
// the inline scripts with these sha256 hashes, use its own style sheets and the inline
// <style> elements with those, and nothing from elsewhere.
func policy(scriptHashes, styleHashes []string) string {
	sources := func(hashes []string) string {
		s := "'self'"
		for _, h := range hashes {
			s += " 'sha256-" + h + "'"
		}
		return s
	}
	return "default-src 'self'; script-src " + sources(scriptHashes) + "; style-src " + sources(styleHashes) + "; img-src 'self' data:; " +
		"connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; " +
		"base-uri 'self'; form-action 'self'"
}

// inlineScripts returns the text of every <script> element without a src attribute, as a
// browser hashes it for a CSP (line ends normalised to \n). It is a careful scan of the
// build's own shell, not a general HTML parser: it skips comments and quoted attributes.
func inlineScripts(doc string) []string {
	lower := lowerASCII(doc)
	var out []string
	for i := 0; i < len(doc); {
		next := strings.IndexByte(doc[i:], '<')
		if next < 0 {
			break
		}
		i += next
		switch {
		case strings.HasPrefix(doc[i:], "<!--"):
			end := strings.Index(doc[i+4:], "-->")
			if end < 0 {
				return out
			}
			i += 4 + end + 3
		case strings.HasPrefix(lower[i:], "<script") && i+7 < len(doc) && strings.IndexByte(" \t\n\r\f/>", doc[i+7]) >= 0:
			attrs, rest, ok := cutTag(doc[i+7:])
			end := strings.Index(lowerASCII(rest), "</script")
			if !ok || end < 0 {
				return out
			}
			if !hasAttr(attrs, "src") {
				out = append(out, strings.ReplaceAll(strings.ReplaceAll(rest[:end], "\r\n", "\n"), "\r", "\n"))
			}
			i = len(doc) - len(rest) + end + len("</script")
		default:
			i++
		}
	}
	return out
}

// cutTag splits the rest of a start tag after its name at the '>' that ends it, outside
// quoted attribute values.
func cutTag(s string) (attrs, rest string, ok bool) {
	var quote byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return s[:i], s[i+1:], true
		}
	}
	return "", "", false
}

// hasAttr tells whether the attributes of a start tag include one named name.
func hasAttr(attrs, name string) bool {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
	for i := 0; i < len(attrs); {
		if isSpace(attrs[i]) || attrs[i] == '/' || attrs[i] == '=' {
			i++
			continue
		}
		j := i
		for j < len(attrs) && !isSpace(attrs[j]) && attrs[j] != '=' && attrs[j] != '/' {
			j++
		}
		if lowerASCII(attrs[i:j]) == name {
			return true
		}
		for i = j; i < len(attrs) && isSpace(attrs[i]); i++ {
		}
		if i < len(attrs) && attrs[i] == '=' { // skip the value
			for i++; i < len(attrs) && isSpace(attrs[i]); i++ {
			}
			if i < len(attrs) && (attrs[i] == '"' || attrs[i] == '\'') {
				end := strings.IndexByte(attrs[i+1:], attrs[i])
				if end < 0 {
					return false
				}
				i += end + 2
			} else {
				for i < len(attrs) && !isSpace(attrs[i]) {
					i++
				}
			}
		}
	}
	return false
}

// lowerASCII lower-cases ASCII letters only, so byte offsets stay the same.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
