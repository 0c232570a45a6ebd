package app

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"rolo/store"
)

// ExportFormats are what `rolo export` and the export page write.
var ExportFormats = []string{"csv", "json", "vcf"}

// exportPage is how many records an export loads at a time, so a large
// database streams out in constant memory.
const exportPage = 1000

// neutralise makes a cell safe to open in a spreadsheet: a cell starting
// with = + - @ tab or carriage return would run as a formula, so it gets a
// leading apostrophe, which spreadsheets hide and the Rolo import removes.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// unneutralise undoes neutralise for cells of Rolo's own export.
func unneutralise(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// exporter writes one kind of record as rows of named cells.
type exporter struct {
	a       *App
	entity  string
	columns []string
	custom  []CustomField
	users   map[string]string // id → email
	names   map[string]string // company id → name, filled per page
	owner   string            // when set, only this user's records (own-records-only visibility)
	lang    string            // the built-in pipeline's names are written in this language
}

func (a *App) newExporter(ctx context.Context, entity string) (*exporter, error) {
	ex := &exporter{a: a, entity: entity, users: map[string]string{}}
	fields, err := store.CustomFields(ctx, a.db.Reader(), entity)
	if err != nil {
		return nil, err
	}
	ex.custom = fields
	team, err := store.ListUsers(ctx, a.db.Reader())
	if err != nil {
		return nil, err
	}
	for _, u := range team {
		ex.users[u.ID] = u.Email
	}
	switch entity {
	case "contact":
		ex.columns = []string{"id", "display_name", "first_name", "last_name", "title", "company", "email", "email_label", "email_2", "email_2_label", "email_3", "email_3_label",
			"phone", "phone_label", "phone_2", "phone_2_label", "phone_3", "phone_3_label", "website", "social", "social_label", "birthday", "lead_source", "lifecycle_status", "owner", "tags",
			"address.street", "address.city", "address.region", "address.postal_code", "address.country", "notes", "created_at", "updated_at"}
	case "company":
		ex.columns = []string{"id", "name", "domain", "website", "industry", "size", "phone", "owner", "tags",
			"address.street", "address.city", "address.region", "address.postal_code", "address.country", "notes", "created_at", "updated_at"}
	case "deal":
		ex.columns = []string{"id", "title", "value", "currency", "pipeline", "stage", "status", "lost_reason", "company", "contact",
			"owner", "expected_close_date", "source", "notes", "tags", "created_at", "updated_at"}
	default:
		return nil, Invalid(map[string]string{"entity": "error.import_entity_unknown"})
	}
	for _, f := range fields {
		ex.columns = append(ex.columns, "cf."+f.Key)
	}
	return ex, nil
}

// each calls fn with every live record of the exporter's kind (or only
// ids, when given), as named cells, a page at a time.
func (ex *exporter) each(ctx context.Context, ids []string, fn func(map[string]string, any) error) error {
	q := ex.a.db.Reader()
	after := ""
	for {
		var page []string
		if ids == nil {
			var err error
			if page, err = store.LiveIDsAfter(ctx, q, ex.entity, after, exportPage); err != nil {
				return err
			}
		} else {
			// A long selection (a segment) goes a page at a time too.
			page, ids = ids[:min(len(ids), exportPage)], ids[min(len(ids), exportPage):]
		}
		if len(page) == 0 {
			return nil
		}
		if err := ex.page(ctx, page, fn); err != nil {
			return err
		}
		after = page[len(page)-1]
	}
}

func (ex *exporter) page(ctx context.Context, ids []string, fn func(map[string]string, any) error) error {
	q := ex.a.db.Reader()
	if ex.owner != "" {
		var err error
		if ids, err = store.OwnedIDs(ctx, q, ex.entity, ids, ex.owner); err != nil || len(ids) == 0 {
			return err
		}
	}
	values, err := customValuesOf(ctx, q, ex.custom, ids)
	if err != nil {
		return err
	}
	custom := func(row map[string]string, id string) {
		for _, f := range ex.custom {
			if options, ok := values[id][f.Key].([]string); ok {
				row["cf."+f.Key] = joinTagList(options) // an option may hold a comma
				continue
			}
			row["cf."+f.Key] = ValueText(f, values[id][f.Key])
		}
	}
	switch ex.entity {
	case "contact":
		list, err := store.ContactsByIDs(ctx, q, ids)
		if err != nil {
			return err
		}
		var companyIDs []string
		for _, c := range list {
			companyIDs = append(companyIDs, c.CompanyID)
		}
		names, err := store.CompanyNames(ctx, q, companyIDs)
		if err != nil {
			return err
		}
		for _, c := range list {
			if c.Trashed() {
				continue
			}
			row := contactFields(c)
			row["id"], row["company"], row["owner"] = c.ID, names[c.CompanyID], ex.users[c.OwnerID]
			row["emails"], row["phones"], row["social"] = "", "", "" // contactFields' summaries; the columns follow
			for i, e := range c.Emails {
				addChannel(row, channelColumn("email", i), e.Value, e.Label, i >= 2 && len(c.Emails) > 3)
			}
			for i, p := range c.Phones { // as typed: E.164 is only for matching
				addChannel(row, channelColumn("phone", i), p.Value, p.Label, i >= 2 && len(c.Phones) > 3)
			}
			for _, s := range c.Social { // one column, " ::: " between them
				addChannel(row, "social", s.Value, s.Label, len(c.Social) > 1)
			}
			row["tags"] = joinTagList(tagList(c.Tags))
			row["address.street"], row["address.city"], row["address.region"] = c.Address.Street, c.Address.City, c.Address.Region
			row["address.postal_code"], row["address.country"] = c.Address.PostalCode, c.Address.Country
			row["created_at"], row["updated_at"] = store.FormatTime(c.CreatedAt), store.FormatTime(c.UpdatedAt)
			custom(row, c.ID)
			if err := fn(row, c); err != nil {
				return err
			}
		}
	case "company":
		list, err := store.CompaniesByIDs(ctx, q, ids)
		if err != nil {
			return err
		}
		for _, c := range list {
			if c.Trashed() {
				continue
			}
			row := companyFields(c)
			row["id"], row["owner"], row["phone"] = c.ID, ex.users[c.OwnerID], c.Phone.Value
			row["address.street"], row["address.city"], row["address.region"] = c.Address.Street, c.Address.City, c.Address.Region
			row["address.postal_code"], row["address.country"] = c.Address.PostalCode, c.Address.Country
			row["tags"] = joinTagList(tagList(c.Tags))
			row["created_at"], row["updated_at"] = store.FormatTime(c.CreatedAt), store.FormatTime(c.UpdatedAt)
			custom(row, c.ID)
			if err := fn(row, c); err != nil {
				return err
			}
		}
	case "deal":
		list, err := store.DealsByIDs(ctx, q, ids)
		if err != nil {
			return err
		}
		var companyIDs, stageIDs, contactIDs []string
		for _, d := range list {
			companyIDs, stageIDs = append(companyIDs, d.CompanyID), append(stageIDs, d.StageID)
			contactIDs = append(append(contactIDs, d.ContactID), d.ContactIDs...)
		}
		names, err := store.CompanyNames(ctx, q, companyIDs)
		if err != nil {
			return err
		}
		stages, err := store.StagesByID(ctx, q, stageIDs)
		if err != nil {
			return err
		}
		contacts, err := store.ContactsByIDs(ctx, q, contactIDs)
		if err != nil {
			return err
		}
		refs := map[string]string{} // a contact by its first email, else by its id
		for _, c := range contacts {
			refs[c.ID] = c.ID
			if len(c.Emails) > 0 {
				refs[c.ID] = c.Emails[0].Value
			}
		}
		pipelines, err := store.ListPipelines(ctx, q, false)
		if err != nil {
			return err
		}
		pipelineNames := map[string]string{}
		for _, p := range pipelines {
			pipelineNames[p.ID] = shownName(ex.lang, p.Name, p.NameKey)
		}
		for _, d := range list {
			if d.Trashed() {
				continue
			}
			s := stages[d.StageID]
			var linked []string
			for _, id := range append([]string{d.ContactID}, d.ContactIDs...) {
				if refs[id] != "" {
					linked = append(linked, refs[id])
				}
			}
			row := map[string]string{"id": d.ID, "title": d.Title, "value": formatMinor(d.Value, CurrencyScale(d.Currency)),
				"currency": d.Currency, "pipeline": pipelineNames[d.PipelineID], "stage": shownName(ex.lang, s.Name, s.NameKey),
				"status": d.Status, "lost_reason": d.LostReason, "company": names[d.CompanyID], "contact": strings.Join(linked, " ::: "),
				"owner": ex.users[d.OwnerID], "expected_close_date": d.ExpectedCloseDate, "source": d.Source, "notes": d.Notes,
				"tags": joinTagList(tagList(d.Tags)), "created_at": store.FormatTime(d.CreatedAt), "updated_at": store.FormatTime(d.UpdatedAt)}
			custom(row, d.ID)
			if err := fn(row, d); err != nil {
				return err
			}
		}
	}
	return nil
}

// addChannel writes a value and its label (in col_label); the third
// column holds the rest, " ::: " between them and between their labels
// (an unlabelled one among several is "-").
func addChannel(row map[string]string, col, value, label string, several bool) {
	lcol := col + "_label"
	if several && label == "" {
		label = "-"
	}
	if row[col] != "" {
		value, label = row[col]+" ::: "+value, row[lcol]+" ::: "+label
	}
	row[col], row[lcol] = value, label
}

// channelColumn puts the first two addresses in their own columns and
// the rest together in the third.
func channelColumn(kind string, i int) string {
	switch i {
	case 0:
		return kind
	case 1:
		return kind + "_2"
	}
	return kind + "_3"
}

func nameOrKey(name, key string) string {
	if name != "" {
		return name
	}
	_, last, _ := strings.Cut(key, ".")
	return strings.ReplaceAll(last, "_", " ")
}

func formatMinor(v int64, scale int) string {
	if scale == 0 {
		return strconv.FormatInt(v, 10)
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	p := int64(1)
	for range scale {
		p *= 10
	}
	return fmt.Sprintf("%s%d.%0*d", sign, v/p, scale, v%p)
}

// Export writes every live record of entity (or only ids) as CSV, JSON
// lines in one array, or vCards (contacts only). CSV cells are neutralised
// against spreadsheet formulas; the header is Rolo's field names, so the
// file re-imports with the rolo preset.
func (a *App) Export(ctx context.Context, actor Actor, w io.Writer, entity, format string, ids []string) error {
	if err := a.can(actor, AreaImports, LevelView); err != nil {
		return err
	}
	ex, err := a.newExporter(ctx, entity)
	if err != nil {
		return err
	}
	ex.owner, ex.lang = a.ownerScope(actor), exportLanguage(ctx, actor)
	if err := a.hideExportFields(ctx, actor, ex); err != nil {
		return err
	}
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(ex.columns); err != nil {
			return err
		}
		cells := make([]string, len(ex.columns))
		err = ex.each(ctx, ids, func(row map[string]string, _ any) error {
			for i, col := range ex.columns {
				cells[i] = neutralise(row[col])
			}
			return cw.Write(cells)
		})
		if err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	case "json":
		return a.writeJSONRecords(ctx, ex, w, ids)
	case "vcf":
		if entity != "contact" {
			return Invalid(map[string]string{"format": "error.export_vcf_contacts_only"})
		}
		return a.writeVCards(ctx, ex, w, ids)
	}
	return Invalid(map[string]string{"format": "error.export_format_unknown"})
}
