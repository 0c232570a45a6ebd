package app

import "strings"

// migrationLayout is one kind of file of one CRM's export: the headers
// that identify it, and which columns hold what. Companies, contacts and
// deals are read by the CSV import's own readers (their columns mapped by
// the vendor's preset, or by mapping here); the columns that place or
// link a record (owner, pipeline, stage, the other records) are read
// here, and hidden from those readers. Header names compare case-folded.
type migrationLayout struct {
	kind    string   // companies, contacts, deals, activities, notes
	sign    []string // headers that identify the file: all of them
	entity  string   // import entity whose reader reads the row; "" for activities and notes
	mapping map[string]string
	id      []string // the CRM's own id of the row
	owner   []string
	// links, by the other CRM's ids (a cell may hold several: "1;2") or
	// by name; ids win.
	companyID, companyName, contactID, contactName, dealID, dealName []string
	pipeline, stage, status                                          []string
	// the record's times (migrate_times.go): added, last changed, won,
	// lost, closed (either way), last moved to another stage
	created, updated, won, lost, closed, staged []string
	// activities and notes
	activityType                                    string // every row's type (a HubSpot export holds one type)
	typ, subject, body, date, clock, duration, done []string
}

// Pipedrive writes one file per kind, its columns named "Kind - Field";
// an export of deals can carry fields of the deal's organisation and
// person too ("Organization - ID", "Person - ID").
var pipedriveLayouts = []migrationLayout{
	{kind: "deals", sign: []string{"Deal - Title"}, entity: "deal", id: []string{"Deal - ID"}, owner: []string{"Deal - Owner"},
		companyID: []string{"Deal - Organization ID", "Organization - ID"}, companyName: []string{"Deal - Organization", "Organization - Name"},
		contactID: []string{"Deal - Contact person ID", "Person - ID"}, contactName: []string{"Deal - Contact person", "Person - Name"},
		pipeline: []string{"Deal - Pipeline"}, stage: []string{"Deal - Stage"}, status: []string{"Deal - Status"},
		created: []string{"Deal - Deal created", "Deal - Add time"}, updated: []string{"Deal - Update time"},
		won: []string{"Deal - Won time"}, lost: []string{"Deal - Lost time"}, closed: []string{"Deal - Deal closed on", "Deal - Close time"},
		staged: []string{"Deal - Last stage change"}},
	{kind: "activities", sign: []string{"Activity - Subject"}, id: []string{"Activity - ID"},
		owner: []string{"Activity - Assigned to user", "Activity - Owner", "Activity - User"},
		typ:   []string{"Activity - Type"}, subject: []string{"Activity - Subject"}, body: []string{"Activity - Note"},
		date: []string{"Activity - Due date"}, clock: []string{"Activity - Due time"}, duration: []string{"Activity - Duration"},
		done: []string{"Activity - Done"}, dealID: []string{"Activity - Deal ID", "Deal - ID"}, dealName: []string{"Activity - Deal", "Deal - Title"},
		contactID: []string{"Activity - Person ID", "Person - ID"}, contactName: []string{"Activity - Contact person", "Activity - Person", "Person - Name"},
		companyID: []string{"Activity - Organization ID", "Organization - ID"}, companyName: []string{"Activity - Organization", "Organization - Name"}},
	{kind: "notes", sign: []string{"Note - Content"}, id: []string{"Note - ID"}, owner: []string{"Note - User", "Note - Owner"},
		body: []string{"Note - Content"}, date: []string{"Note - Add time"},
		dealID: []string{"Note - Deal ID", "Deal - ID"}, dealName: []string{"Note - Deal", "Deal - Title"},
		contactID: []string{"Note - Person ID", "Person - ID"}, contactName: []string{"Note - Person", "Person - Name"},
		companyID: []string{"Note - Organization ID", "Organization - ID"}, companyName: []string{"Note - Organization", "Organization - Name"}},
	{kind: "contacts", sign: []string{"Person - Name"}, entity: "contact", id: []string{"Person - ID"}, owner: []string{"Person - Owner"},
		companyID: []string{"Person - Organization ID", "Organization - ID"}, companyName: []string{"Person - Organization", "Organization - Name"},
		created: []string{"Person - Person created", "Person - Add time"}, updated: []string{"Person - Update time"}},
	{kind: "companies", sign: []string{"Organization - Name"}, entity: "company", id: []string{"Organization - ID"}, owner: []string{"Organization - Owner"},
		created: []string{"Organization - Organization created", "Organization - Add time"}, updated: []string{"Organization - Update time"}},
}

