package app

import (
	"encoding/json"

	"rolo/store"
)

// The records of a Dump, each kind read by one method of dumpReader.

func (r *dumpReader) userList() ([]DumpUser, error) {
	rows, err := r.table("users")
	out := make([]DumpUser, 0, len(rows))
	for _, row := range rows {
		out = append(out, DumpUser{ID: cell(row, "id"), Email: cell(row, "email"), Name: cell(row, "name"), Role: cell(row, "role"),
			Language: cell(row, "language"), TimeZone: cell(row, "time_zone"), PhoneRegion: cell(row, "phone_region"),
			RemindMinutes: int(number(row, "remind_minutes")), DisabledAt: nullable(row, "disabled_at"), LastLoginAt: nullable(row, "last_login_at"),
			CreatedAt: cell(row, "created_at"), UpdatedAt: cell(row, "updated_at")})
	}
	return out, err
}

func (r *dumpReader) tagList() ([]DumpTag, error) {
	rows, err := r.table("tags")
	out := make([]DumpTag, 0, len(rows))
	for _, row := range rows {
		out = append(out, DumpTag{ID: cell(row, "id"), Name: cell(row, "name"), Color: cell(row, "color"),
			CreatedAt: cell(row, "created_at"), UpdatedAt: cell(row, "updated_at")})
	}
	return out, err
}

func (r *dumpReader) activityTypeList() ([]DumpActivityType, error) {
	rows, err := r.table("activity_types")
	out := make([]DumpActivityType, 0, len(rows))
	for _, row := range rows {
		out = append(out, DumpActivityType{ID: cell(row, "id"), Name: cell(row, "name"), Icon: cell(row, "icon"), Color: cell(row, "color"),
			HasDuration: number(row, "has_duration") != 0, Builtin: number(row, "builtin") != 0, Position: int(number(row, "position")),
			ArchivedAt: nullable(row, "archived_at"), CreatedAt: cell(row, "created_at"), UpdatedAt: cell(row, "updated_at")})
	}
	return out, err
}

func (r *dumpReader) pipelineList() ([]DumpPipeline, error) {
	rows, err := r.table("pipelines")
	if err != nil {
		return nil, err
	}
	stages, err := r.table("stages")
	if err != nil {
		return nil, err
	}
	byPipeline := groupBy(stages, "pipeline_id")
	out := make([]DumpPipeline, 0, len(rows))
	for _, row := range rows {
		p := DumpPipeline{ID: cell(row, "id"), Name: cell(row, "name"), NameKey: cell(row, "name_key"), Position: int(number(row, "position")),
			ArchivedAt: nullable(row, "archived_at"), Stages: []DumpStage{}, CreatedAt: cell(row, "created_at"), UpdatedAt: cell(row, "updated_at")}
		for _, s := range byPipeline[p.ID] {
			st := DumpStage{ID: cell(s, "id"), Name: cell(s, "name"), NameKey: cell(s, "name_key"), Probability: int(number(s, "probability")),
				Kind: cell(s, "kind"), ArchivedAt: nullable(s, "archived_at"), CreatedAt: cell(s, "created_at"), UpdatedAt: cell(s, "updated_at")}
			if s.Value("rot_days") != nil {
				n := int(number(s, "rot_days"))
				st.RotDays = &n
			}
			p.Stages = append(p.Stages, st)
		}
		out = append(out, p)
	}
	return out, nil
}

// idRef is ref for a reference that cannot be null.
func idRef(names map[string]string, id string) DumpRef { return DumpRef{ID: id, Name: names[id]} }

func address(row store.DumpRow) DumpAddress {
	return DumpAddress{Street: cell(row, "address_street"), City: cell(row, "address_city"), Region: cell(row, "address_region"),
		PostalCode: cell(row, "address_postal_code"), Country: cell(row, "address_country")}
}

