package store

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var trustCases = []storeCase{
	{"TrustCreateGetList", testTrustCreateGetList},
	{"TrustUpsertIsRerunnable", testTrustUpsert},
	{"TrustValidation", testTrustValidation},
	{"TrustDuplicateCodeConflicts", testTrustDuplicate},
	{"LogsCarryNoValues", testLogsCarryNoValues},
}

func testTrustCreateGetList(t *testing.T, e *env) {
	var want []Trust
	for _, tr := range []Trust{testTrusts[1], testTrusts[0]} {
		got, err := e.s.CreateTrust(e.ctx, tr)
		errIs(t, "CreateTrust", err, nil)
		if got.ID == 0 {
			t.Fatalf("CreateTrust(%s) returned no ID", tr.Code)
		}
		tr.ID = got.ID
		if diff := cmp.Diff(tr, got); diff != "" {
			t.Errorf("CreateTrust(%s) (-want +got):\n%s", tr.Code, diff)
		}
		want = append([]Trust{tr}, want...) // list is ordered by code
	}
	got, err := e.s.TrustByCode(e.ctx, "S08")
	errIs(t, "TrustByCode", err, nil)
	if diff := cmp.Diff(want[1], got); diff != "" {
		t.Errorf("TrustByCode (-want +got):\n%s", diff)
	}
	_, err = e.s.TrustByCode(e.ctx, "NOPE")
	errIs(t, "TrustByCode(NOPE)", err, ErrNotFound)
	list, err := e.s.ListTrusts(e.ctx)
	errIs(t, "ListTrusts", err, nil)
	if diff := cmp.Diff(want, list); diff != "" {
		t.Errorf("ListTrusts (-want +got):\n%s", diff)
	}
}

func testTrustUpsert(t *testing.T, e *env) {
	first, err := e.s.UpsertTrust(e.ctx, testTrusts[0])
	errIs(t, "UpsertTrust", err, nil)
	changed := testTrusts[0]
	changed.Name, changed.Quintile = "Riverside University Hospitals", 3
	second, err := e.s.UpsertTrust(e.ctx, changed)
	errIs(t, "UpsertTrust again", err, nil)
	changed.ID = first.ID
	if diff := cmp.Diff(changed, second); diff != "" {
		t.Errorf("second UpsertTrust (-want +got):\n%s", diff)
	}
	list, err := e.s.ListTrusts(e.ctx)
	errIs(t, "ListTrusts", err, nil)
	if diff := cmp.Diff([]Trust{changed}, list); diff != "" {
		t.Errorf("after re-run (-want +got):\n%s", diff)
	}
}

func testTrustValidation(t *testing.T, e *env) {
	ok := testTrusts[0]
	tests := []struct {
		name   string
		mutate func(*Trust)
		field  string
	}{
		{"empty code", func(tr *Trust) { tr.Code = " " }, "code"},
		{"empty name", func(tr *Trust) { tr.Name = "" }, "name"},
		{"quintile 0", func(tr *Trust) { tr.Quintile = 0 }, "quintile"},
		{"quintile 6", func(tr *Trust) { tr.Quintile = 6 }, "quintile"},
		{"nation", func(tr *Trust) { tr.Nation = "wessex" }, "nation"},
	}
	for _, tt := range tests {
		tr := ok
		tt.mutate(&tr)
		for name, fn := range map[string]func(context.Context, Trust) (Trust, error){"CreateTrust": e.s.CreateTrust, "UpsertTrust": e.s.UpsertTrust} {
			got, err := fn(e.ctx, tr)
			errIs(t, name+" "+tt.name, err, ErrInvalid)
			if !strings.Contains(err.Error(), tt.field) || got != (Trust{}) {
				t.Errorf("%s %s: got %+v, %v; want zero Trust and an error naming %q", name, tt.name, got, err, tt.field)
			}
		}
	}
	if n := e.counts()["trusts"]; n != 0 {
		t.Errorf("invalid trusts stored: %d rows", n)
	}
}

func testTrustDuplicate(t *testing.T, e *env) {
	_, err := e.s.CreateTrust(e.ctx, testTrusts[0])
	errIs(t, "CreateTrust", err, nil)
	_, err = e.s.CreateTrust(e.ctx, testTrusts[0])
	errIs(t, "CreateTrust duplicate", err, ErrConflict)
}

// testLogsCarryNoValues: a failing statement is logged, with placeholders
// instead of the values (answers and tokens must never reach the logs).
func testLogsCarryNoValues(t *testing.T, e *env) {
	tr := testTrusts[0]
	tr.Name = "Name-That-Must-Not-Be-Logged"
	_, err := e.s.CreateTrust(e.ctx, tr)
	errIs(t, "CreateTrust", err, nil)
	_, err = e.s.CreateTrust(e.ctx, tr)
	errIs(t, "CreateTrust duplicate", err, ErrConflict)
	logs := e.logs.String()
	if !strings.Contains(logs, "INSERT INTO") {
		t.Fatalf("failed INSERT not logged; logs:\n%s", logs)
	}
	if strings.Contains(logs, tr.Name) {
		t.Errorf("logs contain a parameter value:\n%s", logs)
	}
}
