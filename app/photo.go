package app

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/draw"
	_ "image/gif" // GIF input
	"image/jpeg"
	_ "image/png" // PNG input

	"rolo/store"
)

// Contact photos: what comes in (an upload, a vCard PHOTO) is decoded,
// scaled down and written again as a plain JPEG, so no metadata, colour
// profile or payload hidden in the file survives; the result is kept in
// the database file, beside the contact.
const (
	maxPhotoBytes  = 5 << 20    // input
	maxPhotoPixels = 40_000_000 // refused before decoding
	photoSide      = 512        // the longer side, at most
	photoQuality   = 85
)

// processPhoto checks raw and re-encodes it as a JPEG of at most
// photoSide pixels on its longer side.
func processPhoto(raw []byte) ([]byte, error) {
	if len(raw) == 0 {
		return nil, Invalid(map[string]string{"photo": "error.photo_required"})
	}
	if len(raw) > maxPhotoBytes {
		return nil, Invalid(map[string]string{"photo": "error.photo_too_large"})
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil || (format != "jpeg" && format != "png" && format != "gif") {
		return nil, Invalid(map[string]string{"photo": "error.photo_not_image"})
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxPhotoPixels {
		return nil, Invalid(map[string]string{"photo": "error.photo_too_many_pixels"})
	}
	img, _, err := image.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, Invalid(map[string]string{"photo": "error.photo_not_image"})
	}
	var out bytes.Buffer
	if err := jpeg.Encode(&out, downscale(flatten(img), photoSide), &jpeg.Options{Quality: photoQuality}); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// flatten draws img over white (JPEG has no transparency) into an RGBA.
func flatten(img image.Image) *image.RGBA {
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Over)
	return dst
}

// downscale shrinks src so its longer side is at most side, each pixel
// the average of the box of source pixels it covers; a smaller image is
// returned as it is.
func downscale(src *image.RGBA, side int) *image.RGBA {
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	if w <= side && h <= side {
		return src
	}
	nw, nh := side, max(1, h*side/w)
	if h > w {
		nw, nh = max(1, w*side/h), side
	}
	dst := image.NewRGBA(image.Rect(0, 0, nw, nh))
	for y := 0; y < nh; y++ {
		y0, y1 := y*h/nh, max((y+1)*h/nh, y*h/nh+1)
		for x := 0; x < nw; x++ {
			x0, x1 := x*w/nw, max((x+1)*w/nw, x*w/nw+1)
			var r, g, b, a, n uint64
			for sy := y0; sy < y1; sy++ {
				row := src.Pix[sy*src.Stride+x0*4 : sy*src.Stride+x1*4]
				for i := 0; i < len(row); i += 4 {
					r, g, b, a = r+uint64(row[i]), g+uint64(row[i+1]), b+uint64(row[i+2]), a+uint64(row[i+3])
					n++
				}
			}
			o := y*dst.Stride + x*4
			dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2], dst.Pix[o+3] = uint8(r/n), uint8(g/n), uint8(b/n), uint8(a/n)
		}
	}
	return dst
}

// SetContactPhoto gives a contact a photo (contacts: edit, on a contact
// actor may see): raw is a JPEG, PNG or GIF of at most 5 MB and 40
// megapixels, stored re-encoded. The audit log says that the photo
// changed, never its bytes.
func (a *App) SetContactPhoto(ctx context.Context, actor Actor, contactID string, raw []byte) error {
	if err := a.can(actor, AreaContacts, LevelEdit); err != nil {
		return err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "contact", contactID); err != nil {
		return err
	}
	data, err := processPhoto(raw)
	if err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		c, err := liveContact(ctx, tx, contactID)
		if err != nil {
			return err
		}
		if err := store.SetContactPhoto(ctx, tx, contactID, data); err != nil {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionContactPhotoSet, Entity: "contact", ID: contactID, Name: c.DisplayName})
	})
}

// liveContact loads a contact that is not in the trash.
func liveContact(ctx context.Context, tx *store.Tx, id string) (store.Contact, error) {
	c, err := store.ContactByID(ctx, tx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && c.Trashed()) {
		return c, errorf(ENotFound, "error.contact_not_found")
	}
	return c, err
}

// RemoveContactPhoto removes a contact's photo; removing none is no change.
func (a *App) RemoveContactPhoto(ctx context.Context, actor Actor, contactID string) error {
	if err := a.can(actor, AreaContacts, LevelEdit); err != nil {
		return err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "contact", contactID); err != nil {
		return err
	}
	return a.db.Write(ctx, func(tx *store.Tx) error {
		c, err := liveContact(ctx, tx, contactID)
		if err != nil {
			return err
		}
		removed, err := store.DeleteContactPhoto(ctx, tx, contactID)
		if err != nil || !removed {
			return err
		}
		return a.record(ctx, tx, actorID(actor), Change{Action: ActionContactPhotoRemoved, Entity: "contact", ID: contactID, Name: c.DisplayName})
	})
}

// ContactPhoto reads a contact's photo (a JPEG) and its version, for
// whoever may read the contact; a contact without one is not found.
func (a *App) ContactPhoto(ctx context.Context, actor Actor, contactID string) ([]byte, string, error) {
	if err := a.can(actor, AreaContacts, LevelView); err != nil {
		return nil, "", err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "contact", contactID); err != nil {
		return nil, "", err
	}
	data, version, err := store.ContactPhoto(ctx, a.db.Reader(), contactID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, "", errorf(ENotFound, "error.photo_not_found")
	}
	return data, version, err
}

// ContactPhotoVersion is the version of a contact's photo, "" when it
// has none, without reading the image: pages put it in the photo's URL.
func (a *App) ContactPhotoVersion(ctx context.Context, actor Actor, contactID string) (string, error) {
	if err := a.can(actor, AreaContacts, LevelView); err != nil {
		return "", err
	}
	if err := a.checkRecordVisible(ctx, a.db.Reader(), actor, "contact", contactID); err != nil {
		return "", err
	}
	return store.ContactPhotoVersion(ctx, a.db.Reader(), contactID)
}
