package app

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"rolo/store"
)

// DemoOptions size a generated demo database.
type DemoOptions struct {
	Contacts  int
	Companies int
	Seed      uint64
	// Deals is how many open deals the sales pipeline gets (plus half as
	// many won or lost), with stage histories over two years.
	Deals int
	// Activities and Tasks are how many activities (linked to contacts and
	// their companies) and tasks (a fifth of them open) to generate.
	Activities int
	Tasks      int
	// Progress, when set, is called now and then with how many contacts exist.
	Progress func(done int)
	// Step, when set, hears each later stage start: "deals", "activities",
	// for a bulk load "indexes", and last "contact cards".
	Step func(stage string)
	// Bulk fills a new, empty database with its contact indexes built at
	// the end (store.BulkLoad): several times faster, for a file that is
	// renamed into place only when done (BuildDemoFile).
	Bulk bool
}

func (opt DemoOptions) step(stage string) {
	if opt.Step != nil {
		opt.Step(stage)
	}
}

// Names in the scripts Rolo's users write them in; family name first for
// Korean, Japanese and Chinese, as composeDisplayName expects.
var demoNames = []struct {
	first, last []string
	domain      string
	region      string
}{
	{[]string{"James", "Mary", "Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Sophia", "Lucas"}, []string{"Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Clark", "Lewis", "Walker"}, "example.com", "US"},
	{[]string{"민수", "서연", "지훈", "하은", "도윤", "지우", "예준", "수아", "시우", "지민"}, []string{"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"}, "example.kr", "KR"},
	{[]string{"太郎", "花子", "翔太", "陽菜", "蓮", "結衣", "大翔", "さくら", "悠真", "美咲"}, []string{"山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤"}, "example.jp", "JP"},
	{[]string{"伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰"}, []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"}, "example.cn", "CN"},
	{[]string{"Zoë", "Jürgen", "François", "Inès", "Søren", "Łukasz", "José", "Björn", "Chloé", "Matteo"}, []string{"Müller", "Dubois", "García", "Rossi", "Nielsen", "Nowak", "Fernández", "Lindqvist", "Martin", "Bianchi"}, "example.eu", "DE"},
}

var (
	demoCompanyWords = []string{"Acme", "Blue", "River", "Summit", "Nova", "Pine", "Harbor", "Orbit", "Maple", "Atlas", "Cedar", "Vertex", "한빛", "미래", "さくら", "富士", "长城", "华星"}
	demoCompanyKinds = []string{"Labs", "Trading", "Foods", "Logistics", "Studio", "Systems", "Partners", "Health", "상사", "テック", "科技"}
	demoIndustries   = []string{"Software", "Retail", "Manufacturing", "Healthcare", "Education", "Hospitality", "Finance", "Logistics"}
	demoTitles       = []string{"CEO", "Founder", "Head of Sales", "Marketing Manager", "Office Manager", "CTO", "Buyer", "Consultant", "대표", "部長", "经理"}
	demoSources      = []string{"Website", "Referral", "Webinar", "Trade show", "Cold call", "LinkedIn", "Newsletter"}
	demoTags         = []string{"vip", "newsletter", "webinar-2026", "partner", "renewal-due", "trade-show", "lead-magnet", "key-account"}
)

// demoCacheKiB is the writer's page cache while a demo is generated: 512 MB.
const demoCacheKiB = 512 << 10

// GenerateDemo fills the database with realistic, deterministic data for
// trying Rolo and for benchmarks: users, companies, contacts with emails,
// phones, tags and custom fields, spread over two years. It writes in
// large transactions straight through store, because it is a bulk load,
// and records one audit entry for the whole run.
func (a *App) GenerateDemo(ctx context.Context, opt DemoOptions) error {
	// A large demo's indexes outgrow SQLite's default page cache by far;
	// without a larger one every insert reads index pages back from disk.
	if err := a.db.SetWriteCache(ctx, demoCacheKiB); err != nil {
		return err
	}
	defer a.db.SetWriteCache(context.WithoutCancel(ctx), 0)
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	start := a.now().Add(-2 * 365 * 24 * time.Hour)
	var owners []string
	var tags []Tag
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		for i, role := range []Role{RoleSales, RoleSales, RoleManager, RoleMarketing, RoleSupport} {
			u := store.User{ID: a.cfg.NewID(), Email: fmt.Sprintf("demo%d-%d@rolo.example", i+1, opt.Seed), Name: fmt.Sprintf("Demo %s %d", role, i+1),
				Role: string(role), PasswordHash: "!"} // "!" matches no password: an admin resets it to use the account
			if err := store.InsertUser(ctx, tx, u); err != nil {
				return err
			}
			owners = append(owners, u.ID)
		}
		var err error
		tags, err = a.ensureTags(ctx, tx, nil, demoTags)
		return err
	})
	if err != nil {
		return err
	}
	fields, err := a.createDemoFields(ctx)
	if err != nil {
		return err
	}
	search, err := a.newDemoSearch(ctx)
	if err != nil {
		return err
	}
	fill := func() error {
		companies, err := a.demoCompanies(ctx, rng, opt, owners, fields, search, start)
		if err != nil {
			return err
		}
		if err := a.demoPeople(ctx, rng, opt, owners, companies, tags, fields, search, start); err != nil {
			return err
		}
		if opt.Deals > 0 {
			opt.step("deals")
			if err := a.generateDemoDeals(ctx, rng, opt, owners, companies, start); err != nil {
				return err
			}
		}
		if opt.Activities > 0 || opt.Tasks > 0 {
			opt.step("activities")
			if err := a.generateDemoActivities(ctx, rng, opt, owners, start); err != nil {
				return err
			}
		}
		if opt.Bulk {
			opt.step("indexes") // BulkLoad builds them when fill returns
		}
		return nil
	}
	if opt.Bulk {
		err = a.db.BulkLoad(ctx, fill)
	} else {
		err = fill()
	}
	if err != nil {
		return err
	}
	// Lists read each contact's card; a demo starts with all of them made.
	opt.step("contact cards")
	if _, err := a.db.FillAllContactCards(ctx); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		return a.record(ctx, tx, "", Change{Action: ActionDemoGenerated, Entity: "settings", ID: "demo",
			Details: map[string]any{"contacts": opt.Contacts, "companies": opt.Companies, "deals": opt.Deals, "seed": opt.Seed}})
	})
}

