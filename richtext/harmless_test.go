package richtext

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// hostile is Markdown that tries to get script, event handlers, styles, foreign content
// or a dangerous URL into the page. TestHTMLHarmless checks each one; FuzzHTML starts
// from them.
var hostile = []struct{ name, md string }{
	// Raw <script> in every case and spacing.
	{"script", "<script>alert(1)</script>"},
	{"script upper case", "<SCRIPT>alert(1)</SCRIPT>"},
	{"script mixed case and spaces", "<ScRiPt >alert(1)</sCrIpT >"},
	{"script newline in tag", "<script\n>alert(1)</script\n>"},
	{"script src self-closing", `<script/src="https://evil.example/x.js"/>`},
	{"script split by script", "<scr<script>ipt>alert(1)</script>"},
	{"script inline", "text <script>alert(1)</script> text"},
	{"script in heading", "# <script>alert(1)</script>"},
	{"script in list", "- <script>alert(1)</script>"},
	{"script in table cell", "| a |\n|---|\n| <script>alert(1)</script> |"},
	{"script in strikethrough", "~~<script>alert(1)</script>~~"},
	{"script in fenced code", "```html\n<script>alert(1)</script>\n```"},
	{"script in code span", "`<script>alert(1)</script>`"},
	{"script with null bytes", "<scr\x00ipt>alert(1)</scr\x00ipt>"},
	{"script escaped as text", "&lt;script&gt;alert(1)&lt;/script&gt;"},

	// Event handlers.
	{"img onerror", "<img src=x onerror=alert(1)>"},
	{"img onerror quoted", `<img src="x" onerror="alert(1)">`},
	{"img onerror mixed case", "<IMG SRC=x OnErRoR=alert(1)>"},
	{"img onerror unclosed", "<img src=x onerror=alert(1)//"},
	{"img backtick quoting", "<img src=`x`onerror=alert(1)>"},
	{"a onclick", `<a href="https://example.org" onclick="alert(1)">x</a>`},
	{"details ontoggle", "<details open ontoggle=alert(1)>"},
	{"video source onerror", `<video><source onerror="alert(1)"></video>`},
	{"audio onerror", "<audio src=x onerror=alert(1)>"},
	{"body onload", "<body onload=alert(1)>"},
	{"input autofocus onfocus", "<input autofocus onfocus=alert(1)>"},
	{"unknown element handler", "<xss onafterscriptexecute=alert(1)>x</xss>"},

	// SVG, MathML and mutation XSS.
	{"svg onload", "<svg onload=alert(1)>"},
	{"svg onload slash", "- <svg/onload=alert(1)>"},
	{"svg script", "<svg><script>alert(1)</script></svg>"},
	{"svg xlink:href", `<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`},
	{"math xlink:href", `<math><mi xlink:href="javascript:alert(1)">x</mi></math>`},
	{"math mglyph style mXSS", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"},
	{"math textarea mXSS", `<div><math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=alert(1) src=1>"></path></textarea></mtext></svg></mglyph></mi></math></div>`},
	{"noscript title mXSS", `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`},
	{"template script", "<template><script>alert(1)</script></template>"},

	// Embedding and forms.
	{"iframe", `<iframe src="https://evil.example"></iframe>`},
	{"iframe javascript in quote", "> <iframe src=javascript:alert(1)>"},
	{"iframe srcdoc", `<iframe srcdoc="<script>alert(1)</script>"></iframe>`},
	{"object data", `<object data="javascript:alert(1)"></object>`},
	{"embed data", `<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">`},
	{"form action", `<form action="javascript:alert(1)"><input type=submit></form>`},
	{"button formaction", `<button formaction="javascript:alert(1)">x</button>`},

	// javascript: in raw HTML links.
	{"a href javascript", `<a href="javascript:alert(1)">x</a>`},
	{"a href backtick", "<a href=`javascript:alert(1)`>x</a>"},
	{"a href newline entity", `<a href="jav&#x0A;ascript:alert(1)">x</a>`},
	{"a href leading space entity", `<a href="&#x20;javascript:alert(1)">x</a>`},

	// javascript: in Markdown links, in every encoding.
	{"md javascript", "[x](javascript:alert(1))"},
	{"md javascript mixed case", "[x](JaVaScRiPt:alert(1))"},
	{"md javascript tab entity", "[x](jav&#x09;ascript:alert(1))"},
	{"md javascript decimal entity", "[x](&#106;avascript:alert(1))"},
	{"md javascript all hex entities", "[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))"},
	{"md javascript named colon", "[x](javascript&colon;alert(1))"},
	{"md javascript percent letter", "[x](%6Aavascript:alert(1))"},
	{"md javascript percent colon", "[x](javascript%3Aalert(1))"},
	{"md javascript tab", "[x](<java\tscript:alert(1)>)"},
	{"md javascript newline", "[x](java\nscript:alert(1))"},
	{"md javascript leading space", "[x](< javascript:alert(1)>)"},
	{"md javascript leading newline", "[x](\njavascript:alert(1))"},
	{"md javascript control char", "[x](\x01javascript:alert(1))"},
	{"md javascript null byte", "[x](java\x00script:alert(1))"},
	{"md javascript comment", "[x](javascript:/**/alert(1))"},
	{"md image link to javascript", "[![x](/media/3f9ac2e1b07d4a55.jpg)](javascript:alert(1))"},
	{"md vbscript", "[x](vbscript:msgbox(1))"},
	{"md data html", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"},

	// Autolinks and reference-style links.
	{"autolink javascript", "<javascript:alert(1)>"},
	{"autolink javascript upper case", "<JAVASCRIPT:alert(1)>"},
	{"autolink vbscript", "<vbscript:msgbox(1)>"},
	{"autolink breaking quote", `<https://example.org/" onmouseover="alert(1)>`},
	{"linkify breaking quote", `www.example.org/"onmouseover="alert(1)`},
	{"linkify script", "https://example.org/<script>alert(1)</script>"},
	{"reference javascript", "[x][r]\n\n[r]: javascript:alert(1)"},
	{"reference javascript angle", "[x]\n\n[x]: <javascript:alert(1)> \"t\""},
	{"reference data image", "![x][r]\n\n[r]: data:text/html,<script>alert(1)</script>"},

	// Images.
	{"image javascript", "![x](javascript:alert(1))"},
	{"image data html", "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"},
	{"image data svg", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"},
	{"image data png", "![x](data:image/png;base64,iVBORw0KGgo=)"},
	{"image tracking pixel", "![x](https://tracker.example/pixel.gif)"},
	{"image media path traversal", "![x](/media/../secret/3f9ac2e1b07d4a55.jpg)"},
	{"image srcset", `<img srcset="javascript:alert(1) 1x" src="/media/3f9ac2e1b07d4a55.jpg">`},
	{"image alt breaking quote", `![a" onerror="alert(1)](/media/3f9ac2e1b07d4a55.jpg)`},
	{"image title breaking quote", `![x](/media/3f9ac2e1b07d4a55.jpg "\" onerror=\"alert(1)")`},

	// Styles and document-level elements.
	{"style element", "<style>body{background:url(javascript:alert(1))}</style>"},
	{"style expression", `<div style="width:expression(alert(1))">x</div>`},
	{"style url javascript on div", `<div style="background:url(javascript:alert(1))">x</div>`},
	{"style url javascript", `<p style="background:url('javascript:alert(1)')">x</p>`},
	{"table background", `<table><td background="javascript:alert(1)">x</td></table>`},
	{"base href", `<base href="javascript:alert(1)//">`},
	{"meta refresh", `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`},
	{"link stylesheet", `<link rel="stylesheet" href="javascript:alert(1)">`},

	// Comments, CDATA and attribute-breaking titles.
	{"comment around script", "<!-- --><script>alert(1)</script><!-- -->"},
	{"comment in attribute", `<!--<img src="--><img src=x onerror=alert(1)//">`},
	{"conditional comment", "<!--[if IE]><script>alert(1)</script><![endif]-->"},
	{"cdata", "<![CDATA[<script>alert(1)</script>]]>"},
	{"title breaking double quote", `[x](https://example.org "\" onmouseover=\"alert(1)")`},
	{"title breaking single quote", `[x](https://example.org 'a" onclick="alert(1)')`},
	{"destination breaking quote", `[x](https://example.org/\"><script>alert(1)</script>)`},
}

func TestHTMLHarmless(t *testing.T) {
	if len(hostile) < 40 {
		t.Fatalf("only %d hostile inputs, want at least 40", len(hostile))
	}
	for _, tt := range hostile {
		t.Run(tt.name, func(t *testing.T) {
			got := HTML(tt.md)
			for _, problem := range harmful(got) {
				t.Errorf("HTML(%q) = %q: %s", tt.md, got, problem)
			}
			// The policy alone must hold too, as if the renderer let raw HTML through.
			got = safe.Sanitize(tt.md)
			for _, problem := range harmful(got) {
				t.Errorf("safe.Sanitize(%q) = %q: %s", tt.md, got, problem)
			}
		})
	}
}

// FuzzHTML renders arbitrary Markdown and checks the output as TestHTMLHarmless does,
// both of HTML and of the sanitising policy alone.
func FuzzHTML(f *testing.F) {
	for _, tt := range hostile {
		f.Add(tt.md)
	}
	for _, tt := range kept {
		f.Add(tt.md)
	}
	f.Fuzz(func(t *testing.T, md string) {
		got := HTML(md)
		for _, problem := range harmful(got) {
			t.Errorf("HTML(%q) = %q: %s", md, got, problem)
		}
		got = safe.Sanitize(md)
		for _, problem := range harmful(got) {
			t.Errorf("safe.Sanitize(%q) = %q: %s", md, got, problem)
		}
		PlainText(md) // must not panic
		Images(md)    // must not panic
	})
}

// allowed lists the elements HTML may write, each with the attributes it may carry.
var allowed = map[string][]string{
	"p": nil, "br": nil, "hr": nil,
	"h1": nil, "h2": nil, "h3": nil, "h4": nil, "h5": nil, "h6": nil,
	"strong": nil, "em": nil, "del": nil, "code": nil, "pre": nil, "blockquote": nil,
	"ul": nil, "ol": {"start"}, "li": nil,
	"a":     {"href", "title"},
	"img":   {"src", "alt", "loading"},
	"table": nil, "thead": nil, "tbody": nil, "tr": nil, "th": {"align"}, "td": {"align"},
}

// harmful parses sanitised HTML as a browser would and lists what in it could run
// script, style the page or load something from elsewhere: an element or attribute
// not in allowed, an event handler, a style, a comment, a link that is not http(s),
// mailto, relative or a fragment, or an image that is not one of ours under /media/.
// It returns nothing for harmless HTML.
func harmful(out string) []string {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(out), body)
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	var problems []string
	for _, top := range nodes {
		body.AppendChild(top)
	}
	for n := range body.Descendants() {
		switch n.Type {
		case html.CommentNode, html.DoctypeNode:
			problems = append(problems, fmt.Sprintf("a comment or doctype %q", n.Data))
		case html.ElementNode:
			problems = append(problems, harmfulElement(n)...)
		}
	}
	return problems
}

// harmfulElement lists what is wrong with one element and its attributes.
func harmfulElement(n *html.Node) []string {
	attrs, ok := allowed[n.Data]
	if !ok || n.Namespace != "" {
		return []string{fmt.Sprintf("element <%s> (namespace %q) is not allowed", n.Data, n.Namespace)}
	}
	var problems []string
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		switch {
		case a.Namespace != "":
			problems = append(problems, fmt.Sprintf("namespaced attribute %s:%s on <%s>", a.Namespace, a.Key, n.Data))
		case strings.HasPrefix(key, "on"):
			problems = append(problems, fmt.Sprintf("event handler %s on <%s>", a.Key, n.Data))
		case key == "style":
			problems = append(problems, fmt.Sprintf("style on <%s>", n.Data))
		case !contains(attrs, key):
			problems = append(problems, fmt.Sprintf("attribute %s on <%s> is not allowed", a.Key, n.Data))
		case key == "href":
			if err := checkURL(a.Val); err != nil {
				problems = append(problems, fmt.Sprintf("href %q: %v", a.Val, err))
			}
		case key == "src":
			if _, ok := MediaName(a.Val); !ok {
				problems = append(problems, fmt.Sprintf("src %q is not an image under /media/", a.Val))
			}
		}
	}
	return problems
}

// checkURL accepts http, https and mailto URLs, relative ones starting with /, ./ or ../,
// and fragments. It looks at the value as the browser read it (the parser has decoded
// character references) and also decoded once more, for entities and for percent
// escapes; in each form, without any white space or control character and in lower case.
func checkURL(v string) error {
	forms := []string{v, html.UnescapeString(v), percentDecoded(v), percentDecoded(html.UnescapeString(v))}
	for _, form := range forms {
		s := normalised(form)
		for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
			if strings.HasPrefix(s, scheme) {
				return fmt.Errorf("reads as %s", scheme)
			}
		}
		if !hasAnyPrefix(s, "http:", "https:", "mailto:", "/", "./", "../", "#") {
			return fmt.Errorf("%q is not http(s), mailto, relative or a fragment", s)
		}
	}
	return nil
}

