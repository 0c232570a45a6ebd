package app

import "encoding/json"

// The whole database as one typed JSON document (rolo export all, rolo
// import all). Times are RFC 3339 in UTC with milliseconds, as stored;
// dates are ISO 8601 (YYYY-MM-DD, or --MM-DD for a birthday without a
// year); amounts are whole minor units with their currency; a missing
// value is null. Every list is in id order (stages in their pipeline's
// order, emails and phones in their own), so two exports of the same
// database are the same bytes. Records refer to each other by id; the
// names beside an id are there for people and for the per-kind imports.

// DumpFormat and DumpVersion are the document's first two members.
const (
	DumpFormat  = "rolo"
	DumpVersion = 1
)

// Dump is the whole document. The per-kind export (rolo export contacts
// --format json) is the same document with only its kind's list.
type Dump struct {
	Format        string             `json:"format"`
	Version       int                `json:"version"`
	Users         []DumpUser         `json:"users,omitempty"`
	Tags          []DumpTag          `json:"tags,omitempty"`
	CustomFields  []DumpCustomField  `json:"custom_fields,omitempty"`
	ActivityTypes []DumpActivityType `json:"activity_types,omitempty"`
	Pipelines     []DumpPipeline     `json:"pipelines,omitempty"`
	Companies     []DumpCompany      `json:"companies,omitempty"`
	Contacts      []DumpContact      `json:"contacts,omitempty"`
	Deals         []DumpDeal         `json:"deals,omitempty"`
	Activities    []DumpActivity     `json:"activities,omitempty"`
	Tasks         []DumpTask         `json:"tasks,omitempty"`
	Segments      []DumpSegment      `json:"segments,omitempty"`
}

// DumpRef names another record: its id, and its name or email for people.
type DumpRef struct {
	ID    string `json:"id"`
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
}

// DumpUser is an account without any secret: no password hash, API key
// or session. A restored user has no password until one is set.
type DumpUser struct {
	ID            string  `json:"id"`
	Email         string  `json:"email"`
	Name          string  `json:"name"`
	Role          string  `json:"role"`
	Language      string  `json:"language"`
	TimeZone      string  `json:"time_zone"`
	PhoneRegion   string  `json:"phone_region"`
	RemindMinutes int     `json:"remind_minutes"`
	DisabledAt    *string `json:"disabled_at"`
	LastLoginAt   *string `json:"last_login_at"`
	CreatedAt     string  `json:"created_at"`
	UpdatedAt     string  `json:"updated_at"`
}

type DumpTag struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Color     string `json:"color"`
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
}

type DumpCustomField struct {
	ID        string       `json:"id"`
	Entity    string       `json:"entity"`
	Key       string       `json:"key"`
	Label     string       `json:"label"`
	Type      string       `json:"type"`
	Help      string       `json:"help"`
	Required  bool         `json:"required"`
	Group     string       `json:"group"`
	Position  int          `json:"position"`
	Currency  string       `json:"currency"`
	Options   []DumpOption `json:"options"`
	CreatedAt string       `json:"created_at"`
	UpdatedAt string       `json:"updated_at"`
}

type DumpOption struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

type DumpActivityType struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Icon        string  `json:"icon"`
	Color       string  `json:"color"`
	HasDuration bool    `json:"has_duration"`
	Builtin     bool    `json:"builtin"`
	Position    int     `json:"position"`
	ArchivedAt  *string `json:"archived_at"`
	CreatedAt   string  `json:"created_at"`
	UpdatedAt   string  `json:"updated_at"`
}

// DumpPipeline holds its stages in board order. Name is as stored: the
// built-in pipeline and stages have none but a catalog key (name_key),
// which each reader sees in their own language.
type DumpPipeline struct {
	ID         string      `json:"id"`
	Name       string      `json:"name"`
	NameKey    string      `json:"name_key"`
	Position   int         `json:"position"`
	ArchivedAt *string     `json:"archived_at"`
	Stages     []DumpStage `json:"stages"`
	CreatedAt  string      `json:"created_at"`
	UpdatedAt  string      `json:"updated_at"`
}

type DumpStage struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	NameKey     string  `json:"name_key"`
	Probability int     `json:"probability"`
	RotDays     *int    `json:"rot_days"`
	Kind        string  `json:"kind"`
	ArchivedAt  *string `json:"archived_at"`
	CreatedAt   string  `json:"created_at"`
	UpdatedAt   string  `json:"updated_at"`
}

type DumpAddress struct {
	Street     string `json:"street"`
	City       string `json:"city"`
	Region     string `json:"region"`
	PostalCode string `json:"postal_code"`
	Country    string `json:"country"`
}

// DumpLabeled is an email, phone or social handle with its label.
type DumpLabeled struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// DumpCustom holds custom values by field key, typed as the API shows
// them: string, number, boolean, {"minor", "currency"} for money, the
// option's label for a select, a list of labels for a multi select.
type DumpCustom map[string]json.RawMessage

type DumpCompany struct {
	ID        string      `json:"id"`
	Name      string      `json:"name"`
	Domain    string      `json:"domain"`
	Website   string      `json:"website"`
	Industry  string      `json:"industry"`
	Size      string      `json:"size"`
	Phone     string      `json:"phone"`
	Address   DumpAddress `json:"address"`
	Owner     *DumpRef    `json:"owner"`
	Notes     string      `json:"notes"`
	Tags      []string    `json:"tags"`
	Custom    DumpCustom  `json:"custom"`
	CreatedAt string      `json:"created_at"`
	UpdatedAt string      `json:"updated_at"`
}

