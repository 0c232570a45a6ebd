package store

import (
	"context"
	"database/sql"
	"time"
)

// Pipeline is an ordered list of stages that deals move through.
type Pipeline struct {
	ID         string
	Name       string // as typed; "" while the built-in NameKey names it
	NameKey    string // catalog key of a built-in name
	Position   int
	ArchivedAt time.Time
	Stages     []Stage // live stages in order, archived ones included
	Stamp
}

// Archived tells whether the pipeline is kept only for its history.
func (p Pipeline) Archived() bool { return !p.ArchivedAt.IsZero() }

// Stage is one step of a pipeline.
type Stage struct {
	ID          string
	PipelineID  string
	Name        string
	NameKey     string
	Position    int
	Probability int // chance of winning a deal here, 0–100
	RotDays     int // a deal waiting longer than this is flagged; 0 for never
	Kind        string
	ArchivedAt  time.Time
	Stamp
}

// Stage kinds: deals in a won or lost stage are closed with that outcome.
const (
	StageOpen = "open"
	StageWon  = "won"
	StageLost = "lost"
)

// Archived tells whether the stage is hidden from the board.
func (s Stage) Archived() bool { return !s.ArchivedAt.IsZero() }

const pipelineColumns = `id, name, name_key, position, archived_at,
	version, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by`

const stageColumns = `id, pipeline_id, name, name_key, position, probability, coalesce(rot_days, 0), kind, archived_at,
	version, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by`

// InsertPipeline adds p without stages.
func InsertPipeline(ctx context.Context, tx *Tx, p Pipeline) error {
	_, err := tx.exec(ctx, `INSERT INTO pipelines (id, name, name_key, position, created_at, created_by, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, p.Name, p.NameKey, p.Position,
		orNow(p.CreatedAt, tx), nullString(p.CreatedBy), orNow(p.CreatedAt, tx), nullString(p.CreatedBy))
	return translate(err)
}

// UpdatePipeline saves p's name and archive state and bumps its version.
func UpdatePipeline(ctx context.Context, tx *Tx, p Pipeline) error {
	res, err := tx.exec(ctx, `UPDATE pipelines SET name = ?, name_key = ?, archived_at = ?, version = version + 1,
		updated_at = ?, updated_by = ? WHERE id = ?`,
		p.Name, p.NameKey, nullTime(p.ArchivedAt), FormatTime(tx.Now), nullString(p.UpdatedBy), p.ID)
	if err != nil {
		return translate(err)
	}
	return mustAffect(res)
}

// SetPipelineOrder renumbers the live pipelines in the order of ids.
func SetPipelineOrder(ctx context.Context, tx *Tx, ids []string) error {
	return setOrder(ctx, tx, "pipelines", ids)
}

// SetStageOrder renumbers one pipeline's stages in the order of ids.
func SetStageOrder(ctx context.Context, tx *Tx, ids []string) error {
	return setOrder(ctx, tx, "stages", ids)
}

func setOrder(ctx context.Context, tx *Tx, table string, ids []string) error {
	for i, id := range ids {
		if _, err := tx.exec(ctx, `UPDATE `+table+` SET position = ? WHERE id = ?`, i, id); err != nil {
			return translate(err)
		}
	}
	return nil
}

// TrashPipeline moves a pipeline to the trash, or back out.
func TrashPipeline(ctx context.Context, tx *Tx, id, by string, trash bool) error {
	return setTrashed(ctx, tx, "pipelines", id, by, trash)
}

// PipelineByID loads one pipeline, trashed or not, with its live stages.
func PipelineByID(ctx context.Context, q Querier, id string) (Pipeline, error) {
	p, err := scanPipeline(q.QueryRowContext(ctx, `SELECT `+pipelineColumns+` FROM pipelines WHERE id = ?`, id))
	if err != nil {
		return Pipeline{}, err
	}
	p.Stages, err = StagesOf(ctx, q, id)
	return p, err
}

// ListPipelines returns the live pipelines in order, each with its live
// stages; trashed ones when trashed is set, newest deletion first.
func ListPipelines(ctx context.Context, q Querier, trashed bool) ([]Pipeline, error) {
	query := `SELECT ` + pipelineColumns + ` FROM pipelines WHERE deleted_at IS NULL ORDER BY position, id`
	if trashed {
		query = `SELECT ` + pipelineColumns + ` FROM pipelines WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC`
	}
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	var out []Pipeline
	for rows.Next() {
		p, err := scanPipeline(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	stages, err := liveStages(ctx, q)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Stages = stages[out[i].ID]
	}
	return out, nil
}

func liveStages(ctx context.Context, q Querier) (map[string][]Stage, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+stageColumns+` FROM stages WHERE deleted_at IS NULL ORDER BY pipeline_id, position, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]Stage{}
	for rows.Next() {
		s, err := scanStage(rows)
		if err != nil {
			return nil, err
		}
		out[s.PipelineID] = append(out[s.PipelineID], s)
	}
	return out, rows.Err()
}

// StagesOf returns a pipeline's live stages in order.
func StagesOf(ctx context.Context, q Querier, pipelineID string) ([]Stage, error) {
	return queryStages(ctx, q, `SELECT `+stageColumns+` FROM stages WHERE pipeline_id = ? AND deleted_at IS NULL ORDER BY position, id`, pipelineID)
}

