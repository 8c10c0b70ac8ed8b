package server

// The page's content in the first response: for every public page the server runs the
// GraphQL document the app's page sends (the same text, the same variables, through the
// real /graphql handler and its response cache), writes the page as the app would show
// it (html/template files in templates/, one per page type, kept in step with the Svelte
// components by web/e2e/ssr.spec.ts) and embeds each answer in the page, where the app
// takes it instead of asking again (web/src/lib/query.ts).
//
// What the templates need from the app comes from the build: out/site/portal-ssr.json
// holds the documents, the interface text of the three locales and the Intl patterns of
// dates and money (web/src/routes/portal-ssr.json). Without it (an older build, the
// tests' small shell) pages are served as before: the shell alone.

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
)

// manifestName is the build's file of what the server renders with.
const manifestName = "portal-ssr.json"

//go:embed templates/*.html
var templateFiles embed.FS

// manifest is portal-ssr.json.
type manifest struct {
	Documents map[string]string         `json:"documents"` // by operation name
	Messages  map[string]map[string]any `json:"messages"`  // by URL locale
	Formats   map[string]*formats       `json:"formats"`   // by URL locale
}

// renderer writes pages' content.
type renderer struct {
	manifest
	graphql http.Handler
	tmpl    *template.Template
}

// errNotFound is a page whose item or filter does not exist: the 404 page is written.
var errNotFound = errors.New("not found")

// errNoTemplate is a page the server has no template for (every page of pages has one):
// the shell is sent without content and the app shows the page.
var errNoTemplate = errors.New("no template for the page")

// errUnavailable is an answer the server cannot render (an error of the API): the shell
// is sent without content and the app asks again.
var errUnavailable = errors.New("the page's data could not be read")

