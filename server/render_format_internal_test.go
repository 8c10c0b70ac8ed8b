package server

import (
	"net/url"
	"testing"
)

// Patterns as web/src/routes/portal-ssr.json takes them from Intl (en-GB, sr-Cyrl-RS).
var (
	enFormats = &formats{
		Date: []part{{"day", ""}, {"literal", " "}, {"month", ""}, {"literal", " "}, {"year", ""}},
		DateTime: []part{{"day", ""}, {"literal", " "}, {"month", ""}, {"literal", " "}, {"year", ""},
			{"literal", " at "}, {"hour", ""}, {"literal", ":"}, {"minute", ""}},
		MonthDate: []part{{"month", ""}, {"literal", " "}, {"year", ""}},
		Months:    []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		Group:     ",", Decimal: ".",
		Money: map[string][]part{"EUR": {{"currency", "€"}, {"number", ""}}},
	}
	srFormats = &formats{
		Group: ".", Decimal: ",",
		Money: map[string][]part{"EUR": {{"number", ""}, {"literal", "\u00a0"}, {"currency", "€"}}},
	}
)

func TestFormats(t *testing.T) {
	enFormats.MonthsAlone = enFormats.Months
	tests := []struct{ name, got, want string }{
		{"money with cents", enFormats.formatMoney("49890.52", "EUR"), "€49,890.52"},
		{"whole money", enFormats.formatMoney("1500000.00", "EUR"), "€1,500,000"},
		{"money rounds to cents", enFormats.formatMoney("10.005", "EUR"), "€10.01"},
		{"Serbian money", srFormats.formatMoney("49890.52", "EUR"), "49.890,52\u00a0€"},
		{"unknown currency", enFormats.formatMoney("12", "XYZ"), "12 XYZ"},
		{"not a number", enFormats.formatMoney("lots", "EUR"), "lots EUR"},
		{"a day in Belgrade, not UTC", enFormats.formatDate("2021-09-09T23:30:00Z"), "10 September 2021"},
		{"with its time", enFormats.formatDateTime("2024-04-24T13:31:00Z"), "24 April 2024 at 15:31"},
		{"isoDay in Belgrade", isoDay("2021-09-09T23:30:00Z"), "2021-09-10"},
		{"period", enFormats.formatPeriod("2013-04-01", "2014-04-30", "MONTH", "Since {date}", "Until {date}"), "April 2013 – April 2014"},
		{"open period", enFormats.formatPeriod("2015-09-01", "", "MONTH", "Since {date}", "Until {date}"), "Since September 2015"},
		{"no period", enFormats.formatPeriod("", "", "DAY", "Since {date}", "Until {date}"), ""},
		{"number", srFormats.formatNumber(1234567), "1.234.567"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

func TestPluralCategory(t *testing.T) {
	tests := []struct {
		locale string
		n      int
		want   string
	}{
		{"en", 1, "one"}, {"en", 0, "other"}, {"en", 21, "other"},
		{"sr-cyrl", 1, "one"}, {"sr-cyrl", 21, "one"}, {"sr-cyrl", 11, "other"},
		{"sr-latn", 2, "few"}, {"sr-latn", 24, "few"}, {"sr-latn", 12, "other"}, {"sr-latn", 5, "other"}, {"sr-latn", 0, "other"},
	}
	for _, tc := range tests {
		if got := pluralCategory(tc.locale, tc.n); got != tc.want {
			t.Errorf("pluralCategory(%s, %d) = %s, want %s", tc.locale, tc.n, got, tc.want)
		}
	}
}

// TestWithParams: the pager's and filters' links as paging.ts withParams writes them
// (URLSearchParams: order kept, a set value replaces in place).
func TestWithParams(t *testing.T) {
	tests := []struct {
		address string
		changes []string
		want    string
	}{
		{"/en/news", []string{"after", "abc="}, "/en/news?after=abc%3D"},
		{"/en/news?topic=asylum&after=x", []string{"after", "y"}, "/en/news?topic=asylum&after=y"},
		{"/en/news?after=x&topic=asylum", []string{"after", ""}, "/en/news?topic=asylum"},
		{"/en/projects?area=a%20b", []string{"status", "completed", "after", ""}, "/en/projects?area=a+b&status=completed"},
		{"/en/news?after=x", []string{"after", ""}, "/en/news"},
	}
	for _, tc := range tests {
		u, _ := url.Parse(tc.address)
		if got := withParams(u, tc.changes...); got != tc.want {
			t.Errorf("withParams(%s, %v) = %s, want %s", tc.address, tc.changes, got, tc.want)
		}
	}
}

func TestSwitchLocalePath(t *testing.T) {
	tests := []struct{ address, to, want string }{
		{"/en/", "sr-cyrl", "/sr-cyrl/"},
		{"/en", "sr-latn", "/sr-latn/"},
		{"/en/news?topic=asylum", "sr-cyrl", "/sr-cyrl/news?topic=asylum"},
		{"/sr-latn/search?q=azil", "en", "/en/search?q=azil"},
	}
	for _, tc := range tests {
		u, _ := url.Parse(tc.address)
		if got := switchLocalePath(u, tc.to); got != tc.want {
			t.Errorf("switchLocalePath(%s, %s) = %s, want %s", tc.address, tc.to, got, tc.want)
		}
	}
}

func TestRepeatsSummary(t *testing.T) {
	tests := []struct {
		description, summary string
		want                 bool
	}{
		{"<p>The project aims.</p>\n<p>More.</p>", "The project aims.", true},
		{"<p>Tom &amp; Jerry’s  project</p>", "Tom & Jerry’s project", true},
		{"<p>Something else.</p>", "The project aims.", false},
		{"", "The project aims.", false},
		{"<p>x</p>", "", false},
	}
	for _, tc := range tests {
		if got := repeatsSummary(tc.description, tc.summary); got != tc.want {
			t.Errorf("repeatsSummary(%q, %q) = %v, want %v", tc.description, tc.summary, got, tc.want)
		}
	}
}
