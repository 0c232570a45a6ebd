package web

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"rolo/app"
)

// dealPage is one deal: its details beside its stage history and timeline.
type dealPage struct {
	Base
	Deal        app.Deal
	Value       string
	Weighted    string
	Pipeline    pipelineTab
	Stage       stageChoice
	Probability int
	DaysInStage int
	Rotting     bool
	RotDays     int
	Company     *app.Company
	CompanyText string // names a company the reader may not open
	Contacts    []dealContact
	Stays       []stageStayView
	TimeToClose string
	MoveStages  []stageChoice // where the move form may send it
	LostReasons []string
	History     []historyItem
	Timeline    recordTimeline // activities and changes, newest first
	Tasks       []taskRow      // open tasks linked to the deal
	Stamp       app.Stamp
	Team        recordTeam
	BoardURL    string
	CanWrite    bool // not a viewer, and the deal is not in the trash
	CanRestore  bool
	Custom      []app.FieldGroup
}

// dealContact is a person on a deal.
type dealContact struct {
	ID      string
	Name    string
	Title   string
	Email   string
	Primary bool
	Trashed bool
}

// stageStayView is one time the deal sat in a stage.
type stageStayView struct {
	Stage    string
	Entered  time.Time
	Duration string
	Current  bool
	By       string
}

// handleDealShow shows a deal's page, trashed or not.
func handleDealShow(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := s.base(w, r, "deals.deal_title")
		page, err := s.loadDealPage(r, b, mux.Vars(r)["id"])
		if err != nil {
			s.views.renderError(w, r, b, err)
			return
		}
		s.views.render(w, r, http.StatusOK, "deal", b.Lang, page)
	})
}

func (s *site) loadDealPage(r *http.Request, b Base, id string) (dealPage, error) {
	ctx := r.Context()
	d, err := s.app.Deal(ctx, b.User, id)
	if err != nil {
		return dealPage{}, err
	}
	p, err := s.app.Pipeline(ctx, b.User, d.PipelineID)
	if err != nil {
		return dealPage{}, err
	}
	var custom []app.FieldGroup
	if fields, err := s.app.FieldsFor(r.Context(), b.User, "deal"); err == nil {
		custom = app.GroupedValues(fields, d.CustomFields)
	}
	page := dealPage{Base: b, Deal: d, Stamp: d.Stamp, Custom: custom, CanWrite: app.CanDo(b.User, app.AreaDeals, app.LevelEdit) && !d.Trashed(),
		Value:       formatMoney(b.Lang, app.Money{Value: d.Value, Currency: d.Currency}),
		Pipeline:    pipelineTab{ID: p.ID, Name: s.catalog.PipelineName(b.Lang, p), Archived: p.Archived()},
		BoardURL:    s.recordPath("pipeline.board", "id", p.ID),
		LostReasons: s.lostReasons(r, b.Lang), CanRestore: app.CanDo(b.User, app.AreaDeals, app.LevelDelete)}
	if page.Team, err = s.recordTeam(r); err != nil {
		return dealPage{}, err
	}
	stages, err := s.app.StagesByID(ctx, b.User, []string{d.StageID})
	if err != nil {
		return dealPage{}, err
	}
	stage := stages[d.StageID]
	page.Stage = stageChoice{ID: stage.ID, Name: s.catalog.StageName(b.Lang, stage), Kind: stage.Kind}
	page.Probability, page.RotDays = stage.Probability, stage.RotDays
	page.Weighted = formatMoney(b.Lang, app.Money{Value: (d.Value*int64(stage.Probability) + 50) / 100, Currency: d.Currency})
	for _, c := range s.pipelineChoices(b.Lang, []app.Pipeline{p}, d.StageID) {
		page.MoveStages = c.Stages
	}
	if d.CompanyID != "" {
		if co, err := s.app.Company(ctx, b.User, d.CompanyID); err == nil {
			page.Company = &co
		} else if name, err := s.app.LinkedCompanyName(ctx, b.User, app.RecordRef{Entity: "deal", ID: d.ID}); err == nil {
			page.CompanyText = name // not the reader's to open: named, not linked
		}
	}
	ids := d.ContactIDs
	if d.ContactID != "" {
		ids = append([]string{d.ContactID}, ids...)
	}
	contacts, err := s.app.ContactsByID(ctx, b.User, ids)
	if err != nil {
		return dealPage{}, err
	}
	for _, c := range contacts {
		view := dealContact{ID: c.ID, Name: c.DisplayName, Title: c.Title, Primary: c.ID == d.ContactID, Trashed: c.Trashed()}
		if len(c.Emails) > 0 {
			view.Email = c.Emails[0].Value
		}
		page.Contacts = append(page.Contacts, view)
	}
	h, err := s.app.DealStageHistory(ctx, b.User, id)
	if err != nil {
		return dealPage{}, err
	}
	for i := len(h.Stays) - 1; i >= 0; i-- { // newest first, as the timeline
		st := h.Stays[i]
		name := s.catalog.T(b.Lang, "deals.deleted_stage")
		if st.Stage.ID != "" {
			name = s.catalog.StageName(b.Lang, st.Stage)
		}
		page.Stays = append(page.Stays, stageStayView{Stage: name, Entered: st.Entered, Duration: s.duration(b.Lang, st.Duration(h.Now)),
			Current: st.Left.IsZero(), By: st.ByName})
	}
	if d.Status == app.DealOpen {
		page.DaysInStage = int(h.Now.Sub(d.StageEnteredAt) / (24 * time.Hour))
		page.Rotting = stage.RotDays > 0 && page.DaysInStage > stage.RotDays
	}
	if h.TimeToClose > 0 {
		page.TimeToClose = s.duration(b.Lang, h.TimeToClose)
	}
	ref, path := app.RecordRef{Entity: "deal", ID: id}, s.recordPath("deal.show", "id", id)
	page.Timeline, err = s.recordTimelineWith(r, b.Lang, page.Team, ref, path, func(entries []app.AuditEntry) ([]historyItem, error) {
		return s.historyItems(r, b.Lang, entries)
	})
	if err != nil {
		return page, err
	}
	page.Timeline.CanWrite = page.CanWrite
	for _, c := range page.Contacts {
		if c.Primary && !c.Trashed { // a call about a deal is usually with its contact
			page.Timeline.Also = &linkView{Entity: "contact", ID: c.ID, Name: c.Name}
		}
	}
	page.Tasks, err = s.recordTasks(r, b.Lang, page.Team, ref, path)
	return page, err
}

// duration says how long something took in whole days.
func (s *site) duration(lang string, d time.Duration) string {
	switch days := int(d / (24 * time.Hour)); days {
	case 0:
		return s.catalog.T(lang, "deals.duration.under_day")
	case 1:
		return s.catalog.T(lang, "deals.duration.one_day")
	default:
		return s.catalog.T(lang, "deals.duration.days", days)
	}
}
