package admin

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/researchpulse/pulse/internal/analysis"
	"github.com/researchpulse/pulse/internal/store"
)

// Kinds of organisation, with what people call them.
var Kinds = []struct{ Code, Name string }{
	{"acute", "Acute"},
	{"acute_community", "Acute and community"},
	{"community", "Community"},
	{"mental_health", "Mental health"},
	{"ambulance", "Ambulance"},
	{"specialist", "Specialist"},
	{"health_board", "Health board"},
	{"primary_care", "Primary care"},
	{"other", "Other"},
}

// Nations, with what people call them.
var Nations = []struct{ Code, Name string }{
	{store.NationEngland, "England"},
	{store.NationScotland, "Scotland"},
	{store.NationWales, "Wales"},
	{store.NationNorthernIreland, "Northern Ireland"},
}

// KindName and NationName are what people call a code ("" stays "").
func KindName(code string) string   { return nameOf(Kinds, code) }
func NationName(code string) string { return nameOf(Nations, code) }

func nameOf(list []struct{ Code, Name string }, code string) string {
	for _, k := range list {
		if k.Code == code {
			return k.Name
		}
	}
	return code
}

// codeOf accepts a code or a name in any case ("Mental health",
// "mental_health", "MENTAL-HEALTH").
func codeOf(list []struct{ Code, Name string }, s string) (string, bool) {
	norm := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
	for _, k := range list {
		if norm == k.Code || strings.EqualFold(strings.TrimSpace(s), k.Name) {
			return k.Code, true
		}
	}
	return "", false
}

// ActivityName says how research-active a trust is, by the one rule in
// analysis.ActivityLevel.
func ActivityName(quintile int) string {
	switch analysis.ActivityLevel(quintile) {
	case analysis.ActivityMore:
		return "More research-active"
	case analysis.ActivityLess:
		return "Less research-active"
	}
	return "Not known"
}

// TrustInput is a trust as typed into a form or a CSV row.
type TrustInput struct {
	Code, Name, Nation, Kind, Quintile string
}

// parse checks a trust; problems are reported against prefix+field.
func (in TrustInput) parse(prefix string, bad *Invalid) store.Trust {
	t := store.Trust{Code: strings.ToUpper(strings.TrimSpace(in.Code)), Name: strings.TrimSpace(in.Name)}
	switch {
	case t.Code == "":
		bad.add(prefix+"code", "Enter the organisation code")
	case len(t.Code) > 16 || strings.ContainsAny(t.Code, " ,;\"'"):
		bad.add(prefix+"code", "Enter an organisation code of up to 16 letters and digits, like RX1")
	}
	if t.Name == "" || len(t.Name) > 200 {
		bad.add(prefix+"name", "Enter the organisation name (up to 200 characters)")
	}
	var ok bool
	if t.Nation, ok = codeOf(Nations, in.Nation); !ok {
		bad.add(prefix+"nation", "Nation must be England, Scotland, Wales or Northern Ireland, not %q", in.Nation)
	}
	if t.Kind, ok = codeOf(Kinds, in.Kind); !ok {
		bad.add(prefix+"kind", "Type must be one of %s, not %q", kindList(), in.Kind)
	}
	q, err := strconv.Atoi(strings.TrimSpace(in.Quintile))
	if err != nil || q < 1 || q > 5 {
		bad.add(prefix+"quintile", "CRN activity quintile must be a whole number from 1 to 5, not %q", in.Quintile)
	}
	t.Quintile = q
	return t
}

func kindList() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = strings.ToLower(k.Name)
	}
	return strings.Join(names, ", ")
}

// Trusts lists the trusts the actor looks after (every trust for a
// platform admin; none for a researcher).
func (s *Service) Trusts(ctx context.Context, a Actor) ([]store.Trust, error) {
	all, err := s.store.ListTrusts(ctx)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(t store.Trust) bool { return !a.HasTrust(t.ID) }), nil
}

// Trust loads a trust the actor looks after, or ErrNotFound.
func (s *Service) Trust(ctx context.Context, a Actor, id int64) (store.Trust, error) {
	if !a.HasTrust(id) {
		return store.Trust{}, fmt.Errorf("trust %d: %w", id, ErrNotFound)
	}
	return s.store.Trust(ctx, id)
}

// UpdateTrust saves the name, nation, type and quintile of a trust the
// actor looks after. The code never changes.
func (s *Service) UpdateTrust(ctx context.Context, a Actor, id int64, in TrustInput) (store.Trust, error) {
	old, err := s.Trust(ctx, a, id)
	if err != nil {
		return store.Trust{}, err
	}
	in.Code = old.Code
	var bad Invalid
	t := in.parse("", &bad)
	if err := bad.err(); err != nil {
		return store.Trust{}, err
	}
	t.ID = id
	saved, err := s.store.UpdateTrust(ctx, t)
	if err != nil {
		return store.Trust{}, err
	}
	s.audit(ctx, a, "trust_update", 0, "%s: %s, %s, %s, quintile %d", t.Code, t.Name, NationName(t.Nation), KindName(t.Kind), t.Quintile)
	return saved, nil
}

