package app

import "context"

// write stores the plan in one transaction.
func (m *migration) write(ctx context.Context) error {
	return errorf(EInvalid, "error.migration_source_unknown")
}
