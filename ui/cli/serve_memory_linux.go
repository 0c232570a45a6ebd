//go:build linux

package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
	"syscall"
)

// releaseStartupPages unmaps from this process the pages of its own
// executable that are mapped read-only and were never written (code,
// constants, the function tables), and says how many kilobytes were
// resident in them. They stay in the page cache, shared and clean: a page
// that serving needs comes back on its first use (a minor fault, no disk
// read) and counts again from then on; pages that only the start-up
// touched (the package initialisers of every linked package, migrations,
// template parsing) are no longer counted against the idle server.
//
// This is what the kernel itself does to clean file pages under memory
// pressure, so it adds no failure mode: a mapping that holds a private
// copy of any page (Anonymous above 0, e.g. relocations or a debugger's
// breakpoint) is left alone, and so are writable mappings, whose pages
// hold the program's variables.
func releaseStartupPages() (releasedKB int, err error) {
	var exe syscall.Stat_t
	if err := syscall.Stat("/proc/self/exe", &exe); err != nil {
		return 0, err
	}
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return 0, err
	}
	for _, m := range executableMappings(smaps, exe) {
		if m.writable || m.anonymousKB > 0 || m.rssKB == 0 {
			continue
		}
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, m.start, m.end-m.start, syscall.MADV_DONTNEED); errno != 0 {
			return releasedKB, errno
		}
		releasedKB += m.rssKB
	}
	return releasedKB, nil
}

// mapping is one entry of /proc/self/smaps, as far as releaseStartupPages
// needs it.
type mapping struct {
	start, end  uintptr
	writable    bool
	rssKB       int
	anonymousKB int
}

// executableMappings picks from smaps the mappings of the file exe (by
// device and inode, which hold even when the file was replaced on disk).
func executableMappings(smaps []byte, exe syscall.Stat_t) []mapping {
	wantDev := fmt.Sprintf("%02x:%02x", devMajor(exe.Dev), devMinor(exe.Dev))
	var out []mapping
	var cur *mapping
	sc := bufio.NewScanner(bytes.NewReader(smaps))
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			cur = nil
			var start, end uintptr
			var inode uint64
			if _, err := fmt.Sscanf(fields[0], "%x-%x", &start, &end); err != nil {
				continue
			}
			if _, err := fmt.Sscan(fields[4], &inode); err != nil || inode != exe.Ino || fields[3] != wantDev {
				continue
			}
			out = append(out, mapping{start: start, end: end, writable: strings.Contains(fields[1], "w")})
			cur = &out[len(out)-1]
			continue
		}
		if cur == nil || len(fields) < 2 {
			continue
		}
		switch fields[0] {
		case "Rss:":
			fmt.Sscan(fields[1], &cur.rssKB)
		case "Anonymous:":
			fmt.Sscan(fields[1], &cur.anonymousKB)
		}
	}
	return out
}

// devMajor and devMinor split a Linux device number as glibc's major()
// and minor() do; /proc/self/maps prints them in hexadecimal.
func devMajor(dev uint64) uint64 { return (dev>>8)&0xfff | (dev>>32)&^0xfff }
func devMinor(dev uint64) uint64 { return dev&0xff | (dev>>12)&^0xff }
