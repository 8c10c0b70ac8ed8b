-- The sign-in limits (see store/limiter.go for the rules), in the database so that every
-- instance on one database sees the same counts and a restart forgets nothing. Plain
-- types only: this file runs unchanged on SQLite and PostgreSQL.
--
-- Failed sign-ins, one row per attempt:
--
-- attempt:   a random ID chosen by the store, to take back one attempt
-- account:   the SHA-256 (hex) of the email as typed, normalised: accounts that do not
--            exist count too, and a password typed into the email field is not kept
-- network:   the client's network: 198.51.100.0/24, or 2001:db8:1:2::/64
-- failed_at: when the attempt began, in Unix seconds (it counts as a failure from then
--            until it succeeds)
-- turn_at:   when its password check was allowed to run, in Unix seconds: the account's
--            checks are spaced out under attack
-- Rows older than the window (15 minutes) are deleted as new ones are written.

CREATE TABLE login_failures (
  attempt   TEXT PRIMARY KEY,
  account   TEXT NOT NULL,
  network   TEXT NOT NULL,
  failed_at BIGINT NOT NULL,
  turn_at   BIGINT NOT NULL
);
CREATE INDEX login_failures_account ON login_failures (account, network, failed_at);
CREATE INDEX login_failures_network ON login_failures (network, failed_at);
CREATE INDEX login_failures_failed_at ON login_failures (failed_at);

-- The networks an account has signed in from (account and network as above), kept for 30
-- days after the last sign-in from each: other networks' failures do not slow them down.
CREATE TABLE login_networks (
  account      TEXT NOT NULL,
  network      TEXT NOT NULL,
  signed_in_at BIGINT NOT NULL,
  PRIMARY KEY (account, network)
);
CREATE INDEX login_networks_signed_in_at ON login_networks (signed_in_at);
