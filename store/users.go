package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/mail"
	"strings"
	"time"
	"unicode"

	"github.com/uptrace/bun"
)

// Role is what an editors' account may do.
type Role string

// The roles.
const (
	RoleAdmin  Role = "ADMIN"  // manages accounts, and edits
	RoleEditor Role = "EDITOR" // edits content
)

// Valid tells whether r is one of the roles.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleEditor }

// User is an account of the agency's editors. Users are not content: Node does not
// resolve their global IDs, so `node(id:)` never shows them to the public.
type User struct {
	bun.BaseModel `bun:"table:users,alias:u"`

	ID           int64      `bun:",pk,autoincrement"`
	Email        string     `bun:",notnull"`
	PasswordHash string     `bun:",notnull" json:"-"`
	Role         Role       `bun:",notnull"`
	CreatedAt    time.Time  `bun:",notnull"`
	DisabledAt   *time.Time `bun:",nullzero"`
}

const kindUser = "User"

// GlobalID is the user's global object ID.
func (u *User) GlobalID() string { return globalID(kindUser, u.ID) }

// The errors of signing in. Their messages are what clients see.
var (
	// ErrBadCredentials: the email or the password is wrong (which one is not said).
	ErrBadCredentials = errors.New("wrong email or password")
	// ErrUnauthenticated: the caller is not signed in, or the session has ended.
	ErrUnauthenticated = errors.New("not signed in")
)

// Session lengths: a session ends after SessionIdle without a request, and SessionMax
// after it began, whichever comes first. last_seen_at is written at most once per
// sessionTouch, so browsing does not turn every request into a write.
const (
	SessionIdle  = 2 * time.Hour
	SessionMax   = 12 * time.Hour
	sessionTouch = time.Minute
)

// maxUserAgent is how much of a User-Agent a session keeps.
const maxUserAgent = 256

// Session is a signed-in browser. Its ID is the SHA-256 of the token in the cookie.
type Session struct {
	bun.BaseModel `bun:"table:sessions,alias:session"`

	ID         string    `bun:",pk"`
	UserID     int64     `bun:",notnull"`
	CreatedAt  time.Time `bun:",notnull"`
	LastSeenAt time.Time `bun:",notnull"`
	ExpiresAt  time.Time `bun:",notnull"`
	UserAgent  string    `bun:",notnull"`
}

// SetClock replaces the store's clock (time.Now), for tests of expiry and rate limits.
// Call it before the store is used.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// SetSleep replaces how the store waits for a login's turn (a timer that stops when the
// request's context ends), for tests of the sign-in limits on a test clock. Call it
// before the store is used.
func (s *Store) SetSleep(sleep func(ctx context.Context, d time.Duration) error) { s.sleep = sleep }

// clock is the current time in UTC, to the second, as times are stored.
func (s *Store) clock() time.Time { return s.now().UTC().Truncate(time.Second) }

// normalizeEmail is the form emails are stored and looked up in.
func normalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// checkEmail validates and normalizes an address: a bare address (no display name).
func checkEmail(email string) (string, error) {
	email = normalizeEmail(email)
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || len(email) > 254 || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
		return "", inputError("email", "is not an email address such as name@example.gov.rs")
	}
	return email, nil
}

// CreateUser adds an account. The email is validated and stored lower-cased; an email
// already in use, a role other than ADMIN or EDITOR or a password outside the policy
// (12 characters to 256 bytes) is an *InputError.
func (s *Store) CreateUser(ctx context.Context, email, password string, role Role) (*User, error) {
	u, err := s.newUser(email, password, role)
	if err != nil {
		return nil, err
	}
	if _, err := s.write.NewInsert().Model(u).Exec(ctx); err != nil {
		if s.engine.isUniqueViolation(err) {
			return nil, inputError("email", "is already in use")
		}
		return nil, err
	}
	return u, nil
}

// CreateFirstAdmin adds an admin only when there is no account at all, and reports whether
// it did. The check and the insert are one transaction.
func (s *Store) CreateFirstAdmin(ctx context.Context, email, password string) (bool, error) {
	u, err := s.newUser(email, password, RoleAdmin)
	if err != nil {
		return false, err
	}
	created := false
	err = s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.engine.serialize(ctx, tx, "first admin"); err != nil {
			return err
		}
		n, err := tx.NewSelect().Model((*User)(nil)).Count(ctx)
		if err != nil || n > 0 {
			return err
		}
		_, err = tx.NewInsert().Model(u).Exec(ctx)
		created = err == nil
		return err
	})
	return created, err
}

// CountUsers is how many accounts there are.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	n, err := s.read.NewSelect().Model((*User)(nil)).Count(ctx)
	return int(n), err
}

func (s *Store) newUser(email, password string, role Role) (*User, error) {
	email, err := checkEmail(email)
	if err != nil {
		return nil, err
	}
	if !role.Valid() {
		return nil, inputError("role", "must be ADMIN or EDITOR")
	}
	if err := checkPassword(password); err != nil {
		return nil, err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return nil, err
	}
	return &User{Email: email, PasswordHash: hash, Role: role, CreatedAt: s.clock()}, nil
}

