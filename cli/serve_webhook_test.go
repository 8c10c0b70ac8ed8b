package cli

import (
	"os"
	"testing"
)

// TestParseServeWebhookFlag: webhooks go to public addresses only unless the operator
// says otherwise, by flag or variable.
func TestParseServeWebhookFlag(t *testing.T) {
	t.Setenv("PORTAL_WEBHOOK_ALLOW_PRIVATE", "")
	os.Unsetenv("PORTAL_WEBHOOK_ALLOW_PRIVATE")
	for _, c := range []struct {
		name string
		env  string
		args []string
		want bool
	}{
		{"the default", "", nil, false},
		{"the flag", "", []string{"--webhook-allow-private"}, true},
		{"the variable", "true", nil, true},
		{"the flag wins", "true", []string{"--webhook-allow-private=false"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.env != "" {
				t.Setenv("PORTAL_WEBHOOK_ALLOW_PRIVATE", c.env)
			}
			opts, done, err := parseServe(c.args)
			if err != nil || done || opts.webhookAllowPrivate != c.want {
				t.Errorf("got allow-private %v (err %v, done %v), want %v", opts.webhookAllowPrivate, err, done, c.want)
			}
		})
	}
}