// newRenderer reads the build's manifest; nil when the build has none.
func newRenderer(fsys fs.FS, graphql http.Handler) (*renderer, error) {
	b, err := fs.ReadFile(fsys, manifestName)
	if errors.Is(err, fs.ErrNotExist) || graphql == nil {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rd := &renderer{graphql: graphql}
	if err := json.Unmarshal(b, &rd.manifest); err != nil {
		return nil, fmt.Errorf("%s: %w", manifestName, err)
	}
	for _, l := range locales {
		if rd.Messages[l.url] == nil || rd.Formats[l.url] == nil {
			return nil, fmt.Errorf("%s has no text or formats for %s", manifestName, l.url)
		}
	}
	rd.tmpl, err = template.New("").Funcs(rd.funcs()).ParseFS(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	return rd, nil
}

// answer is one GraphQL answer the page carries for the app.
type answer struct {
	Operation string          `json:"operation"`
	Variables map[string]any  `json:"variables"`
	Response  json.RawMessage `json:"response"` // the bytes /graphql answered
}

// run executes a document of the app through the /graphql handler as a GET (so the
// response cache answers repeats) and decodes its data into out. An answer with a
// NOT_FOUND or BAD_USER_INPUT error is errNotFound, as the app shows it.
func (rd *renderer) run(ctx context.Context, op string, vars map[string]any, out any) (answer, error) {
	doc, ok := rd.Documents[op]
	if !ok {
		return answer{}, fmt.Errorf("%s has no document %s", manifestName, op)
	}
	v, err := json.Marshal(vars)
	if err != nil {
		return answer{}, err
	}
	q := url.Values{"query": {doc}, "operationName": {op}, "variables": {string(v)}}
	req := httptest.NewRequestWithContext(ctx, http.MethodGet, "/graphql?"+q.Encode(), nil)
	req.Header.Set("Accept", "application/graphql-response+json, application/json")
	rec := httptest.NewRecorder()
	rd.graphql.ServeHTTP(rec, req)
	body := rec.Body.Bytes()
	var res struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &res); err != nil {
		return answer{}, errUnavailable
	}
	if len(res.Errors) > 0 {
		if c := res.Errors[0].Extensions.Code; c == codeNotFound || c == codeBadUserInput {
			return answer{}, errNotFound
		}
		return answer{}, errUnavailable
	}
	if rec.Code != http.StatusOK || json.Unmarshal(res.Data, out) != nil {
		return answer{}, errUnavailable
	}
	return answer{Operation: op, Variables: vars, Response: body}, nil
}

// view is what every page template gets.
type view struct {
	L    string         // the URL locale: sr-cyrl
	Lang string         // its lang tag: sr-Cyrl
	T    map[string]any // the interface text, as the app's messages(locale)
	URL  *url.URL       // the page's address (path and query)
	Page any            // the page's own data
	// Wide: the browser is not a phone (Sec-CH-UA-Mobile), so filter panels start open,
	// as the app opens them on wide screens; the app keeps what the server chose.
	Wide bool
}

// content is a rendered page: its <main> and the layout around it, and the answers it
// carries.
type content struct {
	html    string
	answers []answer
}

// pageRenderers are the page types by the path segment after the locale.
var pageRenderers = map[string]func(rd *renderer, ctx context.Context, v *view, slug string) ([]answer, string, error){
	"":          renderHome,
	"news":      renderNews,
	"projects":  renderProjects,
	"partners":  renderPartners,
	"search":    renderSearch,
	"open-data": renderOpenData,
}

// itemRenderers are the item pages by their section.
var itemRenderers = map[string]func(rd *renderer, ctx context.Context, v *view, slug string) ([]answer, string, error){
	"news":     renderNewsItem,
	"projects": renderProject,
	"partners": renderPartner,
}

// render writes a page: the locale's layout around the page's template. A page that is
// not found is the 404 page (with status 404); errUnavailable and errNoTemplate leave the
// page to the app.
func (rd *renderer) render(ctx context.Context, pg *page, r *http.Request) (content, error) {
	v := &view{L: pg.loc.url, Lang: pg.loc.tag, T: rd.Messages[pg.loc.url], URL: r.URL, Wide: r.Header.Get("Sec-CH-UA-Mobile") != "?1"}
	var answers []answer
	name, err := "notfound", error(nil)
	if pg.status == http.StatusOK {
		section, slug, item := strings.Cut(strings.TrimPrefix(pg.path, "/"), "/")
		fn := pageRenderers[section]
		if item {
			fn = itemRenderers[section]
		}
		if fn == nil {
			return content{}, errNoTemplate
		}
		answers, name, err = fn(rd, ctx, v, slug)
		if errors.Is(err, errNotFound) {
			pg.status, name, answers, err = http.StatusNotFound, "notfound", nil, nil
		}
		if err != nil {
			return content{}, err
		}
	}
	var b bytes.Buffer
	if err := rd.tmpl.ExecuteTemplate(&b, name, v); err != nil {
		return content{}, err
	}
	main := b.String()
	b.Reset()
	if err := rd.tmpl.ExecuteTemplate(&b, "layout", struct {
		*view
		Main    template.HTML
		Section string
	}{v, template.HTML(main), strings.Split(strings.TrimPrefix(pg.path, "/"), "/")[0]}); err != nil {
		return content{}, err
	}
	return content{html: b.String(), answers: answers}, nil
}

// dataScript is the answers as the JSON script the app reads (id portal-data). "<" is
// escaped so that no text in the data can end the script.
func dataScript(answers []answer) string {
	if len(answers) == 0 {
		return ""
	}
	b, err := json.Marshal(answers)
	if err != nil {
		return ""
	}
	return `<script type="application/json" id="portal-data">` + strings.ReplaceAll(string(b), "<", `\u003c`) + "</script>"
}

// funcs are the templates' helpers: the app's format and i18n functions, with the URL
// locale as their first argument where the app passes one.
func (rd *renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"formatDate":     func(l, iso string) string { return rd.Formats[l].formatDate(iso) },
		"formatDateTime": func(l, iso string) string { return rd.Formats[l].formatDateTime(iso) },
		"isoDay":         isoDay,
		"formatMoney":    func(l string, m *money) string { return rd.Formats[l].formatMoney(m.Amount, m.Currency) },
		"formatNumber":   func(l string, n int) string { return rd.Formats[l].formatNumber(n) },
		"period": func(l, start, end, precision string) string {
			t := rd.Messages[l]["projects"].(map[string]any)
			return rd.Formats[l].formatPeriod(start, end, precision, t["periodFrom"].(string), t["periodUntil"].(string))
		},
		"plural": func(l string, forms map[string]any, n int) string {
			form, _ := forms[pluralCategory(l, n)].(string)
			return fmtText(form, "n", rd.Formats[l].formatNumber(n))
		},
		"fmt":          fmtText,
		"enc":          encodeURIComponent,
		"host":         hostOf,
		"lower":        strings.ToLower,
		"hitPath":      hitPath,
		"sections":     func() []string { return []string{"news", "projects", "partners", "search"} },
		"topicOptions": topicOptions,
		"yearOptions":  yearOptions,
		"minus":        func(a, b int) int { return a - b },
		"contentLang":  contentLang,
		"langOf":       func(gql string) string { return localeOf(urlLocale(gql)).tag },
		"gqlLocale":    gqlLocale,
		"splitQ": func(s string) []string { // "Did you mean {q}?" around its link
			before, after, _ := strings.Cut(s, "{q}")
			return []string{before, after}
		},
		"withAcronym": func(name, acronym string) bool { return acronym != "" && !strings.Contains(name, acronym) },
		"srcset": func(c *coverImage) string {
			var parts []string
			for _, v := range c.Variants {
				parts = append(parts, fmt.Sprintf("%s %dw", v.URL, v.Width))
			}
			return strings.Join(append(parts, fmt.Sprintf("%s %dw", c.URL, c.Width)), ", ")
		},
		"languageLink": languageLink,
		"languages":    rd.languages,
		// dict builds a component's arguments: dict "Key" value ….
		"dict": func(pairs ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(pairs); i += 2 {
				m[pairs[i].(string)] = pairs[i+1]
			}
			return m
		},
	}
}

