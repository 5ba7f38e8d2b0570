package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/store"
)

// Exporter writes one review's data file. Package export provides the
// workbook and CSV writer; the server streams what it writes, counting
// and hashing the bytes for the audit trail.
type Exporter interface {
	// Formats lists the formats offered, e.g. "xlsx" and "csv".
	Formats() []ExportFormat
	// Export writes review r in format to w and returns the number of
	// data rows written.
	Export(ctx context.Context, w io.Writer, r store.Review, format string) (rows int, err error)
}

// ExportFormat is one downloadable format.
type ExportFormat struct {
	Code, Label, ContentType, Extension string
}

// analysisFormat is the download every server offers: the review's
// analysis as JSON (the document pulse analyse --format json prints),
// every cell under the small-cell rule.
var analysisFormat = ExportFormat{Code: "json", Label: "Analysis (JSON)", ContentType: "application/json", Extension: "json"}

// formats are the downloads offered: the exporter's, then the analysis.
func (s *Server) formats() []ExportFormat {
	var out []ExportFormat
	if s.cfg.Export != nil {
		out = append(out, s.cfg.Export.Formats()...)
	}
	return append(out, analysisFormat)
}

// writeFile writes one download and returns its row count.
func (s *Server) writeFile(c echo.Context, w io.Writer, r admin.ReviewAccess, f ExportFormat) (int, error) {
	if f.Code == analysisFormat.Code {
		rep, n, err := s.cfg.Admin.Analysis(c.Request().Context(), actor(c), r.ID)
		if err != nil {
			return 0, err
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return n, enc.Encode(analysisDoc{Report: rep})
	}
	return s.cfg.Export.Export(c.Request().Context(), w, r.Review, f.Code)
}

// analysisDoc is the JSON download, shaped as pulse analyse --format json.
type analysisDoc struct {
	Report analysis.Report `json:"report"`
}

// handleDownload streams a review's file from the dashboard.
func (s *Server) handleDownload(c echo.Context) error { return s.download(c) }

// handleAPIExport is the same download for scripts: GET
// /api/v1/reviews/{id}/export?format=csv with the session cookie.
func (s *Server) handleAPIExport(c echo.Context) error { return s.download(c) }

// download checks the format, writes an audit entry before any byte is
// sent (no entry, no file), streams the file while hashing it, then
// records its row count and SHA-256. A download that fails half-way is
// recorded as such.
func (s *Server) download(c echo.Context) error {
	format, ok := s.exportFormat(c.QueryParam("format"))
	if !ok {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	r, a, ctx := reviewOf(c), actor(c), c.Request().Context()
	start := admin.Download{ReviewID: r.ID, Format: format.Code, Options: "started", Rows: -1}
	if err := s.cfg.Admin.RecordDownload(ctx, a, start); err != nil {
		return fmt.Errorf("download %s: audit: %w", r.Slug, err)
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, format.ContentType)
	h.Set(echo.HeaderContentDisposition, `attachment; filename="`+qrName(r.Slug, "data")+"."+format.Extension+`"`)
	c.Response().WriteHeader(http.StatusOK)
	sum := sha256.New()
	rows, err := s.writeFile(c, io.MultiWriter(c.Response(), sum), r, format)
	done := admin.Download{ReviewID: r.ID, Format: format.Code, Options: "complete", Rows: rows, SHA256: hex.EncodeToString(sum.Sum(nil))}
	if err != nil {
		done.Options = "failed part-way"
		s.log.Error("download failed", "review", r.Slug, "err", err)
	}
	if aerr := s.cfg.Admin.RecordDownload(context.WithoutCancel(ctx), a, done); aerr != nil {
		s.log.Error("download not recorded", "review", r.Slug, "err", aerr)
	}
	return nil
}

// isDownload reports whether a route streams a file, which may take
// longer than a page.
func isDownload(route string) bool {
	return strings.HasSuffix(route, "/download") || strings.HasSuffix(route, "/export") || route == "/admin/audit.csv"
}

func (s *Server) exportFormat(code string) (ExportFormat, bool) {
	for _, f := range s.formats() {
		if strings.EqualFold(f.Code, code) {
			return f, true
		}
	}
	return ExportFormat{}, false
}
