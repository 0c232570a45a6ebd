package app

import (
	"errors"
	"io"
	"mime"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // ISO-2022-JP, EUC-KR, GB2312 and the other charsets mail uses
	"github.com/emersion/go-message/mail"
	"golang.org/x/text/unicode/norm"
)

// Email is one mail message as Rolo reads it: the headers a timeline
// shows and threads by, the readable text, and what was attached. Mail is
// untrusted input: nothing of it is ever rendered as HTML, and remote
// content (images, links' targets) is never fetched.
type Email struct {
	MessageID   string   // without angle brackets; "" when the message has none
	InReplyTo   string   // the message this one answers
	References  []string // the thread, oldest first
	Subject     string
	From        EmailAddress
	To, Cc      []EmailAddress
	Date        time.Time // UTC; zero when missing or unreadable
	Text        string    // the new text of the message, HTML converted to text
	Quoted      string    // the earlier messages a reply quotes, folded away on the timeline
	Attachments []EmailAttachment
	Truncated   bool // the text was longer than Rolo keeps
}

// EmailAddress is one mailbox of a From, To or Cc header.
type EmailAddress struct {
	Name    string `json:"name,omitempty"`
	Address string `json:"address"` // lower-cased
}

// EmailAttachment is a file a message carried: only its name, type and
// size are kept.
type EmailAttachment struct {
	Name string `json:"name"`
	Type string `json:"type"`
	Size int64  `json:"size"`
}

// Limits on what one message may cost to read. A bigger message is
// refused; more parts or addresses than these are left out.
const (
	maxEmailBytes       = 40 << 20 // Gmail's own limit is 25 MB; base64 makes it larger on disk
	maxEmailParts       = 200
	maxEmailAddresses   = 200
	maxEmailAttachments = 100
	maxEmailText        = 50_000 // runes of text and of quoted text each; far more than anyone reads on a timeline
)

// errEmailTooLarge is a message over maxEmailBytes.
var errEmailTooLarge = errors.New("message too large")

// ReadEmail reads one RFC 5322 message (an .eml file, one message of an
// mbox, or what IMAP fetched). It fails only when the headers cannot be
// read at all or the message is too large; a body it cannot decode is
// read as far as it goes.
func ReadEmail(r io.Reader) (Email, error) {
	lr := &io.LimitedReader{R: r, N: maxEmailBytes + 1}
	mr, err := mail.CreateReader(lr)
	if err != nil && !message.IsUnknownCharset(err) {
		return Email{}, err
	}
	var m Email
	h := mr.Header
	m.readHeader(h)
	var plain, html []string
	for parts := 0; parts < maxEmailParts; parts++ {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil && !message.IsUnknownCharset(err) {
			break // a broken part ends the body; what was read is kept
		}
		m.readPart(p, &plain, &html)
	}
	_, _ = io.Copy(io.Discard, lr)
	if lr.N <= 0 {
		return Email{}, errEmailTooLarge
	}
	var text string
	switch {
	case len(plain) > 0:
		text = strings.Join(plain, "\n\n")
	case len(html) > 0:
		text = strings.Join(html, "\n\n")
	}
	text, _ = clip(cleanMailText(text), 4*maxEmailText)
	m.Text, m.Quoted = foldQuoted(text, isForward(m.Subject))
	m.Text, m.Truncated = clip(m.Text, maxEmailText)
	var cut bool
	m.Quoted, cut = clip(m.Quoted, maxEmailText)
	m.Truncated = m.Truncated || cut
	return m, nil
}

func (m *Email) readHeader(h mail.Header) {
	subject, err := h.Subject()
	if err != nil {
		subject = h.Get("Subject")
	}
	m.Subject, _ = clip(oneLine(subject), maxShortText)
	if from := addresses(h, "From"); len(from) > 0 {
		m.From = from[0]
	} else if sender := addresses(h, "Sender"); len(sender) > 0 {
		m.From = sender[0]
	}
	m.To, m.Cc = addresses(h, "To"), addresses(h, "Cc")
	if d, err := h.Date(); err == nil && !d.IsZero() && d.Year() > 1900 && d.Year() < 2200 {
		m.Date = d.UTC()
	}
	m.MessageID = msgID(h, "Message-Id")
	m.InReplyTo = msgID(h, "In-Reply-To")
	if refs, _ := h.MsgIDList("References"); len(refs) > 0 {
		for _, ref := range refs {
			if ref = cleanMsgID(ref); ref != "" && len(m.References) < 100 {
				m.References = append(m.References, ref)
			}
		}
	}
}

