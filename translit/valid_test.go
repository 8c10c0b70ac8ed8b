package translit

import "testing"

func TestInvalid(t *testing.T) {
	tests := []struct {
		in   string
		bad  bool
		char rune
	}{
		{"Мађарска, Mađarska", false, 0},
		{"tab\tnew line\ncarriage return\r", false, 0},
		{"emoji 🇷🇸 and ẞ", false, 0},
		{"", false, 0},
		{"a\x00b", true, 0},
		{"bell\x07", true, 7},
		{"escape\x1b[31m", true, 0x1b},
		{"delete\x7f", true, 0x7f},
		{"broken \xff byte", true, 0xfffd},
		{"replacement \ufffd", true, 0xfffd},
		{"non-character \ufdd0", true, 0xfdd0},
		{"non-character \uffff", true, 0xffff},
		{"non-character \U0010fffe", true, 0x10fffe},
	}
	for _, tt := range tests {
		r, bad := Invalid(tt.in)
		if bad != tt.bad || r != tt.char {
			t.Errorf("Invalid(%q) = %U, %v; want %U, %v", tt.in, r, bad, tt.char, tt.bad)
		}
	}
}
