package store

import (
	"container/list"
	"context"
	"database/sql"
	"sync"
)

// readerStatements bounds the statements the reader pool keeps. The hot
// paths' SQL is fixed text and takes a few dozen; the rest (a list's
// rarer filter combinations, exports) come and go.
const readerStatements = 256

// readPool is the reader pool with the statements it has prepared. Parsing
// a page's SQL cost as much as running it; a kept *sql.Stmt is prepared
// once on each connection that runs it (database/sql keeps one per
// connection) and reused from then on.
type readPool struct {
	*sql.DB
	mu    sync.Mutex
	stmts map[string]*list.Element // of *keptStmt, most recently used first
	lru   list.List
}

// keptStmt is a kept statement and how many calls are starting to use it,
// so that one pushed out of the pool is closed only after they have.
type keptStmt struct {
	query   string
	st      *sql.Stmt
	using   int
	evicted bool
}

func newReadPool(db *sql.DB) *readPool {
	return &readPool{DB: db, stmts: map[string]*list.Element{}}
}

// QueryContext runs query through its kept statement.
func (p *readPool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	k, err := p.acquire(ctx, query)
	if err != nil {
		return nil, err
	}
	defer p.release(k)
	// Open rows keep the statement's connection, not the statement: once
	// the call returns, Close no longer waits for them.
	return k.st.QueryContext(ctx, args...)
}

// QueryRowContext is QueryContext for one row.
func (p *readPool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	k, err := p.acquire(ctx, query)
	if err != nil {
		return p.DB.QueryRowContext(ctx, query, args...) // reports the same error on Scan
	}
	defer p.release(k)
	return k.st.QueryRowContext(ctx, args...)
}

func (p *readPool) acquire(ctx context.Context, query string) (*keptStmt, error) {
	p.mu.Lock()
	if e, ok := p.stmts[query]; ok {
		p.lru.MoveToFront(e)
		k := e.Value.(*keptStmt)
		k.using++
		p.mu.Unlock()
		return k, nil
	}
	p.mu.Unlock()
	// Prepared outside the lock: two callers may both prepare a new
	// statement, and the second keeps the first's.
	st, err := p.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	var unused *sql.Stmt
	p.mu.Lock()
	k := &keptStmt{query: query, st: st, using: 1}
	if e, ok := p.stmts[query]; ok {
		unused, k = st, e.Value.(*keptStmt)
		k.using++
	} else {
		p.stmts[query] = p.lru.PushFront(k)
		if p.lru.Len() > readerStatements {
			oldest := p.lru.Remove(p.lru.Back()).(*keptStmt)
			delete(p.stmts, oldest.query)
			oldest.evicted = true
			if oldest.using == 0 {
				unused = oldest.st
			}
		}
	}
	p.mu.Unlock()
	if unused != nil {
		unused.Close()
	}
	return k, nil
}

func (p *readPool) release(k *keptStmt) {
	p.mu.Lock()
	k.using--
	closeNow := k.evicted && k.using == 0
	p.mu.Unlock()
	if closeNow {
		k.st.Close()
	}
}

// Close closes the kept statements, then the pool.
func (p *readPool) Close() error {
	p.mu.Lock()
	for e := p.lru.Front(); e != nil; e = e.Next() {
		e.Value.(*keptStmt).st.Close()
	}
	p.lru.Init()
	clear(p.stmts)
	p.mu.Unlock()
	return p.DB.Close()
}
