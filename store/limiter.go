package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"time"

	"github.com/uptrace/bun"
)

// The sign-in limits. Failed sign-ins are rows of the database (login_failures, see
// migrations/005_login_limits.sql), so that every instance on one database sees the same
// counts and a restart forgets nothing. A client counts by its network: an IPv4 address by
// its /24, an IPv6 address by its /64 (the block one subscriber usually holds).
//
//   - One network may fail MaxAccountFailuresPerNetwork times on one account in
//     LoginWindow; beyond that its attempts on that account are refused (RATE_LIMITED).
//   - One network may fail MaxNetworkFailures times in LoginWindow on any accounts;
//     beyond that all its attempts are refused.
//   - An account is never locked for everyone. Once it has failed SlowAfterAccountFailures
//     times in LoginWindow, from any networks, the password checks on it are spaced out:
//     1 s apart, then 2, 4, 8 s, and at most MaxLoginDelay. An attempt waits for its turn
//     (holding no database connection); one whose turn is further than MaxLoginDelay away
//     is refused. Guessing from many networks gets about six checks a minute per account.
//   - A network the account signed in from in the last KnownNetworkFor is not spaced out
//     (only its own limits above apply), so the owner at the office or at home signs in at
//     once even during such an attack; from a new network, after a wait or a retry.
//
// An attempt counts as a failure from its start until it succeeds, so parallel attempts
// cannot slip past a limit. A success removes the failures of its account and network
// (the other networks' failures stay).
const (
	LoginWindow                  = 15 * time.Minute
	MaxAccountFailuresPerNetwork = 5
	MaxNetworkFailures           = 20
	SlowAfterAccountFailures     = 5
	MaxLoginDelay                = 10 * time.Second
	KnownNetworkFor              = 30 * 24 * time.Hour
)

// RateLimitError refuses a login attempt: try again after RetryAfter.
type RateLimitError struct {
	RetryAfter time.Duration
	// Unavailable: the attempt could not be counted (the database failed), so it was
	// refused rather than let through uncounted.
	Unavailable bool
}

func (e *RateLimitError) Error() string {
	if e.Unavailable {
		return fmt.Sprintf("signing in is not possible at the moment: try again in %d seconds", e.Seconds())
	}
	return fmt.Sprintf("too many failed sign-in attempts: try again in %d seconds", e.Seconds())
}

// Seconds is RetryAfter in whole seconds, rounded up, at least 1.
func (e *RateLimitError) Seconds() int {
	return max(1, int((e.RetryAfter+time.Second-1)/time.Second))
}

// loginFailure is a row of login_failures: an attempt that has not succeeded (yet).
type loginFailure struct {
	bun.BaseModel `bun:"table:login_failures,alias:lf"`

	Attempt  string `bun:",pk"`
	Account  string `bun:",notnull"` // accountKey of the email
	Network  string `bun:",notnull"` // networkOf the client
	FailedAt int64  `bun:",notnull"` // Unix seconds
	TurnAt   int64  `bun:",notnull"` // Unix seconds: when its password check could run
}

// loginNetwork is a row of login_networks: a network the account signed in from.
type loginNetwork struct {
	bun.BaseModel `bun:"table:login_networks,alias:ln"`

	Account    string `bun:",pk"`
	Network    string `bun:",pk"`
	SignedInAt int64  `bun:",notnull"` // Unix seconds
}

// loginAttempt is an attempt that was counted and allowed: its password may be checked
// after wait.
type loginAttempt struct {
	row  loginFailure
	wait time.Duration
}

// accountKey is what an email counts under: the SHA-256 of its normalised form, so that
// a password typed into the email field is never stored.
func accountKey(email string) string {
	sum := sha256.Sum256([]byte(normalizeEmail(email)))
	return hex.EncodeToString(sum[:])
}

// networkOf is the network a client address counts under: IPv4 by /24, IPv6 by /64.
// Anything that is not an IP address counts as itself.
func networkOf(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	ip = ip.Unmap()
	bits := 64
	if ip.Is4() {
		bits = 24
	}
	p, _ := ip.WithZone("").Prefix(bits)
	return p.String()
}