// demoCompanies adds opt.Companies companies in one transaction.
func (a *App) demoCompanies(ctx context.Context, rng *rand.Rand, opt DemoOptions, owners []string, fields demoFieldSet, search *demoSearch, start time.Time) ([]string, error) {
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	var companies []string
	var docs []store.SearchDoc
	err := a.db.Write(ctx, func(tx *store.Tx) error {
		for i := range opt.Companies {
			name := fmt.Sprintf("%s %s %d", pick(demoCompanyWords), pick(demoCompanyKinds), i+1)
			c := store.Company{ID: a.cfg.NewID(), Name: name, SortName: foldKey(name), Industry: pick(demoIndustries),
				Size: pick(CompanySizes), OwnerID: owners[rng.IntN(len(owners))],
				Domain: fmt.Sprintf("company%d.example", i+1), Website: fmt.Sprintf("https://company%d.example", i+1)}
			c.CreatedAt = start.Add(time.Duration(rng.Int64N(int64(2 * 365 * 24 * time.Hour))))
			c.UpdatedAt = c.CreatedAt
			if err := store.InsertCompany(ctx, tx, c); err != nil {
				return err
			}
			values := []store.CustomValue{fields.companyValue(rng, c.ID)}
			if err := store.InsertFieldValues(ctx, tx, values); err != nil {
				return err
			}
			docs = append(docs, search.company(c, values))
			companies = append(companies, c.ID)
		}
		return store.InsertNewSearchDocs(ctx, tx, docs)
	})
	return companies, err
}

