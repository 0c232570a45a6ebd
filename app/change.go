package app

import (
	"context"
	"encoding/json"
	"sort"

	"rolo/store"
)

// Change is one write as the audit log keeps it and as rules, webhooks,
// scoring and notifications hear of it: record stores it and derives the
// events from these typed fields, so an event cannot be lost to a renamed
// detail key.
type Change struct {
	Action AuditAction
	Entity string // contact, deal, task, settings…
	ID     string // the record's ID, or the setting's key
	// Name is the record's name at the time, for the log and history;
	// stored when not empty (a name that may be empty but was always
	// stored, such as an activity's outcome, goes in Details).
	Name string
	// Fields are a created record's fields by JSON name; the tags among
	// them become tag.added events.
	Fields map[string]string
	// Changes are an update's changed fields; each becomes a field.changed,
	// and tags, lifecycle status and stage their own events.
	Changes map[string]FieldChange
	// Owner is who a created record or task was given to; they are told
	// unless they made it themselves. It is not stored: Fields or Details
	// say it for the log.
	Owner string
	Form  string // the web form a submission or its contact came through
	// Details are what else the audit log shows (a role, a setting's
	// value, a batch ID); no event reads them.
	Details map[string]any
}

// FieldChange is one field's value before and after an update.
type FieldChange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// The record fields that events single out; rules name them too.
const (
	fieldTags      = "tags"
	fieldLifecycle = "lifecycle_status"
	fieldStage     = "stage_id"
	fieldOwner     = "owner_id"
)

// record writes c to the audit log inside tx and, in the same transaction,
// tells notifications, scoring, webhooks and rules of the events it makes.
// Every write passes here (an import's new records through announce alone).
func (a *App) record(ctx context.Context, tx *store.Tx, actorID string, c Change) error {
	body := []byte("{}")
	d := c.details()
	if o, ok := originOf(ctx); ok {
		d["by"] = o // who, when no user did it, or what a user's change came through
	}
	if len(d) > 0 {
		var err error
		if body, err = json.Marshal(d); err != nil {
			return err
		}
	}
	if err := store.InsertAudit(ctx, tx, store.AuditEntry{
		ID: a.cfg.NewID(), ActorID: actorID, Action: string(c.Action), Entity: c.Entity, EntityID: c.ID, Details: string(body),
	}); err != nil {
		return err
	}
	return a.announce(ctx, tx, actorID, c)
}

// announce tells notifications, scoring, webhooks and rules of c's events
// without an audit entry of its own: an import's new records, whose
// history is their batch (import_records, read back by store.ImportTrail).
func (a *App) announce(ctx context.Context, tx *store.Tx, actorID string, c Change) error {
	events := c.events()
	if len(events) == 0 {
		return nil
	}
	hs, err := a.hookSet(ctx)
	if err != nil {
		return err
	}
	by := eventActor(ctx, actorID)
	for _, ev := range events {
		ev.ActorID, ev.Actor = actorID, by
		if err := a.fire(ctx, tx, hs, ev); err != nil {
			return err
		}
	}
	return nil
}

// details is the stored JSON's shape, which the audit log, history pages,
// reports and restores read back: name, fields, changes and form beside
// the free-form details.
func (c Change) details() map[string]any {
	d := make(map[string]any, len(c.Details)+4)
	for k, v := range c.Details {
		d[k] = v
	}
	if c.Name != "" {
		d["name"] = c.Name
	}
	if c.Fields != nil {
		d["fields"] = c.Fields
	}
	if c.Changes != nil {
		d["changes"] = c.Changes
	}
	if c.Form != "" {
		d["form"] = c.Form
	}
	return d
}

