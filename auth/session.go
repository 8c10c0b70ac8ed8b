package auth

import (
	"context"
	"errors"
	"net/http"

	"github.com/agency/portal/store"
)

// The session cookie's names: under TLS the __Host- prefix makes browsers insist on
// Secure, Path=/ and no Domain.
const (
	CookieName       = "portal_session"
	SecureCookieName = "__Host-portal_session"
)

// errNoSessions is the error of Login and Logout on a request that did not go through
// Sessions: a mistake in the server's wiring, never a client's.
var errNoSessions = errors.New("auth: the request did not go through Sessions")

// UserFrom is the signed-in user of the request, nil when no one is signed in or the
// session has ended (then the cookie is cleared). It asks the store once per request, and
// only when something wants to know.
func UserFrom(ctx context.Context) (*store.User, error) {
	req := from(ctx)
	if req == nil {
		return nil, nil
	}
	req.userOnce.Do(func() {
		if req.token == "" {
			return
		}
		req.user, req.userErr = req.store.SessionUser(ctx, req.token)
		if errors.Is(req.userErr, store.ErrUnauthenticated) {
			req.user, req.userErr = nil, nil
			req.signOut()
		}
	})
	return req.user, req.userErr
}

// Login checks an email and password (with the store's sign-in limits, counted by the
// client's network) and, when they are right, starts a session and sets its cookie. A
// session the request already had is replaced.
func Login(ctx context.Context, email, password string) (*store.User, error) {
	req := from(ctx)
	if req == nil {
		return nil, errNoSessions
	}
	user, sess, err := req.store.Login(ctx, store.LoginRequest{
		Email: email, Password: password, Client: req.client, UserAgent: req.userAgent, Replaces: req.token,
	})
	if err != nil {
		return nil, err
	}
	req.setCookie(&http.Cookie{Value: sess.Token, Expires: sess.ExpiresAt}) // until the session's absolute end
	return user, nil
}

// Logout ends the request's session, if it has one, and clears its cookie.
func Logout(ctx context.Context) error {
	req := from(ctx)
	if req == nil {
		return errNoSessions
	}
	if err := req.store.RevokeSession(ctx, req.token); err != nil {
		return err
	}
	req.signOut()
	return nil
}

func (req *request) cookieName() string {
	if req.secure {
		return SecureCookieName
	}
	return CookieName
}

// signOut clears the session cookie.
func (req *request) signOut() {
	req.setCookie(&http.Cookie{MaxAge: -1})
}

func (req *request) setCookie(c *http.Cookie) {
	req.cookieMu.Lock()
	defer req.cookieMu.Unlock()
	c.Name, c.Path, c.HttpOnly, c.Secure, c.SameSite = req.cookieName(), "/", true, req.secure, http.SameSiteLaxMode
	http.SetCookie(req.w, c)
}
