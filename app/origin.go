package app

import "context"

// Origin is what made a change when no signed-in person did — a rule, a
// web form, the scheduler, the command line — or what a person's change
// came through (an import batch). record stores it with the change, so
// the timeline, the audit log and webhooks credit the real actor instead
// of calling every change without a user "Command line".
type Origin struct {
	Kind string `json:"kind"`           // one of the Origin* kinds
	ID   string `json:"id,omitempty"`   // the rule's, form's or import batch's ID
	Name string `json:"name,omitempty"` // its name then (a rule renamed later keeps the old in its entries)
}

// The kinds of Origin.
const (
	OriginRule      = "rule"
	OriginWebForm   = "web_form"
	OriginImport    = "import"
	OriginCLI       = "command_line"
	OriginScheduler = "scheduler"
)

type originKey struct{}

// WithOrigin says that the changes made under ctx come from o; an inner
// origin wins (a rule started by a web form's contact is the rule's).
func WithOrigin(ctx context.Context, o Origin) context.Context {
	return context.WithValue(ctx, originKey{}, o)
}

func originOf(ctx context.Context) (Origin, bool) {
	o, ok := ctx.Value(originKey{}).(Origin)
	return o, ok
}

// EventActor is who made a change, as webhook payloads say it: a user
// (kind "user" and their ID) or an Origin.
type EventActor struct {
	Kind string `json:"kind"`
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
}

// eventActor is the actor of a change made by actorID under ctx; nil when
// nothing is known (a change before origins were kept has none either).
func eventActor(ctx context.Context, actorID string) *EventActor {
	o, ok := originOf(ctx)
	switch {
	case actorID != "":
		a := &EventActor{Kind: "user", ID: actorID}
		return a
	case ok:
		return &EventActor{Kind: o.Kind, ID: o.ID, Name: o.Name}
	}
	return nil
}
