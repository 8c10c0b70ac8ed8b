package store

import (
	"regexp"
	"slices"
	"strings"
)

// DefaultDACCode is the OECD DAC 5-digit sector of a project an editor gave no codes:
// 15190, "Facilitation of orderly, safe, regular and responsible migration and mobility".
const DefaultDACCode = "15190"

// maxDACCodes is the most sector codes a project may have.
const maxDACCodes = 10

// dacPattern is an OECD DAC 5-digit purpose code: five digits, the first not 0.
var dacPattern = regexp.MustCompile(`^[1-9][0-9]{4}$`)

// checkDACCodes checks a project's sector codes: each five digits, none twice, at most
// maxDACCodes.
func checkDACCodes(field string, codes []string) error {
	if err := check(field, len(codes) <= maxDACCodes, "has more than %d codes", maxDACCodes); err != nil {
		return err
	}
	for i, c := range codes {
		if err := firstError(
			check(field, dacPattern.MatchString(c), "%q is not an OECD DAC 5-digit sector code such as %s", c, DefaultDACCode),
			check(field, !slices.Contains(codes[:i], c), "lists %q twice", c)); err != nil {
			return err
		}
	}
	return nil
}

// SectorCodes are the project's OECD DAC sector codes, DefaultDACCode when it has none.
func (p *Project) SectorCodes() []string {
	if len(p.DACCodes) == 0 {
		return []string{DefaultDACCode}
	}
	return p.DACCodes
}

func trimmedCodes(codes []string) []string {
	out := []string{}
	for _, c := range codes {
		out = append(out, strings.TrimSpace(c))
	}
	return out
}

// codesOrNil is nil for no codes: the content format leaves the field out then.
func codesOrNil(codes []string) []string {
	if len(codes) == 0 {
		return nil
	}
	return codes
}
