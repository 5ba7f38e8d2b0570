package export

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
)

// TestParallelZip: parts of every size around the chunk size, compressed
// in parallel chunks, read back with archive/zip (which checks each
// part's checksum) exactly as written.
func TestParallelZip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	parts := map[string][]byte{}
	for _, n := range []int{0, 1, 1000, zipChunk - 1, zipChunk, zipChunk + 1, 3*zipChunk + 12345} {
		b := make([]byte, n)
		for i := range b { // half random, half repetitive: both kinds of block
			if i%2048 < 1024 {
				b[i] = byte(rng.IntN(256))
			} else {
				b[i] = "<c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c>"[i%40]
			}
		}
		parts[fmt.Sprintf("part-%d.xml", n)] = b
	}
	var buf bytes.Buffer
	z := newParallelZip(&buf)
	for name, b := range parts {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		for len(b) > 0 { // in uneven writes, as io.Copy gives them
			n := min(len(b), 1+rng.IntN(100_000))
			if _, err := w.Write(b[:n]); err != nil {
				t.Fatal(err)
			}
			b = b[n:]
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(parts) {
		t.Fatalf("%d parts read, %d written", len(zr.File), len(parts))
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !bytes.Equal(got, parts[f.Name]) {
			t.Errorf("%s: %d bytes back, %d written, or different", f.Name, len(got), len(parts[f.Name]))
		}
	}
}
