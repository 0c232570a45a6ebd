package app

import (
	"fmt"
	"math/rand/v2"
)

// demoPhone is a mobile number as people of region write it at home,
// valid there, so the demo's numbers match and are found in any format
// (+82 10…, 010-…), as real ones are. The numbers are random, so a few
// may belong to someone; US numbers use the 555-01xx block kept for
// fiction. Some blocks of a plan are not given out (Korea's 010-59xx…),
// so a number is drawn again until the phone library calls it valid.
func demoPhone(rng *rand.Rand, region string) string {
	n := ""
	for range 20 {
		if n = drawDemoPhone(rng, region); NormalizePhone(n, region) != "" {
			break
		}
	}
	return n
}

// drawDemoPhone draws a number in region's usual mobile layout.
func drawDemoPhone(rng *rand.Rand, region string) string {
	four := func() int { return rng.IntN(10000) }
	switch region {
	case "KR":
		return fmt.Sprintf("010-%04d-%04d", four(), four())
	case "JP":
		return fmt.Sprintf("0%d0-%04d-%04d", []int{7, 8, 9}[rng.IntN(3)], four(), four())
	case "CN":
		return fmt.Sprintf("1%d%d %04d %04d", 3+rng.IntN(3), rng.IntN(10), four(), four())
	case "DE":
		return fmt.Sprintf("0151 %04d%04d", 2000+rng.IntN(8000), four())
	}
	areas := []int{201, 212, 312, 415, 512, 617, 646, 713, 206, 303}
	return fmt.Sprintf("(%d) 555-01%02d", areas[rng.IntN(len(areas))], rng.IntN(100))
}
