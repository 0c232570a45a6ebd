package app

import (
	"bytes"
	"image/jpeg"
)

// vcardPhotoBytes is a card's photo as Rolo keeps it. A JPEG that holds
// nothing but the image — the segments Go's encoder writes, no metadata
// (EXIF, ICC, comments), nothing after its end — and is no larger than
// Rolo's photos is kept byte for byte, so a photo Rolo exported comes
// back the same; any other image is re-encoded like an upload.
func vcardPhotoBytes(raw []byte) ([]byte, error) {
	if len(raw) <= maxPhotoBytes && plainJPEG(raw) {
		if img, err := jpeg.Decode(bytes.NewReader(raw)); err == nil {
			if b := img.Bounds(); b.Dx() > 0 && b.Dy() > 0 && b.Dx() <= photoSide && b.Dy() <= photoSide {
				return raw, nil
			}
		}
	}
	return processPhoto(raw)
}

// plainJPEG tells whether data is a baseline JPEG made only of
// quantisation and Huffman tables, restart interval, the frame and one
// scan, ending at EOI.
func plainJPEG(data []byte) bool {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return false
	}
	i := 2
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return false
		}
		marker := data[i+1]
		size := int(data[i+2])<<8 | int(data[i+3])
		if size < 2 || i+2+size > len(data) {
			return false
		}
		switch marker {
		case 0xDB, 0xC4, 0xC0, 0xDD: // DQT, DHT, SOF0, DRI
			i += 2 + size
		case 0xDA: // SOS: entropy-coded data to the next marker that is not a stuffed byte or a restart
			i += 2 + size
			for i+1 < len(data) && (data[i] != 0xFF || data[i+1] == 0x00 || (data[i+1] >= 0xD0 && data[i+1] <= 0xD7)) {
				i++
			}
			return i+2 == len(data) && data[i] == 0xFF && data[i+1] == 0xD9
		default:
			return false
		}
	}
	return false
}
