package app

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// The IMAP app passwords are sealed with a key kept outside the database:
// in a file beside it (rolo.db.key), made on first use, readable by its
// owner only. A copy of rolo.db alone — a backup, a file sent for help —
// does not give the passwords away; a restore on another machine without
// the key file asks each user for their app password again.

// errKeyLost means a sealed password cannot be opened with the key file
// there is now (it was deleted, or the database was moved without it).
var errKeyLost = errors.New("the key file does not open this password")

// KeyFilePath is where the key beside the database lives.
func (a *App) KeyFilePath() string { return a.db.Path + ".key" }

// secretKey reads the key file, making it (32 random bytes, in hex) on
// first use. A file others may read is tightened to 0600.
func (a *App) secretKey() ([]byte, error) {
	path := a.KeyFilePath()
	for range 2 {
		data, err := os.ReadFile(path)
		if err == nil {
			key, err := hex.DecodeString(strings.TrimSpace(string(data)))
			if err != nil || len(key) != 32 {
				return nil, fmt.Errorf("key file %s is not a Rolo key", path)
			}
			if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 {
				_ = os.Chmod(path, 0o600)
			}
			return key, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue // made by another process just now: read that one
		}
		if err != nil {
			return nil, err
		}
		_, werr := f.WriteString(hex.EncodeToString(key) + "\n")
		if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
			_ = os.Remove(path)
			return nil, err
		}
		return key, nil
	}
	return nil, fmt.Errorf("key file %s: cannot be read or made", path)
}

// seal encrypts secret for one user with AES-256-GCM: a random nonce, then
// the ciphertext, bound to the user so a sealed value cannot be moved to
// another account.
func (a *App) seal(userID, secret string) ([]byte, error) {
	gcm, err := a.cipher()
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return gcm.Seal(nonce, nonce, []byte(secret), []byte(userID)), nil
}

// open decrypts what seal made.
func (a *App) open(userID string, sealed []byte) (string, error) {
	gcm, err := a.cipher()
	if err != nil {
		return "", err
	}
	if len(sealed) < gcm.NonceSize() {
		return "", errKeyLost
	}
	plain, err := gcm.Open(nil, sealed[:gcm.NonceSize()], sealed[gcm.NonceSize():], []byte(userID))
	if err != nil {
		return "", errKeyLost
	}
	return string(plain), nil
}

func (a *App) cipher() (cipher.AEAD, error) {
	key, err := a.secretKey()
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}
