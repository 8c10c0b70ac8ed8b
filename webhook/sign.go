// Package webhook delivers the portal's webhook events over HTTP, signed the Standard
// Webhooks way (https://www.standardwebhooks.com): the store queues the events and calls
// a Sender for each attempt.
package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// The headers of a signed delivery.
const (
	HeaderID        = "webhook-id"
	HeaderTimestamp = "webhook-timestamp"
	HeaderSignature = "webhook-signature"
)

// Sign is the webhook-signature of a message: "v1," and the base64 of the HMAC-SHA256,
// keyed by the secret's bytes (whsec_<base64>), of "id.timestamp.body".
func Sign(secret, id string, timestamp time.Time, body []byte) (string, error) {
	key, err := secretKey(secret)
	if err != nil {
		return "", err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + strconv.FormatInt(timestamp.Unix(), 10) + "."))
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
}

// Verify checks a delivery's headers against its body as a receiver would: a signature
// made with secret among the space-separated ones of webhook-signature, and a timestamp
// within tolerance of now (replays are refused).
func Verify(secret, id, timestamp, signatures string, body []byte, now time.Time, tolerance time.Duration) error {
	unix, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return errors.New("webhook-timestamp is not a number of seconds")
	}
	at := time.Unix(unix, 0)
	if at.Before(now.Add(-tolerance)) || at.After(now.Add(tolerance)) {
		return errors.New("webhook-timestamp is too far from now")
	}
	want, err := Sign(secret, id, at, body)
	if err != nil {
		return err
	}
	for _, sig := range strings.Fields(signatures) {
		if hmac.Equal([]byte(sig), []byte(want)) {
			return nil
		}
	}
	return errors.New("no signature matches")
}

// secretKey is the key a whsec_<base64> secret stands for.
func secretKey(secret string) ([]byte, error) {
	rest, ok := strings.CutPrefix(secret, "whsec_")
	key, err := base64.StdEncoding.DecodeString(rest)
	if !ok || err != nil || len(key) == 0 {
		return nil, errors.New("webhook: the secret is not whsec_<base64>")
	}
	return key, nil
}