// HubSpot writes one file per object ("hubspot-crm-exports-all-deals-
// 2026-11-30.csv"), the record's id as "Record ID" and its associations,
// when asked for, as "Associated Company IDs" and the like (ids joined
// by ";"). Each kind of activity is an object of its own.
var hubspotLayouts = []migrationLayout{
	{kind: "deals", sign: []string{"Record ID", "Deal Name"}, entity: "deal", id: []string{"Record ID"}, owner: []string{"Deal owner"},
		mapping: map[string]string{"Deal Name": "title", "Amount": "value", "Close Date": "expected_close_date", "Deal Description": "notes", "Closed Lost Reason": "lost_reason",
			"Create Date": "", "Deal Type": "", "Last Activity Date": ""},
		companyID: []string{"Associated Company IDs", "Associated Company IDs (Primary)"}, companyName: []string{"Associated Company", "Associated Company (Primary)"},
		contactID: []string{"Associated Contact IDs"}, contactName: []string{"Associated Contact"},
		pipeline: []string{"Pipeline"}, stage: []string{"Deal Stage"},
		created: []string{"Create Date"}, updated: []string{"Last Modified Date"}, closed: []string{"Close Date"}}, // Close Date: when it closed, once it has
	hubspotActivity("notes", "note", "Note body", "", "Note body"),
	hubspotActivity("activities", "call", "Call Title", "Call Title", "Call notes"),
	hubspotActivity("activities", "meeting", "Meeting name", "Meeting name", "Meeting description"),
	hubspotActivity("activities", "email", "Email subject", "Email subject", "Email body"),
	hubspotTask(),
	{kind: "contacts", sign: []string{"Record ID", "First Name"}, entity: "contact", id: []string{"Record ID"}, owner: []string{"Contact owner"},
		companyID: []string{"Associated Company IDs", "Associated Company IDs (Primary)"}, companyName: []string{"Associated Company", "Company Name"},
		created: []string{"Create Date"}, updated: []string{"Last Modified Date"}},
	{kind: "contacts", sign: []string{"Record ID", "Email"}, entity: "contact", id: []string{"Record ID"}, owner: []string{"Contact owner"},
		companyID: []string{"Associated Company IDs", "Associated Company IDs (Primary)"}, companyName: []string{"Associated Company", "Company Name"},
		created: []string{"Create Date"}, updated: []string{"Last Modified Date"}},
	{kind: "companies", sign: []string{"Record ID", "Company name"}, entity: "company", id: []string{"Record ID"}, owner: []string{"Company owner"},
		mapping: map[string]string{"Company name": "name", "Company Domain Name": "domain", "Website URL": "website", "Phone Number": "phone",
			"Industry": "industry", "Number of Employees": "size", "Street Address": "address.street", "City": "address.city",
			"State/Region": "address.region", "Postal Code": "address.postal_code", "Country/Region": "address.country",
			"Description": "notes", "Create Date": "", "Last Activity Date": "", "Lifecycle Stage": ""},
		created: []string{"Create Date"}, updated: []string{"Last Modified Date"}},
}

func hubspotActivity(kind, typ, sign, subject, body string) migrationLayout {
	l := migrationLayout{kind: kind, sign: []string{"Record ID", sign}, id: []string{"Record ID"}, activityType: typ,
		owner: []string{"Activity assigned to", "Assigned to", "Activity owner"}, body: []string{body},
		date:      []string{"Activity date", "Meeting start time", "Due date", "Create Date"},
		duration:  []string{"Call duration (HH:mm:ss)", "Call duration", "Meeting duration"},
		contactID: []string{"Associated Contact IDs"}, companyID: []string{"Associated Company IDs"}, dealID: []string{"Associated Deal IDs"},
		contactName: []string{"Associated Contact"}, companyName: []string{"Associated Company"}, dealName: []string{"Associated Deal"}}
	if subject != "" {
		l.subject = []string{subject}
	}
	return l
}

// hubspotTask is HubSpot's tasks: done ones are notes of what was done,
// open ones tasks here.
func hubspotTask() migrationLayout {
	l := hubspotActivity("activities", "note", "Task Title", "Task Title", "Task notes")
	l.done, l.date = []string{"Task status", "Status"}, []string{"Due date", "Activity date", "Create Date"}
	return l
}

// detectLayout finds the layout of a file of source's export by its header.
func detectLayout(source string, header []string) (migrationLayout, bool) {
	layouts := pipedriveLayouts
	if source == "hubspot" {
		layouts = hubspotLayouts
	}
	for _, l := range layouts {
		all := true
		for _, s := range l.sign {
			all = all && columnOf(header, []string{s}) >= 0
		}
		if all {
			return l, true
		}
	}
	return migrationLayout{}, false
}

// columnOf is the index of the first of names the header has, or -1.
func columnOf(header, names []string) int {
	for _, n := range names {
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), n) {
				return i
			}
		}
	}
	return -1
}

// hiddenColumns maps the headers a record's reader must not read (read
// here instead, or another record's fields) to "", over the layout's
// own mapping. A Pipedrive file's columns of other kinds ("Organization
// - Name" in a persons file) are another record's, as are HubSpot's
// associations.
func (l migrationLayout) hiddenColumns(source string, header []string) map[string]string {
	m := map[string]string{}
	for h, f := range l.mapping {
		if i := columnOf(header, []string{h}); i >= 0 {
			m[header[i]] = f
		}
	}
	prefix := map[string]string{"companies": "Organization - ", "contacts": "Person - ", "deals": "Deal - "}[l.kind]
	for _, group := range [][]string{l.id, l.owner, l.companyID, l.companyName, l.contactID, l.contactName, l.dealID, l.dealName,
		l.pipeline, l.stage, l.status, l.created, l.updated, l.won, l.lost, l.closed, l.staged} {
		for _, h := range group {
			if _, mapped := l.mapping[h]; mapped && l.mapping[h] != "" {
				continue // HubSpot's Close Date is the expected close date too
			}
			if i := columnOf(header, []string{h}); i >= 0 {
				m[header[i]] = ""
			}
		}
	}
	for _, h := range header {
		switch {
		case source == "pipedrive" && !strings.HasPrefix(h, prefix):
			m[h] = ""
		case source == "hubspot" && strings.HasPrefix(h, "Associated "):
			m[h] = ""
		}
	}
	return m
}
