package ui_test

import "encoding/json"

// The settings operations in TestOpenAPISweep: a record of each kind to
// read, change and delete, and a body the document describes for each
// write. The two order operations need every id of a list and are swept
// for their errors only; TestAPIPipelineSettings orders for real.
func init() {
	for key, body := range map[string]string{
		"POST /pipelines":                   `{"name":"Partners","stages":["Signed up","Trained"]}`,
		"PATCH /pipelines/{id}":             `{"version":VERSION,"name":"Sweep pipeline"}`,
		"POST /pipelines/{id}/restore":      ``,
		"POST /pipelines/{id}/stages":       `{"name":"Live","probability":80,"rot_days":30,"kind":"open"}`,
		"PATCH /stages/{id}":                `{"version":VERSION,"name":"First","probability":20,"rot_days":null}`,
		"POST /stages/{id}/restore":         ``,
		"POST /fields":                      `{"entity":"deal","key":"region","label":"Region","type":"text","help":"Where it ships","required":false}`,
		"PATCH /fields/{id}":                `{"version":VERSION,"label":"Plan tier","options":[{"label":"Gold"}]}`,
		"POST /fields/deleted/{id}/restore": ``,
		"POST /tags/merge":                  `{"from":"sweep-old","into":"sweep-new"}`,
		"PATCH /tags/{id}":                  `{"version":VERSION,"color":"#112233"}`,
		"POST /activity-types":              `{"name":"Demo call","icon":"📞","color":"#0ea5e9","has_duration":true}`,
		"PATCH /activity-types/{id}":        `{"version":VERSION,"archived":true}`,
		"POST /users":                       `{"name":"Grace Hopper","email":"grace.sweep@example.com","role":"support","password":"a long password"}`,
		"PATCH /users/{id}":                 `{"role":"marketing","disabled":false}`,
		"POST /users/{id}/reset-password":   `{"password":"another long one"}`,
		"POST /users/{id}/unlock":           ``,
		"POST /web-forms":                   `{"name":"Contact us","fields":["first_name","email","message"],"tags":["web"],"origins":["https://example.com"]}`,
		"PATCH /web-forms/{id}":             `{"version":VERSION,"name":"Contact","thank_you":"Thanks!","fill_empty":true,"stage_id":null,"consent_text":"Keep me posted","consent_required":false}`,
		"PATCH /deal-settings":              `{"default_currency":"EUR","lost_reasons":["Price","Timing"]}`,
		"PATCH /date-reminders/{id}":        `{"days_before":3,"enabled":true}`,
		"PATCH /settings":                   `{"retention_days":90,"phone_region":"US","email_logging":true,"allow_private_webhooks":false}`,
		"PATCH /field-protection":           `{}`,
		"PATCH /permissions":                `{"levels":{"support":{"forms":"view"}},"visible":{"support":"all"}}`,
		"PATCH /goals/{id}":                 `{"version":VERSION,"name":"More wins","target":"4"}`,
	} {
		sweepBodies[key] = body
	}
	sweepSetUps = append(sweepSetUps, func(s *sweep) {
		s.create("pipelines", "/api/v1/pipelines", `{"name":"Sweep","stages":["One","Two"]}`)
		p := s.create("", "/api/v1/pipelines", `{"name":"Sweep stages","stages":["One","Two"]}`) // outlives the one deleted
		s.ids["stages"] = p["stages"].([]any)[0].(map[string]any)["id"].(string)
		s.create("fields", "/api/v1/fields", `{"entity":"contact","label":"Plan","type":"select","options":[{"label":"Free"}]}`)
		gone := s.create("", "/api/v1/fields", `{"entity":"company","label":"Fax","type":"phone"}`)["id"].(string)
		s.admin.do("DELETE", "/api/v1/fields/"+gone, nil)
		var deleted struct {
			Data []struct {
				AuditID string `json:"audit_id"`
			} `json:"data"`
		}
		_ = json.Unmarshal([]byte(s.admin.get("/api/v1/fields/deleted").Body), &deleted)
		if len(deleted.Data) > 0 {
			s.ids["fields/deleted"] = deleted.Data[0].AuditID
		}
		s.create("", "/api/v1/contacts", `{"first_name":"Tagged","tags":["sweep-old","sweep-new","sweep-tag"]}`)
		var tags struct {
			Data []struct{ ID, Name string } `json:"data"`
		}
		_ = json.Unmarshal([]byte(s.admin.get("/api/v1/tags").Body), &tags)
		for _, t := range tags.Data {
			if t.Name == "sweep-tag" {
				s.ids["tags"] = t.ID
			}
		}
		s.create("activity-types", "/api/v1/activity-types", `{"name":"Site visit"}`)
		s.create("users", "/api/v1/users", `{"name":"Sweep User","email":"sweep@example.com","role":"sales","password":"a long password"}`)
		s.create("web-forms", "/api/v1/web-forms", `{"name":"Newsletter"}`)
		var reminders struct {
			Data []struct{ ID string } `json:"data"`
		}
		_ = json.Unmarshal([]byte(s.admin.get("/api/v1/date-reminders").Body), &reminders)
		if len(reminders.Data) > 0 {
			s.ids["date-reminders"] = reminders.Data[0].ID
		}
	})
}
