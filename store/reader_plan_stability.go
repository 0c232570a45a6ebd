package store

import (
	"context"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"

	"modernc.org/libc"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Readers plan each statement once, whatever values are bound to it later:
// SQLite's query planner stability guarantee (SQLITE_DBCONFIG_ENABLE_QPSG).
//
// Without it, SQLite 3.54 plans a statement again whenever the value bound
// to a "col = ?" term of a query with an ORDER BY moves to or from 0 or 1.
// FTS5 finds a term in each segment of the search index with such a
// statement (segid = ? AND term <= ? ORDER BY term DESC), and segment 1 is
// nearly always one of several, so every search parsed and planned that
// statement again, once or twice per word: 16 % of a search's CPU on the
// 100,000-contact demo under load. Plans that looked at a bound LIMIT or at
// a bound value matching a partial index's condition are the price; the
// EXPLAIN QUERY PLAN tests run on the readers and hold every list to its
// index.
//
// The writer keeps SQLite's default: the guarantee is about the read path.

// readerDriver opens the reader pool's connections.
var readerDriver = func() *sqlite.Driver {
	d := &sqlite.Driver{}
	d.RegisterConnectionHook(func(conn sqlite.ExecQuerierContext, _ string) error {
		_, err := setPlanStability(conn, 1)
		return err
	})
	return d
}()

var errOutOfMemory = errors.New("sqlite: out of memory")

// readerConnector hands database/sql reader connections of dsn.
type readerConnector struct{ dsn string }

func (c readerConnector) Connect(context.Context) (driver.Conn, error) {
	return readerDriver.Open(c.dsn)
}

func (c readerConnector) Driver() driver.Driver { return readerDriver }

// setPlanStability sets the connection's guarantee on (1) or off (0), or
// with -1 only reads it, and returns what it is now.
func setPlanStability(conn any, onoff int32) (bool, error) {
	db, tls, err := sqliteHandle(conn)
	if err != nil {
		return false, err
	}
	// sqlite3_db_config(db, op, int onoff, int *pRes): the C varargs are
	// one 8-byte slot each in libc's list.
	args := libc.Xmalloc(tls, 2*8)
	if args == 0 {
		return false, errOutOfMemory
	}
	defer libc.Xfree(tls, args)
	res := libc.Xmalloc(tls, 4)
	if res == 0 {
		return false, errOutOfMemory
	}
	defer libc.Xfree(tls, res)
	if rc := sqlite3.Xsqlite3_db_config(tls, db, sqlite3.SQLITE_DBCONFIG_ENABLE_QPSG, libc.VaList(args, onoff, res)); rc != sqlite3.SQLITE_OK {
		return false, fmt.Errorf("sqlite3_db_config(ENABLE_QPSG): code %d", rc)
	}
	return binary.NativeEndian.Uint32(libc.GoBytes(res, 4)) != 0, nil
}

// sqliteHandle finds SQLite's handle and the driver's C thread state in a
// connection of modernc.org/sqlite. The driver keeps them in unexported
// fields and has no call for sqlite3_db_config's other options, so reflect
// reads them; a driver without them fails every reader's open, which every
// test of this package would show at once.
func sqliteHandle(conn any) (db uintptr, tls *libc.TLS, err error) {
	v := reflect.ValueOf(conn)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return 0, nil, fmt.Errorf("sqlite connection of an unknown kind: %T", conn)
	}
	dbField, tlsField := v.Elem().FieldByName("db"), v.Elem().FieldByName("tls")
	if !dbField.IsValid() || dbField.Kind() != reflect.Uintptr ||
		!tlsField.IsValid() || tlsField.Type() != reflect.TypeFor[*libc.TLS]() {
		return 0, nil, fmt.Errorf("sqlite connection %T has no db and tls fields: the driver changed", conn)
	}
	return uintptr(dbField.Uint()), (*libc.TLS)(tlsField.UnsafePointer()), nil
}
