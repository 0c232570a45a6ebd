package app

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"rolo/store"
)

var (
	demoOutcomes = []string{"Left a voicemail", "Agreed on a demo", "Sent the proposal", "Asked for a discount", "Introduced to their CFO",
		"Renewal confirmed", "Needs a second meeting", "No answer", "통화 완료, 견적 요청", "見積もりを送付", "确认续约"}
	demoNotes = []string{"Wants pricing for 25 seats.", "Follow up after the trade show.", "Budget approved for next quarter.",
		"다음 주에 다시 연락하기로 함.", "来月の定例会で検討するとのこと。", "对方希望下周安排演示。"}
	demoTaskTitles = []string{"Call back", "Send the proposal", "Prepare the quarterly review", "Check in after onboarding",
		"Ask for a referral", "Renewal reminder", "견적서 보내기", "請求書を確認", "安排演示"}
	demoZones = []string{"UTC", "America/New_York", "Europe/Berlin", "Asia/Seoul", "Asia/Tokyo"}
)

// demoBusyContacts are the first contacts (by id), which get a heavy share
// of the activities: the record timelines that benchmarks page through.
const demoBusyContacts = 100

// generateDemoActivities adds opt.Activities activities over two years,
// linked to contacts (and half of them to the contact's company too), and
// opt.Tasks tasks, most done, the rest due from a month ago to a month on.
func (a *App) generateDemoActivities(ctx context.Context, rng *rand.Rand, opt DemoOptions, owners []string, start time.Time) error {
	ids, companies, err := store.ContactCompanies(ctx, a.db.Reader())
	if err != nil || len(ids) == 0 || len(owners) == 0 {
		return err
	}
	now := a.now()
	span := int64(now.Sub(start))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	contact := func() int {
		if rng.IntN(20) == 0 {
			return rng.IntN(min(demoBusyContacts, len(ids)))
		}
		return rng.IntN(len(ids))
	}
	const batch = 20_000
	for done := 0; done < opt.Activities; done += batch {
		n := min(batch, opt.Activities-done)
		list := make([]Activity, n)
		for i := range list {
			c := contact()
			act := Activity{ID: a.cfg.NewID(), OccurredAt: start.Add(time.Duration(rng.Int64N(span))).Truncate(time.Second),
				Outcome: pick(demoOutcomes), UserID: owners[rng.IntN(len(owners))], Links: []RecordRef{{Entity: "contact", ID: ids[c]}}}
			switch r := rng.IntN(10); {
			case r < 4:
				act.TypeID = "note"
			case r < 7:
				act.TypeID, act.DurationMinutes = "call", 5+rng.IntN(40)
			case r < 9:
				act.TypeID = "email"
			default:
				act.TypeID, act.DurationMinutes = "meeting", 30+rng.IntN(60)
			}
			if rng.IntN(3) == 0 {
				act.Body = pick(demoNotes)
			}
			if companies[c] != "" && rng.IntN(2) == 0 {
				act.Links = append(act.Links, RecordRef{Entity: "company", ID: companies[c]})
			}
			act.CreatedAt, act.CreatedBy = act.OccurredAt, act.UserID
			list[i] = act
		}
		if err := a.db.Write(ctx, func(tx *store.Tx) error { return store.InsertActivities(ctx, tx, list) }); err != nil {
			return err
		}
	}

	for done := 0; done < opt.Tasks; done += batch {
		n := min(batch, opt.Tasks-done)
		list := make([]Task, n)
		for i := range list {
			t := Task{ID: a.cfg.NewID(), Title: pick(demoTaskTitles), TimeZone: pick(demoZones), AssigneeID: owners[rng.IntN(len(owners))],
				Priority: Priorities[rng.IntN(len(Priorities))]}
			var due time.Time
			if rng.IntN(5) == 0 { // open: due from a month ago to a month on
				due = now.Add(time.Duration(rng.Int64N(int64(60*day))) - 30*day)
			} else { // done, some time after it was due
				due = start.Add(time.Duration(rng.Int64N(span)))
				t.DoneAt, t.DoneBy = due.Add(time.Duration(rng.Int64N(int64(3*day)))), t.AssigneeID
				if t.DoneAt.After(now) {
					t.DoneAt = now
				}
			}
			if rng.IntN(4) == 0 {
				t.DueDate = due.In(taskZone(t)).Format(wallDay)
			} else {
				t.DueAt = due.Truncate(time.Minute)
			}
			if rng.IntN(10) < 7 {
				t.Links = []RecordRef{{Entity: "contact", ID: ids[contact()]}}
			}
			if rng.IntN(20) == 0 {
				t.Recurrence, t.SeriesID = "FREQ=WEEKLY", t.ID
				t.SeriesStart = DueWall(t)
				t.Occurrence = t.SeriesStart
			}
			t.DueKey = dueKey(t)
			t.CreatedAt, t.CreatedBy = due.Add(-time.Duration(rng.Int64N(int64(14*day)))), t.AssigneeID
			list[i] = t
		}
		if err := a.db.Write(ctx, func(tx *store.Tx) error { return store.InsertTasks(ctx, tx, list) }); err != nil {
			return err
		}
	}

	// Keep-in-touch cadences on one contact in fifty, a third of them due.
	return a.db.Write(ctx, func(tx *store.Tx) error {
		for i := 0; i < len(ids); i += 50 {
			every := []int{14, 30, 60, 90}[rng.IntN(4)]
			last := now.Add(-time.Duration(rng.Int64N(int64(every*3/2) * int64(day))))
			k := KeepInTouch{ContactID: ids[i], EveryDays: every, UserID: owners[rng.IntN(len(owners))], LastTouchAt: last,
				DueAt: last.Add(time.Duration(every) * day)}
			if err := store.PutKeepInTouch(ctx, tx, k); err != nil {
				return fmt.Errorf("demo keep in touch: %w", err)
			}
		}
		return nil
	})
}
