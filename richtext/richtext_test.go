package richtext

import (
	"reflect"
	"slices"
	"testing"
)

// kept is ordinary Markdown and the HTML it must give: hardening must not cost content.
var kept = []struct{ name, md, want string }{
	{"empty", "", ""},
	{"emphasis", "Hello **world**, *again* and ~~never~~", "<p>Hello <strong>world</strong>, <em>again</em> and <del>never</del></p>\n"},
	{"link", "[IOM](https://www.iom.int)", `<p><a href="https://www.iom.int">IOM</a></p>` + "\n"},
	{"link with title", `[IOM](https://www.iom.int "Међународна организација")`, `<p><a href="https://www.iom.int" title="Међународна организација">IOM</a></p>` + "\n"},
	{"relative link and fragment", "[вести](/sr-cyrl/vesti) [горе](#vrh)", `<p><a href="/sr-cyrl/vesti">вести</a> <a href="#vrh">горе</a></p>` + "\n"},
	{"mailto and linkify", "pisarnica@kirs.gov.rs, www.kirs.gov.rs", `<p><a href="mailto:pisarnica@kirs.gov.rs">pisarnica@kirs.gov.rs</a>, <a href="http://www.kirs.gov.rs">www.kirs.gov.rs</a></p>` + "\n"},
	{"list", "- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"},
	{"numbered list from 3", "3. три\n4. четири", "<ol start=\"3\">\n<li>три</li>\n<li>четири</li>\n</ol>\n"},
	{"cyrillic", "## Комесаријат за избеглице и миграције\n\nПрихватни центар у **Обреновцу**.",
		"<h2>Комесаријат за избеглице и миграције</h2>\n<p>Прихватни центар у <strong>Обреновцу</strong>.</p>\n"},
	{"quote and code", "> цитат\n\n```\n<b>код</b>\n```", "<blockquote>\n<p>цитат</p>\n</blockquote>\n<pre><code>&lt;b&gt;код&lt;/b&gt;\n</code></pre>\n"},
	{"table with alignment", "| a | b |\n|:-:|--:|\n| 1 | 2 |",
		"<table>\n<thead>\n<tr>\n<th align=\"center\">a</th>\n<th align=\"right\">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"center\">1</td>\n<td align=\"right\">2</td>\n</tr>\n</tbody>\n</table>\n"},
	{"image", "![Дечак у парку](/media/3f9ac2e1b07d4a55.jpg)", `<p><img src="/media/3f9ac2e1b07d4a55.jpg" alt="Дечак у парку" loading="lazy"></p>` + "\n"},
	{"image variant, markup and quotes in alt", `![**Деца** "у" парку](/media/3f9ac2e1b07d4a55-480.png)`, `<p><img src="/media/3f9ac2e1b07d4a55-480.png" alt="Деца &#34;у&#34; парку" loading="lazy"></p>` + "\n"},
	{"image by reference", "![Карта][k]\n\n[k]: /media/0123456789abcdef.gif", `<p><img src="/media/0123456789abcdef.gif" alt="Карта" loading="lazy"></p>` + "\n"},
	{"image from elsewhere dropped", "Види ![x](https://example.org/a.jpg) овде", "<p>Види  овде</p>\n"},
}

func TestHTML(t *testing.T) {
	for _, tt := range kept {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTML(tt.md); got != tt.want {
				t.Errorf("HTML(%q) = %q, want %q", tt.md, got, tt.want)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	if got, want := PlainText("# Title\n\nFirst *para*.\n\nSecond & [link](https://x.org)."), "Title First para. Second & link."; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}

func TestImages(t *testing.T) {
	tests := []struct {
		name, md string
		want     []Image
	}{
		{"none", "Текст без слика, [веза](https://www.iom.int).", nil},
		{"inline", "![Дечак у парку](/media/3f9ac2e1b07d4a55.jpg)", []Image{{"/media/3f9ac2e1b07d4a55.jpg", "Дечак у парку"}}},
		{"with title", `![Карта](/media/3f9ac2e1b07d4a55-480.jpg "наслов")`, []Image{{"/media/3f9ac2e1b07d4a55-480.jpg", "Карта"}}},
		{"reference", "![Карта][k] и ![Мапа][]\n\n[k]: /media/0123456789abcdef.png\n[мапа]: /media/fedcba9876543210.gif",
			[]Image{{"/media/0123456789abcdef.png", "Карта"}, {"/media/fedcba9876543210.gif", "Мапа"}}},
		{"markup, escapes and entities in alt", `![**Деца** \* у &amp; _парку_](/media/3f9ac2e1b07d4a55.jpg)`, []Image{{"/media/3f9ac2e1b07d4a55.jpg", "Деца * у & парку"}}},
		{"empty alt", "![](/media/3f9ac2e1b07d4a55.jpg)", []Image{{"/media/3f9ac2e1b07d4a55.jpg", ""}}},
		{"blank alt", "![  ](/media/3f9ac2e1b07d4a55.jpg)", []Image{{"/media/3f9ac2e1b07d4a55.jpg", ""}}},
		{"from elsewhere, listed so it can be refused", "![x](https://example.org/a.jpg)", []Image{{"https://example.org/a.jpg", "x"}}},
		{"inside a link, a list and a table", "[![a](/media/0000000000000001.jpg)](https://x.org)\n\n- ![b](/media/0000000000000002.jpg)\n\n| c |\n|---|\n| ![c](/media/0000000000000003.jpg) |",
			[]Image{{"/media/0000000000000001.jpg", "a"}, {"/media/0000000000000002.jpg", "b"}, {"/media/0000000000000003.jpg", "c"}}},
		{"not in code", "`![a](/media/3f9ac2e1b07d4a55.jpg)`\n\n    ![b](/media/3f9ac2e1b07d4a55.jpg)", nil},
		{"raw html img is not a Markdown image", `<img src="/media/3f9ac2e1b07d4a55.jpg" alt="x">`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Images(tt.md); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Images(%q) = %q, want %q", tt.md, got, tt.want)
			}
		})
	}
}

