package app

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encodings are the character sets an import reads, by the names the CLI
// and the upload form accept.
var Encodings = []string{"utf-8", "utf-16le", "utf-16be", "windows-1252", "shift-jis", "euc-kr", "gbk"}

func encodingByName(name string) encoding.Encoding {
	switch strings.ToLower(strings.ReplaceAll(name, "_", "-")) {
	case "utf-8", "utf8":
		return xunicode.UTF8BOM // strips a BOM when there is one
	case "utf-16le", "utf-16":
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM)
	case "utf-16be":
		return xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM)
	case "windows-1252", "cp1252", "latin1", "iso-8859-1":
		return charmap.Windows1252
	case "shift-jis", "sjis", "cp932", "windows-31j":
		return japanese.ShiftJIS
	case "euc-kr", "cp949", "uhc":
		return korean.EUCKR
	case "gbk", "gb2312", "cp936", "gb18030":
		return simplifiedchinese.GB18030
	}
	return nil
}

// sniffSize is how much of a file detection looks at.
const sniffSize = 64 << 10

// detectEncoding names the character set of the start of a file: a BOM
// says it outright; UTF-16 without one shows as zero bytes in every other
// place; valid UTF-8 is UTF-8; otherwise the legacy set whose decoding
// reads most like its language's common characters wins, and
// Windows-1252 (every byte decodes) when none does.
func detectEncoding(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return "utf-8"
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return "utf-16le"
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return "utf-16be"
	}
	if len(head) >= 4 {
		var evenZero, oddZero int
		for i := 0; i+1 < len(head) && i < 512; i += 2 {
			if head[i] == 0 {
				evenZero++
			}
			if head[i+1] == 0 {
				oddZero++
			}
		}
		pairs := min(len(head), 512) / 2
		if oddZero*3 > pairs && evenZero*10 < pairs {
			return "utf-16le"
		}
		if evenZero*3 > pairs && oddZero*10 < pairs {
			return "utf-16be"
		}
	}
	if validUTF8Prefix(head) {
		return "utf-8"
	}
	best, bestScore := "windows-1252", 2 // a stray match or two is chance
	for _, name := range []string{"shift-jis", "euc-kr", "gbk"} {
		text, err := encodingByName(name).NewDecoder().Bytes(trimPartial(head))
		if err != nil || bytes.ContainsRune(text, utf8.RuneError) {
			continue
		}
		if s := languageScore(name, string(text)); s > bestScore {
			best, bestScore = name, s
		}
	}
	return best
}

// validUTF8Prefix allows a rune cut off at the end of the sample.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < 3 && len(b) > 0 && !utf8.Valid(b); i++ {
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// trimPartial drops a trailing incomplete line so a double-byte character
// cut by the sample does not count as an error.
func trimPartial(b []byte) []byte {
	if i := bytes.LastIndexByte(b, '\n'); i > 0 && len(b) == sniffSize {
		return b[:i]
	}
	return b
}

// Common characters of names, addresses and CSV headers in each language.
// Korean text decodes without error as GBK too (and Chinese as CP949), so
// the decoding that yields common characters of its language wins.
const (
	commonKorean   = "이김박최정강조윤장임한오서신권황안송류홍전고문양손배백허유남심노하곽성차주우구민라진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은는의에를가고다수영준서현우재성호경희미숙자름메일번화사회주소직책태그"
	commonChinese  = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤公司市区省号路电话邮箱名姓北京上海深圳广州职位标签地址备注手机伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
	commonJapanese = "佐藤鈴木高橋田中伊渡辺山本中村小林加吉田松井上木清水斎森池阿部橋石川前藤岡後長坂野村会社名前電話番号住所東京大阪都府県区市町様株式"
)

func languageScore(enc, text string) int {
	common := map[string]string{"shift-jis": commonJapanese, "euc-kr": commonKorean, "gbk": commonChinese}[enc]
	score := 0
	for _, r := range text {
		switch {
		case r < 0x80:
		case enc == "shift-jis" && (unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)):
			score += 2 // kana only come out of real Japanese text
		case strings.ContainsRune(common, r):
			score++
		case unicode.IsControl(r) || unicode.Is(unicode.Co, r):
			score -= 3
		}
	}
	return score
}

// Delimiters are the separators a CSV file may use.
var Delimiters = []rune{',', ';', '\t', '|'}