// loginDelay is how far apart an account's password checks are once it has this many
// failures in the window: none below SlowAfterAccountFailures, then 1 s, doubling with
// each failure, at most MaxLoginDelay.
func loginDelay(failures int) time.Duration {
	if failures < SlowAfterAccountFailures {
		return 0
	}
	doublings := min(failures-SlowAfterAccountFailures, 8)
	return min(MaxLoginDelay, time.Second<<doublings)
}

// beginLogin counts an attempt on the account of email from client, or refuses it with a
// *RateLimitError. An allowed attempt is written at once as a failure (so parallel
// attempts see it), with its turn; when it does not end as a failure, loginSucceeded or
// forgetAttempt must follow.
//
// The checks and the write are one transaction, and the attempts on one account, and from
// one network, are counted one after the other (serialize: on SQLite the write pool's one
// connection and BEGIN IMMEDIATE; on PostgreSQL advisory locks, first the account's, then
// the network's, always in that order, so two attempts never wait for each other's).
func (s *Store) beginLogin(ctx context.Context, email, client string) (*loginAttempt, error) {
	now := s.clock()
	row := loginFailure{Attempt: rand.Text(), Account: accountKey(email), Network: networkOf(client), FailedAt: now.Unix()}
	err := s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.engine.serialize(ctx, tx, "login account "+row.Account); err != nil {
			return err
		}
		if err := s.engine.serialize(ctx, tx, "login network "+row.Network); err != nil {
			return err
		}
		turn, err := checkLoginLimits(ctx, tx, row, now)
		if err != nil {
			return err
		}
		row.TurnAt = turn.Unix()
		return recordFailure(ctx, tx, &row, now)
	})
	var limited *RateLimitError
	switch {
	case errors.As(err, &limited):
		return nil, err
	case err != nil && ctx.Err() != nil: // the client went: nothing to log
		return nil, &RateLimitError{RetryAfter: time.Second}
	case err != nil:
		return nil, s.limitsFailed(err)
	}
	return &loginAttempt{row: row, wait: time.Unix(row.TurnAt, 0).Sub(s.now())}, nil
}

// checkLoginLimits refuses an attempt over its network's limits or too far from its
// account's next turn, and otherwise gives the time its password may be checked.
func checkLoginLimits(ctx context.Context, tx bun.Tx, row loginFailure, now time.Time) (time.Time, error) {
	onAccount := recentFailures(tx, now).Where("account = ?", row.Account).Where("network = ?", row.Network)
	if err := refuseAtLimit(ctx, onAccount, MaxAccountFailuresPerNetwork, now); err != nil {
		return time.Time{}, err
	}
	fromNetwork := recentFailures(tx, now).Where("network = ?", row.Network)
	if err := refuseAtLimit(ctx, fromNetwork, MaxNetworkFailures, now); err != nil {
		return time.Time{}, err
	}
	known, err := tx.NewSelect().Model((*loginNetwork)(nil)).
		Where("account = ? AND network = ? AND signed_in_at > ?", row.Account, row.Network, now.Add(-KnownNetworkFor).Unix()).
		Exists(ctx)
	if err != nil || known {
		return now, err
	}
	return accountTurn(ctx, tx, row.Account, now)
}

// recentFailures selects the failures within the window.
func recentFailures(tx bun.Tx, now time.Time) *bun.SelectQuery {
	return tx.NewSelect().Model((*loginFailure)(nil)).Where("failed_at > ?", now.Add(-LoginWindow).Unix())
}

// accountTurn is when the next password check on an account may run: now while it has
// few failures in the window, else loginDelay after its last check's turn. A turn more
// than MaxLoginDelay away is refused.
func accountTurn(ctx context.Context, tx bun.Tx, account string, now time.Time) (time.Time, error) {
	var failures int
	var lastTurn int64
	err := recentFailures(tx, now).ColumnExpr("count(*), coalesce(max(turn_at), 0)").Where("account = ?", account).
		Scan(ctx, &failures, &lastTurn)
	if err != nil {
		return time.Time{}, err
	}
	delay := loginDelay(failures)
	turn := time.Unix(lastTurn, 0).UTC().Add(delay)
	if delay == 0 || turn.Before(now) {
		return now, nil
	}
	if wait := turn.Sub(now); wait > MaxLoginDelay {
		return time.Time{}, &RateLimitError{RetryAfter: wait - MaxLoginDelay}
	}
	return turn, nil
}