// events are what c means to rules and webhooks: a contact update that
// changed its status and tags is a contact.updated, a field.changed per
// field, a lifecycle.changed and a tag.added/removed per tag.
func (c Change) events() []Event {
	ev := func(typ string) Event { return Event{Type: typ, Entity: c.Entity, EntityID: c.ID} }
	var out []Event
	switch c.Action {
	case ActionContactCreated, ActionCompanyCreated, ActionDealCreated:
		created := ev(string(c.Action))
		created.owner = c.Owner
		out = append(out, created)
		for _, t := range splitList(c.Fields[fieldTags]) {
			e := ev("tag.added")
			e.Tag = t
			out = append(out, e)
		}
		return out
	case ActionTaskCreated:
		created := ev(string(c.Action))
		created.owner = c.Owner
		return []Event{created}
	case ActionFormSubmitted:
		e := ev(string(c.Action))
		e.To = c.Form
		return []Event{e}
	case ActionActivityCreated:
		return []Event{ev("activity.logged")}
	case ActionContactUpdated, ActionCompanyUpdated, ActionDealWon, ActionDealLost:
		out = append(out, ev(string(c.Action)))
	case ActionDealUpdated, ActionDealMoved, ActionDealReopened:
	default:
		return nil
	}
	names := make([]string, 0, len(c.Changes))
	for k := range c.Changes {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, field := range names {
		fc := c.Changes[field]
		switch field {
		case fieldTags:
			before, after := splitList(fc.From), splitList(fc.To)
			for _, t := range after {
				if !containsFold(before, t) {
					e := ev("tag.added")
					e.Tag = t
					out = append(out, e)
				}
			}
			for _, t := range before {
				if !containsFold(after, t) {
					e := ev("tag.removed")
					e.Tag = t
					out = append(out, e)
				}
			}
			continue
		case fieldLifecycle:
			e := ev("lifecycle.changed")
			e.From, e.To = fc.From, fc.To
			out = append(out, e)
		case fieldStage:
			if c.Entity == "deal" {
				e := ev("deal.moved")
				e.From, e.To = fc.From, fc.To
				out = append(out, e)
			}
		}
		e := ev("field.changed")
		e.Field, e.From, e.To = field, fc.From, fc.To
		out = append(out, e)
	}
	return out
}

// AuditAction names one kind of change in the audit log. The history pages
// and the audit log show them by name, and some are events that rules and
// webhooks start on, so a stored action is never renamed.
type AuditAction string

// Contacts and companies.
const (
	ActionContactCreated           AuditAction = "contact.created"
	ActionContactUpdated           AuditAction = "contact.updated"
	ActionContactDeleted           AuditAction = "contact.deleted"
	ActionContactRestored          AuditAction = "contact.restored"
	ActionContactPurged            AuditAction = "contact.purged"
	ActionContactErased            AuditAction = "contact.erased"
	ActionContactExported          AuditAction = "contact.exported"
	ActionContactMerged            AuditAction = "contact.merged"
	ActionContactMergeUndone       AuditAction = "contact.merge_undone"
	ActionContactConsentChanged    AuditAction = "contact.consent_changed"
	ActionContactKeepInTouchSet    AuditAction = "contact.keep_in_touch_set"
	ActionContactKeepInTouchClear  AuditAction = "contact.keep_in_touch_cleared"
	ActionContactPhotoSet          AuditAction = "contact.photo_set"
	ActionContactPhotoRemoved      AuditAction = "contact.photo_removed"
	ActionCompanyCreated           AuditAction = "company.created"
	ActionCompanyUpdated           AuditAction = "company.updated"
	ActionCompanyDeleted           AuditAction = "company.deleted"
	ActionCompanyRestored          AuditAction = "company.restored"
	ActionCompanyPurged            AuditAction = "company.purged"
	ActionCompanyMerged            AuditAction = "company.merged"
	ActionCompanyMergeUndone       AuditAction = "company.merge_undone"
	ActionFormSubmitted            AuditAction = "form.submitted"
	ActionTagCreated               AuditAction = "tag.created"
	ActionTagUpdated               AuditAction = "tag.updated"
	ActionTagMerged                AuditAction = "tag.merged"
	ActionTagDeleted               AuditAction = "tag.deleted"
	ActionCustomFieldCreated       AuditAction = "custom_field.created"
	ActionCustomFieldUpdated       AuditAction = "custom_field.updated"
	ActionCustomFieldDeleted       AuditAction = "custom_field.deleted"
	ActionCustomFieldRestored      AuditAction = "custom_field.restored"
	ActionFieldProtectionChanged   AuditAction = "field.protection_changed"
	ActionImportFinished           AuditAction = "import.finished"
	ActionImportUndone             AuditAction = "import.undone"
	ActionSegmentCreated           AuditAction = "segment.created"
	ActionSegmentUpdated           AuditAction = "segment.updated"
	ActionSegmentDeleted           AuditAction = "segment.deleted"
	ActionDemoGenerated            AuditAction = "demo.generated"
	ActionPermissionsUpdated       AuditAction = "permissions.updated"
	ActionSettingsUpdated          AuditAction = "settings.updated"
	ActionActivityTypeCreated      AuditAction = "settings.activity_type_created"
	ActionActivityTypeChanged      AuditAction = "settings.activity_type_changed"
	ActionDateReminderChanged      AuditAction = "settings.date_reminder_changed"
	ActionScoreRuleCreated         AuditAction = "score_rule.created"
	ActionScoreRuleDeleted         AuditAction = "score_rule.deleted"
	ActionGoalCreated              AuditAction = "goal.created"
	ActionGoalDeleted              AuditAction = "goal.deleted"
	ActionGoalUpdated              AuditAction = "goal.updated"
	ActionRuleCreated              AuditAction = "rule.created"
	ActionRuleUpdated              AuditAction = "rule.updated"
	ActionRuleDeleted              AuditAction = "rule.deleted"
	ActionWebFormCreated           AuditAction = "web_form.created"
	ActionWebFormDeleted           AuditAction = "web_form.deleted"
	ActionWebFormUpdated           AuditAction = "web_form.updated"
	ActionAPIKeyCreated            AuditAction = "api_key.created"
	ActionAPIKeyRevoked            AuditAction = "api_key.revoked"
	ActionWebhookCreated           AuditAction = "webhook.created"
	ActionWebhookEnabled           AuditAction = "webhook.enabled"
	ActionWebhookDisabled          AuditAction = "webhook.disabled"
	ActionWebhookDeleted           AuditAction = "webhook.deleted"
	ActionWebhookUpdated           AuditAction = "webhook.updated"
	ActionWebhookResent            AuditAction = "webhook.resent"
	ActionUserCreated              AuditAction = "user.created"
	ActionUserLogin                AuditAction = "user.login"
	ActionUserLogout               AuditAction = "user.logout"
	ActionUserProfileUpdated       AuditAction = "user.profile_updated"
	ActionUserTimeZoneDetected     AuditAction = "user.time_zone_detected"
	ActionUserPasswordChanged      AuditAction = "user.password_changed"
	ActionUserPasswordReset        AuditAction = "user.password_reset"
	ActionUserRoleChanged          AuditAction = "user.role_changed"
	ActionUserEnabled              AuditAction = "user.enabled"
	ActionUserDisabled             AuditAction = "user.disabled"
	ActionUserUnlocked             AuditAction = "user.unlocked"
	ActionUserNotificationsChanged AuditAction = "user.notifications_changed"
	ActionUserCalendarFeedRenewed  AuditAction = "user.calendar_feed_renewed"
	ActionUserEmailAccountSaved    AuditAction = "user.email_account_saved"
	ActionUserEmailAccountDeleted  AuditAction = "user.email_account_deleted"
)

// Deals and their pipelines, activities and tasks.
const (
	ActionDealCreated        AuditAction = "deal.created"
	ActionDealUpdated        AuditAction = "deal.updated"
	ActionDealMoved          AuditAction = "deal.moved"
	ActionDealWon            AuditAction = "deal.won"
	ActionDealLost           AuditAction = "deal.lost"
	ActionDealReopened       AuditAction = "deal.reopened"
	ActionDealDeleted        AuditAction = "deal.deleted"
	ActionDealRestored       AuditAction = "deal.restored"
	ActionDealPurged         AuditAction = "deal.purged"
	ActionPipelineCreated    AuditAction = "pipeline.created"
	ActionPipelineUpdated    AuditAction = "pipeline.updated"
	ActionPipelineReordered  AuditAction = "pipeline.reordered"
	ActionPipelineArchived   AuditAction = "pipeline.archived"
	ActionPipelineUnarchived AuditAction = "pipeline.unarchived"
	ActionPipelineDeleted    AuditAction = "pipeline.deleted"
	ActionPipelineRestored   AuditAction = "pipeline.restored"
	ActionPipelinePurged     AuditAction = "pipeline.purged"
	ActionStageCreated       AuditAction = "stage.created"
	ActionStageUpdated       AuditAction = "stage.updated"
	ActionStageReordered     AuditAction = "stage.reordered"
	ActionStageArchived      AuditAction = "stage.archived"
	ActionStageUnarchived    AuditAction = "stage.unarchived"
	ActionStageDeleted       AuditAction = "stage.deleted"
	ActionStageRestored      AuditAction = "stage.restored"
	ActionStagePurged        AuditAction = "stage.purged"
	ActionActivityCreated    AuditAction = "activity.created"
	ActionActivityUpdated    AuditAction = "activity.updated"
	ActionActivityDeleted    AuditAction = "activity.deleted"
	ActionActivityPurged     AuditAction = "activity.purged"
	ActionTaskCreated        AuditAction = "task.created"
	ActionTaskUpdated        AuditAction = "task.updated"
	ActionTaskCompleted      AuditAction = "task.completed"
	ActionTaskReopened       AuditAction = "task.reopened"
	ActionTaskSnoozed        AuditAction = "task.snoozed"
	ActionTaskDeleted        AuditAction = "task.deleted"
	ActionTaskPurged         AuditAction = "task.purged"
)
