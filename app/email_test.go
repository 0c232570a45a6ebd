package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/matryer/is"

	"rolo/app"
	"rolo/store"
)

// emailFile reads a sample message from testdata/email.
func emailFile(tb testing.TB, name string) app.EmailFile {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "email", name))
	if err != nil {
		tb.Fatal(err)
	}
	return app.EmailFile{Name: name, Raw: raw}
}

func emailFiles(files ...app.EmailFile) app.EmailSource {
	return func(yield func(app.EmailFile) bool) {
		for _, f := range files {
			if !yield(f) {
				return
			}
		}
	}
}

// TestReadEmailSamples reads each sample in the shape its mail program
// writes it: subject, people, date, new text, the quote folded away and
// the attachments.
func TestReadEmailSamples(t *testing.T) {
	tests := []struct {
		file, subject, from, fromName string
		to, cc                        []string
		date                          string
		text, notText, quoted         []string
		attachments                   []app.EmailAttachment
	}{
		{file: "gmail-reply.eml", subject: "Re: Quote for 20 seats", from: "bob@baker.example", fromName: "Bob Baker",
			to: []string{"ada@example.com"}, cc: []string{"carol@chen.example"}, date: "2026-03-04T09:15:42Z",
			text: []string{"the price works for us", "café team"}, notText: []string{"4,800 EUR", "wrote:"},
			quoted: []string{"On Tue, 3 Mar 2026 at 09:12, Ada Admin", "> here is the quote"}},
		{file: "outlook-html.eml", subject: "RE: Quote for 20 seats", from: "carol@chen.example", fromName: "Carol Chen",
			to: []string{"ada@example.com"}, date: "2026-03-05T08:30:00Z",
			text:    []string{"Legal signed off.", "5.000 € including the café workshop", "our budget page <https://chen.example/budget>", "• 20 seats\n• Onboarding in April"},
			notText: []string{"MsoNormal", "tracker.example", "Sent:"}, quoted: []string{"From: Ada Admin", "Sent: Tuesday, March 3, 2026", "Hi Carol, here is the quote"}},
		{file: "apple-attachment.eml", subject: "Contract draft", from: "ada@example.com", fromName: "Ada Admin",
			to: []string{"bob@baker.example"}, date: "2026-03-06T08:05:09Z",
			text: []string{"the contract draft is attached"}, quoted: []string{"Bob Baker <bob@baker.example> wrote:"},
			attachments: []app.EmailAttachment{{Name: "logo.png", Type: "image/png", Size: 70}, {Name: "Contract draft.pdf", Type: "application/pdf", Size: 1800}}},
		{file: "thunderbird-forward.eml", subject: "Fwd: Quote for 20 seats", from: "ada@example.com", fromName: "Ada Admin",
			to: []string{"carol@chen.example"}, date: "2026-03-07T10:00:00Z",
			text:        []string{"for your records", "-------- Forwarded Message --------", "here is the quote for 20 seats"}, // a forward keeps what it forwards
			attachments: []app.EmailAttachment{{Name: "Preisübersicht.xlsx", Type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Size: 600}}},
		{file: "japanese-iso2022jp.eml", subject: "Re: お見積もりについて", from: "taro@tanaka.example.jp", fromName: "田中太郎",
			to: []string{"ada@example.com"}, date: "2026-03-09T05:20:00Z",
			text: []string{"お見積もりありがとうございます。", "来週の火曜日に打ち合わせをお願いできますか。"}, notText: []string{"お見積もりを添付します"},
			quoted: []string{"2026年3月3日(火) 9:12 Ada Admin", "> 田中様"}},
		{file: "korean-euckr.eml", subject: "Re: 견적 요청드립니다", from: "minsu@kim.example.kr", fromName: "김민수",
			to: []string{"ada@example.com"}, date: "2026-03-10T00:05:00Z",
			text: []string{"견적서 잘 받았습니다.", "김민수 드림"}, notText: []string{"님이 작성"}, quoted: []string{"님이 작성:", "> 김민수님, 견적서를 보내 드립니다."}},
		{file: "chinese-gb2312.eml", subject: "回复：关于合同的问题", from: "wei@zhang.example.cn", fromName: "张伟",
			to: []string{"ada@example.com", "na@li.example.cn"}, date: "2026-03-11T08:45:00Z",
			text: []string{"合同第三条的付款期限能否改为六十天？"}, notText: []string{"写道"}, quoted: []string{"写道：", "> 张先生"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			is := is.New(t)
			f := emailFile(t, tt.file)
			m, err := app.ReadEmail(strings.NewReader(string(f.Raw)))
			is.NoErr(err)
			is.Equal(m.Subject, tt.subject)
			is.Equal(m.From.Address, tt.from)
			is.Equal(m.From.Name, tt.fromName)
			is.Equal(addrs(m.To), tt.to)
			is.Equal(addrs(m.Cc), tt.cc)
			is.Equal(m.Date.Format(time.RFC3339), tt.date)
			for _, s := range tt.text {
				is.True(strings.Contains(m.Text, s)) // the text says s
			}
			for _, s := range tt.notText {
				is.True(!strings.Contains(m.Text, s)) // the text leaves s out (quoted or markup)
			}
			for _, s := range tt.quoted {
				is.True(strings.Contains(m.Quoted, s)) // the quote holds s
			}
			if tt.quoted == nil {
				is.Equal(m.Quoted, "")
			}
			is.Equal(len(m.Attachments), len(tt.attachments))
			for i, a := range tt.attachments {
				is.Equal(m.Attachments[i], a)
			}
		})
	}
}

