package web

import (
	"net/http"

	"rolo/app"
	"rolo/ui/request"
)

// recordTeam is the team as record pages need it: who may own a record,
// and everyone's name for "owner", "created by" and the history.
type recordTeam struct {
	All   []*app.User // disabled accounts too: they still own old records
	names map[string]string
}

func (s *site) recordTeam(r *http.Request) (recordTeam, error) {
	users, err := s.app.Team(r.Context(), request.CurrentUser(r))
	if err != nil {
		return recordTeam{}, err
	}
	t := recordTeam{All: users, names: map[string]string{}}
	for _, u := range users {
		t.names[u.ID] = u.Name
	}
	return t, nil
}

// Name is the name of the user id, or "" for none or an unknown id.
func (t recordTeam) Name(id string) string { return t.names[id] }

// ownerOption is one choice in an owner select.
type ownerOption struct {
	ID       string
	Name     string
	Disabled bool
}

// Owners are the choices of an owner select: active users, plus current
// when it names a disabled one, so the form shows what is stored (the app
// will ask for another owner on save).
func (t recordTeam) Owners(current string) []ownerOption {
	var out []ownerOption
	for _, u := range t.All {
		if !u.Disabled || u.ID == current {
			out = append(out, ownerOption{ID: u.ID, Name: u.Name, Disabled: u.Disabled})
		}
	}
	return out
}
