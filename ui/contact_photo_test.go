package ui_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/matryer/is"

	"rolo/app"
)

// postPhoto uploads data as the "photo" field of a multipart form.
func (b *browser) postPhoto(path string, data []byte) response {
	b.tb.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, err := w.CreateFormFile("photo", "me.png")
	if err != nil {
		b.tb.Fatal(err)
	}
	_, _ = part.Write(data)
	w.Close()
	return b.send(http.MethodPost, path, w.FormDataContentType(), body.String())
}

func photoPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	img.Set(0, 0, color.White)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestContactPhotoUpload uploads a photo on the contact page, sees it on
// the page and in the list, gets it with the headers that keep it to
// this origin, and removes it; other roles and owners are refused.
func TestContactPhotoUpload(t *testing.T) {
	t.Parallel()
	is := is.New(t)
	ts := newTestServer(t)
	admin := ts.setupAdmin(t)
	ctx := t.Context()
	c, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "Photo", LastName: "Person"})
	is.NoErr(err)
	other, err := ts.app.CreateContact(ctx, nil, app.ContactInput{FirstName: "No", LastName: "Photo"})
	is.NoErr(err)
	page := "/contacts/" + c.ID

	res := admin.get(page)
	is.Equal(res.StatusCode, http.StatusOK)
	is.True(strings.Contains(res.Body, `enctype="multipart/form-data"`))
	is.True(!strings.Contains(res.Body, `id="contact-photo"`))

	res = admin.postPhoto(page+"/photo", []byte("<html>not an image</html>"))
	is.Equal(res.StatusCode, http.StatusUnprocessableEntity)
	if !strings.Contains(res.Body, ts.catalog.T("en", "error.photo_not_image")) {
		t.Fatalf("no message: %s", res.Body)
	}

	res = admin.postPhoto(page+"/photo", photoPNG(t, 900, 600))
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(res.Header.Get("Location"), page)

	res = admin.get(page)
	is.True(strings.Contains(res.Body, `id="contact-photo"`))
	is.True(strings.Contains(res.Body, `id="photo-remove"`))
	i := strings.Index(res.Body, `src="`+page+`/photo?v=`)
	is.True(i >= 0)
	src := res.Body[i+5:]
	src = strings.ReplaceAll(src[:strings.Index(src, `"`)], "&#43;", "+")

	list := admin.get("/contacts")
	is.Equal(strings.Count(list.Body, `class="contact-thumb"`), 1) // only the one with a photo
	is.True(strings.Contains(list.Body, `src="`+page+`/photo?v=`))
	is.True(!strings.Contains(list.Body, other.ID+`/photo`))

	img := admin.get(src)
	is.Equal(img.StatusCode, http.StatusOK)
	is.Equal(img.Header.Get("Content-Type"), "image/jpeg")
	is.Equal(img.Header.Get("X-Content-Type-Options"), "nosniff")
	is.Equal(img.Header.Get("Cross-Origin-Resource-Policy"), "same-origin")
	is.True(strings.HasPrefix(img.Header.Get("Cache-Control"), "private, max-age="))
	is.True(img.Header.Get("ETag") != "")
	cfg, format, err := image.DecodeConfig(strings.NewReader(img.Body))
	is.NoErr(err)
	is.Equal(format, "jpeg")
	is.Equal([]int{cfg.Width, cfg.Height}, []int{512, 341})

	admin.header.Set("If-None-Match", img.Header.Get("ETag"))
	is.Equal(admin.get(src).StatusCode, http.StatusNotModified)
	admin.header.Del("If-None-Match")

	// A contact without one, and one that does not exist: not found.
	is.Equal(admin.get("/contacts/"+other.ID+"/photo").StatusCode, http.StatusNotFound)
	is.Equal(admin.get("/contacts/nope/photo").StatusCode, http.StatusNotFound)

	// A viewer sees it and may not change it.
	viewer := ts.loginAs(t, app.RoleViewer)
	is.Equal(viewer.get(src).StatusCode, http.StatusOK)
	is.Equal(viewer.postPhoto(page+"/photo", photoPNG(t, 10, 10)).StatusCode, http.StatusForbidden)
	is.Equal(viewer.post(page+"/photo/delete", nil).StatusCode, http.StatusForbidden)

	// A salesperson limited to their own records: another's contact's
	// photo answers exactly as a missing one.
	is.NoErr(ts.app.SetPermissions(ctx, nil, app.PermissionChange{Visible: map[app.Role]string{app.RoleSales: app.SeeOwn}}))
	sales := ts.loginAs(t, app.RoleSales)
	hidden, missing := sales.get(page+"/photo"), sales.get("/contacts/nope/photo")
	is.Equal(hidden.StatusCode, http.StatusNotFound)
	is.Equal(hidden.StatusCode, missing.StatusCode)
	is.Equal(sales.postPhoto(page+"/photo", photoPNG(t, 10, 10)).StatusCode, http.StatusNotFound)
	is.Equal(sales.post(page+"/photo/delete", nil).StatusCode, http.StatusNotFound)

	// Removed by the admin.
	res = admin.post(page+"/photo/delete", url.Values{})
	is.Equal(res.StatusCode, http.StatusSeeOther)
	is.Equal(admin.get(src).StatusCode, http.StatusNotFound)
	is.True(!strings.Contains(admin.get("/contacts").Body, `class="contact-thumb"`))
}
