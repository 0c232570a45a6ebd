package api

import "net/http"

// The settings operations: what an admin or manager changes on the
// settings pages (pipelines and stages, custom fields, tags, activity
// types, users, web forms), goals and webhooks, each with the page's
// permission check.

var settingsOperations = []ApiOperation{
	{Method: "POST", Path: "/pipelines", Tag: "pipelines", Summary: "Create a pipeline with its open stages; a Won and a Lost stage follow (admins and managers)", Request: "PipelineInput", Response: "Pipeline", Status: 201},
	{Method: "GET", Path: "/pipelines/trash", Tag: "pipelines", Summary: "The pipelines in the trash, to restore (admins and managers)", Response: "PipelineList", Status: 200},
	{Method: "POST", Path: "/pipelines/order", Tag: "pipelines", Summary: "Put the pipelines in order: ids names each live pipeline once", Request: "OrderInput", Response: "PipelineList", Status: 200},
	{Method: "GET", Path: "/pipelines/{id}", Tag: "pipelines", Summary: "Show a pipeline with its stages", Response: "Pipeline", Status: 200},
	{Method: "PATCH", Path: "/pipelines/{id}", Tag: "pipelines", Summary: "Rename, archive or bring back a pipeline (with the version read)", Request: "PipelinePatch", Response: "Pipeline", Status: 200},
	{Method: "DELETE", Path: "/pipelines/{id}", Tag: "pipelines", Summary: "Move a pipeline to the trash; its deals first go to the target stages per kind", Status: 204, Query: []string{"target_open", "target_won", "target_lost"}},
	{Method: "POST", Path: "/pipelines/{id}/restore", Tag: "pipelines", Summary: "Take a pipeline out of the trash, at the end of the list (one not in the trash is answered as it is)", Response: "Pipeline", Status: 200},
	{Method: "POST", Path: "/pipelines/{id}/stages", Tag: "pipelines", Summary: "Add a stage: an open one before the won and lost stages, a closing one at the end", Request: "StageInput", Response: "Stage", Status: 201},
	{Method: "GET", Path: "/pipelines/{id}/stages/trash", Tag: "pipelines", Summary: "A pipeline's stages in the trash, to restore", Response: "StageList", Status: 200},
	{Method: "POST", Path: "/pipelines/{id}/stages/order", Tag: "pipelines", Summary: "Put a pipeline's stages in order: ids names each live stage once", Request: "OrderInput", Response: "Pipeline", Status: 200},
	{Method: "GET", Path: "/stages/{id}", Tag: "pipelines", Summary: "Show a stage", Response: "Stage", Status: 200},
	{Method: "PATCH", Path: "/stages/{id}", Tag: "pipelines", Summary: "Change a stage's name, probability, rot days, kind or archive it (with the version read)", Request: "StagePatch", Response: "Stage", Status: 200},
	{Method: "DELETE", Path: "/stages/{id}", Tag: "pipelines", Summary: "Move a stage to the trash; its deals first go to target_stage_id", Status: 204, Query: []string{"target_stage_id"}},
	{Method: "POST", Path: "/stages/{id}/restore", Tag: "pipelines", Summary: "Take a stage out of the trash, at the end of its pipeline (one not in the trash is answered as it is)", Response: "Stage", Status: 200},

	{Method: "GET", Path: "/deal-settings", Tag: "pipelines", Summary: "The default currency and the lost reasons deals offer", Response: "DealSettings", Status: 200},
	{Method: "PATCH", Path: "/deal-settings", Tag: "pipelines", Summary: "Change the default currency or the lost reasons (admins and managers)", Request: "DealSettingsPatch", Response: "DealSettings", Status: 200},

	{Method: "POST", Path: "/fields", Tag: "custom fields", Summary: "Add a custom field (admins)", Request: "FieldInput", Response: "Field", Status: 201},
	{Method: "GET", Path: "/fields/deleted", Tag: "custom fields", Summary: "Custom fields deleted lately, to restore (admins)", Response: "DeletedFieldList", Status: 200},
	{Method: "POST", Path: "/fields/deleted/{id}/restore", Tag: "custom fields", Summary: "Bring a deleted custom field back with its options and values; {id} is its audit_id (admins)", Response: "Field", Status: 200},
	{Method: "GET", Path: "/fields/{id}", Tag: "custom fields", Summary: "Show a custom field definition", Response: "Field", Status: 200},
	{Method: "PATCH", Path: "/fields/{id}", Tag: "custom fields", Summary: "Change a custom field: label, type, help, options… (admins)", Request: "FieldPatch", Response: "Field", Status: 200},
	{Method: "DELETE", Path: "/fields/{id}", Tag: "custom fields", Summary: "Delete a custom field with its values; the settings page can restore it (admins)", Status: 204},

	{Method: "POST", Path: "/tags/merge", Tag: "contacts", Summary: "Move every record of one tag onto another and delete the first", Request: "TagMergeInput", Response: "Tag", Status: 200},
	{Method: "GET", Path: "/tags/{id}", Tag: "contacts", Summary: "Show a tag (by id or name) with its use counts", Response: "Tag", Status: 200},
	{Method: "PATCH", Path: "/tags/{id}", Tag: "contacts", Summary: "Rename or recolour a tag (by id or name)", Request: "TagPatch", Response: "Tag", Status: 200},
	{Method: "DELETE", Path: "/tags/{id}", Tag: "contacts", Summary: "Remove a tag (by id or name) from every record and delete it", Status: 204},

	{Method: "POST", Path: "/activity-types", Tag: "activities", Summary: "Add an activity type at the end of the menu (admins)", Request: "ActivityTypeInput", Response: "ActivityType", Status: 201},
	{Method: "GET", Path: "/activity-types/{id}", Tag: "activities", Summary: "Show an activity type", Response: "ActivityType", Status: 200},
	{Method: "PATCH", Path: "/activity-types/{id}", Tag: "activities", Summary: "Change or archive an activity type (admins)", Request: "ActivityTypePatch", Response: "ActivityType", Status: 200},

	{Method: "GET", Path: "/date-reminders", Tag: "activities", Summary: "The date reminders: how many days ahead a birthday reminds (admins)", Response: "DateReminderList", Status: 200},
	{Method: "PATCH", Path: "/date-reminders/{id}", Tag: "activities", Summary: "Change how many days ahead a date reminds, or switch it off (admins)", Request: "DateReminderPatch", Response: "DateReminder", Status: 200},

	{Method: "GET", Path: "/users", Tag: "users", Summary: "List every account (admins)", Response: "UserList", Status: 200},
	{Method: "POST", Path: "/users", Tag: "users", Summary: "Add an account (admins)", Request: "UserInput", Response: "User", Status: 201},
	{Method: "GET", Path: "/users/{id}", Tag: "users", Summary: "Show an account (admins)", Response: "User", Status: 200},
	{Method: "PATCH", Path: "/users/{id}", Tag: "users", Summary: "Change an account's role, disable or enable it (admins)", Request: "UserPatch", Response: "User", Status: 200},
	{Method: "POST", Path: "/users/{id}/reset-password", Tag: "users", Summary: "Set someone's password and end their sessions (admins)", Request: "PasswordInput", Status: 204},
	{Method: "POST", Path: "/users/{id}/unlock", Tag: "users", Summary: "Let an account locked by failed logins try again (admins)", Status: 204},

	{Method: "GET", Path: "/permissions", Tag: "users", Summary: "Each role's level in each area and the records it sees (admins)", Response: "Permissions", Status: 200},
	{Method: "PATCH", Path: "/permissions", Tag: "users", Summary: "Change some cells of the permission matrix; admins keep every right (admins)", Request: "PermissionsPatch", Response: "Permissions", Status: 200},

	{Method: "GET", Path: "/field-protection", Tag: "custom fields", Summary: "Custom fields hidden from roles or read-only for them (admins)", Response: "FieldProtection", Status: 200},
	{Method: "PATCH", Path: "/field-protection", Tag: "custom fields", Summary: "Hide a custom field from roles, make it read-only, or lift that (admins)", Request: "FieldProtectionPatch", Response: "FieldProtection", Status: 200, Errors: []int{404}},
	{Method: "GET", Path: "/settings", Tag: "settings", Summary: "The instance's settings: retention, phone region, email logging, private webhooks (admins)", Response: "Settings", Status: 200},
	{Method: "PATCH", Path: "/settings", Tag: "settings", Summary: "Change some of the instance's settings; a refused one changes none (admins)", Request: "SettingsPatch", Response: "Settings", Status: 200},

	{Method: "GET", Path: "/web-forms", Tag: "web forms", Summary: "List the web forms", Response: "WebFormList", Status: 200},
	{Method: "POST", Path: "/web-forms", Tag: "web forms", Summary: "Build a web form", Request: "WebFormInput", Response: "WebForm", Status: 201},
	{Method: "GET", Path: "/web-forms/{id}", Tag: "web forms", Summary: "Show a web form", Response: "WebForm", Status: 200},
	{Method: "PATCH", Path: "/web-forms/{id}", Tag: "web forms", Summary: "Change a web form's settings; its address stays", Request: "WebFormPatch", Response: "WebForm", Status: 200},
	{Method: "DELETE", Path: "/web-forms/{id}", Tag: "web forms", Summary: "Delete a web form; its contacts stay", Status: 204},

	{Method: "PATCH", Path: "/goals/{id}", Tag: "goals", Summary: "Rename a goal, or move its target or deadline (a new deadline measures the baseline again)", Request: "GoalPatch", Response: "Goal", Status: 200},
}

