package app_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// testPNG is a w×h PNG with a gradient.
func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestContactPhotoReencoded(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ctx := t.Context()
	c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Pia", LastName: "Photo"})
	is.NoErr(err)

	// A JPEG with a comment and bytes after its end, as EXIF or a
	// smuggled payload would ride along.
	var src bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 1200, 800))
	is.NoErr(jpeg.Encode(&src, img, nil))
	raw := append(src.Bytes(), []byte("Exif\x00\x00SECRET-PAYLOAD<script>")...)
	is.NoErr(ta.SetContactPhoto(ctx, admin, c.ID, raw))

	data, version, err := ta.ContactPhoto(ctx, admin, c.ID)
	is.NoErr(err)
	is.True(version != "")
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	is.NoErr(err)
	is.Equal(format, "jpeg")
	is.Equal(cfg.Width, 512) // the longer side
	is.Equal(cfg.Height, 341)
	is.True(!bytes.Contains(data, []byte("SECRET-PAYLOAD")))
	is.True(!bytes.Contains(data, []byte("Exif")))

	// A small PNG keeps its size, as a JPEG.
	is.NoErr(ta.SetContactPhoto(ctx, admin, c.ID, testPNG(t, 40, 60)))
	data, _, err = ta.ContactPhoto(ctx, admin, c.ID)
	is.NoErr(err)
	cfg, format, err = image.DecodeConfig(bytes.NewReader(data))
	is.NoErr(err)
	is.Equal(format, "jpeg")
	is.Equal([]int{cfg.Width, cfg.Height}, []int{40, 60})

	// The list knows which contacts have one, without reading it.
	list, err := ta.ListContacts(ctx, admin, app.ListQuery{})
	is.NoErr(err)
	is.Equal(len(list.Rows), 1)
	is.True(list.Rows[0].Photo != "")

	// The audit log says it changed, not what it holds.
	history, err := ta.History(ctx, admin, "contact", c.ID, 50)
	is.NoErr(err)
	found := false
	for _, h := range history {
		if h.Action == string(app.ActionContactPhotoSet) {
			found = true
		}
	}
	is.True(found)

	// Trash keeps it; removing it removes it.
	is.NoErr(ta.TrashContact(ctx, admin, c.ID))
	_, _, err = ta.ContactPhoto(ctx, admin, c.ID)
	is.NoErr(err)
	is.NoErr(ta.RestoreContact(ctx, admin, c.ID))
	is.NoErr(ta.RemoveContactPhoto(ctx, admin, c.ID))
	_, _, err = ta.ContactPhoto(ctx, admin, c.ID)
	is.Equal(app.ErrorCode(err), app.ENotFound)
}

func TestContactPhotoRefused(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ctx := t.Context()
	c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Rex"})
	is.NoErr(err)
	for name, tc := range map[string]struct {
		raw  []byte
		want string
	}{
		"empty":     {nil, "error.photo_required"},
		"text":      {[]byte("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"), "error.photo_not_image"},
		"too large": {append(testPNG(t, 10, 10), make([]byte, 5<<20)...), "error.photo_too_large"},
		// A PNG header claiming 10000×10000 pixels: refused before decoding.
		"too many pixels": {pngHeader(10000, 10000), "error.photo_too_many_pixels"},
		"broken":          {testPNG(t, 10, 10)[:60], "error.photo_not_image"},
	} {
		err := ta.SetContactPhoto(ctx, admin, c.ID, tc.raw)
		if got := fieldProblem(err, "photo"); got != tc.want {
			t.Errorf("%s: %v, want %s", name, err, tc.want)
		}
	}
	_, _, err = ta.ContactPhoto(ctx, admin, c.ID)
	is.Equal(app.ErrorCode(err), app.ENotFound)
}

// pngHeader is the start of a PNG of w×h pixels: enough for DecodeConfig.
func pngHeader(w, h int) []byte {
	full := testPNGBytes(1, 1)
	b := append([]byte{}, full[:33]...)
	b[16], b[17], b[18], b[19] = byte(w>>24), byte(w>>16), byte(w>>8), byte(w)
	b[20], b[21], b[22], b[23] = byte(h>>24), byte(h>>16), byte(h>>8), byte(h)
	binary.BigEndian.PutUint32(b[29:33], crc32.ChecksumIEEE(b[12:29])) // the IHDR chunk's
	return b
}

func testPNGBytes(w, h int) []byte {
	var b bytes.Buffer
	_ = png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)))
	return b.Bytes()
}

