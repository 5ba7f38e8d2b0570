package export

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"runtime"
	"sync"
)

// A workbook is a zip of XML parts, and the Data sheets' parts are most
// of its bytes: compressing them one after the other was the longest
// single step of a large export. parallelZip compresses each part in
// chunks on every processor, the way pigz does: each chunk is deflated
// on its own and ends on a byte boundary (a sync flush), so the chunks
// joined in order, followed by an empty final block, are one valid
// deflate stream. Chunks cannot refer back into each other, which costs
// a fraction of a percent in size.
type parallelZip struct {
	zw    *zip.Writer
	entry *zipEntry
}

const (
	zipChunk   = 1 << 20 // uncompressed bytes per chunk
	zipVersion = 20      // the version of the zip format needed to read an entry (45 with zip64)
)

// finalBlock is an empty final deflate block: it ends the stream.
var finalBlock = []byte{0x03, 0x00}

func newParallelZip(w io.Writer) *parallelZip { return &parallelZip{zw: zip.NewWriter(w)} }

// Create starts the next part; the one before is completed first.
func (p *parallelZip) Create(name string) (io.Writer, error) {
	if err := p.finish(); err != nil {
		return nil, err
	}
	fh := &zip.FileHeader{Name: name, Method: zip.Deflate, Flags: 0x8, CreatorVersion: zipVersion, ReaderVersion: zipVersion}
	raw, err := p.zw.CreateRaw(fh)
	if err != nil {
		return nil, err
	}
	p.entry = &zipEntry{fh: fh, raw: raw, crc: crc32.NewIEEE(), limit: 2 * runtime.GOMAXPROCS(0)}
	return p.entry, nil
}

// AddFS adds the files of fsys as they are.
func (p *parallelZip) AddFS(fsys fs.FS) error {
	if err := p.finish(); err != nil {
		return err
	}
	return p.zw.AddFS(fsys)
}

// Close completes the last part and the archive.
func (p *parallelZip) Close() error {
	if err := p.finish(); err != nil {
		return err
	}
	return p.zw.Close()
}

func (p *parallelZip) finish() error {
	if p.entry == nil {
		return nil
	}
	e := p.entry
	p.entry = nil
	return e.close()
}

// zipEntry is one part being written: its bytes are cut into chunks,
// compressed concurrently and written in order.
type zipEntry struct {
	fh      *zip.FileHeader
	raw     io.Writer
	crc     hash.Hash32
	buf     []byte
	size    int64
	written int64
	pending []chan []byte // compressed chunks, in order
	limit   int           // chunks in flight at most
	err     error
}

func (e *zipEntry) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	e.crc.Write(p)
	e.size += int64(len(p))
	e.buf = append(e.buf, p...)
	for len(e.buf) >= zipChunk {
		e.submit(e.buf[:zipChunk])
		e.buf = append(e.buf[:0], e.buf[zipChunk:]...)
	}
	return len(p), e.err
}

// submit compresses a copy of chunk in the background, first writing out
// the oldest chunk when enough are in flight.
func (e *zipEntry) submit(chunk []byte) {
	for len(e.pending) >= e.limit {
		e.drain()
	}
	data := append([]byte(nil), chunk...)
	done := make(chan []byte, 1)
	e.pending = append(e.pending, done)
	go func() { done <- deflateChunk(data) }()
}

// drain writes the oldest compressed chunk.
func (e *zipEntry) drain() {
	out := <-e.pending[0]
	e.pending = e.pending[1:]
	if e.err != nil {
		return
	}
	n, err := e.raw.Write(out)
	e.written += int64(n)
	e.err = err
}

// close writes what is left, ends the stream and records the part's
// sizes and checksum, which the zip writer puts after the data and in
// the directory.
func (e *zipEntry) close() error {
	if len(e.buf) > 0 {
		e.submit(e.buf)
	}
	for len(e.pending) > 0 {
		e.drain()
	}
	if e.err != nil {
		return e.err
	}
	n, err := e.raw.Write(finalBlock)
	if err != nil {
		return err
	}
	e.written += int64(n)
	fh := e.fh
	fh.CRC32 = e.crc.Sum32()
	fh.CompressedSize64, fh.UncompressedSize64 = uint64(e.written), uint64(e.size)
	fh.CompressedSize, fh.UncompressedSize = uint32(min(e.written, 1<<32-1)), uint32(min(e.size, 1<<32-1))
	if e.written >= 1<<32-1 || e.size >= 1<<32-1 {
		fh.ReaderVersion = 45
	}
	return nil
}

// deflaters are reused: a deflate compressor is large to set up.
var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed) // only fails for a bad level
	return w
}}

// deflateChunk compresses one chunk at deflate's fastest setting, ending
// on a byte boundary without ending the stream.
func deflateChunk(chunk []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(chunk) / 4)
	w := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(w)
	w.Reset(&out)
	_, _ = w.Write(chunk) // writes to a bytes.Buffer never fail
	_ = w.Flush()
	return out.Bytes()
}