// CreateTrust adds a trust (platform admins).
func (s *Service) CreateTrust(ctx context.Context, a Actor, in TrustInput) (store.Trust, error) {
	if !a.Platform() {
		return store.Trust{}, fmt.Errorf("create trust: %w", ErrForbidden)
	}
	var bad Invalid
	t := in.parse("", &bad)
	if err := bad.err(); err != nil {
		return store.Trust{}, err
	}
	saved, err := s.store.CreateTrust(ctx, t)
	if errors.Is(err, store.ErrConflict) {
		return store.Trust{}, &Invalid{Fields: []FieldError{{"code", "A trust with code " + t.Code + " already exists"}}}
	}
	if err != nil {
		return store.Trust{}, err
	}
	s.audit(ctx, a, "trust_create", 0, "%s: %s", t.Code, t.Name)
	return saved, nil
}

// Limits of a trust import file.
const (
	MaxImportBytes = 1 << 20
	MaxImportRows  = 5000
)

// csvColumns are the columns of a trust import, in any order.
var csvColumns = []string{"code", "name", "nation", "type", "quintile"}

// ParseTrustCSV reads a trust import: a header naming the columns code,
// name, nation, type and quintile (any order, any case), then one trust
// per line. Every problem is reported with its line number; the trusts
// are returned only when there is none.
func ParseTrustCSV(r io.Reader) ([]store.Trust, error) {
	cr := csv.NewReader(io.LimitReader(r, MaxImportBytes+1))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, &Invalid{Fields: []FieldError{{"line 1", "The file is empty or not CSV: the first line must name the columns " + strings.Join(csvColumns, ", ")}}}
	}
	col, bad := csvHeader(header)
	if err := bad.err(); err != nil {
		return nil, err
	}
	return csvRows(cr, col)
}

func csvHeader(header []string) (map[string]int, *Invalid) {
	col := map[string]int{}
	bad := &Invalid{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if h == "kind" {
			h = "type"
		}
		col[h] = i
	}
	for _, c := range csvColumns {
		if _, ok := col[c]; !ok {
			bad.add("line 1", "The header has no %q column (it needs %s)", c, strings.Join(csvColumns, ", "))
		}
	}
	return col, bad
}

func csvRows(cr *csv.Reader, col map[string]int) ([]store.Trust, error) {
	var (
		out  []store.Trust
		bad  Invalid
		seen = map[string]int{}
	)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		prefix := "line " + strconv.Itoa(line) + ": "
		if err != nil {
			bad.add(strings.TrimSuffix(prefix, ": "), "not valid CSV (%v)", unwrapCSV(err))
			if len(bad.Fields) > 50 {
				break
			}
			continue
		}
		if len(out)+len(bad.Fields) >= MaxImportRows {
			bad.add(strings.TrimSuffix(prefix, ": "), "more than %d trusts in one file", MaxImportRows)
			break
		}
		get := func(c string) string {
			if i := col[c]; i < len(rec) {
				return rec[i]
			}
			return ""
		}
		var rowBad Invalid
		t := TrustInput{Code: get("code"), Name: get("name"), Nation: get("nation"), Kind: get("type"), Quintile: get("quintile")}.parse("", &rowBad)
		if first, dup := seen[t.Code]; dup && t.Code != "" {
			rowBad.add("code", "code %s is also on line %d", t.Code, first)
		}
		seen[t.Code] = line
		for _, f := range rowBad.Fields {
			bad.add("line "+strconv.Itoa(line), "%s: %s", f.Field, f.Message)
		}
		out = append(out, t)
	}
	if len(out) == 0 && len(bad.Fields) == 0 {
		bad.add("line 2", "The file has a header but no trusts")
	}
	if err := bad.err(); err != nil {
		return nil, err
	}
	return out, nil
}

func unwrapCSV(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ImportResult says what an import did.
type ImportResult struct {
	Created, Updated int
}

// ImportTrusts reads a trust CSV and saves every trust (new codes are
// added, known ones updated), all or nothing. Platform admins only.
func (s *Service) ImportTrusts(ctx context.Context, a Actor, r io.Reader, source string) (ImportResult, error) {
	if !a.Platform() {
		return ImportResult{}, fmt.Errorf("import trusts: %w", ErrForbidden)
	}
	ts, err := ParseTrustCSV(r)
	if err != nil {
		return ImportResult{}, err
	}
	created, err := s.store.ImportTrusts(ctx, ts)
	if err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{Created: created, Updated: len(ts) - created}
	s.audit(ctx, a, "trust_import", 0, "%s: %d new, %d updated", source, res.Created, res.Updated)
	return res, nil
}

// trustCodes names trusts by code for the audit log.
func (s *Service) trustCodes(ctx context.Context, ids []int64) string {
	if len(ids) == 0 {
		return ""
	}
	var codes []string
	for _, id := range ids {
		if t, err := s.store.Trust(ctx, id); err == nil {
			codes = append(codes, t.Code)
		}
	}
	return " at " + strings.Join(codes, ", ")
}
