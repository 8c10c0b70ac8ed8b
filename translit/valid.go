package translit

import (
	"fmt"
	"unicode/utf8"
)

// Invalid finds the first character that no text of the portal may contain: invalid UTF-8,
// U+FFFD (what a JSON decoder makes of invalid UTF-8 or a lone surrogate), NUL and the
// other C0 control characters except tab, line feed and carriage return, DEL, and the
// Unicode non-characters (U+FDD0–U+FDEF and the last two code points of every plane). It
// returns the character and true, or 0 and false when s is clean. An invalid byte is
// returned as utf8.RuneError.
func Invalid(s string) (rune, bool) {
	for _, r := range s {
		if !allowed(r) {
			return r, true
		}
	}
	return 0, false
}

func allowed(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20 || r == 0x7f:
		return false
	case r == utf8.RuneError:
		return false
	case r >= 0xfdd0 && r <= 0xfdef:
		return false
	case r&0xfffe == 0xfffe:
		return false
	}
	return true
}

// Describe names a character Invalid found, for a message: "U+0000", or "invalid UTF-8".
func Describe(r rune) string {
	if r == utf8.RuneError {
		return "invalid UTF-8 or U+FFFD"
	}
	return fmt.Sprintf("U+%04X", r)
}
