package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Lock is a process's hold on a database file: `portal serve` holds it for as long as it
// runs, and Restore while it replaces the file, so neither can run while the other does
// (nor two servers on one file). It is an advisory lock (flock) on a lock file beside the
// database, portal.db.lock, which holds the holder's process ID for the messages of
// those it turns away. The kernel lets go of it when the process ends, however it ends
// (kill -9 included), so a crash never leaves a stale lock behind; the file itself stays,
// and what it says counts only while someone holds the lock.
//
// Commands that only read, or write through SQLite's own transactions (backup, export,
// import, user), do not take it: SQLite keeps them safe beside a running server.
type Lock struct {
	f *os.File
}

// InUseError is the answer of LockDatabase when another process holds the lock.
type InUseError struct {
	Path string // the database file
	PID  int    // the holder's process ID; 0 when its lock file does not say
}

func (e *InUseError) Error() string {
	holder := "another portal process"
	if e.PID > 0 {
		holder = fmt.Sprintf("another portal process (PID %d)", e.PID)
	}
	return fmt.Sprintf("%s is in use by %s, usually a running `portal serve`", e.Path, holder)
}

// LockFile is the path of a database's lock file.
func LockFile(dbPath string) string { return dbPath + ".lock" }

// LockDatabase takes the lock on the database file at dbPath without waiting: it returns
// an *InUseError when another process holds it. The database's folder is created when
// missing, as Open does, and a new lock file gets the database file's owner and mode.
func LockDatabase(dbPath string) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o750); err != nil {
		return nil, fmt.Errorf("store: create data directory: %w", err)
	}
	_, statErr := os.Stat(LockFile(dbPath))
	f, err := os.OpenFile(LockFile(dbPath), os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, fmt.Errorf("store: lock %s: %w", dbPath, err)
	}
	if errors.Is(statErr, fs.ErrNotExist) {
		// A new lock file gets the database's owner and mode, as Restore gives its file:
		// one made by a restore run as root must not keep the server from locking it.
		if err := sameOwner(f.Name(), dbPath); err != nil {
			f.Close()
			return nil, fmt.Errorf("store: lock %s: %w", dbPath, err)
		}
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("store: lock %s: %w", dbPath, err)
	}
	if held {
		pid := readPID(f)
		f.Close()
		return nil, &InUseError{Path: dbPath, PID: pid}
	}
	if err := writePID(f); err != nil {
		unlock(f)
		f.Close()
		return nil, fmt.Errorf("store: lock %s: %w", dbPath, err)
	}
	return &Lock{f: f}, nil
}

// Release lets go of the lock. The lock file stays: removing it would let a second
// process lock a new file while a third still waits on the old one.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0) // the PID no longer holds anything
	err := errors.Join(unlock(l.f), l.f.Close())
	l.f = nil
	return err
}

func writePID(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return err
}

// readPID is the process ID a lock file holds, 0 when it holds none.
func readPID(f *os.File) int {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	pid, err := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
	if err != nil || pid < 0 {
		return 0
	}
	return pid
}