func addrs(list []app.EmailAddress) []string {
	var out []string
	for _, a := range list {
		out = append(out, a.Address)
	}
	return out
}

// TestReadEmailLimits: a message over the size limit is refused, and
// hostile input (no headers, binary, deep HTML) reads without a panic.
func TestReadEmailLimits(t *testing.T) {
	is := is.New(t)
	huge := "Subject: big\r\nFrom: a@b.example\r\n\r\n" + strings.Repeat("x", 41<<20)
	_, err := app.ReadEmail(strings.NewReader(huge))
	is.True(err != nil) // over 40 MB
	deep := "Subject: deep\r\nContent-Type: text/html\r\n\r\n" + strings.Repeat("<div>", 100000) + "hi"
	m, err := app.ReadEmail(strings.NewReader(deep))
	is.NoErr(err)
	is.Equal(m.Subject, "deep")
	m, err = app.ReadEmail(strings.NewReader("Subject: =?x-unknown?B?SGk=?=\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\nhello"))
	is.NoErr(err)
	is.True(strings.Contains(m.Text, "hello")) // an unknown charset still reads
}

// TestMboxSource splits an mbox on its From lines and unquotes >From.
func TestMboxSource(t *testing.T) {
	is := is.New(t)
	f, err := os.Open(filepath.Join("..", "testdata", "email", "takeout.mbox"))
	is.NoErr(err)
	defer f.Close()
	var subjects []string
	var first string
	for msg := range app.MboxSource("takeout.mbox", f) {
		is.NoErr(msg.Err)
		m, err := app.ReadEmail(strings.NewReader(string(msg.Raw)))
		is.NoErr(err)
		subjects = append(subjects, m.Subject)
		if first == "" {
			first = m.Text
		}
	}
	is.Equal(subjects, []string{"Quote for 20 seats", "Re: Quote for 20 seats", "Our spring offers", "Re: Contract draft"})
	is.True(strings.Contains(first, "\nFrom the second year on")) // ">From" in a body is unquoted
}

// emailWorld is an admin and the contacts the samples write to.
type emailWorld struct {
	ta                    *testApp
	admin                 *app.User
	bob, carol, taro, wei app.Contact
	minsu                 app.Contact
	deal                  app.Deal
	company               app.Company
	ctx                   context.Context
}

