package app

// The full permission matrix arrives with the roles issue; until then
// viewers read, every other role writes, and only admins purge or manage
// instance settings. Every app method that writes calls these, so the
// matrix will have one place to plug in.

func canWriteRecords(a Actor) error {
	if a != nil && a.Role == RoleViewer {
		return errorf(EForbidden, "error.forbidden")
	}
	return nil
}

// CanWriteRecords tells pages whether to offer create, edit and delete
// buttons; the write methods check again.
func CanWriteRecords(a Actor) bool { return canWriteRecords(a) == nil }

// canManagePipelines lets admins and managers shape the sales process:
// pipelines, stages, lost reasons and the default currency.
func canManagePipelines(a Actor) error {
	if a != nil && a.Role != RoleAdmin && a.Role != RoleManager {
		return errorf(EForbidden, "error.forbidden")
	}
	return nil
}

// CanManagePipelines tells pages whether to offer pipeline settings.
func CanManagePipelines(a Actor) bool { return canManagePipelines(a) == nil }