func TestContactPhotoVisibility(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	w := newOwnOnlyWorld(t)
	ctx := t.Context()
	photo := testPNG(t, 20, 20)
	is.NoErr(w.ta.SetContactPhoto(ctx, nil, w.theirs.ID, photo))
	// Another owner's contact answers as if it did not exist.
	_, _, err := w.ta.ContactPhoto(ctx, w.me, w.theirs.ID)
	is.Equal(app.ErrorCode(err), app.ENotFound)
	is.Equal(app.ErrorCode(w.ta.SetContactPhoto(ctx, w.me, w.theirs.ID, photo)), app.ENotFound)
	is.Equal(app.ErrorCode(w.ta.RemoveContactPhoto(ctx, w.me, w.theirs.ID)), app.ENotFound)
	// Their own works.
	is.NoErr(w.ta.SetContactPhoto(ctx, w.me, w.mine.ID, photo))
	_, _, err = w.ta.ContactPhoto(ctx, w.me, w.mine.ID)
	is.NoErr(err)
	// A viewer reads but does not change.
	viewer, err := w.ta.CreateUser(ctx, nil, app.NewUser{Name: "Vi", Email: "vi@example.com", Role: app.RoleViewer, Password: "12345678"})
	is.NoErr(err)
	is.Equal(app.ErrorCode(w.ta.SetContactPhoto(ctx, viewer, w.mine.ID, photo)), app.EForbidden)
}

func TestContactPhotoErased(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ctx := t.Context()
	c, err := ta.CreateContact(ctx, admin, app.ContactInput{FirstName: "Gone", LastName: "Person"})
	is.NoErr(err)
	is.NoErr(ta.SetContactPhoto(ctx, admin, c.ID, testPNG(t, 30, 30)))
	is.NoErr(ta.ErasePerson(ctx, admin, c.ID, "Gone Person"))
	_, _, err = ta.ContactPhoto(ctx, admin, c.ID)
	is.Equal(app.ErrorCode(err), app.ENotFound)
}

// TestVCardPhotoRoundTrip imports testdata/import/vcard/photo.vcf (a 3.0
// ENCODING=b PNG, a 2.1 BASE64 JPEG, a 4.0 data: URI GIF and a linked
// photo), then exports and imports the export again.
func TestVCardPhotoRoundTrip(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ta := mustOpenApp(t)
	admin := mustSetup(t, ta)
	ctx := t.Context()
	f, err := os.Open(filepath.Join("..", "testdata", "import", "vcard", "photo.vcf"))
	is.NoErr(err)
	defer f.Close()
	rep, err := ta.ImportVCard(ctx, admin, f, app.ImportOptions{FileName: "photo.vcf"})
	is.NoErr(err)
	is.Equal(rep.Created, 4)
	var linked bool
	for _, w := range rep.Warnings {
		if w.Field == "photo" && w.Message == "error.vcard_photo_url" && strings.Contains(w.Value, "https://photos.example.org/") {
			linked = true
		} else if w.Field == "photo" {
			t.Errorf("unexpected warning %+v", w)
		}
	}
	is.True(linked) // the link is reported, not fetched
	byName := contactsByName(t, ta, admin)
	sizes := map[string][2]int{"Ada Okonkwo": {512, 256}, "Erik Lindqvist": {200, 240}, "Keiko Tanaka": {48, 48}}
	for name, size := range sizes {
		data, _, err := ta.ContactPhoto(ctx, admin, byName[name].ID)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		is.NoErr(err)
		is.Equal(format, "jpeg")
		is.Equal([2]int{cfg.Width, cfg.Height}, size)
	}
	_, _, err = ta.ContactPhoto(ctx, admin, byName["Linked Photo"].ID)
	is.Equal(app.ErrorCode(err), app.ENotFound)

	var out bytes.Buffer
	is.NoErr(ta.Export(ctx, admin, &out, "contact", "vcf", nil))
	is.True(strings.Contains(out.String(), "\r\nPHOTO:data:image/jpeg;base64,"))
	for _, line := range strings.Split(out.String(), "\r\n") {
		if strings.HasPrefix(line, "PHOTO") || strings.HasPrefix(line, " ") {
			is.True(len(line) <= 75) // folded
		}
	}
	again := mustOpenApp(t)
	admin2 := mustSetup(t, again)
	rep, err = again.ImportVCard(ctx, admin2, &out, app.ImportOptions{FileName: "export.vcf"})
	is.NoErr(err)
	is.Equal(rep.Created, 4)
	byName = contactsByName(t, again, admin2)
	for name, size := range sizes {
		data, _, err := again.ContactPhoto(ctx, admin2, byName[name].ID)
		if err != nil {
			t.Errorf("%s after the round trip: %v", name, err)
			continue
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		is.NoErr(err)
		is.Equal([2]int{cfg.Width, cfg.Height}, size)
	}
}
