package mediafile

import "testing"

func TestNames(t *testing.T) {
	const name = "3f9ac2e1b07d4a55"
	tests := []struct {
		file string
		ok   bool
	}{
		{name + ".jpg", true},
		{name + ".png", true},
		{name + ".gif", true},
		{name + "-480.jpg", true},
		{name + "-2000.png", true},
		{name + "-9999.jpg", true},
		{name + "-10000.jpg", false}, // wider than any image is stored
		{name + "-0.jpg", false},
		{name + "-048.jpg", false},
		{name + ".jpeg", false},
		{name + ".svg", false},
		{name + ".webp", false},
		{"3F9AC2E1B07D4A55.jpg", false},
		{name[:15] + ".jpg", false},
		{name + "0.jpg", false},
		{name + ".jpg/", false},
		{"../" + name + ".jpg", false},
		{".upload-123", false},
		{"", false},
	}
	for _, tt := range tests {
		got, ok := NameOfFile(tt.file)
		if ok != tt.ok || (ok && got != name) {
			t.Errorf("NameOfFile(%q) = %q, %v; want ok=%v", tt.file, got, ok, tt.ok)
		}
		got, ok = NameOfURL(URL(tt.file))
		if ok != tt.ok || (ok && got != name) {
			t.Errorf("NameOfURL(%q) = %q, %v; want ok=%v", URL(tt.file), got, ok, tt.ok)
		}
	}
	for _, url := range []string{"https://example.org/media/" + name + ".jpg", "//example.org/media/" + name + ".jpg",
		"/media//" + name + ".jpg", "media/" + name + ".jpg", "/Media/" + name + ".jpg"} {
		if got, ok := NameOfURL(url); ok {
			t.Errorf("NameOfURL(%q) = %q, want no name", url, got)
		}
	}
	if !IsName(name) || IsName(name+".jpg") || IsName(name[:15]) || IsName("3F9AC2E1B07D4A55") {
		t.Error("IsName accepts the wrong shapes")
	}
}

func TestFiles(t *testing.T) {
	tests := []struct{ got, want string }{
		{File("3f9ac2e1b07d4a55", "image/jpeg"), "3f9ac2e1b07d4a55.jpg"},
		{File("3f9ac2e1b07d4a55", "image/png"), "3f9ac2e1b07d4a55.png"},
		{VariantFile("3f9ac2e1b07d4a55", 480, "image/gif"), "3f9ac2e1b07d4a55-480.gif"},
		{URL("3f9ac2e1b07d4a55-960.jpg"), "/media/3f9ac2e1b07d4a55-960.jpg"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