// detectDelimiter parses the start of the text with each separator and
// picks the one that splits most rows into the header's number of fields
// (more than one); quoted fields are honoured, so a comma inside quotes
// does not count.
func detectDelimiter(sample string) rune {
	best, bestScore := ',', 0
	for _, d := range Delimiters {
		r := csv.NewReader(strings.NewReader(sample))
		r.Comma, r.FieldsPerRecord, r.LazyQuotes = d, -1, true
		header, err := r.Read()
		header, err = skipNotes(r, header, err) // notes above the header (LinkedIn)
		if err != nil || len(header) < 2 {
			continue
		}
		score := len(header)
		for i := 0; i < 50; i++ {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if len(rec) == len(header) {
				score += len(header)
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// skipNotes passes over the notes LinkedIn writes above the header: a
// first line "Notes:" and one-cell lines after it.
func skipNotes(r *csv.Reader, header []string, err error) ([]string, error) {
	if err != nil || len(header) != 1 || strings.TrimSpace(header[0]) != "Notes:" {
		return header, err
	}
	for skipped := 0; err == nil && skipped < 10 && len(header) < 2; skipped++ {
		header, err = r.Read()
	}
	return header, err
}

// CSVFormat is how a file was read; empty fields are detected.
type CSVFormat struct {
	Encoding  string
	Delimiter rune
}

// csvTable reads a CSV file row by row, decoded to UTF-8, with the line
// each row starts on.
type csvTable struct {
	Header []string
	Format CSVFormat
	r      *csv.Reader
	lines  map[int]int // when set, the line of the source file each line of the table stands for (a vCard's)
}

// csvRow is one data row, or the problem reading it.
type csvRow struct {
	Line  int
	Cells []string
	Err   string // catalog key when the row is malformed
}

// openCSV detects what f.Encoding and f.Delimiter leave empty and reads
// the header.
func openCSV(src io.Reader, f CSVFormat) (*csvTable, error) {
	br := bufio.NewReaderSize(src, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	if f.Encoding == "" {
		f.Encoding = detectEncoding(head)
	}
	enc := encodingByName(f.Encoding)
	if enc == nil {
		return nil, Invalid(map[string]string{"encoding": "error.import_encoding_unknown"})
	}
	text := transform.NewReader(br, enc.NewDecoder())
	tr := bufio.NewReaderSize(text, sniffSize)
	if f.Delimiter == 0 {
		sample, _ := tr.Peek(sniffSize)
		f.Delimiter = detectDelimiter(string(sample))
	}
	r := csv.NewReader(tr)
	r.Comma, r.FieldsPerRecord, r.ReuseRecord = f.Delimiter, -1, false
	header, err := r.Read()
	// LinkedIn's Connections.csv starts with a few lines of notes (one
	// cell each) before the header: a header has at least two names.
	header, err = skipNotes(r, header, err)
	if errors.Is(err, io.EOF) {
		return nil, errorf(EInvalid, "error.import_empty")
	}
	if err != nil {
		return nil, errorf(EInvalid, "error.import_header_unreadable")
	}
	for i, h := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
	}
	return &csvTable{Header: header, Format: f, r: r}, nil
}

// next returns the next data row; io.EOF at the end. A malformed row (a
// stray quote) comes back with Err set and reading goes on after it. An
// I/O or decoding error ends the file.
func (t *csvTable) next() (csvRow, error) {
	row, err := t.read()
	if t.lines != nil && row.Line > 0 {
		row.Line = t.lines[row.Line]
	}
	return row, err
}

func (t *csvTable) read() (csvRow, error) {
	for {
		cells, err := t.r.Read()
		line := 0
		if err == nil && len(cells) > 0 {
			line, _ = t.r.FieldPos(0)
		}
		var pe *csv.ParseError
		switch {
		case errors.Is(err, io.EOF):
			return csvRow{}, io.EOF
		case errors.As(err, &pe) && (errors.Is(pe.Err, csv.ErrBareQuote) || errors.Is(pe.Err, csv.ErrQuote)):
			return csvRow{Line: pe.StartLine, Err: "error.import_row_malformed"}, nil
		case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount):
			// FieldsPerRecord is -1; this cannot happen, but a ragged row is fine.
		case err != nil:
			return csvRow{}, err
		}
		if blank(cells) {
			continue // spreadsheets leave empty rows at the end
		}
		if len(cells) > len(t.Header) {
			if !blank(cells[len(t.Header):]) {
				return csvRow{Line: line, Cells: cells, Err: "error.import_row_too_long"}, nil
			}
			cells = cells[:len(t.Header)]
		}
		for len(cells) < len(t.Header) {
			cells = append(cells, "") // a short (ragged) row: the missing cells are empty
		}
		return csvRow{Line: line, Cells: cells}, nil
	}
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