// language is one link of the language switcher (LanguageSwitcher.svelte).
type language struct {
	L, Tag, Prefix, Visible string
}

func (rd *renderer) languages() []language {
	serbian := func(l string) string { return rd.Messages[l]["language"].(map[string]any)["serbian"].(string) }
	return []language{
		{"sr-cyrl", "sr-Cyrl", serbian("sr-cyrl"), "Ћирилица"},
		{"sr-latn", "sr-Latn", serbian("sr-latn"), "Latinica"},
		{"en", "en", "", "English"},
	}
}

// languageLink is locale.ts languageLink: the language switcher's link to the same page in
// another locale, through serveLanguageChoice, which remembers the choice.
func languageLink(u *url.URL, to string) string {
	return strings.TrimSuffix(languagePrefix, "/") + switchLocalePath(u, to)
}

// switchLocalePath is locale.ts switchLocalePath: the same path and query in another locale.
func switchLocalePath(u *url.URL, to string) string {
	segs := strings.Split(u.Path, "/")
	if len(segs) > 1 && localeOf(segs[1]) != nil {
		segs[1] = to
	} else {
		segs = append([]string{"", to}, segs[1:]...)
	}
	p := strings.Join(segs, "/")
	if p == "/"+to {
		p += "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

// withParams is paging.ts withParams after the path: the page's address with some query
// parameters set or removed ("" removes), in URLSearchParams' order and encoding.
func withParams(u *url.URL, changes ...string) string {
	type pair struct{ k, v string }
	var params []pair
	for _, kv := range strings.Split(u.RawQuery, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		params = append(params, pair{k, v})
	}
	for i := 0; i+1 < len(changes); i += 2 {
		k, v := changes[i], changes[i+1]
		kept, set := params[:0:0], false
		for _, p := range params {
			switch {
			case p.k != k:
				kept = append(kept, p)
			case v != "" && !set:
				kept, set = append(kept, pair{k, v}), true
			}
		}
		if v != "" && !set {
			kept = append(kept, pair{k, v})
		}
		params = kept
	}
	var b strings.Builder
	for i, p := range params {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(formEncode(p.k) + "=" + formEncode(p.v))
	}
	if b.Len() == 0 {
		return u.Path
	}
	return u.Path + "?" + b.String()
}

// formEncode is URLSearchParams' encoding of a name or value.
func formEncode(s string) string {
	return strings.NewReplacer("~", "%7E", "%2A", "*").Replace(url.QueryEscape(s))
}

// appRoot is the element of the shell the app starts in; the content goes first in it.
const appRoot = `<div class="app-root">`

// bootPlaceholder is app.html's start-up band, shown while the app loads a page that came
// without its content. A page with its content leaves it out: a browser may paint before
// it has parsed <main> (a slow or busy phone does), and the band, hidden by app.css only
// once <main> is there, would push the content down for that paint and then let it jump
// up: a layout shift before the app has even started.
const bootPlaceholder = `<div id="boot" class="boot" aria-hidden="true"><div class="boot-bar"></div></div>`

// loadRenderer reads the build's manifest and cuts the shell where the content goes,
// without its <noscript> and its start-up band.
// Without a manifest, or with one the server cannot use (logged), pages are the shell
// alone; a shell without its app root is an error.
func (s *site) loadRenderer(fsys fs.FS) error {
	rd, err := newRenderer(fsys, s.graphql)
	if err != nil {
		slog.Error("pages are served without their content: the app shows them", "err", err)
		return nil
	}
	if rd == nil {
		return nil
	}
	rest := s.shell[2]
	if i, j := strings.Index(rest, "<noscript>"), strings.Index(rest, "</noscript>"); i >= 0 && j > i {
		rest = rest[:i] + strings.TrimLeft(rest[j+len("</noscript>"):], " \t\r\n")
	}
	if i := strings.Index(rest, bootPlaceholder); i >= 0 {
		rest = rest[:i] + strings.TrimLeft(rest[i+len(bootPlaceholder):], " \t\r\n")
	}
	i := strings.Index(rest, appRoot)
	if i < 0 || strings.Count(rest, appRoot) != 1 {
		return fmt.Errorf("index.html must contain %s exactly once", appRoot)
	}
	i += len(appRoot)
	s.body, s.render = [2]string{rest[:i], rest[i:]}, rd
	return nil
}