// Authenticate returns the enabled user with this email and password, or
// ErrBadCredentials. It takes as long when no such user exists (a dummy hash is checked),
// so timing does not tell which emails have accounts.
func (s *Store) Authenticate(ctx context.Context, email, password string) (*User, error) {
	var u User
	err := s.read.NewSelect().Model(&u).Where("email = ?", normalizeEmail(email)).Scan(ctx)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		verifyPassword(dummyHash(), password)
		return nil, ErrBadCredentials
	case err != nil:
		return nil, err
	}
	if !verifyPassword(u.PasswordHash, password) || u.DisabledAt != nil {
		return nil, ErrBadCredentials
	}
	return &u, nil
}

// LoginRequest is a sign-in attempt.
type LoginRequest struct {
	Email     string
	Password  string
	Client    string // the client's IP address, for the limits per network
	UserAgent string
	Replaces  string // the token of the browser's current session, if any: ended on success
}

// NewSession is a session just begun: Token goes in the browser's cookie (the store
// keeps only its hash) until ExpiresAt.
type NewSession struct {
	Token     string
	ExpiresAt time.Time
}

// Login checks the sign-in limits, waits for the account's turn when it is under attack,
// checks the email and the password, and begins a session. It returns a *RateLimitError
// over a limit (before any password is checked) and ErrBadCredentials for a wrong email or
// password; a success clears the failures of the account from the client's network.
func (s *Store) Login(ctx context.Context, req LoginRequest) (*User, *NewSession, error) {
	attempt, err := s.beginLogin(ctx, req.Email, req.Client)
	if err != nil {
		return nil, nil, err
	}
	if err := s.waitTurn(ctx, attempt); err != nil {
		return nil, nil, err
	}
	u, err := s.Authenticate(ctx, req.Email, req.Password)
	if err != nil {
		if !errors.Is(err, ErrBadCredentials) {
			s.forgetAttempt(ctx, attempt)
		}
		return nil, nil, err
	}
	if err := s.loginSucceeded(ctx, attempt); err != nil {
		return nil, nil, err
	}
	sess, err := s.createSession(ctx, u.ID, req.UserAgent, req.Replaces)
	if err != nil {
		return nil, nil, err
	}
	return u, sess, nil
}

// sessionID is the stored ID of a session token: its SHA-256, in hex.
func sessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession begins a session for a user: a random 32-byte token, base64url. Sessions
// that have ended are deleted in the same transaction.
func (s *Store) CreateSession(ctx context.Context, userID int64, userAgent string) (*NewSession, error) {
	return s.createSession(ctx, userID, userAgent, "")
}

// createSession is CreateSession that also ends the session of the token replaced.
func (s *Store) createSession(ctx context.Context, userID int64, userAgent, replaced string) (*NewSession, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	now := s.clock()
	sess := &Session{
		ID: sessionID(token), UserID: userID, CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(SessionMax), UserAgent: trimUserAgent(userAgent),
	}
	err := s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewDelete().Model((*Session)(nil)).
			Where("expires_at <= ? OR last_seen_at <= ? OR id = ?", now, now.Add(-SessionIdle), sessionID(replaced)).Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewInsert().Model(sess).Exec(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &NewSession{Token: token, ExpiresAt: sess.ExpiresAt}, nil
}

// SessionUser returns the enabled user signed in with a session token, or
// ErrUnauthenticated when the token is unknown, revoked or ended (idle for SessionIdle,
// or older than SessionMax). It records the session's use at most once a minute.
func (s *Store) SessionUser(ctx context.Context, token string) (*User, error) {
	if token == "" || len(token) > 128 {
		return nil, ErrUnauthenticated
	}
	id := sessionID(token)
	var row struct {
		User       `bun:",extend"`
		LastSeenAt time.Time
		ExpiresAt  time.Time
	}
	err := s.read.NewSelect().Model((*User)(nil)).
		ColumnExpr("u.*, session.last_seen_at, session.expires_at").
		Join("JOIN sessions AS session ON session.user_id = u.id").
		Where("session.id = ?", id).Where("u.disabled_at IS NULL").
		Scan(ctx, &row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrUnauthenticated
	} else if err != nil {
		return nil, err
	}
	// Deleting an ended session and recording a session's use are housekeeping: on a full
	// or failing disk (StorageTrouble) they are skipped, so that editors can still read.
	now := s.clock()
	if !now.Before(row.ExpiresAt) || !now.Before(row.LastSeenAt.Add(SessionIdle)) {
		if _, err := s.write.NewDelete().Model((*Session)(nil)).Where("id = ?", id).Exec(ctx); err != nil && StorageTrouble(err) == nil {
			return nil, err
		}
		return nil, ErrUnauthenticated
	}
	if now.Sub(row.LastSeenAt) >= sessionTouch {
		if _, err := s.write.NewUpdate().Model((*Session)(nil)).Set("last_seen_at = ?", now).
			Where("id = ?", id).Exec(ctx); err != nil && StorageTrouble(err) == nil {
			return nil, err
		}
	}
	u := row.User
	return &u, nil
}

// RevokeSession ends the session of a token; an unknown token is not an error.
func (s *Store) RevokeSession(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	_, err := s.write.NewDelete().Model((*Session)(nil)).Where("id = ?", sessionID(token)).Exec(ctx)
	return err
}

// trimUserAgent keeps the first maxUserAgent bytes of a User-Agent, as valid UTF-8
// without control characters.
func trimUserAgent(ua string) string {
	ua = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(ua, ""))
	if len(ua) > maxUserAgent {
		ua = strings.ToValidUTF8(ua[:maxUserAgent], "") // drops a rune cut in two
	}
	return strings.TrimSpace(ua)
}
