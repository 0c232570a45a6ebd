package app

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlToText turns an HTML mail body into readable text: paragraphs and
// line breaks kept, list items bulleted, a link's address after its text
// when they differ, images by their alt text, blockquotes quoted with
// "> " so a reply's quote folds away as in plain text. Scripts, styles
// and the head are dropped; nothing is fetched.
func htmlToText(src string) string {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return ""
	}
	w := &textWriter{}
	w.walk(doc, 0)
	return w.String()
}

// textWriter collects text with the line structure of the blocks it saw.
type textWriter struct {
	lines   []string
	line    strings.Builder
	space   bool // a space is pending before the next word
	pre     int  // inside <pre>: whitespace is kept
	nodes   int
	outputN int
}

// Bounds on hostile HTML: deep nesting or a flood of elements stops the
// walk, keeping what was read.
const (
	maxHTMLDepth = 200
	maxHTMLNodes = 200_000
)

func (w *textWriter) walk(n *html.Node, depth int) {
	w.nodes++
	if depth > maxHTMLDepth || w.nodes > maxHTMLNodes || w.outputN > 4*maxEmailText {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Head, atom.Title, atom.Template, atom.Noscript, atom.Iframe, atom.Object, atom.Svg:
			return
		case atom.Br:
			w.newline()
			return
		case atom.Hr:
			w.block()
			w.word("———")
			w.block()
			return
		case atom.Img:
			if alt := strings.TrimSpace(attr(n, "alt")); alt != "" {
				w.word("[" + alt + "]")
			}
			return
		case atom.Blockquote:
			inner := &textWriter{nodes: w.nodes}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				inner.walk(c, depth+1)
			}
			w.nodes = inner.nodes
			w.block()
			for _, l := range strings.Split(inner.String(), "\n") {
				w.lines = append(w.lines, strings.TrimRight("> "+l, " "))
			}
			w.block()
			return
		case atom.Li:
			w.newline()
			w.word("•")
			w.space = true
		case atom.Pre:
			w.pre++
			defer func() { w.pre-- }()
		}
	}
	blockish := n.Type == html.ElementNode && isBlock(n.DataAtom)
	if blockish {
		w.block()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.A:
			href := strings.TrimSpace(attr(n, "href"))
			if (strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://")) && !strings.Contains(textOf(n), href) {
				w.space = true
				w.word("<" + href + ">")
			}
		case atom.Td, atom.Th:
			w.space = true
		}
	}
	if blockish {
		w.block()
	}
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Table, atom.Tr, atom.Ul, atom.Ol, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Pre, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Address, atom.Dl, atom.Dt, atom.Dd, atom.Center:
		return true
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf is the text inside n, to tell whether a link shows its address.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if depth > 20 || b.Len() > 2000 {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

func (w *textWriter) text(s string) {
	if w.pre > 0 {
		parts := strings.Split(s, "\n")
		for i, p := range parts {
			if i > 0 {
				w.newline()
			}
			w.line.WriteString(p)
			w.outputN += len(p)
		}
		return
	}
	if s != "" && isHTMLSpace(s[0]) {
		w.space = true
	}
	for _, f := range strings.Fields(s) {
		w.word(f)
		w.space = true
	}
	if s != "" && !isHTMLSpace(s[len(s)-1]) {
		w.space = false
	}
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

func (w *textWriter) word(s string) {
	if w.space && w.line.Len() > 0 {
		w.line.WriteByte(' ')
	}
	w.space = false
	w.line.WriteString(s)
	w.outputN += len(s)
}

func (w *textWriter) newline() {
	w.lines = append(w.lines, w.line.String())
	w.line.Reset()
	w.space = false
}

// block ends the current line and leaves one blank line before the next
// block's text.
func (w *textWriter) block() {
	if w.line.Len() > 0 {
		w.newline()
	}
	if n := len(w.lines); n > 0 && w.lines[n-1] != "" {
		w.lines = append(w.lines, "")
	}
}

func (w *textWriter) String() string {
	if w.line.Len() > 0 {
		w.newline()
	}
	return strings.TrimSpace(strings.Join(w.lines, "\n"))
}