// msgID reads one message identifier; a malformed one is kept as written
// (without brackets), since it still names the message for de-duplication.
func msgID(h mail.Header, key string) string {
	ids, err := h.MsgIDList(key)
	if err == nil && len(ids) > 0 {
		return cleanMsgID(ids[0])
	}
	return cleanMsgID(strings.Trim(strings.TrimSpace(h.Get(key)), "<>"))
}

func cleanMsgID(id string) string {
	id = strings.TrimSpace(id)
	if len(id) > 500 || strings.ContainsFunc(id, unicode.IsControl) || !utf8.ValidString(id) {
		return ""
	}
	return id
}

// addresses reads an address list leniently: a list the strict parser
// refuses (a bare name, a missing bracket) still yields the addresses it
// holds.
func addresses(h mail.Header, key string) []EmailAddress {
	var out []EmailAddress
	list, err := h.AddressList(key)
	if err != nil {
		list = nil
		for _, part := range strings.Split(h.Get(key), ",") {
			if a, err := mail.ParseAddress(part); err == nil {
				list = append(list, a)
			} else if addr := looseAddress.FindString(part); addr != "" {
				list = append(list, &mail.Address{Address: addr})
			}
		}
	}
	for _, a := range list {
		addr := strings.ToLower(strings.TrimSpace(a.Address))
		if addr == "" || !strings.Contains(addr, "@") || len(out) == maxEmailAddresses {
			continue
		}
		name, _ := clip(oneLine(a.Name), maxShortText)
		out = append(out, EmailAddress{Name: strings.Trim(name, `"' `), Address: addr})
	}
	return out
}

var looseAddress = regexp.MustCompile(`[^\s<>"',;:]+@[^\s<>"',;:]+`)

// readPart adds a leaf part's text to plain or html, or lists it as an
// attachment.
func (m *Email) readPart(p *mail.Part, plain, html *[]string) {
	var ctype, name, disposition string
	switch h := p.Header.(type) {
	case *mail.InlineHeader:
		var params map[string]string
		disposition, params, _ = h.ContentDisposition()
		name = params["filename"]
	case *mail.AttachmentHeader:
		name, _ = h.Filename()
		disposition = "attachment"
	}
	if h, ok := p.Header.(interface {
		ContentType() (string, map[string]string, error)
	}); ok {
		var params map[string]string
		ctype, params, _ = h.ContentType()
		if name == "" {
			name = params["name"]
		}
	}
	ctype = strings.ToLower(ctype)
	if ctype == "" {
		ctype = "text/plain"
	}
	isText := (ctype == "text/plain" || ctype == "text/html") && name == "" && disposition != "attachment"
	if isText && len(*plain)+len(*html) < 20 {
		body, _ := io.ReadAll(io.LimitReader(p.Body, 4*maxEmailText))
		text := string(body)
		if ctype == "text/html" {
			*html = append(*html, htmlToText(text))
		} else {
			*plain = append(*plain, text)
		}
		return
	}
	size, _ := io.Copy(io.Discard, p.Body)
	if len(m.Attachments) == maxEmailAttachments {
		return
	}
	if name == "" {
		name = defaultAttachmentName(ctype)
	}
	name, _ = clip(oneLine(decodeWords(name)), maxShortText)
	m.Attachments = append(m.Attachments, EmailAttachment{Name: name, Type: ctype, Size: size})
}

// decodeWords decodes a file name sent as RFC 2047 encoded words, as some
// clients still do against the standard.
func decodeWords(s string) string {
	if !strings.Contains(s, "=?") {
		return s
	}
	dec := mime.WordDecoder{CharsetReader: message.CharsetReader}
	if out, err := dec.DecodeHeader(s); err == nil {
		return out
	}
	return s
}

func defaultAttachmentName(ctype string) string {
	if ctype == "message/rfc822" {
		return "message.eml"
	}
	if exts, _ := mime.ExtensionsByType(ctype); len(exts) > 0 {
		return "attachment" + exts[0]
	}
	return "attachment"
}

// oneLine folds a header value's whitespace and drops control characters.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

