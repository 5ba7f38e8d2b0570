package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/pgtest"
	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/server/servertest"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// TestClientKey: an IPv4 address counts alone, an IPv6 address with the
// rest of its /64.
func TestClientKey(t *testing.T) {
	for ip, want := range map[string]string{
		"192.0.2.7":                 "192.0.2.7",
		"2001:db8:1:2:aaaa::1":      "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff:1:2:3":   "2001:db8:1:2::/64",
		"::ffff:192.0.2.7":          "::ffff:192.0.2.7",
		"not an address":            "not an address",
		"2001:db8:1:3:aaaa:bbbb::1": "2001:db8:1:3::/64",
	} {
		if got := clientKey(ip); got != want {
			t.Errorf("clientKey(%q) = %q, want %q", ip, got, want)
		}
	}
}

// postgresSchema is a fresh PostgreSQL schema for the test, dropped at
// cleanup; the test is skipped without PULSE_TEST_POSTGRES_DSN.
func postgresSchema(t *testing.T) string {
	t.Helper()
	return pgtest.Schema(t, "pulse_server")
}

// TestClientLimitAcrossServers: two servers on one PostgreSQL database
// hold a client to one limit. Starts alternate between them; with a limit
// of 4 only 4 succeed in all (8 if each server kept its own), and a wrong
// resume code sent to one server then finds the client over the limit on
// the other too. The sign-in form's per-address limit is shared as well.
func TestClientLimitAcrossServers(t *testing.T) {
	dsn := postgresSchema(t)
	ctx := context.Background()
	now := func() time.Time { return servertest.Start }
	q, err := survey.LoadFile(filepath.Join("..", "..", "internal", "survey", "testdata", "valid", "mini.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var bases []string
	var key string
	for i := range 2 {
		st, err := store.Open(ctx, store.Config{Driver: store.DriverPostgres, DSN: dsn, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if i == 0 {
			tr, err := st.CreateTrust(ctx, store.Trust{Code: "RM1", Name: "Northfield", Nation: "england", Quintile: 1})
			if err != nil {
				t.Fatal(err)
			}
			_, links, err := st.CreateReview(ctx, store.Review{Slug: "r", Title: "r", QuestionnaireID: q.ID, QuestionnaireVersion: q.Version,
				QuestionnaireHash: q.Hash, OpensAt: now().Add(-time.Hour), ClosesAt: now().Add(time.Hour), Status: store.ReviewOpen},
				store.SourceOf(q), []int64{tr.ID})
			if err != nil {
				t.Fatal(err)
			}
			key = links[0].Key
		}
		adm := admin.New(admin.Config{Store: st, Now: now})
		srv, err := New(Config{Store: st, Flow: respond.New(st, []*survey.Questionnaire{q}, now), BaseURL: "http://pulse.test", ClientLimit: 4, Admin: adm})
		if err != nil {
			t.Fatal(err)
		}
		hs := httptest.NewServer(srv.Handler())
		t.Cleanup(hs.Close)
		bases = append(bases, hs.URL)
	}
	status := func(base, method, path, body string) int {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	started := 0
	for i := range 8 {
		switch code := status(bases[i%2], http.MethodPost, "/api/v1/reviews/"+key+"/responses", ""); code {
		case http.StatusCreated:
			started++
		case http.StatusTooManyRequests:
		default:
			t.Fatalf("start %d: status %d", i, code)
		}
	}
	if started != 4 {
		t.Fatalf("%d responses started through two servers with a limit of 4 per client; want 4 in all", started)
	}
	// Over the limit, a resume code sent to either server is refused before
	// it is looked up.
	for _, base := range bases {
		if code := status(base, http.MethodPost, "/api/v1/resume", `{"code":"abcd-efgh-ijkl"}`); code != http.StatusTooManyRequests {
			t.Errorf("wrong resume code over the shared limit at %s: %d, want 429", base, code)
		}
	}
	// The sign-in form's per-address limit (a burst of 10) is shared too:
	// 14 tries alternating between the servers, 7 each, meet it.
	refused := 0
	for i := range 14 {
		if status(bases[i%2], http.MethodPost, "/admin/sign-in", "") == http.StatusTooManyRequests {
			refused++
		}
	}
	if refused != 4 {
		t.Errorf("%d of 14 sign-in tries through two servers refused; want 4 over the shared burst of 10", refused)
	}
}
