package api

// The JSON shapes of the reports (GET /api/v1/reports/{name}, in the
// envelope reportJSON) and of the dashboard. They are named types, not
// maps, so the OpenAPI document describes each report from them.

type pipelineReportJSON struct {
	Pipeline nameRef             `json:"pipeline"`
	Stages   []pipelineStageJSON `json:"stages"`
	Count    int                 `json:"count"`
	Value    []moneyJSON         `json:"value"`
	Weighted []moneyJSON         `json:"weighted"`
	// In the home currency at today's rates.
	ValueHome    homeMoneyJSON `json:"value_home"`
	WeightedHome homeMoneyJSON `json:"weighted_home"`
}

type pipelineStageJSON struct {
	Stage        nameRef       `json:"stage"`
	Probability  int           `json:"probability"`
	Count        int           `json:"count"`
	Value        []moneyJSON   `json:"value"`
	Weighted     []moneyJSON   `json:"weighted"`
	ValueHome    homeMoneyJSON `json:"value_home"`
	WeightedHome homeMoneyJSON `json:"weighted_home"`
}

type funnelReportJSON struct {
	Pipeline nameRef          `json:"pipeline"`
	Cohort   int              `json:"cohort"`
	Steps    []funnelStepJSON `json:"steps"`
	Won      int              `json:"won"`
	Lost     int              `json:"lost"`
	WinRate  float64          `json:"win_rate"`
}

type funnelStepJSON struct {
	Stage      nameRef `json:"stage"`
	Reached    int     `json:"reached"`
	Next       int     `json:"next"`
	Conversion float64 `json:"conversion"`
	DropOff    int     `json:"drop_off"`
}

type winRateReportJSON struct {
	By    string        `json:"by"`
	Rows  []winRateJSON `json:"rows"`
	Total winRateJSON   `json:"total"`
}

type timeReportJSON struct {
	Pipeline    nameRef         `json:"pipeline"`
	Won         int             `json:"won"`
	WonAvgDays  float64         `json:"won_avg_days"`
	Lost        int             `json:"lost"`
	LostAvgDays float64         `json:"lost_avg_days"`
	Stages      []timeStageJSON `json:"stages"`
}

type timeStageJSON struct {
	Stage   nameRef `json:"stage"`
	Count   int     `json:"count"`
	AvgDays float64 `json:"avg_days"`
}

type sourcesReportJSON struct {
	Rows []sourceRowJSON `json:"rows"`
}

type sourceRowJSON struct {
	Source    string        `json:"source"`
	Contacts  int           `json:"contacts"`
	Won       int           `json:"won"`
	Value     []moneyJSON   `json:"value"`
	ValueHome homeMoneyJSON `json:"value_home"` // each deal at the rate of its close date
}

type growthReportJSON struct {
	Rows []growthRowJSON `json:"rows"`
}

type growthRowJSON struct {
	bucketJSON
	NewContacts  int `json:"new_contacts"`
	NewCustomers int `json:"new_customers"`
	Churned      int `json:"churned"`
}

type activityReportJSON struct {
	Types   []string             `json:"types"`
	Buckets []activityBucketJSON `json:"buckets"`
	Users   []activityUserJSON   `json:"users"`
	Total   int                  `json:"total"`
}

type activityBucketJSON struct {
	bucketJSON
	ByType map[string]int `json:"by_type"`
	Total  int            `json:"total"`
}

type activityUserJSON struct {
	UserID string         `json:"user_id"`
	ByType map[string]int `json:"by_type"`
	Total  int            `json:"total"`
}

// countsOf is a count by activity type, {} rather than null when empty.
func countsOf(m map[string]int) map[string]int {
	if m == nil {
		return map[string]int{}
	}
	return m
}

type adoptionReportJSON struct {
	Rows []adoptionRowJSON `json:"rows"`
}

type adoptionRowJSON struct {
	UserID      string  `json:"user_id"`
	Name        string  `json:"name"`
	Logins      int     `json:"logins"`
	Created     int     `json:"created"`
	Updated     int     `json:"updated"`
	TasksDone   int     `json:"tasks_done"`
	TasksOnTime int     `json:"tasks_on_time"`
	OnTimeRate  float64 `json:"on_time_rate"`
}

// dashboardJSON is GET /api/v1/dashboard: the reader's numbers (or the
// team's) for the period and the one before, and the goals in view.
type dashboardJSON struct {
	Period            periodJSON          `json:"period"`
	Previous          periodJSON          `json:"previous"`
	Filters           string              `json:"filters"`
	OpenCount         int                 `json:"open_count"`
	Open              []moneyJSON         `json:"open"`
	Weighted          []moneyJSON         `json:"weighted"`
	OpenHome          homeMoneyJSON       `json:"open_home"` // each deal at the rate of its expected close date (today when none)
	WeightedHome      homeMoneyJSON       `json:"weighted_home"`
	Forecast          []forecastMonthJSON `json:"forecast"`
	Won               winRateJSON         `json:"won"`
	WonBefore         winRateJSON         `json:"won_before"`
	TasksOverdue      int                 `json:"tasks_overdue"`
	NewContacts       int64               `json:"new_contacts"`
	NewContactsBefore int64               `json:"new_contacts_before"`
	Activities        int64               `json:"activities"`
	ActivitiesBefore  int64               `json:"activities_before"`
	Goals             []goalJSON          `json:"goals"`
}

type forecastMonthJSON struct {
	Month        string        `json:"month"` // YYYY-MM of the expected close, "" for none
	Count        int           `json:"count"`
	Value        []moneyJSON   `json:"value"`
	Weighted     []moneyJSON   `json:"weighted"`
	ValueHome    homeMoneyJSON `json:"value_home"`
	WeightedHome homeMoneyJSON `json:"weighted_home"`
}