func newEmailWorld(t *testing.T) *emailWorld {
	t.Helper()
	ta := mustOpenApp(t)
	w := &emailWorld{ta: ta, admin: mustSetup(t, ta), ctx: context.Background()}
	mk := func(name, email string) app.Contact {
		c, err := ta.CreateContact(w.ctx, w.admin, app.ContactInput{DisplayName: name, Emails: []store.Labeled{{Value: email}}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	w.bob, w.carol = mk("Bob Baker", "bob@baker.example"), mk("Carol Chen", "carol@chen.example")
	w.taro, w.minsu, w.wei = mk("田中太郎", "taro@tanaka.example.jp"), mk("김민수", "minsu@kim.example.kr"), mk("张伟", "wei@zhang.example.cn")
	var err error
	if w.company, err = ta.CreateCompany(w.ctx, w.admin, app.CompanyInput{Name: "Chen Trading"}); err != nil {
		t.Fatal(err)
	}
	if w.deal, err = ta.CreateDeal(w.ctx, w.admin, app.DealInput{Title: "20 seats", ContactIDs: []string{w.bob.ID}}); err != nil {
		t.Fatal(err)
	}
	return w
}

// emailsOn lists the subjects of the messages on a record's timeline,
// newest first.
func (w *emailWorld) emailsOn(t *testing.T, entity, id string) []string {
	t.Helper()
	page, err := w.ta.Timeline(w.ctx, w.admin, app.RecordRef{Entity: entity, ID: id}, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, item := range page.Items {
		if item.Activity != nil && item.Activity.TypeID == app.EmailTypeID {
			out = append(out, item.Activity.Outcome)
		}
	}
	return out
}

// TestLogEmailFiles drops messages on records: each becomes one email
// activity on the record and on every known contact in it; dropped again
// (on another record) it is linked there, never logged twice.
func TestLogEmailFiles(t *testing.T) {
	is := is.New(t)
	w := newEmailWorld(t)
	deal := app.RecordRef{Entity: "deal", ID: w.deal.ID}
	rep, err := w.ta.LogEmailFiles(w.ctx, w.admin, emailFiles(emailFile(t, "gmail-reply.eml")), &deal)
	is.NoErr(err)
	is.Equal(rep.Logged, 1)
	is.Equal(len(rep.Activities), 1)
	act, err := w.ta.Activity(w.ctx, w.admin, rep.Activities[0])
	is.NoErr(err)
	is.Equal(act.TypeID, "email")
	is.Equal(act.Outcome, "Re: Quote for 20 seats")
	is.Equal(act.OccurredAt.Format(time.RFC3339), "2026-03-04T09:15:42Z") // the message's date, not the drop's
	is.True(strings.Contains(act.Body, "café team onboarded"))
	is.Equal(act.UserID, w.admin.ID)
	is.Equal(len(act.Links), 3) // the deal, Bob (From) and Carol (Cc)
	for _, c := range []app.Contact{w.bob, w.carol} {
		is.Equal(w.emailsOn(t, "contact", c.ID), []string{"Re: Quote for 20 seats"})
	}
	details, err := w.ta.EmailDetailsOf(w.ctx, w.admin, []string{act.ID})
	is.NoErr(err)
	d := details[act.ID]
	is.Equal(d.From, app.EmailAddress{Name: "Bob Baker", Address: "bob@baker.example"})
	is.Equal(addrs(d.Cc), []string{"carol@chen.example"})
	is.True(strings.Contains(d.Quoted, "> here is the quote"))

	// The same message on the company: linked, not logged again.
	company := app.RecordRef{Entity: "company", ID: w.company.ID}
	rep, err = w.ta.LogEmailFiles(w.ctx, w.admin, emailFiles(emailFile(t, "gmail-reply.eml"), app.EmailFile{Name: "junk.eml", Raw: []byte{0, 1, 2}}), &company)
	is.NoErr(err)
	is.Equal(rep.Logged, 0)
	is.Equal(rep.Duplicates, 1)
	is.Equal(w.emailsOn(t, "company", w.company.ID), []string{"Re: Quote for 20 seats"})
	is.Equal(w.emailsOn(t, "contact", w.bob.ID), []string{"Re: Quote for 20 seats"}) // still once

	// Japanese, Korean and Chinese messages land on their writers.
	rep, err = w.ta.LogEmailFiles(w.ctx, w.admin, emailFiles(emailFile(t, "japanese-iso2022jp.eml"), emailFile(t, "korean-euckr.eml"),
		emailFile(t, "chinese-gb2312.eml"), emailFile(t, "stranger.eml")), nil)
	is.NoErr(err)
	is.Equal(rep.Logged, 3)
	is.Equal(rep.Skipped, 1) // nobody knows the newsletter
	is.Equal(w.emailsOn(t, "contact", w.taro.ID), []string{"Re: お見積もりについて"})
	is.Equal(w.emailsOn(t, "contact", w.minsu.ID), []string{"Re: 견적 요청드립니다"})
	is.Equal(w.emailsOn(t, "contact", w.wei.ID), []string{"回复：关于合同的问题"})

	// Email logging off: nothing is logged.
	is.NoErr(w.ta.SetEmailLogging(w.ctx, w.admin, false))
	_, err = w.ta.LogEmailFiles(w.ctx, w.admin, emailFiles(emailFile(t, "apple-attachment.eml")), nil)
	is.Equal(app.ErrorCode(err), app.EForbidden)
}

// TestImportEmail imports an mbox and a folder: messages go to the
// contacts in them, strangers are skipped and counted, a message already
// logged by another path is a duplicate, the thread holds together, and
// the batch undoes; a dry run writes nothing.
func TestImportEmail(t *testing.T) {
	is := is.New(t)
	w := newEmailWorld(t)
	mbox := filepath.Join("..", "testdata", "email", "takeout.mbox")

	src, err := app.EmailPathSource(mbox)
	is.NoErr(err)
	dry, err := w.ta.ImportEmail(w.ctx, w.admin, src, app.EmailImportOptions{FileName: "takeout.mbox", DryRun: true})
	is.NoErr(err)
	is.Equal(dry.Messages, 4)
	is.Equal(dry.Logged, 3)
	is.Equal(dry.Skipped, 1)
	is.True(!dry.Written)
	is.Equal(len(w.emailsOn(t, "contact", w.bob.ID)), 0) // the dry run wrote nothing

	src, _ = app.EmailPathSource(mbox)
	rep, err := w.ta.ImportEmail(w.ctx, w.admin, src, app.EmailImportOptions{FileName: "takeout.mbox"})
	is.NoErr(err)
	is.Equal(rep.Logged, 3)
	is.Equal(rep.Skipped, 1)
	is.True(rep.BatchID != "")
	is.Equal(w.emailsOn(t, "contact", w.bob.ID), []string{"Re: Contract draft", "Re: Quote for 20 seats", "Quote for 20 seats"})

	// The whole folder: the Gmail reply is in the mbox too (a duplicate),
	// the Apple reply joins the thread.
	src, err = app.EmailPathSource(filepath.Join("..", "testdata", "email"))
	is.NoErr(err)
	rep2, err := w.ta.ImportEmail(w.ctx, w.admin, src, app.EmailImportOptions{FileName: "email"})
	is.NoErr(err)
	is.Equal(rep2.Messages, 12)  // eight .eml files and the mbox's four
	is.Equal(rep2.Duplicates, 4) // the Gmail reply twice over, and the mbox again
	is.Equal(rep2.Logged, 6)     // Outlook, Apple, Thunderbird and the three in Asian languages
	page, err := w.ta.Timeline(w.ctx, w.admin, app.RecordRef{Entity: "contact", ID: w.bob.ID}, "", 50)
	is.NoErr(err)
	var ids []string
	for _, item := range page.Items {
		if item.Activity != nil {
			ids = append(ids, item.Activity.ID)
		}
	}
	details, err := w.ta.EmailDetailsOf(w.ctx, w.admin, ids)
	is.NoErr(err)
	threads := map[string]bool{}
	for _, d := range details {
		threads[d.Thread] = true
	}
	is.Equal(len(threads), 1) // quote, replies, forward and contract are one conversation

	// Undo the mbox: its messages leave the timelines; imported again,
	// they come back.
	_, err = w.ta.UndoImport(w.ctx, w.admin, rep.BatchID)
	is.NoErr(err)
	is.Equal(w.emailsOn(t, "contact", w.bob.ID), []string{"Contract draft"}) // the folder's message to Bob stays
	src, _ = app.EmailPathSource(mbox)
	rep3, err := w.ta.ImportEmail(w.ctx, w.admin, src, app.EmailImportOptions{FileName: "takeout.mbox"})
	is.NoErr(err)
	is.Equal(rep3.Logged, 3)
	batch, err := w.ta.ImportBatch(w.ctx, w.admin, rep3.BatchID)
	is.NoErr(err)
	is.Equal(batch.Entity, "email")
	is.Equal(batch.Status, "done")
	is.Equal(batch.Created, 3)
	is.Equal(batch.Skipped, 1)
}

// TestImportEmailCreateContacts makes contacts of a stranger's message,
// never of the team's own address.
func TestImportEmailCreateContacts(t *testing.T) {
	is := is.New(t)
	w := newEmailWorld(t)
	rep, err := w.ta.ImportEmail(w.ctx, w.admin, emailFiles(emailFile(t, "stranger.eml")), app.EmailImportOptions{FileName: "stranger.eml", CreateContacts: true})
	is.NoErr(err)
	is.Equal(rep.Logged, 1)
	is.Equal(rep.Contacts, 1) // the newsletter, not Ada
	list, err := w.ta.ListContacts(w.ctx, w.admin, app.ListQuery{Limit: 50})
	is.NoErr(err)
	is.Equal(list.Total, 6) // the five and the newsletter
	var newsID string
	for _, c := range list.Rows {
		if c.DisplayName == "Newsletter" {
			newsID = c.ID
		}
	}
	news, err := w.ta.Contact(w.ctx, w.admin, newsID)
	is.NoErr(err)
	is.Equal(news.LeadSource, "email")
	is.Equal(w.emailsOn(t, "contact", news.ID), []string{"Our spring offers"})
	_, err = w.ta.UndoImport(w.ctx, w.admin, rep.BatchID)
	is.NoErr(err)
	list, err = w.ta.ListContacts(w.ctx, w.admin, app.ListQuery{Limit: 50})
	is.NoErr(err)
	is.Equal(list.Total, 5) // the contact it made went with the undo
}

// TestEmailInReports: logged emails count in the activity report (by the
// messages' dates, under the email type, for whoever logged them) and in
// the adoption report's records created.
func TestEmailInReports(t *testing.T) {
	is := is.New(t)
	w := newEmailWorld(t)
	rep, err := w.ta.LogEmailFiles(w.ctx, w.admin, emailFiles(emailFile(t, "gmail-reply.eml"), emailFile(t, "apple-attachment.eml"),
		emailFile(t, "outlook-html.eml")), nil)
	is.NoErr(err)
	is.Equal(rep.Logged, 3)
	march, err := app.NewPeriod("custom", "2026-03-01", "2026-03-31", w.ta.clock.Now(), time.UTC)
	is.NoErr(err)
	ar, err := w.ta.ActivityReport(w.ctx, w.admin, app.ReportQuery{Period: march, Owner: "team"})
	is.NoErr(err)
	is.Equal(ar.Total, 3)
	is.Equal(ar.Types, []string{"email"})
	is.Equal(ar.Users[0].UserID, w.admin.ID)
	is.Equal(ar.Users[0].ByType["email"], 3)

	before, err := app.NewPeriod("custom", "2026-11-01", "2026-11-30", w.ta.clock.Now(), time.UTC)
	is.NoErr(err)
	rows, err := w.ta.AdoptionReport(w.ctx, w.admin, app.ReportQuery{Period: before, Owner: "team"})
	is.NoErr(err)
	is.Equal(rows[0].User.ID, w.admin.ID)
	is.Equal(rows[0].Created, 1+5+1+1+3) // Ada herself, five contacts, a company, a deal and three emails
}