type DumpContact struct {
	ID              string           `json:"id"`
	DisplayName     string           `json:"display_name"`
	FirstName       string           `json:"first_name"`
	LastName        string           `json:"last_name"`
	Title           string           `json:"title"`
	Company         *DumpRef         `json:"company"`
	Emails          []DumpLabeled    `json:"emails"`
	Phones          []DumpLabeled    `json:"phones"`
	Address         DumpAddress      `json:"address"`
	Birthday        *string          `json:"birthday"`
	Website         string           `json:"website"`
	Social          []DumpLabeled    `json:"social"`
	LeadSource      string           `json:"lead_source"`
	LifecycleStatus string           `json:"lifecycle_status"`
	Owner           *DumpRef         `json:"owner"`
	Notes           string           `json:"notes"`
	Tags            []string         `json:"tags"`
	Custom          DumpCustom       `json:"custom"`
	Photo           *DumpPhoto       `json:"photo"`
	Consent         *DumpConsent     `json:"consent"`
	KeepInTouch     *DumpKeepInTouch `json:"keep_in_touch"`
	CreatedAt       string           `json:"created_at"`
	UpdatedAt       string           `json:"updated_at"`
}

// DumpPhoto is the stored JPEG, base64 (RFC 4648 with padding).
type DumpPhoto struct {
	Data      []byte `json:"data"`
	UpdatedAt string `json:"updated_at"`
}

type DumpConsent struct {
	Status         string  `json:"status"`
	GivenAt        *string `json:"given_at"`
	Source         string  `json:"source"`
	Wording        string  `json:"wording"`
	DoNotContact   bool    `json:"do_not_contact"`
	UnsubscribedAt *string `json:"unsubscribed_at"`
	UpdatedAt      string  `json:"updated_at"`
}

type DumpKeepInTouch struct {
	EveryDays   int     `json:"every_days"`
	User        DumpRef `json:"user"`
	LastTouchAt string  `json:"last_touch_at"`
	DueAt       string  `json:"due_at"`
	UpdatedAt   string  `json:"updated_at"`
}

// DumpMoney is an amount in the currency's minor units (cents; yen and
// won have none), as the API writes money.
type DumpMoney struct {
	Minor    int64  `json:"minor"`
	Currency string `json:"currency"`
}

type DumpDeal struct {
	ID                string        `json:"id"`
	Title             string        `json:"title"`
	Value             DumpMoney     `json:"value"`
	Pipeline          DumpRef       `json:"pipeline"`
	Stage             DumpRef       `json:"stage"`
	Position          string        `json:"position"`
	Status            string        `json:"status"`
	LostReason        string        `json:"lost_reason"`
	ClosedAt          *string       `json:"closed_at"`
	StageEnteredAt    string        `json:"stage_entered_at"`
	Company           *DumpRef      `json:"company"`
	Contact           *DumpRef      `json:"contact"`
	OtherContacts     []DumpRef     `json:"other_contacts"`
	Owner             *DumpRef      `json:"owner"`
	ExpectedCloseDate *string       `json:"expected_close_date"`
	Source            string        `json:"source"`
	Notes             string        `json:"notes"`
	Tags              []string      `json:"tags"`
	Custom            DumpCustom    `json:"custom"`
	StageHistory      []DumpMoveLog `json:"stage_history"`
	CreatedAt         string        `json:"created_at"`
	UpdatedAt         string        `json:"updated_at"`
}

// DumpMoveLog is one stage a deal entered (from is null when created).
type DumpMoveLog struct {
	ID        string  `json:"id"`
	FromStage *string `json:"from_stage_id"`
	ToStage   *string `json:"to_stage_id"`
	At        string  `json:"at"`
	MovedBy   *string `json:"moved_by"`
}

// DumpLink is a record an activity or task is about.
type DumpLink struct {
	Entity string `json:"entity"`
	ID     string `json:"id"`
}

type DumpActivity struct {
	ID              string     `json:"id"`
	Type            string     `json:"type"`
	OccurredAt      string     `json:"occurred_at"`
	DurationMinutes *int       `json:"duration_minutes"`
	Outcome         string     `json:"outcome"`
	Body            string     `json:"body"`
	User            *DumpRef   `json:"user"`
	Links           []DumpLink `json:"links"`
	CreatedAt       string     `json:"created_at"`
	UpdatedAt       string     `json:"updated_at"`
}

type DumpTask struct {
	ID            string     `json:"id"`
	Title         string     `json:"title"`
	Notes         string     `json:"notes"`
	DueAt         *string    `json:"due_at"`
	DueDate       *string    `json:"due_date"`
	TimeZone      string     `json:"time_zone"`
	Assignee      *DumpRef   `json:"assignee"`
	Priority      string     `json:"priority"`
	DoneAt        *string    `json:"done_at"`
	DoneBy        *string    `json:"done_by"`
	Recurrence    string     `json:"recurrence"`
	SeriesID      *string    `json:"series_id"`
	SeriesStart   *string    `json:"series_start"`
	Occurrence    *string    `json:"occurrence"`
	SnoozedUntil  *string    `json:"snoozed_until"`
	RemindMinutes int        `json:"remind_minutes"`
	Links         []DumpLink `json:"links"`
	CreatedAt     string     `json:"created_at"`
	UpdatedAt     string     `json:"updated_at"`
}

type DumpSegment struct {
	ID        string   `json:"id"`
	Entity    string   `json:"entity"`
	Name      string   `json:"name"`
	Query     string   `json:"query"`
	Shared    bool     `json:"shared"`
	Owner     *DumpRef `json:"owner"`
	CreatedAt string   `json:"created_at"`
	UpdatedAt string   `json:"updated_at"`
}
