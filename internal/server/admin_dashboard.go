package server

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/analysis"
)

// dashboardView is the live dashboard, drawn from the suppressed counts
// only: every chart has the same numbers as the table beside it.
type dashboardView struct {
	ReviewID   int64
	K          int
	Updated    string
	Total      admin.ProgressRow
	Test       int
	ByTrust    []admin.ProgressRow
	GroupLabel string
	ByGroup    []admin.ProgressRow
	Funnel     barChart
	Days       barChart
	Above      admin.Count
	Below      admin.Count
	Share      string // "" when withheld
	Threshold  string
	Flow       []flowRow
	Reasons    []string
	Dimensions []choice // breakdown dimension picker
	Dimension  string
	Breakdowns []breakdownView
}

// barChart is a horizontal bar chart drawn as SVG (no script, no inline
// style), with its numbers also given as a table.
type barChart struct {
	ID     string
	Title  string
	Height int
	Bars   []bar
}

type bar struct {
	Label    string
	Value    string // the number or "fewer than k"
	Y, Width int    // position and length in the 0–600 wide plot
	Withheld bool
}

const chartWidth = 600

// newBarChart scales bars to the largest published value.
func newBarChart(id, title string, labels []string, counts []admin.Count, k int) barChart {
	ch := barChart{ID: id, Title: title, Height: 28*len(counts) + 8}
	top := 1
	for _, c := range counts {
		if !c.Withheld() && c.N > top {
			top = c.N
		}
	}
	for i, c := range counts {
		b := bar{Label: labels[i], Value: countText(c, k), Y: 4 + 28*i, Withheld: c.Withheld()}
		if !c.Withheld() {
			b.Width = c.N * chartWidth / top
		}
		ch.Bars = append(ch.Bars, b)
	}
	return ch
}

// flowRow is one line of the exclusion flow table.
type flowRow struct {
	Label                                        string
	Received, Excluded, Included, Complete, Part string
	Reasons                                      []string
}

func flowCount(c analysis.Count, k int) string {
	if c.Suppressed {
		return "fewer than " + strconv.Itoa(k) + " or hidden"
	}
	return strconv.Itoa(c.N)
}

func newFlowRow(label string, f analysis.FlowCounts, k int) flowRow {
	r := flowRow{Label: label, Received: flowCount(f.Received, k), Excluded: flowCount(f.Excluded, k),
		Included: flowCount(f.Included, k), Complete: flowCount(f.Complete, k), Part: flowCount(f.Partial, k)}
	for _, rc := range f.Reasons {
		r.Reasons = append(r.Reasons, flowCount(rc.N, k))
	}
	return r
}

// breakdownView is one tagged item: a row per option or statement, the
// overall share and the share in each group of the chosen dimension.
type breakdownView struct {
	Label, Question, Tag, Measure string
	Groups                        []string
	Rows                          []breakdownRow
	Chart                         barChart
}

type breakdownRow struct {
	Label   string
	Overall string
	ByGroup []string
}

func cellText(c analysis.Cell, k int) string {
	switch {
	case c.Suppressed:
		return "fewer than " + strconv.Itoa(k) + " or hidden"
	case c.Denominator == 0:
		return "no answers"
	}
	return strconv.FormatFloat(c.Percent, 'f', 0, 64) + "% (" + strconv.Itoa(c.N) + " of " + strconv.Itoa(c.Denominator) + ")"
}

func (s *Server) dashboard(c echo.Context, id int64) (dashboardView, error) {
	d, err := s.cfg.Admin.Dashboard(c.Request().Context(), actor(c), id)
	if err != nil {
		return dashboardView{}, err
	}
	k := d.K
	v := dashboardView{ReviewID: id, K: k, Updated: londonDateTime(d.Updated), Total: d.Total, Test: d.Test, ByTrust: d.ByTrust,
		GroupLabel: d.GroupLabel, ByGroup: d.ByGroup, Above: d.Above, Below: d.Below,
		Threshold: strconv.FormatFloat(d.Threshold*100, 'f', -1, 64) + "%"}
	if share, ok := d.Share(); ok {
		v.Share = strconv.FormatFloat(share, 'f', 0, 64) + "%"
	}
	var labels []string
	var counts []admin.Count
	for _, f := range d.Funnel {
		labels, counts = append(labels, f.Label), append(counts, f.N)
	}
	v.Funnel = newBarChart("funnel", "Completion funnel: responses that reached or passed each page", labels, counts, k)
	labels, counts = nil, nil
	for _, day := range d.Days {
		labels, counts = append(labels, day.Date.Format("Mon 2 Jan")), append(counts, day.N)
	}
	v.Days = newBarChart("days", "Responses started per day", labels, counts, k)
	v.flow(d.Report, k)
	v.breakdowns(d.Report, c.QueryParam("dim"), k)
	return v, nil
}