// percentDecoded undoes percent escapes, or returns s if it has a broken one.
func percentDecoded(s string) string {
	if d, err := url.PathUnescape(s); err == nil {
		return d
	}
	return s
}

// normalised drops white space and control and format characters (which browsers skip
// or which hide a scheme) and lower-cases the rest.
func normalised(s string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s))
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestHarmfulCatches makes sure the checker itself sees what it is meant to see, so a
// passing TestHTMLHarmless means something.
func TestHarmfulCatches(t *testing.T) {
	for _, out := range []string{
		"<script>alert(1)</script>",
		"<svg></svg>",
		"<math></math>",
		"<iframe></iframe>",
		"<div>x</div>",
		"<!-- x -->",
		`<p onclick="alert(1)">x</p>`,
		`<p style="color:red">x</p>`,
		`<p class="x">x</p>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href="JaVaScRiPt:alert(1)">x</a>`,
		`<a href="jav&#x09;ascript:alert(1)">x</a>`,
		`<a href=" &#106;avascript:alert(1)">x</a>`,
		`<a href="&amp;#106;avascript:alert(1)">x</a>`,
		`<a href="javascript%3Aalert(1)">x</a>`,
		`<a href="vbscript:msgbox(1)">x</a>`,
		`<a href="data:text/html,x">x</a>`,
		`<a href="ftp://example.org">x</a>`,
		`<a href="page">x</a>`,
		`<img src="https://example.org/a.jpg" alt="x">`,
		`<img src="/media/3f9ac2e1b07d4a55.jpg" alt="x" srcset="x 1x">`,
	} {
		if len(harmful(out)) == 0 {
			t.Errorf("harmful(%q) found nothing", out)
		}
	}
	for _, out := range []string{
		"",
		`<p><a href="https://www.iom.int" title="IOM">IOM</a> <a href="mailto:a@b.rs">a</a> <a href="/sr/vesti">v</a> <a href="#x">x</a></p>`,
		`<p><img src="/media/3f9ac2e1b07d4a55-480.jpg" alt="x" loading="lazy"></p>`,
		`<ol start="3"><li><strong>a</strong> <em>b</em> <del>c</del> <code>d</code></li></ol>`,
		`<table><thead><tr><th align="center">a</th></tr></thead><tbody><tr><td align="right">1</td></tr></tbody></table>`,
	} {
		if problems := harmful(out); len(problems) != 0 {
			t.Errorf("harmful(%q) = %q, want nothing", out, problems)
		}
	}
}
