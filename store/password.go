package store

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Passwords are hashed with argon2id at OWASP's parameters (19 MiB, 2 passes, 1 lane), a
// 16-byte random salt and a 32-byte key, and stored PHC-encoded:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key> (unpadded standard base64). A stored hash
// carries its own parameters, so they can be raised later without breaking old hashes.
const (
	argonMemory  = 19456 // KiB
	argonTime    = 2
	argonThreads = 1
	argonSaltLen = 16
	argonKeyLen  = 32
)

// The password policy.
const (
	MinPasswordChars = 12  // characters (runes), not bytes
	MaxPasswordBytes = 256 // bytes
)

// hashing bounds how many hashes run at once: each takes 19 MiB, so a flood of logins
// queues instead of exhausting memory.
var hashing = make(chan struct{}, max(2, runtime.NumCPU()))

// checkPassword applies the password policy. Its error never contains the password.
func checkPassword(password string) error {
	switch {
	case len(password) > MaxPasswordBytes:
		return inputError("password", "must be at most %d bytes", MaxPasswordBytes)
	case !utf8.ValidString(password):
		return inputError("password", "must be valid UTF-8 text")
	case utf8.RuneCountInString(password) < MinPasswordChars:
		return inputError("password", "must be at least %d characters", MinPasswordChars)
	}
	return nil
}

// hashPassword returns the PHC-encoded argon2id hash of password with a fresh salt.
func hashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argonKey(password, salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

func argonKey(password string, salt []byte, t, m uint32, p uint8, keyLen uint32) []byte {
	hashing <- struct{}{}
	defer func() { <-hashing }()
	hashCosts.Add(uint64(t) * uint64(m)) // passes over memory, in KiB
	return argon2.IDKey([]byte(password), salt, t, m, p, keyLen)
}

// hashCosts adds up the work of the password hashes computed (time cost × memory), so a
// test can check that an unknown email costs as much as a known one without timing it on
// a busy machine.
var hashCosts atomic.Uint64

// verifyPassword tells, in constant time for a given hash, whether password matches the
// PHC-encoded hash. A malformed hash matches nothing.
func verifyPassword(encoded, password string) bool {
	t, m, p, salt, key, err := parsePHC(encoded)
	if err != nil {
		return false
	}
	got := argonKey(password, salt, t, m, p, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

var errBadHash = errors.New("store: malformed password hash")

func parsePHC(encoded string) (t, m uint32, p uint8, salt, key []byte, err error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return 0, 0, 0, nil, nil, errBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return 0, 0, 0, nil, nil, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil ||
		m < 8 || m > 1<<21 || t < 1 || t > 16 || p < 1 {
		return 0, 0, 0, nil, nil, errBadHash
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil || len(salt) < 8 {
		return 0, 0, 0, nil, nil, errBadHash
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 || len(key) > 64 {
		return 0, 0, 0, nil, nil, errBadHash
	}
	return t, m, p, salt, key, nil
}

// dummyHash is a hash of no one's password: Authenticate checks against it when the email
// is unknown, so that a wrong email takes as long as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, err := hashPassword("not anyone's password, only here to take time")
	if err != nil {
		panic(err)
	}
	return h
})
