package server

// Dates, numbers, money and plurals as the app's web/src/lib/format.ts and i18n write
// them through Intl, from the patterns the build took from the same Intl
// (portal-ssr.json's formats).

import (
	"fmt"
	"math/big"
	"net/url"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Belgrade on machines without a zoneinfo database
)

// part is one piece of an Intl pattern: a literal, or a field (day, month, year, hour,
// minute, currency, number).
type part struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// formats are one locale's patterns.
type formats struct {
	Date        []part            `json:"date"`     // a point in time's day in Belgrade
	DateTime    []part            `json:"dateTime"` // with its time of day
	DayDate     []part            `json:"dayDate"`  // a calendar date, precision DAY
	MonthDate   []part            `json:"monthDate"`
	YearDate    []part            `json:"yearDate"`
	Months      []string          `json:"months"`      // in DayDate and Date
	MonthsAlone []string          `json:"monthsAlone"` // in MonthDate
	Group       string            `json:"group"`
	Decimal     string            `json:"decimal"`
	Money       map[string][]part `json:"money"` // by currency code
}

var belgrade = mustLoadLocation("Europe/Belgrade")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// fill writes a date pattern for t.
func fill(pattern []part, months []string, t time.Time) string {
	var b strings.Builder
	for _, p := range pattern {
		switch p.Type {
		case "day":
			b.WriteString(strconv.Itoa(t.Day()))
		case "month":
			b.WriteString(months[t.Month()-1])
		case "year":
			b.WriteString(strconv.Itoa(t.Year()))
		case "hour":
			fmt.Fprintf(&b, "%02d", t.Hour())
		case "minute":
			fmt.Fprintf(&b, "%02d", t.Minute())
		default:
			b.WriteString(p.Value)
		}
	}
	return b.String()
}

// formatDate is format.ts formatDate: an RFC 3339 time as its day in Belgrade.
func (f *formats) formatDate(iso string) string {
	t, err := time.Parse(time.RFC3339, iso)
	if err != nil {
		return iso
	}
	return fill(f.Date, f.Months, t.In(belgrade))
}

// formatDateTime is format.ts formatDateTime.
func (f *formats) formatDateTime(iso string) string {
	t, err := time.Parse(time.RFC3339, iso)
	if err != nil {
		return iso
	}
	return fill(f.DateTime, f.Months, t.In(belgrade))
}

// isoDay is format.ts isoDay: the day in Belgrade as YYYY-MM-DD.
func isoDay(iso string) string {
	t, err := time.Parse(time.RFC3339, iso)
	if err != nil {
		return iso
	}
	return t.In(belgrade).Format(time.DateOnly)
}

// formatCalendarDate is format.ts formatCalendarDate.
func (f *formats) formatCalendarDate(ymd, precision string) string {
	t, err := time.Parse(time.DateOnly, ymd)
	if err != nil {
		return ymd
	}
	switch precision {
	case "YEAR":
		return fill(f.YearDate, nil, t)
	case "MONTH":
		return fill(f.MonthDate, f.MonthsAlone, t)
	}
	return fill(f.DayDate, f.Months, t)
}

// formatPeriod is format.ts formatPeriod; "" when both ends are unknown.
func (f *formats) formatPeriod(start, end, precision, from, until string) string {
	var s, e string
	if start != "" {
		s = f.formatCalendarDate(start, precision)
	}
	if end != "" {
		e = f.formatCalendarDate(end, precision)
	}
	switch {
	case s != "" && e != "" && s == e:
		return s
	case s != "" && e != "":
		return s + " – " + e
	case s != "":
		return strings.Replace(from, "{date}", s, 1)
	case e != "":
		return strings.Replace(until, "{date}", e, 1)
	}
	return ""
}

// grouped writes the digits of a non-negative integer with the locale's group separator.
func (f *formats) grouped(digits string) string {
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(f.Group)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// formatNumber is format.ts formatNumber for an integer.
func (f *formats) formatNumber(n int) string {
	if n < 0 {
		return "-" + f.grouped(strconv.Itoa(-n))
	}
	return f.grouped(strconv.Itoa(n))
}

// formatMoney is format.ts formatMoney: whole amounts without decimals, others with two.
func (f *formats) formatMoney(amount, currency string) string {
	r, ok := new(big.Rat).SetString(strings.TrimSpace(amount))
	pattern := f.Money[currency]
	if !ok || r.Sign() < 0 || pattern == nil {
		return amount + " " + currency
	}
	digits := 2
	if r.IsInt() {
		digits = 0
	}
	whole, frac, _ := strings.Cut(r.FloatString(digits), ".")
	number := f.grouped(whole)
	if frac != "" {
		number += f.Decimal + frac
	}
	var b strings.Builder
	for _, p := range pattern {
		if p.Type == "number" {
			b.WriteString(number)
		} else {
			b.WriteString(p.Value)
		}
	}
	return b.String()
}

// pluralCategory is Intl.PluralRules' select for the portal's languages: English has one
// and other; Serbian one, few and other.
func pluralCategory(l string, n int) string {
	if l == "en" {
		if n == 1 {
			return "one"
		}
		return "other"
	}
	switch d, h := n%10, n%100; {
	case d == 1 && h != 11:
		return "one"
	case d >= 2 && d <= 4 && (h < 12 || h > 14):
		return "few"
	}
	return "other"
}

// fmtText is i18n fmt: {name} placeholders replaced, unknown ones left.
func fmtText(template string, pairs ...any) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		template = strings.ReplaceAll(template, "{"+fmt.Sprint(pairs[i])+"}", fmt.Sprint(pairs[i+1]))
	}
	return template
}

// encodeURIComponent is JavaScript's, for the values the app puts in links.
func encodeURIComponent(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// hostOf is partners.ts hostOf: a website's host for link text.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	return u.Host
}
