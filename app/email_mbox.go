package app

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// EmailFile is one message to import: where it came from (a file name,
// or an mbox and the message's number in it) and its raw bytes, or why
// it could not be read.
type EmailFile struct {
	Name string
	Raw  []byte
	Err  error
}

// EmailSource yields the messages of an import one at a time, so a large
// mbox is never read whole.
type EmailSource func(yield func(EmailFile) bool)

// MboxSource reads the messages of an mbox: the mboxrd and mboxo layouts
// Gmail Takeout, Thunderbird and Apple Mail write, each message after a
// "From " line, with ">From " in a body unquoted once. A message over
// maxEmailBytes is reported, not read.
func MboxSource(name string, r io.Reader) EmailSource {
	return func(yield func(EmailFile) bool) {
		br := bufio.NewReaderSize(r, 64<<10)
		var msg bytes.Buffer
		n, tooBig, started := 0, false, false
		flush := func() bool {
			if !started {
				return true
			}
			n++
			f := EmailFile{Name: name + " #" + strconv.Itoa(n)}
			switch {
			case tooBig:
				f.Err = errEmailTooLarge
			default:
				f.Raw = bytes.Clone(bytes.TrimRight(msg.Bytes(), "\r\n"))
			}
			msg.Reset()
			tooBig = false
			return yield(f)
		}
		prevBlank := true
		for {
			line, err := readLine(br)
			if len(line) > 0 {
				if prevBlank && bytes.HasPrefix(line, []byte("From ")) {
					if !flush() {
						return
					}
					started, prevBlank = true, false
					continue
				}
				if !started { // text before the first From line: a bare message rather than an mbox
					started = true
				}
				body := line
				if trimmed := bytes.TrimLeft(line, ">"); len(trimmed) < len(line) && bytes.HasPrefix(trimmed, []byte("From ")) {
					body = line[1:]
				}
				if !tooBig {
					if msg.Len()+len(body) > maxEmailBytes {
						tooBig = true
						msg.Reset()
					} else {
						msg.Write(body)
					}
				}
				prevBlank = len(bytes.TrimRight(line, "\r\n")) == 0
			}
			if err != nil {
				if !errors.Is(err, io.EOF) {
					if flush() {
						yield(EmailFile{Name: name, Err: err})
					}
					return
				}
				flush()
				return
			}
		}
	}
}

// readLine reads one line with its end, however long.
func readLine(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if !errors.Is(err, bufio.ErrBufferFull) {
		return line, err
	}
	buf := append([]byte(nil), line...)
	for errors.Is(err, bufio.ErrBufferFull) {
		line, err = br.ReadSlice('\n')
		buf = append(buf, line...)
		if len(buf) > maxEmailBytes {
			// a "line" this long is not mail; drop the rest of it
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			return buf[:maxEmailBytes+1], err
		}
	}
	return buf, err
}

// EmailPathSource reads what a path holds: an .eml file, an mbox file, or
// a folder of them (searched to any depth, in name order, so Apple Mail's
// "Inbox.mbox/mbox" is found too). Other files in a folder are left out.
func EmailPathSource(path string) (EmailSource, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return func(yield func(EmailFile) bool) { emailFileSource(path, filepath.Base(path))(yield) }, nil
	}
	var files []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && IsMailFileName(d.Name()) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	return func(yield func(EmailFile) bool) {
		for _, p := range files {
			rel, _ := filepath.Rel(path, p)
			stop := false
			emailFileSource(p, rel)(func(f EmailFile) bool {
				if !yield(f) {
					stop = true
					return false
				}
				return true
			})
			if stop {
				return
			}
		}
	}, nil
}

// IsMailFileName tells the files of a folder that hold mail: .eml, .mbox,
// .mbx, and Apple Mail's "mbox" inside its export folders.
func IsMailFileName(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, ".eml") || strings.HasSuffix(lower, ".mbox") || lower == "mbox" || strings.HasSuffix(lower, ".mbx")
}

// emailFileSource yields one file's messages: every message of an mbox,
// or the one message of an .eml.
func emailFileSource(path, name string) EmailSource {
	return func(yield func(EmailFile) bool) {
		f, err := os.Open(path)
		if err != nil {
			yield(EmailFile{Name: name, Err: err})
			return
		}
		defer f.Close()
		EmailReaderSource(name, f)(yield)
	}
}

// EmailReaderSource reads an upload or a file: an mbox when it starts
// with a "From " line, else one message.
func EmailReaderSource(name string, r io.Reader) EmailSource {
	return func(yield func(EmailFile) bool) {
		br := bufio.NewReader(r)
		head, _ := br.Peek(5)
		if string(head) == "From " {
			MboxSource(name, br)(yield)
			return
		}
		raw, err := io.ReadAll(io.LimitReader(br, maxEmailBytes+1))
		if err == nil && len(raw) > maxEmailBytes {
			err = errEmailTooLarge
			raw = nil
		}
		yield(EmailFile{Name: name, Raw: raw, Err: err})
	}
}
