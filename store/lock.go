package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrInUse means a rolo server holds the database.
var ErrInUse = errors.New("a rolo server is using this database; stop it first")

// ServeLock is held by `rolo serve` for as long as it runs. The operating
// system drops it when the process dies, even by kill -9, so it never goes
// stale the way a pid file does.
type ServeLock struct{ f *os.File }

// LockForServe takes the server lock beside the database file.
func LockForServe(dbPath string) (*ServeLock, error) {
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	f, err := os.OpenFile(dbPath+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock file: %w", err)
	}
	if err := tryLock(f); err != nil {
		f.Close()
		return nil, ErrInUse
	}
	return &ServeLock{f: f}, nil
}

// Release lets another process take the lock.
func (l *ServeLock) Release() error {
	unlock(l.f)
	return l.f.Close()
}

// InUse tells whether a server currently holds the database.
func InUse(dbPath string) bool {
	l, err := LockForServe(dbPath)
	if err != nil {
		return errors.Is(err, ErrInUse)
	}
	l.Release()
	return false
}
