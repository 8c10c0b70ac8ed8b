package translit

import (
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	long := strings.Repeat("migracije ", 20) // 200 bytes
	tests := []struct{ in, want string }{
		{"", ""},
		{"!!!", ""},
		{" - ", ""},
		{"日本語", ""},
		{"Јачање сарадње Србије и Мађарске", "jacanje-saradnje-srbije-i-madjarske"},
		{"Support to Strengthening Migration", "support-to-strengthening-migration"},
		{"  Azil  ", "azil"},
		{"Đorđe Đokić", "djordje-djokic"},
		{"Čačak – Ćuprija", "cacak-cuprija"},
		{"Crème brûlée", "creme-brulee"},
		{"Straße", "strasse"},
		{"IOM/UNHCR 2024", "iom-unhcr-2024"},
		{"C++ & Go", "c-go"},
		{"--Džamija--", "dzamija"},
		{"ЉУБАВ и Њива", "ljubav-i-njiva"},
		{"Россия и Србија", "rossi-i-srbija"}, // я is not a-z: a separator
		{long, strings.TrimSuffix(strings.Repeat("migracije-", 8), "-")},
		{strings.Repeat("a", 100), strings.Repeat("a", 80)},
		{strings.Repeat("a", 80) + " b", strings.Repeat("a", 80)},
		{strings.Repeat("a", 79) + " b", strings.Repeat("a", 79)},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
