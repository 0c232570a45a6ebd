package app

// CloseIdleReaders closes every idle reader connection of the database
// but one, and with each what it holds: its page cache (up to 2 MB), its
// parsed schema (about 0.7 MB of Rolo's) and its prepared statements.
// Serve calls it when its start-up is over (the start-up's jobs each took
// a reader) and when it falls quiet after a burst; the pool opens readers
// again as requests need them.
func (a *App) CloseIdleReaders() { a.db.CloseIdleReaders() }