func listOrEmpty[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

func (r *dumpReader) companyList(keep func(owner string) bool, hidden map[string]bool) ([]DumpCompany, error) {
	rows, err := r.table("companies")
	if err != nil {
		return nil, err
	}
	tags, err := r.tagNames("company_tags")
	if err != nil {
		return nil, err
	}
	out := make([]DumpCompany, 0, len(rows))
	for _, row := range rows {
		if !keep(cell(row, "owner_id")) {
			continue
		}
		id := cell(row, "id")
		out = append(out, DumpCompany{ID: id, Name: cell(row, "name"), Domain: cell(row, "domain"), Website: cell(row, "website"),
			Industry: cell(row, "industry"), Size: cell(row, "size"), Phone: cell(row, "phone"), Address: address(row),
			Owner: r.userRef(cell(row, "owner_id")), Notes: cell(row, "notes"), Tags: listOrEmpty(tags[id]), Custom: r.custom(id, hidden),
			CreatedAt: cell(row, "created_at"), UpdatedAt: cell(row, "updated_at")})
	}
	return out, nil
}

func (r *dumpReader) contactList(keep func(owner string) bool, hidden map[string]bool) ([]DumpContact, error) {
	rows, err := r.table("contacts")
	if err != nil {
		return nil, err
	}
	emails, err := r.labeled("contact_emails")
	if err != nil {
		return nil, err
	}
	phones, err := r.labeled("contact_phones")
	if err != nil {
		return nil, err
	}
	tags, err := r.tagNames("contact_tags")
	if err != nil {
		return nil, err
	}
	extras := map[string]map[string]store.DumpRow{}
	for _, table := range []string{"contact_photos", "contact_consent", "keep_in_touch"} {
		rows, err := r.table(table)
		if err != nil {
			return nil, err
		}
		extras[table] = map[string]store.DumpRow{}
		for _, row := range rows {
			extras[table][cell(row, "contact_id")] = row
		}
	}
	out := make([]DumpContact, 0, len(rows))
	for _, row := range rows {
		if !keep(cell(row, "owner_id")) {
			continue
		}
		id := cell(row, "id")
		c := DumpContact{ID: id, DisplayName: cell(row, "display_name"), FirstName: cell(row, "first_name"), LastName: cell(row, "last_name"),
			Title: cell(row, "title"), Company: ref(r.companies, cell(row, "company_id")), Emails: listOrEmpty(emails[id]), Phones: listOrEmpty(phones[id]),
			Address: address(row), Birthday: nullable(row, "birthday"), Website: cell(row, "website"), Social: []DumpLabeled{},
			LeadSource: cell(row, "lead_source"), LifecycleStatus: cell(row, "lifecycle_status"), Owner: r.userRef(cell(row, "owner_id")),
			Notes: cell(row, "notes"), Tags: listOrEmpty(tags[id]), Custom: r.custom(id, hidden), CreatedAt: cell(row, "created_at"), UpdatedAt: cell(row, "updated_at")}
		if err := json.Unmarshal([]byte(cell(row, "social")), &c.Social); err != nil {
			c.Social = []DumpLabeled{}
		}
		if p, ok := extras["contact_photos"][id]; ok {
			data, _ := p.Value("data").([]byte)
			c.Photo = &DumpPhoto{Data: data, UpdatedAt: cell(p, "updated_at")}
		}
		if k, ok := extras["contact_consent"][id]; ok {
			c.Consent = &DumpConsent{Status: cell(k, "status"), GivenAt: nullable(k, "given_at"), Source: cell(k, "source"), Wording: cell(k, "wording"),
				DoNotContact: number(k, "do_not_contact") != 0, UnsubscribedAt: nullable(k, "unsubscribed_at"), UpdatedAt: cell(k, "updated_at")}
		}
		if k, ok := extras["keep_in_touch"][id]; ok {
			c.KeepInTouch = &DumpKeepInTouch{EveryDays: int(number(k, "every_days")), User: DumpRef{ID: cell(k, "user_id"), Email: cell(r.users[cell(k, "user_id")], "email")},
				LastTouchAt: cell(k, "last_touch_at"), DueAt: cell(k, "due_at"), UpdatedAt: cell(k, "updated_at")}
		}
		out = append(out, c)
	}
	return out, nil
}

func (r *dumpReader) dealList(keep func(owner string) bool, hidden map[string]bool) ([]DumpDeal, error) {
	rows, err := r.table("deals")
	if err != nil {
		return nil, err
	}
	tags, err := r.tagNames("deal_tags")
	if err != nil {
		return nil, err
	}
	others, err := r.table("deal_contacts")
	if err != nil {
		return nil, err
	}
	history, err := r.table("deal_stage_history")
	if err != nil {
		return nil, err
	}
	othersOf, historyOf := groupBy(others, "deal_id"), groupBy(history, "deal_id")
	out := make([]DumpDeal, 0, len(rows))
	for _, row := range rows {
		if !keep(cell(row, "owner_id")) {
			continue
		}
		id := cell(row, "id")
		d := DumpDeal{ID: id, Title: cell(row, "title"), Value: DumpMoney{Minor: number(row, "value"), Currency: cell(row, "currency")},
			Pipeline: idRef(r.pipelines, cell(row, "pipeline_id")), Stage: idRef(r.stages, cell(row, "stage_id")), Position: cell(row, "position"),
			Status: cell(row, "status"), LostReason: cell(row, "lost_reason"), ClosedAt: nullable(row, "closed_at"),
			StageEnteredAt: cell(row, "stage_entered_at"), Company: ref(r.companies, cell(row, "company_id")),
			Contact: ref(r.contacts, cell(row, "contact_id")), OtherContacts: []DumpRef{}, Owner: r.userRef(cell(row, "owner_id")),
			ExpectedCloseDate: nullable(row, "expected_close_date"), Source: cell(row, "source"), Notes: cell(row, "notes"),
			Tags: listOrEmpty(tags[id]), Custom: r.custom(id, hidden), StageHistory: []DumpMoveLog{},
			CreatedAt: cell(row, "created_at"), UpdatedAt: cell(row, "updated_at")}
		for _, o := range othersOf[id] {
			d.OtherContacts = append(d.OtherContacts, idRef(r.contacts, cell(o, "contact_id")))
		}
		for _, h := range historyOf[id] {
			m := DumpMoveLog{ID: cell(h, "id"), At: cell(h, "at"), MovedBy: nullable(h, "moved_by")}
			// a stage trashed since is not in the dump: as when one is purged, the move keeps no stage
			if _, ok := r.stages[cell(h, "from_stage_id")]; ok {
				m.FromStage = nullable(h, "from_stage_id")
			}
			if _, ok := r.stages[cell(h, "to_stage_id")]; ok {
				m.ToStage = nullable(h, "to_stage_id")
			}
			d.StageHistory = append(d.StageHistory, m)
		}
		out = append(out, d)
	}
	return out, nil
}

func (r *dumpReader) links(table, col string) (map[string][]DumpLink, error) {
	rows, err := r.table(table)
	out := map[string][]DumpLink{}
	for _, row := range rows {
		out[cell(row, col)] = append(out[cell(row, col)], DumpLink{Entity: cell(row, "entity"), ID: cell(row, "entity_id")})
	}
	return out, err
}

func (r *dumpReader) activityList() ([]DumpActivity, error) {
	rows, err := r.table("activities")
	if err != nil {
		return nil, err
	}
	links, err := r.links("activity_links", "activity_id")
	out := make([]DumpActivity, 0, len(rows))
	for _, row := range rows {
		id := cell(row, "id")
		a := DumpActivity{ID: id, Type: cell(row, "type_id"), OccurredAt: cell(row, "occurred_at"), Outcome: cell(row, "outcome"),
			Body: cell(row, "body"), User: r.userRef(cell(row, "user_id")), Links: listOrEmpty(links[id]),
			CreatedAt: cell(row, "created_at"), UpdatedAt: cell(row, "updated_at")}
		if row.Value("duration_minutes") != nil {
			n := int(number(row, "duration_minutes"))
			a.DurationMinutes = &n
		}
		out = append(out, a)
	}
	return out, err
}

func (r *dumpReader) taskList() ([]DumpTask, error) {
	rows, err := r.table("tasks")
	if err != nil {
		return nil, err
	}
	links, err := r.links("task_links", "task_id")
	out := make([]DumpTask, 0, len(rows))
	for _, row := range rows {
		id := cell(row, "id")
		out = append(out, DumpTask{ID: id, Title: cell(row, "title"), Notes: cell(row, "notes"), DueAt: nullable(row, "due_at"),
			DueDate: nullable(row, "due_date"), TimeZone: cell(row, "time_zone"), Assignee: r.userRef(cell(row, "assignee_id")),
			Priority: cell(row, "priority"), DoneAt: nullable(row, "done_at"), DoneBy: nullable(row, "done_by"), Recurrence: cell(row, "recurrence"),
			SeriesID: nullable(row, "series_id"), SeriesStart: nullable(row, "series_start"), Occurrence: nullable(row, "occurrence"),
			SnoozedUntil: nullable(row, "snoozed_until"), RemindMinutes: int(number(row, "remind_minutes")), Links: listOrEmpty(links[id]),
			CreatedAt: cell(row, "created_at"), UpdatedAt: cell(row, "updated_at")})
	}
	return out, err
}

func (r *dumpReader) segmentList() ([]DumpSegment, error) {
	rows, err := r.table("segments")
	out := make([]DumpSegment, 0, len(rows))
	for _, row := range rows {
		out = append(out, DumpSegment{ID: cell(row, "id"), Entity: cell(row, "entity"), Name: cell(row, "name"), Query: cell(row, "query"),
			Shared: number(row, "shared") != 0, Owner: r.userRef(cell(row, "owner_id")), CreatedAt: cell(row, "created_at"), UpdatedAt: cell(row, "updated_at")})
	}
	return out, err
}