func (v *dashboardView) flow(rep analysis.Report, k int) {
	for _, r := range rep.Flow.Overall.Reasons {
		v.Reasons = append(v.Reasons, reasonName(r.Reason))
	}
	v.Flow = append(v.Flow, newFlowRow("All trusts", rep.Flow.Overall, k))
	for _, g := range rep.Flow.ByTrust {
		v.Flow = append(v.Flow, newFlowRow(g.Label, g.FlowCounts, k))
	}
}

func (v *dashboardView) breakdowns(rep analysis.Report, dim string, k int) {
	for i, d := range rep.Meta.Dimensions {
		if dim == "" && i == 0 {
			dim = d.ID
		}
		v.Dimensions = append(v.Dimensions, choice{Value: d.ID, Label: d.Label, Checked: d.ID == dim})
	}
	v.Dimension = dim
	for _, b := range rep.Breakdowns {
		bv := breakdownView{Label: b.Label, Question: b.Question, Tag: b.Tag, Measure: b.Measure}
		var dc *analysis.DimensionCells
		for i := range b.Dimensions {
			if b.Dimensions[i].Dimension == dim {
				dc = &b.Dimensions[i]
			}
		}
		if dc != nil {
			for _, g := range dc.Groups {
				bv.Groups = append(bv.Groups, g.Label)
			}
		}
		var labels []string
		var counts []admin.Count
		for r, row := range b.Rows {
			br := breakdownRow{Label: row.Label, Overall: cellText(b.Overall.Cells[r], k)}
			if dc != nil {
				for _, g := range dc.Groups {
					br.ByGroup = append(br.ByGroup, cellText(g.Cells[r], k))
				}
			}
			bv.Rows = append(bv.Rows, br)
			cell := b.Overall.Cells[r]
			labels = append(labels, row.Label)
			counts = append(counts, percentCount(cell))
		}
		bv.Chart = newPercentChart("b-"+b.Item, b.Label, labels, counts, k)
		v.Breakdowns = append(v.Breakdowns, bv)
	}
}

// percentCount carries a cell's percentage (0–100) as a count, for
// drawing; withheld when the cell is.
func percentCount(c analysis.Cell) admin.Count {
	if c.Suppressed || c.Denominator == 0 {
		return admin.Count{Hidden: true}
	}
	return admin.Count{N: int(c.Percent + 0.5)}
}

// newPercentChart draws percentages on a fixed 0–100 scale.
func newPercentChart(id, title string, labels []string, counts []admin.Count, k int) barChart {
	ch := newBarChart(id, title, labels, counts, k)
	for i, c := range counts {
		ch.Bars[i].Width = c.N * chartWidth / 100
		if c.Withheld() {
			ch.Bars[i].Value, ch.Bars[i].Width = "hidden", 0
		} else {
			ch.Bars[i].Value = strconv.Itoa(c.N) + "%"
		}
	}
	return ch
}

// handleDashboardFragment is the dashboard alone, which the page script
// fetches to update it in place.
func (s *Server) handleDashboardFragment(c echo.Context) error {
	d, err := s.dashboard(c, reviewOf(c).ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.adminPages.pages["review"].ExecuteTemplate(&buf, "dashboard", d); err != nil {
		return fmt.Errorf("render dashboard: %w", err)
	}
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}

// reasonNames are the exclusion reasons in words.
var reasonNames = map[string]string{
	"test": "Preview or test", "outside_window": "Outside the window", "duplicate": "Duplicate",
	"screened_out": "Screened out", "required_missing": "Required answer missing", "below_threshold": "Below the completion threshold",
}

func reasonName(code string) string {
	if n, ok := reasonNames[code]; ok {
		return n
	}
	return code
}