// cleanMailText makes a body fit for a note: valid UTF-8, NFC, LF line
// ends, no control characters but tabs, no trailing spaces, at most one
// blank line in a row.
func cleanMailText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\u00a0':
			return ' '
		case unicode.IsControl(r) || r == '\ufeff' || r == '\u200b':
			return -1
		}
		return r
	}, s)
	lines := strings.Split(norm.NFC.String(s), "\n")
	var b strings.Builder
	blank := 0
	for _, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if l == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
			if blank > 0 {
				b.WriteString("\n")
			}
		}
		blank = 0
		b.WriteString(l)
	}
	return b.String()
}

// clip cuts s to at most max runes, telling whether it did.
func clip(s string, max int) (string, bool) {
	if utf8.RuneCountInString(s) <= max {
		return s, false
	}
	r := []rune(s)
	return strings.TrimRightFunc(string(r[:max]), unicode.IsSpace) + " …", true
}

// A reply's attribution line, in the words the common mail programs use:
// Gmail, Apple Mail and Thunderbird in English, German and French; Gmail
// in Korean, Japanese and Chinese; Thunderbird in Japanese.
var attribution = []*regexp.Regexp{
	regexp.MustCompile(`^(On|Am|Le|El|Il) .{4,300}(wrote|schrieb|a écrit|escribió|ha scritto) ?:$`),
	regexp.MustCompile(`(님이|님께서)? ?작성:$`),
	regexp.MustCompile(`^\d{4}年\d{1,2}月\d{1,2}日.{0,200}[:：]$`),
	regexp.MustCompile(`(書きました|wrote)[:：]$`),
	regexp.MustCompile(`写道[:：]$`),
	regexp.MustCompile(`(?i)^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|元のメッセージ|원본 메시지|原始邮件)\s*-{2,}$`),
}

// outlookHeader is the block Outlook puts over the message it answers.
var outlookHeader = regexp.MustCompile(`^(\*?(From|Von|De|差出人|보낸 사람|发件人)\*? ?[:：])`)
var outlookSent = regexp.MustCompile(`^\*?(Sent|Date|Gesendet|Envoyé|送信日時|보낸 날짜|发送时间)\*? ?[:：]`)

// forwardSubject tells a forward by its subject, in which the Outlook
// header starts the forwarded message rather than a quote.
var forwardSubject = regexp.MustCompile(`(?i)^(fwd?|wg|tr|転送|转发|전달)\s*[:：]`)

func isForward(subject string) bool { return forwardSubject.MatchString(strings.TrimSpace(subject)) }

// foldQuoted splits a reply into its new text and the earlier messages it
// quotes: from the attribution line ("On … wrote:"), Outlook's header
// block ("From: … Sent: …") or a quote that runs to the end ("> …"),
// whichever comes first. A forward keeps what it forwards, which is its
// content; inline answers between quoted lines stay as they are.
func foldQuoted(text string, forward bool) (string, string) {
	lines := strings.Split(text, "\n")
	// The quote that runs to the end starts after the last line that is
	// not quoted.
	lastUnquoted := -1
	for i, l := range lines {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, ">") {
			lastUnquoted = i
		}
	}
	cut := -1
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if matchesAny(attribution, t) || (i+1 < len(lines) && matchesAny(attribution[:1], t+" "+strings.TrimSpace(lines[i+1]))) {
			cut = i
			break
		}
		if !forward && outlookHeader.MatchString(t) && nearSent(lines[i+1:]) {
			cut = i
			if i > 0 && strings.Trim(strings.TrimSpace(lines[i-1]), "_-") == "" {
				cut = i - 1 // Outlook's rule above the header
			}
			break
		}
		if strings.HasPrefix(t, ">") && i > lastUnquoted {
			cut = i
			break
		}
	}
	if cut <= 0 {
		return text, ""
	}
	head := strings.TrimRightFunc(strings.Join(lines[:cut], "\n"), unicode.IsSpace)
	if head == "" {
		return text, ""
	}
	return head, strings.TrimSpace(strings.Join(lines[cut:], "\n"))
}

func matchesAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

func nearSent(lines []string) bool {
	for i := 0; i < len(lines) && i < 4; i++ {
		if outlookSent.MatchString(strings.TrimSpace(lines[i])) {
			return true
		}
	}
	return false
}
