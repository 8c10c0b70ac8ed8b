package richtext

import (
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		md, want string
	}{
		{"Hello **world**", "<p>Hello <strong>world</strong></p>\n"},
		{"[IOM](https://www.iom.int)", `<p><a href="https://www.iom.int">IOM</a></p>` + "\n"},
		{"- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := HTML(tt.md); got != tt.want {
			t.Errorf("HTML(%q) = %q, want %q", tt.md, got, tt.want)
		}
	}
}

func TestHTMLIsSafe(t *testing.T) {
	for _, md := range []string{
		"<script>alert(1)</script>",
		`<img src=x onerror="alert(1)">`,
		"[x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"[x](data:text/html;base64,PHNjcmlwdD4=)",
		`<a href="javascript:alert(1)">x</a>`,
		`<svg onload=alert(1)>`,
		`<iframe src="https://evil.example"></iframe>`,
		"![x](javascript:alert(1))",
		`<div style="background:url(javascript:alert(1))">x</div>`,
	} {
		got := strings.ToLower(HTML(md))
		for _, bad := range []string{"<script", "onerror", "onload", "javascript:", "data:", "<iframe", "<svg", "style="} {
			if strings.Contains(got, bad) {
				t.Errorf("HTML(%q) = %q contains %q", md, got, bad)
			}
		}
	}
}

func TestPlainText(t *testing.T) {
	if got, want := PlainText("# Title\n\nFirst *para*.\n\nSecond & [link](https://x.org)."), "Title First para. Second & link."; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}