// demoBatch is one transaction's worth of generated contacts with the
// tags each gets, their custom values and their search entries.
type demoBatch struct {
	contacts []store.Contact
	tags     [][]Tag
	values   []store.CustomValue
	docs     []store.SearchDoc
}

// demoPeople adds opt.Contacts contacts. One goroutine makes the next
// batch (names, normalised phone numbers, search entries) while the last
// one is written; it alone draws from rng, so the data stays the same for
// a seed.
func (a *App) demoPeople(ctx context.Context, rng *rand.Rand, opt DemoOptions, owners, companies []string, tags []Tag, fields demoFieldSet,
	search *demoSearch, start time.Time) error {
	const batch = 5000
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan demoBatch, 1)
	go func() {
		defer close(batches)
		for done := 0; done < opt.Contacts; done += batch {
			var b demoBatch
			for i := done; i < min(done+batch, opt.Contacts); i++ {
				c := a.demoContact(rng, i, start, owners, companies, pick)
				var its []Tag
				for _, t := range rng.Perm(len(tags))[:rng.IntN(3)] {
					its = append(its, tags[t])
				}
				values := fields.contactValues(rng, c, a.now())
				b.contacts, b.tags, b.values = append(b.contacts, c), append(b.tags, its), append(b.values, values...)
				b.docs = append(b.docs, search.contact(c, its, values))
			}
			select {
			case batches <- b:
			case <-ctx.Done():
				return
			}
		}
	}()
	done := 0
	for b := range batches {
		err := a.db.Write(ctx, func(tx *store.Tx) error {
			for i, c := range b.contacts {
				if err := store.InsertContact(ctx, tx, c); err != nil {
					return err
				}
				for _, tag := range b.tags[i] {
					if err := store.AddTag(ctx, tx, "contact", c.ID, tag.ID); err != nil {
						return err
					}
				}
			}
			if err := store.InsertFieldValues(ctx, tx, b.values); err != nil {
				return err
			}
			return store.InsertNewSearchDocs(ctx, tx, b.docs)
		})
		if err != nil {
			return err
		}
		done += len(b.contacts)
		if opt.Progress != nil {
			opt.Progress(done)
		}
	}
	return ctx.Err()
}

func (a *App) demoContact(rng *rand.Rand, i int, start time.Time, owners, companies []string, pick func([]string) string) store.Contact {
	names := demoNames[rng.IntN(len(demoNames))]
	first, last := pick(names.first), pick(names.last)
	display := composeDisplayName(first, last)
	c := store.Contact{
		ID: a.cfg.NewID(), FirstName: first, LastName: last, DisplayName: display, SortName: foldKey(display),
		Title: pick(demoTitles), LeadSource: pick(demoSources), LifecycleStatus: LifecycleStatuses[rng.IntN(len(LifecycleStatuses))],
		Emails: []store.Labeled{{Label: "work", Value: fmt.Sprintf("person%d@%s", i+1, names.domain)}},
	}
	if rng.IntN(10) > 0 {
		c.OwnerID = owners[rng.IntN(len(owners))]
	}
	if len(companies) > 0 && rng.IntN(4) > 0 {
		c.CompanyID = companies[rng.IntN(len(companies))]
	}
	if rng.IntN(3) > 0 {
		national := demoPhone(rng, names.region) // a valid mobile of the person's region (demo_phone.go)
		c.Phones = []store.Phone{{Label: "mobile", Value: national, E164: NormalizePhone(national, names.region)}}
	}
	if rng.IntN(5) == 0 {
		c.Birthday = fmt.Sprintf("--%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28))
	}
	// Spread over two years, edited some time after creation.
	c.CreatedAt = start.Add(time.Duration(rng.Int64N(int64(2 * 365 * 24 * time.Hour))))
	c.UpdatedAt = c.CreatedAt.Add(time.Duration(rng.Int64N(int64(90 * 24 * time.Hour))))
	if now := a.now(); c.UpdatedAt.After(now) {
		c.UpdatedAt = now
	}
	return c
}
