package api

import (
	"fmt"

	"rolo/app"
	"rolo/ui/request"
)

// QueryParam is one query parameter as the document describes it.
type QueryParam struct {
	Schema      map[string]any
	Description string
}

func text() map[string]any { return map[string]any{"type": "string"} }

func oneOf(values ...string) map[string]any {
	return map[string]any{"type": "string", "enum": values}
}

// queryParams describes each query parameter by the name the handlers
// read; queryParamsAt overrides one for a path ("/search limit").
var queryParams = map[string]QueryParam{
	"cursor": {text(), "next_cursor of the page before; absent for the first page"},
	"limit":  {map[string]any{"type": "integer", "minimum": 1, "maximum": 500}, "records per page"},
	"sort": {text(), "name, -name, created, -created, updated, -updated or owner (deals: updated, created, title, value, close, each also with -), " +
		"or a custom field's key (cf.key, -cf.key)"},
	"q":       {text(), "a query in the filter language, as on the list page (tag:vip status:lead -tag:spam …)"},
	"segment": {text(), "a saved segment's id: the list is narrowed by its query"},
	"tag":     {text(), "a tag's name"},
	"owner":   {text(), "a user's id, me, or none"},
	"company": {text(), "a company's id, or none"},
	"status":  {oneOf(app.LifecycleStatuses...), "lifecycle status"},
	"entity":  {oneOf(app.FieldEntities...), "only this kind of record's"},
	// deals
	"pipeline_id": {text(), "a pipeline's id"},
	"stage_id":    {text(), "a stage's id"},
	"close_from":  {map[string]any{"type": "string", "format": "date"}, "expected close on or after this day"},
	"close_to":    {map[string]any{"type": "string", "format": "date"}, "expected close on or before this day"},
	// tasks and activities
	"contact":         {text(), "linked to this contact"},
	"deal":            {text(), "linked to this deal"},
	"assignee":        {text(), "a user's id, me, or none"},
	"done":            {map[string]any{"type": "boolean"}, "done (true) or open (false) tasks only"},
	"due_after":       {text(), "due at or after: RFC 3339, or a day (YYYY-MM-DD, its midnight in the caller's zone)"},
	"due_before":      {text(), "due before: RFC 3339, or a day"},
	"type":            {text(), "an activity type's id"},
	"user":            {text(), "logged by this user (an id, or me)"},
	"occurred_after":  {text(), "at or after: RFC 3339, or a day (YYYY-MM-DD)"},
	"occurred_before": {text(), "before: RFC 3339, or a day"},
	// reports
	"period":   {oneOf(app.Periods...), "default this_month; custom takes from and to"},
	"from":     {map[string]any{"type": "string", "format": "date"}, "a custom period's first day"},
	"to":       {map[string]any{"type": "string", "format": "date"}, "a custom period's last day"},
	"pipeline": {text(), "a pipeline's id"},
	"source":   {text(), "a lead source"},
	"by":       {text(), "win_rate's breakdown: owner (the default, and what any other value means), source or period"},
}

var queryParamsAt = map[string]QueryParam{
	"/search q":             {text(), "what to look for"},
	"/search limit":         {map[string]any{"type": "integer", "minimum": 1, "maximum": 50}, "hits to return (default 20)"},
	"/deals status":         {oneOf(app.DealStatuses...), "open, won or lost"},
	"/reports/{name} tag":   {text(), "a tag's id"},
	"/dashboard tag":        {text(), "a tag's id"},
	"/reports/{name} owner": {text(), "me, team, or a user's id"},
	"/dashboard owner":      {text(), "me, team, or a user's id"},
	"/tasks company":        {text(), "linked to this company"},
	"/activities company":   {text(), "linked to this company"},
}

// pathParamEnums are the path parameters with a fixed set of values.
var pathParamEnums = map[string][]string{
	"/reports/{name} name": request.ReportNames,
}

// queryParam describes name as path reads it; a name no table describes
// panics (the document tests catch it), so no parameter goes untyped.
func queryParam(path, name string) QueryParam {
	if q, ok := queryParamsAt[path+" "+name]; ok {
		return q
	}
	if q, ok := queryParams[name]; ok {
		return q
	}
	panic(fmt.Sprintf("openapi: query parameter %q of %s is not described in queryParams", name, path))
}
