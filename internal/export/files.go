package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// DefaultPath is where an export goes when no file is named: dir, the
// review's slug and the export time (UTC) to the second, with ext.
func DefaultPath(dir, slug string, at time.Time, ext string) string {
	return filepath.Join(dir, slug+"-"+at.UTC().Format("20060102T150405Z")+ext)
}

// CodebookPath is the codebook file that goes with a CSV data file.
func CodebookPath(dataPath string) string {
	return strings.TrimSuffix(dataPath, filepath.Ext(dataPath)) + "-codebook.csv"
}

// SaveWorkbook writes the workbook to path. It is written to a temporary
// file in the same folder and renamed into place once complete, so a
// half-written workbook never appears under path.
func SaveWorkbook(ctx context.Context, st *store.Store, qs []*survey.Questionnaire, opts Options, path string) error {
	return atomically([]string{path}, func(ws []io.Writer) error {
		return Workbook(ctx, st, qs, opts, ws[0])
	})
}

// SaveCSV writes the data CSV to dataPath and its codebook to
// CodebookPath(dataPath), each renamed into place only once both are
// complete.
func SaveCSV(ctx context.Context, st *store.Store, qs []*survey.Questionnaire, opts Options, dataPath string) error {
	return atomically([]string{dataPath, CodebookPath(dataPath)}, func(ws []io.Writer) error {
		return CSV(ctx, st, qs, opts, ws[0], ws[1])
	})
}

// atomically runs write with a temporary file beside each path, then
// syncs them and renames each into place. On any failure the temporary
// files are removed and nothing appears under the paths.
func atomically(paths []string, write func([]io.Writer) error) (err error) {
	var files []*os.File
	defer func() {
		if err != nil {
			for _, f := range files {
				_ = f.Close()
				_ = os.Remove(f.Name())
			}
		}
	}()
	ws := make([]io.Writer, len(paths))
	for i, p := range paths {
		f, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".*.tmp")
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		files = append(files, f)
		ws[i] = f
	}
	if err := write(ws); err != nil {
		return err
	}
	for _, f := range files {
		if err := errors.Join(f.Sync(), f.Close()); err != nil {
			return fmt.Errorf("export: write %s: %w", f.Name(), err)
		}
	}
	for i, f := range files {
		if err := os.Rename(f.Name(), paths[i]); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}