// refuseAtLimit refuses with a *RateLimitError when the failures selected number limit
// or more: until enough of them have left the window.
func refuseAtLimit(ctx context.Context, failures *bun.SelectQuery, limit int, now time.Time) error {
	var newest []int64
	err := failures.Column("failed_at").OrderExpr("failed_at DESC").Limit(int64(limit)).Scan(ctx, &newest)
	if err != nil || len(newest) < limit {
		return err
	}
	return &RateLimitError{RetryAfter: time.Unix(newest[limit-1], 0).Add(LoginWindow).Sub(now)}
}

// recordFailure writes an attempt as a failure, and deletes the failures that have left
// the window (an indexed range, usually empty).
func recordFailure(ctx context.Context, tx bun.Tx, row *loginFailure, now time.Time) error {
	_, err := tx.NewDelete().Model((*loginFailure)(nil)).Where("failed_at <= ?", now.Add(-LoginWindow).Unix()).Exec(ctx)
	if err != nil {
		return err
	}
	_, err = tx.NewInsert().Model(row).Exec(ctx)
	return err
}

// waitTurn waits until the attempt may check its password, holding no database
// connection. When ctx ends first, the attempt is taken back and refused.
func (s *Store) waitTurn(ctx context.Context, a *loginAttempt) error {
	if a.wait <= 0 {
		return nil
	}
	if err := s.sleep(ctx, a.wait); err != nil {
		s.forgetAttempt(ctx, a)
		return &RateLimitError{RetryAfter: a.wait}
	}
	return nil
}

// loginSucceeded removes the failures of the attempt's account from its network (this
// attempt's included) and records the network as known to the account, in one
// transaction; known networks unused for KnownNetworkFor are deleted.
func (s *Store) loginSucceeded(ctx context.Context, a *loginAttempt) error {
	known := &loginNetwork{Account: a.row.Account, Network: a.row.Network, SignedInAt: s.clock().Unix()}
	return s.write.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewDelete().Model((*loginFailure)(nil)).
			Where("account = ?", a.row.Account).Where("network = ?", a.row.Network).Exec(ctx)
		if err != nil {
			return err
		}
		_, err = tx.NewDelete().Model((*loginNetwork)(nil)).
			Where("signed_in_at <= ?", known.SignedInAt-int64(KnownNetworkFor/time.Second)).Exec(ctx)
		if err != nil {
			return err
		}
		_, err = tx.NewInsert().Model(known).
			On("CONFLICT (account, network) DO UPDATE").Set("signed_in_at = EXCLUDED.signed_in_at").Exec(ctx)
		return err
	})
}

// forgetAttempt takes back an attempt whose password was not checked (the client went,
// or the database failed): it is no failure. It runs even when ctx has ended; if it
// cannot, the attempt stays counted as a failure, the safe side.
func (s *Store) forgetAttempt(ctx context.Context, a *loginAttempt) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if _, err := s.write.NewDelete().Model((*loginFailure)(nil)).Where("attempt = ?", a.row.Attempt).Exec(ctx); err != nil {
		s.limitsFailed(err)
	}
}

// limitsFailed is the answer when the login limits cannot be read or written: the
// attempt is refused, never let through uncounted, and the trouble is logged at most
// once a minute, so that a flood of attempts is not a flood of log lines.
func (s *Store) limitsFailed(err error) error {
	now := time.Now().Unix()
	if last := s.limitsLoggedAt.Load(); now-last >= 60 && s.limitsLoggedAt.CompareAndSwap(last, now) {
		slog.Error("store: the login limits cannot be written, so sign-ins are refused", "err", err)
	}
	if trouble := StorageTrouble(err); trouble != nil {
		return trouble // a full or failing disk is named as such (UNAVAILABLE), not as a limit
	}
	return &RateLimitError{RetryAfter: time.Minute, Unavailable: true}
}

// sleepContext waits for d, or until ctx ends (then it returns ctx's error).
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
