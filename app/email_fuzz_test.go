package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadEmail: any bytes give a message or an error, never a panic, and
// what comes out is fit to store: valid UTF-8, within the limits, no
// control characters in the subject.
func FuzzReadEmail(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "email", "*"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("Subject: =?ISO-2022-JP?B?GyRC?=\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/html\r\n\r\n<blockquote><blockquote>&#0;</blockquote>\r\n--x--"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ReadEmail(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, s := range []string{m.Subject, m.Text, m.Quoted, m.From.Name, m.From.Address} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8: %q", s)
			}
		}
		if utf8.RuneCountInString(m.Subject) > maxShortText+2 || utf8.RuneCountInString(m.Text) > maxEmailText+2 {
			t.Fatalf("over the limits: subject %d, text %d runes", utf8.RuneCountInString(m.Subject), utf8.RuneCountInString(m.Text))
		}
		if strings.ContainsAny(m.Subject, "\r\n\x00") {
			t.Fatalf("control characters in the subject: %q", m.Subject)
		}
		if _, problem := cleanText(m.Text, maxNotes, true); problem != "" {
			t.Fatalf("text a note would refuse (%s): %q", problem, m.Text)
		}
	})
}

// FuzzMboxSource: any bytes split into messages without a panic, and
// every byte of a message comes from the input.
func FuzzMboxSource(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "email", "takeout.mbox"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("From a\n\nFrom b\n>From c\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		total := 0
		for m := range MboxSource("fuzz", bytes.NewReader(data)) {
			total += len(m.Raw)
		}
		if total > len(data) {
			t.Fatalf("%d bytes of messages from %d bytes", total, len(data))
		}
	})
}