// TrashedStages returns a pipeline's stages in the trash, newest first.
func TrashedStages(ctx context.Context, q Querier, pipelineID string) ([]Stage, error) {
	return queryStages(ctx, q, `SELECT `+stageColumns+` FROM stages WHERE pipeline_id = ? AND deleted_at IS NOT NULL
		ORDER BY deleted_at DESC, id DESC`, pipelineID)
}

func queryStages(ctx context.Context, q Querier, query string, args ...any) ([]Stage, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Stage
	for rows.Next() {
		s, err := scanStage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// StageByID loads one stage, trashed or not.
func StageByID(ctx context.Context, q Querier, id string) (Stage, error) {
	return scanStage(q.QueryRowContext(ctx, `SELECT `+stageColumns+` FROM stages WHERE id = ?`, id))
}

// StagesByID loads the stages ids, trashed or not, by id; for naming the
// stages of a deal's history.
func StagesByID(ctx context.Context, q Querier, ids []string) (map[string]Stage, error) {
	out := map[string]Stage{}
	if len(ids) == 0 {
		return out, nil
	}
	stages, err := queryStages(ctx, q, `SELECT `+stageColumns+` FROM stages WHERE id IN (SELECT value FROM json_each(?))`, jsonIDs(ids))
	for _, s := range stages {
		out[s.ID] = s
	}
	return out, err
}

// InsertStage adds s to its pipeline.
func InsertStage(ctx context.Context, tx *Tx, s Stage) error {
	_, err := tx.exec(ctx, `INSERT INTO stages (id, pipeline_id, name, name_key, position, probability, rot_days, kind,
		created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.PipelineID, s.Name, s.NameKey, s.Position, s.Probability, optionalInt(s.RotDays), s.Kind,
		orNow(s.CreatedAt, tx), nullString(s.CreatedBy), orNow(s.CreatedAt, tx), nullString(s.CreatedBy))
	return translate(err)
}

// UpdateStage saves s's name, probability, rot days, kind and archive state.
func UpdateStage(ctx context.Context, tx *Tx, s Stage) error {
	res, err := tx.exec(ctx, `UPDATE stages SET name = ?, name_key = ?, probability = ?, rot_days = ?, kind = ?,
		archived_at = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
		s.Name, s.NameKey, s.Probability, optionalInt(s.RotDays), s.Kind, nullTime(s.ArchivedAt),
		FormatTime(tx.Now), nullString(s.UpdatedBy), s.ID)
	if err != nil {
		return translate(err)
	}
	return mustAffect(res)
}

// TrashStage moves a stage to the trash, or back out.
func TrashStage(ctx context.Context, tx *Tx, id, by string, trash bool) error {
	return setTrashed(ctx, tx, "stages", id, by, trash)
}

// PurgeTrashedPipelines deletes trashed pipelines and trashed stages for
// good and returns their ids. A stage that still holds a deal cannot go
// (deals.stage_id has no ON DELETE action), so callers purge deals first.
func PurgeTrashedPipelines(ctx context.Context, tx *Tx) (pipelines, stages []string, err error) {
	if stages, err = purgeTrashed(ctx, tx, "stages"); err != nil {
		return nil, nil, err
	}
	pipelines, err = purgeTrashed(ctx, tx, "pipelines")
	return pipelines, stages, err
}

// StageDealCounts counts the deals (live and trashed) in each stage of a
// pipeline, for asking where they go before a stage is deleted.
func StageDealCounts(ctx context.Context, q Querier, pipelineID string) (map[string]int, error) {
	rows, err := q.QueryContext(ctx, `SELECT stage_id, count(*) FROM deals WHERE pipeline_id = ? GROUP BY stage_id`, pipelineID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

func scanPipeline(row rowScanner) (Pipeline, error) {
	var p Pipeline
	var s stampScan
	var archived sql.NullString
	err := row.Scan(&p.ID, &p.Name, &p.NameKey, &p.Position, &archived,
		&p.Version, &s.created, &s.createdBy, &s.updated, &s.updatedBy, &s.deletedAt, &s.deletedBy)
	if err != nil {
		return Pipeline{}, translate(err)
	}
	p.ArchivedAt, p.Stamp = parseNullTime(archived), s.stamp(p.Version)
	return p, nil
}

func scanStage(row rowScanner) (Stage, error) {
	var st Stage
	var s stampScan
	var archived sql.NullString
	err := row.Scan(&st.ID, &st.PipelineID, &st.Name, &st.NameKey, &st.Position, &st.Probability, &st.RotDays, &st.Kind, &archived,
		&st.Version, &s.created, &s.createdBy, &s.updated, &s.updatedBy, &s.deletedAt, &s.deletedBy)
	if err != nil {
		return Stage{}, translate(err)
	}
	st.ArchivedAt, st.Stamp = parseNullTime(archived), s.stamp(st.Version)
	return st, nil
}

// optionalInt stores 0 as NULL, for "not set" numbers such as rot days.
func optionalInt(n int) sql.NullInt64 { return sql.NullInt64{Int64: int64(n), Valid: n != 0} }