func TestMediaName(t *testing.T) {
	tests := []struct {
		src, name string
		ok        bool
	}{
		{"/media/3f9ac2e1b07d4a55.jpg", "3f9ac2e1b07d4a55", true},
		{"/media/3f9ac2e1b07d4a55.png", "3f9ac2e1b07d4a55", true},
		{"/media/3f9ac2e1b07d4a55.gif", "3f9ac2e1b07d4a55", true},
		{"/media/3f9ac2e1b07d4a55-480.jpg", "3f9ac2e1b07d4a55", true},
		{"/media/3f9ac2e1b07d4a55-2000.png", "3f9ac2e1b07d4a55", true},
		{"", "", false},
		{"/media/", "", false},
		{"/media/3f9ac2e1b07d4a55", "", false},           // no extension
		{"/media/3f9ac2e1b07d4a55.jpeg", "", false},      // not an extension we write
		{"/media/3f9ac2e1b07d4a55.svg", "", false},       // SVG can carry script
		{"/media/3F9AC2E1B07D4A55.jpg", "", false},       // names are lower case
		{"/media/3f9ac2e1b07d4a5.jpg", "", false},        // 15 digits
		{"/media/3f9ac2e1b07d4a55a.jpg", "", false},      // 17 digits
		{"/media/3f9ac2e1b07d4g55.jpg", "", false},       // not hex
		{"/media/3f9ac2e1b07d4a55-.jpg", "", false},      // no width
		{"/media/3f9ac2e1b07d4a55-0480.jpg", "", false},  // leading zero
		{"/media/3f9ac2e1b07d4a55-48000.jpg", "", false}, // wider than we store
		{"/media/3f9ac2e1b07d4a55-480x320.jpg", "", false},
		{"/media/3f9ac2e1b07d4a55.jpg?x=1", "", false},
		{"/media/3f9ac2e1b07d4a55.jpg#x", "", false},
		{"/media/3f9ac2e1b07d4a55.jpg\n", "", false},
		{" /media/3f9ac2e1b07d4a55.jpg", "", false},
		{"/media/sub/3f9ac2e1b07d4a55.jpg", "", false},
		{"/media/../3f9ac2e1b07d4a55.jpg", "", false},
		{"media/3f9ac2e1b07d4a55.jpg", "", false},
		{"//media/3f9ac2e1b07d4a55.jpg", "", false},
		{"https://portal.example/media/3f9ac2e1b07d4a55.jpg", "", false},
		{"/images/3f9ac2e1b07d4a55.jpg", "", false},
	}
	for _, tt := range tests {
		name, ok := MediaName(tt.src)
		if name != tt.name || ok != tt.ok {
			t.Errorf("MediaName(%q) = %q, %v, want %q, %v", tt.src, name, ok, tt.name, tt.ok)
		}
	}
}

// PlainText's shortcut for Markdown that is words only gives what rendering gives.
func FuzzPlainTextWordsOnly(f *testing.F) {
	for _, s := range []string{"Prvi pasus.\n\nDrugi, \"navodnici\" i 'apostrof'.", "Јавни позив 2025. године", "1. jedan\n2. dva",
		"Naslov\n===", "- stavka", "+ stavka", "    kod", "2025) x", "Tekst  sa\n  razmacima\r\n\r\nI dalje.", "www.kirs.gov.rs i info@kirs.gov.rs",
		"a -- b", "\"quoted\"", "x\n---", "1234567890. deset cifara", "e-mail: a@b.rs"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		if !wordsOnly(md) {
			return
		}
		if got, want := PlainText(md), renderedText(md); got != want {
			t.Errorf("PlainText(%q) = %q, rendering gives %q", md, got, want)
		}
	})
}

func TestBlocks(t *testing.T) {
	got := Blocks("# Title\n\nFirst line\nsame paragraph.\n\n- one\n- two")
	want := []string{"# Title", "First line\nsame paragraph.", "- one\n- two"}
	if !slices.Equal(got, want) {
		t.Errorf("Blocks = %q, want %q", got, want)
	}
}