func init() {
	ApiOperations = append(ApiOperations, settingsOperations...)
	// PATCH /webhooks/{id} takes every member of an endpoint, not only
	// the switch.
	for i, op := range ApiOperations {
		if op.Method == http.MethodPatch && op.Path == "/webhooks/{id}" {
			ApiOperations[i].Request = "WebhookPatch"
			ApiOperations[i].Summary = "Change an endpoint's URL, description or events, or switch it on or off"
		}
	}
	addSchemaTypes(map[string]any{
		"Pipeline":             PipelineJSON{},
		"PipelineInput":        PipelineInput{},
		"PipelinePatch":        PipelinePatch{},
		"OrderInput":           OrderInput{},
		"Stage":                StageJSON{},
		"StageList":            listJSON[StageJSON]{},
		"StageInput":           StageInput{},
		"StagePatch":           StagePatch{},
		"Field":                FieldJSON{},
		"FieldInput":           FieldInput{},
		"FieldPatch":           FieldPatch{},
		"Tag":                  TagJSON{},
		"TagPatch":             TagPatch{},
		"TagMergeInput":        TagMergeInput{},
		"ActivityTypeInput":    ActivityTypeInput{},
		"ActivityTypePatch":    ActivityTypePatch{},
		"User":                 UserJSON{},
		"UserList":             listJSON[UserJSON]{},
		"UserInput":            UserInput{},
		"UserPatch":            UserPatch{},
		"PasswordInput":        PasswordInput{},
		"WebForm":              WebFormJSON{},
		"WebFormList":          listJSON[WebFormJSON]{},
		"WebFormInput":         WebFormInput{},
		"WebFormPatch":         WebFormPatch{},
		"GoalPatch":            GoalPatch{},
		"DealSettings":         DealSettingsJSON{},
		"DealSettingsPatch":    DealSettingsPatch{},
		"DateReminder":         DateReminderJSON{},
		"DateReminderList":     listJSON[DateReminderJSON]{},
		"DateReminderPatch":    DateReminderPatch{},
		"Permissions":          PermissionsJSON{},
		"Settings":             SettingsJSON{},
		"DeletedField":         DeletedFieldJSON{},
		"DeletedFieldList":     listJSON[DeletedFieldJSON]{},
		"FieldProtection":      FieldProtectionJSON{},
		"FieldProtectionPatch": FieldProtectionJSON{},
		"SettingsPatch":        SettingsPatch{},
		"PermissionsPatch":     PermissionsPatch{},
		"WebhookPatch":         WebhookPatch{},
	})
	for name, p := range map[string]QueryParam{
		"target_open":     {text(), "the stage of another pipeline its open deals move to (needed while it holds any)"},
		"target_won":      {text(), "the stage of another pipeline its won deals move to"},
		"target_lost":     {text(), "the stage of another pipeline its lost deals move to"},
		"target_stage_id": {text(), "the stage of the same pipeline and kind its deals move to (needed while it holds any)"},
	} {
		queryParams[name] = p
	}
	for name, hint := range map[string]map[string]any{
		"PipelinePatch.version":          {"description": "the version last read: a change made since answers 409"},
		"FieldPatch.version":             {"description": "the version last read: a change made since answers 409"},
		"TagPatch.version":               {"description": "the version last read: a change made since answers 409"},
		"ActivityTypePatch.version":      {"description": "the version last read: a change made since answers 409"},
		"GoalPatch.version":              {"description": "the version last read: a change made since answers 409"},
		"WebFormPatch.version":           {"description": "the version last read: a change made since answers 409"},
		"WebForm.version":                {"description": "send it back with a PATCH: a change made since answers 409"},
		"Field.version":                  {"description": "send it back with a PATCH: a change made since answers 409"},
		"Tag.version":                    {"description": "send it back with a PATCH: a change made since answers 409"},
		"ActivityType.version":           {"description": "send it back with a PATCH: a change made since answers 409"},
		"Goal.version":                   {"description": "send it back with a PATCH: a change made since answers 409"},
		"Segment.version":                {"description": "a PATCH may send it back: a change made since answers 409"},
		"SegmentInput.version":           {"description": "PATCH only: the version last read, checked when sent"},
		"Webhook.version":                {"description": "send it back with a PATCH of url, description or events: a change made since answers 409"},
		"StagePatch.version":             {"description": "the version last read: a change made since answers 409"},
		"StagePatch.rot_days":            {"description": "days a deal may wait here before it is flagged; 0 or null: never"},
		"Stage.kind":                     {"enum": []any{"open", "won", "lost"}},
		"Pipeline.version":               {"description": "send it back with a PATCH: a change made since answers 409"},
		"Stage.version":                  {"description": "send it back with a PATCH: a change made since answers 409"},
		"FieldPatch.options":             {"description": "the whole list in order: an option with an id keeps it, one without is new, one left out is removed (409 while records still choose it)"},
		"User.role":                      {"enum": []any{"admin", "manager", "sales", "marketing", "support", "viewer"}},
		"Permissions.levels":             {"description": "role → area (contacts, deals, activities, imports, automation, forms, integrations, reports, settings) → none, view, create, edit, delete or manage"},
		"Permissions.visible":            {"description": "role → all (every record) or own (only those it owns or is assigned)"},
		"PermissionsPatch.levels":        {"description": "the cells to change, as in Permissions; admin cannot be changed"},
		"Settings.phone_region":          {"description": "ISO 3166 code of the region numbers without a country code are read in"},
		"Settings.retention_days":        {"description": "days trashed records and audit details are kept; 0 keeps them"},
		"DateReminderPatch.days_before":  {"description": "0 to 60"},
		"DealSettingsPatch.lost_reasons": {"description": "in the order offered; empty brings the built-in ones back"},
		"GoalPatch.target":               {"description": "as on the form: 30 (per cent), 1250.50 (money), 12 (count)"},
		"GoalPatch.deadline":             {"format": "date"},
		"WebhookPatch.version":           {"description": "the version last read: checked (409) when url, description or events change; switching on or off needs none"},
		"WebForm.url":                    {"format": "uri"},
		"WebFormInput.origins":           {"description": "https://example.com, one per site whose pages post the form from the browser"},
		"TagMergeInput.into":             {"description": "the tag that remains: its id or name"},
		"PasswordInput.password":         {"description": "at least 8 characters"},
	} {
		fieldHints[name] = hint
	}
}
