package cli

import (
	"fmt"
	"testing"
)

func TestParsePrefixes(t *testing.T) {
	got, err := parsePrefixes("127.0.0.1, 10.0.0.0/8,::1,192.168.1.7/16")
	if err != nil {
		t.Fatal(err)
	}
	want := "[127.0.0.1/32 10.0.0.0/8 ::1/128 192.168.0.0/16]"
	if fmt.Sprint(got) != want {
		t.Errorf("got %v, want %s", got, want)
	}
	if _, err := parsePrefixes("10.0.0.0/8,proxy.local"); err == nil {
		t.Error("a host name was accepted")
	}
}
