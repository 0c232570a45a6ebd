package app_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"rolo/app"
	"rolo/store"
)

// benchMbox writes an mbox of n messages between Ada and 500 contacts:
// plain and multipart/alternative, replies quoting their parent, some
// with attachments, one in ten from a stranger.
func benchMbox(n int) []byte {
	var b bytes.Buffer
	start := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		who := fmt.Sprintf("person%03d@customer%02d.example", i%500, i%500%37)
		if i%10 == 9 {
			who = fmt.Sprintf("stranger%d@elsewhere.example", i)
		}
		from, to := "Ada Admin <ada@example.com>", "Person "+fmt.Sprint(i%500)+" <"+who+">"
		if i%2 == 1 {
			from, to = to, from
		}
		date := start.Add(time.Duration(i) * 17 * time.Minute).Format(time.RFC1123Z)
		fmt.Fprintf(&b, "From %d@xxx %s\n", i, start.Format("Mon Jan _2 15:04:05 -0700 2006"))
		fmt.Fprintf(&b, "Message-ID: <bench-%d@example.com>\nDate: %s\nFrom: %s\nTo: %s\nSubject: Re: Order %d\n", i, date, from, to, i/3)
		if i%3 != 0 {
			fmt.Fprintf(&b, "In-Reply-To: <bench-%d@example.com>\nReferences: <bench-%d@example.com> <bench-%d@example.com>\n", i-1, i-i%3, i-1)
		}
		body := fmt.Sprintf("Hello,\n\nabout order %d: the delivery is planned for next week.\nRegards\n\nOn Mon, someone wrote:\n> earlier text\n> more of it\n", i/3)
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "Content-Type: text/plain; charset=utf-8\n\n%s\n", body)
		case 1:
			fmt.Fprintf(&b, "Content-Type: multipart/alternative; boundary=b%d\n\n--b%d\nContent-Type: text/plain; charset=utf-8\n\n%s\n--b%d\nContent-Type: text/html; charset=utf-8\n\n<p>%s</p>\n--b%d--\n\n", i, i, body, i, body, i)
		default:
			fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=m%d\n\n--m%d\nContent-Type: text/plain; charset=utf-8\n\n%s\n--m%d\nContent-Type: application/pdf; name=\"order-%d.pdf\"\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K\n--m%d--\n\n", i, i, body, i, i, i)
		}
	}
	return b.Bytes()
}

// BenchmarkImportEmailMbox imports a 10,000-message mbox into a database
// with 500 contacts: each op is the whole import (the README's figure).
func BenchmarkImportEmailMbox(b *testing.B) {
	const messages = 10_000
	mbox := benchMbox(messages)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		ta := mustOpenApp(b)
		admin := mustSetup(b, ta)
		for i := 0; i < 500; i++ {
			if _, err := ta.CreateContact(ctx, admin, app.ContactInput{DisplayName: fmt.Sprintf("Person %d", i),
				Emails: []store.Labeled{{Value: fmt.Sprintf("person%03d@customer%02d.example", i, i%37)}}}); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		rep, err := ta.ImportEmail(ctx, admin, app.MboxSource("bench.mbox", bytes.NewReader(mbox)), app.EmailImportOptions{FileName: "bench.mbox"})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Messages != messages || rep.Logged != messages*9/10 || rep.Skipped != messages/10 {
			b.Fatalf("read %d, logged %d, skipped %d", rep.Messages, rep.Logged, rep.Skipped)
		}
	}
	b.ReportMetric(float64(messages)*float64(b.N)/b.Elapsed().Seconds(), "messages/s")
}
