package store

// CursorFor lets tests build cursors the way list pages do.
func CursorFor(values []string) string { return encodeCursor(values) }
