package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// apiBundled are answers to every page of the bundled questionnaire for a
// senior, research-active consultant, as JSON values.
func apiBundled() map[string]map[string]any {
	agree := map[string]any{}
	for _, s := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		agree["D01"+s] = "agree"
	}
	return map[string]map[string]any{
		"your_role":           {"A01": "consultant", "A02": "consultant"},
		"your_work":           {"A03": "over_20", "A04": "other", "A05": "cancer", "A06": nil},
		"involvement":         {"B01": "yes"},
		"research_activity":   {"B02": []any{"principal_investigator", "other"}, "B03": "yes_job_plan", "B04": 12, "B05": "sometimes"},
		"research_background": {"B06": "yes", "B07": "doctorate", "B08": "yes_awarded", "B09": "yes"},
		"research_interest":   {"B10": "yes"},
		"motivations":         {"C01": []any{"patient_outcomes", "keep_learning"}},
		"barriers":            {"C02": []any{"clinical_demands", "no_protected_time"}},
		"enablers":            {"C03": []any{"none"}, "C04": "yes", "C05": "already_have"},
		"organisation":        agree,
		"rd_office":           {"D02": "yes_contacted", "D03": []any{"rd_office", "colleagues"}, "D04": "yes"},
		"comments":            {"D05": "More protected time, please."},
		"strategy":            {"E01": "yes_main_priority", "E02": "no", "E03": "sometimes", "E04": "yes"},
		"strategy_workforce":  {"E05": "partly", "E06": "some_roles"},
		"strategy_priorities": {"E07": "protected_time", "E08": ""},
	}
}

func apiOther() map[string]map[string]string {
	return map[string]map[string]string{"your_work": {"A04": "A hospice"}, "research_activity": {"B02": "audit work"}}
}

func TestAPIReview(t *testing.T) {
	env := newTestEnv(t)
	var rev apiReview
	r := env.api(apiReq{method: "GET", path: "/api/v1/reviews/" + env.keyMore})
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	r.decode(t, &rev)
	want := apiTrust{Code: "RM1", Name: "Northfield Hospitals NHS Trust"}
	if rev.Trust != want || !rev.AcceptingAnswers || rev.Availability != "open" || rev.Status != store.ReviewOpen ||
		rev.Questionnaire.ID != "research-engagement" || rev.Minutes != 12 || !strings.HasPrefix(rev.Intro["en"], "This review asks") {
		t.Errorf("review = %+v", rev)
	}
	if !rev.Opens.Before(env.now) || !rev.Closes.After(env.now) {
		t.Errorf("window %v–%v does not hold now %v", rev.Opens, rev.Closes, env.now)
	}

	env.api(apiReq{method: "GET", path: "/api/v1/reviews/" + env.keyMini}).decode(t, &rev)
	if !slices.Equal(rev.Languages, []string{"en", "cy"}) || rev.Questionnaire.Title["cy"] != "Adolygiad bach" {
		t.Errorf("mini languages %v, titles %v", rev.Languages, rev.Questionnaire.Title)
	}

	r = env.api(apiReq{method: "GET", path: "/api/v1/reviews/" + env.keyClosed})
	r.decode(t, &rev)
	if r.status != http.StatusOK || rev.AcceptingAnswers || rev.Availability != "closed" {
		t.Errorf("closed review: %d %+v", r.status, rev)
	}
	r = env.api(apiReq{method: "GET", path: "/api/v1/reviews/NOSUCHKEY"})
	if r.status != http.StatusNotFound || r.err(t).Code != "not_found" {
		t.Errorf("unknown key: %d %s", r.status, r.body)
	}
}

func TestAPIOpenAPIServed(t *testing.T) {
	env := newTestEnv(t)
	r := env.api(apiReq{method: "GET", path: "/api/v1/openapi.json"})
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") || string(r.body) != string(openAPISpec) {
		t.Fatalf("openapi.json: %d %s", r.status, r.header.Get("Content-Type"))
	}
}

// TestAPIFlow answers the bundled questionnaire end to end through the
// API: start, every page along the branching, back and change an answer
// that hides a page, check, submit, replay, and the frozen response.
func TestAPIFlow(t *testing.T) {
	env := newTestEnv(t)
	s := env.apiStart(env.keyMore, map[string]any{"language": "en", "test": false})
	if loc := s.location; loc != "/api/v1/responses/"+s.id {
		t.Errorf("Location %q", loc)
	}
	if len(s.code) != 31 || s.page == nil || s.page.Section.ID != "your_role" || s.page.Back != nil || s.page.Step != 1 {
		t.Fatalf("start: code %q page %+v", s.code, s.page)
	}
	answers, other := apiBundled(), apiOther()
	var visited []string
	section := s.page.Section.ID
	for section != respond.SectionCheck {
		visited = append(visited, section)
		r := s.put(section, map[string]any{"answers": answers[section], "other": other[section]})
		if r.status != http.StatusOK {
			t.Fatalf("save %s: %d %s", section, r.status, r.body)
		}
		var out apiSaved
		r.decode(t, &out)
		if out.Next != respond.SectionCheck && (out.Page == nil || out.Page.Section.ID != out.Next || *out.Page.Back != section) {
			t.Fatalf("after %s: next %s page %+v", section, out.Next, out.Page)
		}
		section = out.Next
	}
	want := []string{"your_role", "your_work", "involvement", "research_activity", "research_background", "motivations", "barriers",
		"enablers", "organisation", "rd_office", "comments", "strategy", "strategy_workforce", "strategy_priorities"}
	if diff := cmp.Diff(want, visited); diff != "" {
		t.Fatalf("route (-want +got):\n%s", diff)
	}

	// The saved answers, as the store has them.
	got := s.snapshot().Answers
	if a := got["B02"]; !slices.Equal(a.Codes, []string{"principal_investigator", "other"}) || a.Other != "audit work" {
		t.Errorf("B02 = %+v", a)
	}
	if got["B04"].Text != "12" || got["A04"].Other != "A hospice" || got["D05"].Text != "More protected time, please." {
		t.Errorf("answers = %+v", got)
	}
	if _, ok := got["A06"]; ok {
		t.Errorf("null answer to optional A06 was stored: %+v", got["A06"])
	}

	// A page shows its saved answers; going back is fetching "back".
	var page apiPage
	s.get("/pages/research_activity").decode(t, &page)
	if *page.Back != "involvement" || len(page.Items) != 4 || page.Items[2].Answer == nil || page.Items[2].Answer.Text != "12" {
		t.Errorf("research_activity page = %+v", page)
	}
	if page.Items[2].Min == nil || *page.Items[2].Max != 300 || page.Items[0].OtherMaxLength != 200 {
		t.Errorf("B04/B02 constraints: %+v %+v", page.Items[2], page.Items[0])
	}

	// Changing B01 to "no" hides research_activity: its answers are
	// cleared and research_interest is next.
	r := s.put("involvement", map[string]any{"answers": map[string]any{"B01": "no"}})
	if e := r.err(t); r.status != http.StatusConflict || e.Code != "confirm_clear" || len(e.WouldClear) != 4 {
		t.Fatalf("changing B01 without confirming: %d %s", r.status, r.body)
	}
	out := s.saveConfirmed("involvement", map[string]any{"B01": "no"})
	if out.Next != "research_background" || !slices.Equal(out.Cleared, []string{"B02", "B03", "B04", "B05"}) {
		t.Fatalf("changing B01: %+v", out)
	}
	if r := s.get("/pages/research_activity"); r.status != http.StatusNotFound {
		t.Errorf("hidden page: %d", r.status)
	}
	out = s.save("research_background", answers["research_background"])
	if out.Next != "research_interest" {
		t.Fatalf("after research_background: %+v", out)
	}
	s.save("research_interest", map[string]any{"B10": "no"})

	var resp apiResponse
	s.get("").decode(t, &resp)
	if resp.Status != store.ResponseInProgress || resp.Section != "motivations" || resp.CompletionRatio == nil || *resp.CompletionRatio <= 0.8 {
		t.Errorf("response = %+v", resp)
	}

	// Check lists what is shown, with labels.
	var check apiCheck
	r = s.get("/check")
	r.decode(t, &check)
	if r.status != http.StatusOK || !check.Complete || len(check.Missing) != 0 || *check.Back != "strategy_priorities" {
		t.Fatalf("check: %d %+v", r.status, check)
	}
	if check.Sections[0].Items[0].Labels[0] != "Consultant doctor" || len(check.Sections) != 14 {
		t.Errorf("check sections = %+v", check.Sections)
	}

	// Submit, then replay it; any other change is refused.
	key := newKey()
	var sub apiSubmitted
	if r := s.submit(key); r.status != http.StatusOK {
		t.Fatalf("submit: %d %s", r.status, r.body)
	} else if r.decode(t, &sub); sub.Replayed {
		t.Errorf("first submit replayed")
	}
	s.unchanged("replayed submit", func() {
		r := s.submit(key)
		r.decode(t, &sub)
		if r.status != http.StatusOK || !sub.Replayed {
			t.Errorf("replayed submit: %d %s", r.status, r.body)
		}
		if r := s.submit(newKey()); r.status != http.StatusConflict {
			t.Errorf("second submit: %d %s", r.status, r.body)
		}
		if r := s.put("your_role", map[string]any{"answers": answers["your_role"]}); r.status != http.StatusConflict || r.err(t).Code != "submitted" {
			t.Errorf("save after submit: %d %s", r.status, r.body)
		}
	})
	s.get("").decode(t, &resp)
	if resp.Status != store.ResponseSubmitted || resp.Section != respond.SectionDone {
		t.Errorf("submitted response = %+v", resp)
	}
	var res apiResumed
	r = env.api(apiReq{method: "POST", path: "/api/v1/resume", body: map[string]string{"code": strings.ToLower(s.code)}})
	r.decode(t, &res)
	if r.status != http.StatusOK || res.ResponseID != s.id || res.Status != store.ResponseSubmitted || res.Page != nil {
		t.Errorf("resume submitted: %d %s", r.status, r.body)
	}
}

func TestAPIResume(t *testing.T) {
	env := newTestEnv(t)
	s := env.apiStart(env.keyMore, nil)
	s.save("your_role", apiBundled()["your_role"])
	var res apiResumed
	r := env.api(apiReq{method: "POST", path: "/api/v1/resume", body: map[string]string{"code": strings.ReplaceAll(s.code, "-", " ")}})
	r.decode(t, &res)
	if r.status != http.StatusOK || res.ResponseID != s.id || res.Section != "your_work" || res.Page == nil || res.Page.Section.ID != "your_work" {
		t.Fatalf("resume: %d %s", r.status, r.body)
	}
	for _, code := range []string{"", "not a code", "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-Z"} {
		if r := env.api(apiReq{method: "POST", path: "/api/v1/resume", body: map[string]string{"code": code}}); r.status != http.StatusNotFound {
			t.Errorf("resume %q: %d %s", code, r.status, r.body)
		}
	}
	env.setReviewStatus(env.keyMore, store.ReviewClosed)
	if r := env.api(apiReq{method: "POST", path: "/api/v1/resume", body: map[string]string{"code": s.code}}); r.status != http.StatusGone {
		t.Errorf("resume in closed review: %d %s", r.status, r.body)
	}
}

func TestAPILanguage(t *testing.T) {
	env := newTestEnv(t)
	s := env.apiStart(env.keyMini, map[string]any{"language": "cy"})
	if s.page.Section.Title != "Eich rôl" {
		t.Errorf("Welsh page title %q", s.page.Section.Title)
	}
	put := func(lang string) apiReply {
		return env.api(apiReq{method: "PUT", path: "/api/v1/responses/" + s.id + "/language", auth: s.code, body: map[string]string{"language": lang}})
	}
	if r := put("en"); r.status != http.StatusNoContent {
		t.Fatalf("set en: %d %s", r.status, r.body)
	}
	var page apiPage
	s.get("/pages/role").decode(t, &page)
	if page.Section.Title != "Your role" || page.Items[0].Options[0].Label != "Nurse" {
		t.Errorf("English page = %+v", page)
	}
	s.unchanged("unsupported language", func() {
		if r := put("fr"); r.status != http.StatusBadRequest || r.err(t).Code != "unsupported_language" {
			t.Errorf("set fr: %d %s", r.status, r.body)
		}
	})
	if r := env.api(apiReq{method: "POST", path: "/api/v1/reviews/" + env.keyMore + "/responses", body: map[string]string{"language": "cy"}}); r.status != http.StatusBadRequest {
		t.Errorf("start in a language the questionnaire lacks: %d %s", r.status, r.body)
	}
}

// TestAPIBadInput sends every kind of bad request and checks the status,
// the error codes, and that nothing already saved changed.
func TestAPIBadInput(t *testing.T) {
	env := newTestEnv(t)
	s := env.apiStart(env.keyMore, nil)
	bundled := apiBundled()
	s.save("your_role", bundled["your_role"])
	if r := s.put("your_work", map[string]any{"answers": bundled["your_work"], "other": apiOther()["your_work"]}); r.status != http.StatusOK {
		t.Fatalf("save your_work: %d %s", r.status, r.body)
	}
	s.save("involvement", bundled["involvement"])
	other := env.apiStart(env.keyMore, nil)
	// A mini response on its strategy page (shown to doctors).
	m := env.apiStart(env.keyMini, nil)
	m.save("role", map[string]any{"A01": "doctor"})
	if out := m.save("research", map[string]any{"B01": []any{"recruit"}}); out.Next != "strategy" {
		t.Fatalf("mini: next %s", out.Next)
	}
	long := strings.Repeat("x", 2001)
	role := func(answers map[string]any) map[string]any { return map[string]any{"answers": answers} }

	cases := []struct {
		name    string
		s       *apiSession
		req     apiReq
		status  int
		code    string
		fields  []string
		noItems bool
	}{
		{name: "unknown option", req: apiReq{path: "your_role", body: role(map[string]any{"A01": "astronaut", "A02": "band_5"})},
			status: 422, code: "invalid_answers", fields: []string{"A01:unknown_option"}},
		{name: "missing required", req: apiReq{path: "your_role", body: role(map[string]any{"A02": "band_5"})},
			status: 422, code: "invalid_answers", fields: []string{"A01:required"}},
		{name: "empty page", req: apiReq{path: "your_role", body: role(nil)},
			status: 422, code: "invalid_answers", fields: []string{"A01:required", "A02:required"}},
		{name: "two codes for a single choice", req: apiReq{path: "your_role", body: role(map[string]any{"A01": []any{"nurse", "midwife"}, "A02": "band_5"})},
			status: 422, code: "invalid_answers", fields: []string{"A01:one_only"}},
		{name: "item of another page", req: apiReq{path: "your_role", body: role(map[string]any{"A01": "nurse", "A02": "band_5", "B01": "yes"})},
			status: 422, code: "invalid_answers", fields: []string{"B01:unknown_item"}},
		{name: "unknown item", req: apiReq{path: "your_role", body: role(map[string]any{"A01": "nurse", "A02": "band_5", "Z99": "x"})},
			status: 422, code: "invalid_answers", fields: []string{"Z99:unknown_item"}, noItems: true},
		{name: "bool value", req: apiReq{path: "your_role", body: role(map[string]any{"A01": true, "A02": "band_5"})},
			status: 422, code: "invalid_answers", fields: []string{"A01:invalid_value"}},
		{name: "object value", req: apiReq{path: "your_role", body: `{"answers":{"A01":{"code":"nurse"},"A02":"band_5"}}`},
			status: 422, code: "invalid_answers", fields: []string{"A01:invalid_value"}},
		{name: "nested array", req: apiReq{path: "your_role", body: `{"answers":{"A01":[["nurse"]],"A02":"band_5"}}`},
			status: 422, code: "invalid_answers", fields: []string{"A01:invalid_value"}},
		{name: "over-long other", req: apiReq{path: "your_work", body: map[string]any{"answers": bundled["your_work"], "other": map[string]string{"A04": strings.Repeat("y", 201)}}},
			status: 422, code: "invalid_answers", fields: []string{"A04:other_too_long"}},
		{name: "other chosen without its text", req: apiReq{path: "your_work", body: map[string]any{"answers": bundled["your_work"], "other": map[string]string{"A04": " \u200b "}}},
			status: 422, code: "invalid_answers", fields: []string{"A04:other_required"}},
		{name: "NUL in an answer", req: apiReq{path: "your_work", body: map[string]any{"answers": bundled["your_work"], "other": map[string]string{"A04": "A hos\x00pice"}}},
			status: 400, code: "invalid_text"},
		{name: "NUL in an item id", req: apiReq{path: "your_role", body: `{"answers":{"A01\u0000":"nurse","A02":"band_5"}}`}, status: 400, code: "invalid_text"},
		{name: "invalid UTF-8", req: apiReq{path: "your_role", body: []byte("{\"answers\":{\"A01\":\"nur\xffse\",\"A02\":\"band_5\"}}")}, status: 400, code: "invalid_text"},
		{name: "page not reached", req: apiReq{path: "barriers", body: role(bundled["barriers"])}, status: 404, code: "not_found"},
		{name: "hidden page", req: apiReq{path: "research_interest", body: role(map[string]any{"B10": "yes"})}, status: 404, code: "not_found"},
		{name: "check is not a page", req: apiReq{path: "_check", body: role(nil)}, status: 404, code: "not_found"},
		{name: "invalid JSON", req: apiReq{path: "your_role", body: `{"answers":`}, status: 400, code: "invalid_json"},
		{name: "two JSON values", req: apiReq{path: "your_role", body: `{"answers":{}} {}`}, status: 400, code: "invalid_json"},
		{name: "not an object", req: apiReq{path: "your_role", body: `["A01"]`}, status: 400, code: "invalid_json"},
		{name: "other not text", req: apiReq{path: "your_role", body: `{"answers":{},"other":{"A01":1}}`}, status: 400, code: "invalid_json"},
		{name: "empty body", req: apiReq{path: "your_role", body: ``}, status: 400, code: "invalid_json"},
		{name: "unknown JSON field", req: apiReq{path: "your_role", body: `{"answers":{"A01":"nurse","A02":"band_5"},"shown":["A01"]}`}, status: 400, code: "unknown_field"},
		{name: "wrong content type", req: apiReq{path: "your_role", contentType: "text/plain", body: `{"answers":{"A01":"nurse","A02":"band_5"}}`}, status: 415, code: "unsupported_media_type"},
		{name: "form content type", req: apiReq{path: "your_role", contentType: "application/x-www-form-urlencoded", body: `A01=nurse&A02=band_5`}, status: 415, code: "unsupported_media_type"},
		{name: "missing idempotency key", req: apiReq{path: "your_role", key: "-", body: role(bundled["your_role"])}, status: 400, code: "missing_idempotency_key"},
		{name: "bad idempotency key", req: apiReq{path: "your_role", key: strings.Repeat("k", 129), body: role(bundled["your_role"])}, status: 400, code: "invalid_idempotency_key"},
		{name: "forged bearer", req: apiReq{path: "your_role", auth: "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-Z", body: role(bundled["your_role"])}, status: 404, code: "not_found"},
		{name: "malformed bearer", req: apiReq{path: "your_role", auth: "x", body: role(bundled["your_role"])}, status: 404, code: "not_found"},
		{name: "no bearer", req: apiReq{path: "your_role", auth: "-", body: role(bundled["your_role"])}, status: 401, code: "unauthorized"},
		{name: "bearer of another response", req: apiReq{path: "your_role", auth: other.code, body: role(bundled["your_role"])}, status: 404, code: "not_found"},
		{name: "oversized body", req: apiReq{path: "your_work", body: map[string]any{"answers": bundled["your_work"], "other": map[string]string{"A04": strings.Repeat("y", 300<<10)}}}, status: 413, code: "too_large"},
		{name: "oversized chunked body", req: apiReq{path: "your_work", reader: io.MultiReader(strings.NewReader(`{"answers":{"A03":"`), strings.NewReader(strings.Repeat("y", 300<<10)), strings.NewReader(`"}}`))}, status: 413, code: "too_large"},
		{name: "out of range", s: m, req: apiReq{path: "role", body: role(map[string]any{"A01": "nurse", "A02": 75})},
			status: 422, code: "invalid_answers", fields: []string{"A02:range"}},
		{name: "negative", s: m, req: apiReq{path: "role", body: role(map[string]any{"A01": "nurse", "A02": -1})},
			status: 422, code: "invalid_answers", fields: []string{"A02:range"}},
		{name: "fraction", s: m, req: apiReq{path: "role", body: role(map[string]any{"A01": "nurse", "A02": 2.5})},
			status: 422, code: "invalid_answers", fields: []string{"A02:whole_number"}},
		{name: "not a number", s: m, req: apiReq{path: "role", body: role(map[string]any{"A01": "nurse", "A02": "ten"})},
			status: 422, code: "invalid_answers", fields: []string{"A02:not_number"}},
		{name: "digits split by a space", s: m, req: apiReq{path: "role", body: role(map[string]any{"A01": "nurse", "A02": " 1 2 "})},
			status: 422, code: "invalid_answers", fields: []string{"A02:not_number"}},
		{name: "hexadecimal", s: m, req: apiReq{path: "role", body: role(map[string]any{"A01": "nurse", "A02": "0x1p4"})},
			status: 422, code: "invalid_answers", fields: []string{"A02:not_number"}},
		{name: "decimal comma in a whole number", s: m, req: apiReq{path: "role", body: role(map[string]any{"A01": "nurse", "A02": "1,5"})},
			status: 422, code: "invalid_answers", fields: []string{"A02:whole_number"}},
		{name: "huge number", s: m, req: apiReq{path: "role", body: `{"answers":{"A01":"nurse","A02":1e400}}`},
			status: 422, code: "invalid_answers", fields: []string{"A02:not_number"}},
		{name: "over-long text", s: m, req: apiReq{path: "strategy", body: role(map[string]any{"C01": long})},
			status: 422, code: "invalid_answers", fields: []string{"C01:too_long"}},
		{name: "exclusive option with another", s: m, req: apiReq{path: "research", body: role(map[string]any{"B01": []any{"none", "recruit"}})},
			status: 422, code: "invalid_answers", fields: []string{"B01:exclusive"}},
		{name: "several errors at once", s: m, req: apiReq{path: "role", body: role(map[string]any{"A02": 99})},
			status: 422, code: "invalid_answers", fields: []string{"A01:required", "A02:range"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sess := s
			if tc.s != nil {
				sess = tc.s
			}
			req := tc.req
			req.method, req.path = "PUT", "/api/v1/responses/"+sess.id+"/pages/"+req.path
			switch req.auth {
			case "":
				req.auth = sess.code
			case "-":
				req.auth = ""
			}
			switch req.key {
			case "":
				req.key = newKey()
			case "-":
				req.key = ""
			}
			for _, victim := range []*apiSession{s, m, other} {
				before := victim.snapshot()
				defer func() {
					if diff := cmp.Diff(before, victim.snapshot()); diff != "" {
						t.Errorf("response %s changed (-before +after):\n%s", victim.id, diff)
					}
				}()
			}
			r := env.api(req)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			e := r.err(t)
			if e.Code != tc.code || e.Message == "" {
				t.Errorf("error %+v, want code %s", e, tc.code)
			}
			if diff := cmp.Diff(tc.fields, r.fieldCodes(t)); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
			for _, f := range e.Fields {
				if f.Message == "" {
					t.Errorf("field %s has no message", f.Item)
				}
			}
			if len(tc.fields) > 0 && !tc.noItems && len(e.Items) == 0 {
				t.Errorf("422 without item definitions")
			}
		})
	}
}

// TestAPIRevealedItemsDescribed: an answer that reveals items on the same
// page gives a 422 that defines them, so a client can ask them.
// TestAPISamePageFollowUps: an answer that reveals items on its own page
// saves the page and returns it again with them (next is the same page),
// rather than refusing the answer or moving on without asking them; an
// answer to an item that an answer on the same page hides is ignored.
func TestAPISamePageFollowUps(t *testing.T) {
	env := newTestEnv(t)
	m := env.apiStart(env.keyMini, nil)
	m.save("role", map[string]any{"A01": "nurse"})

	out := m.save("research", map[string]any{"B01": []any{"pi"}})
	if out.Next != "research" || !slices.Equal(out.Revealed, []string{"B02a", "B02b"}) || out.Message == "" {
		t.Fatalf("revealing save: next %s, revealed %v, message %q", out.Next, out.Revealed, out.Message)
	}
	var ids []string
	for _, it := range out.Page.Items {
		ids = append(ids, it.ID)
	}
	if !slices.Equal(ids, []string{"B01", "B02a", "B02b"}) || out.Page.Items[1].Grid == nil || len(out.Page.Items[1].Options) != 3 {
		t.Fatalf("page after revealing: %+v", out.Page.Items)
	}
	if got := m.snapshot().Answers["B01"]; !slices.Equal(got.Codes, []string{"pi"}) {
		t.Errorf("B01 not saved with the revealing save: %+v", got)
	}

	// Answering the revealed items moves on.
	out = m.save("research", map[string]any{"B01": []any{"pi"}, "B02a": "3", "B02b": 1})
	if out.Next != respond.SectionCheck || len(out.Revealed) != 0 {
		t.Errorf("after answering them: next %s, revealed %v", out.Next, out.Revealed)
	}

	// Sending B01 = recruit with a grid answer: the grid is hidden by B01
	// on the same page, so that answer is ignored, not a 422. The grid's
	// saved answers would be cleared: that needs confirming first.
	r := m.put("research", map[string]any{"answers": map[string]any{"B01": []any{"recruit"}, "B02a": "1"}})
	e := r.err(t)
	if r.status != http.StatusConflict || e.Code != "confirm_clear" || len(e.WouldClear) != 2 || e.WouldClear[0].Item != "B02a" || e.WouldClear[0].Cause != "B02" {
		t.Fatalf("change hiding saved answers: %d %+v", r.status, e)
	}
	if got := m.snapshot().Answers["B02a"]; !slices.Equal(got.Codes, []string{"3"}) {
		t.Fatalf("the refused change altered B02a: %+v", got)
	}
	r = m.put("research", map[string]any{"answers": map[string]any{"B01": []any{"recruit"}, "B02a": "1"}, "confirm_clear": true})
	if r.status != http.StatusOK {
		t.Fatalf("confirmed: %d %s", r.status, r.body)
	}
	var saved apiSaved
	r.decode(t, &saved)
	if !slices.Equal(saved.Cleared, []string{"B02a", "B02b"}) {
		t.Errorf("cleared %v; want the grid", saved.Cleared)
	}
	snap := m.snapshot()
	if _, ok := snap.Answers["B02a"]; ok || snap.Cleared != 2 {
		t.Errorf("after confirming: answers %+v, %d clearings recorded; want the grid gone and 2 records", snap.Answers, snap.Cleared)
	}
}

// TestAPIHiddenByEarlierPage: an answer to an item that an earlier page
// hides is still a 422, and nothing is saved.
func TestAPIHiddenByEarlierPage(t *testing.T) {
	env := newTestEnv(t)
	c := env.apiStart(env.keyCareers, nil)
	c.save("about_you", map[string]any{"R01": "doctor", "R02": "consultant"})
	c.save("research", map[string]any{"S01": "yes", "S02": []any{"pi"}, "S03": "six_plus", "S04": 10})
	before := c.snapshot()
	r := c.put("leadership", map[string]any{"answers": map[string]any{"L01": "Lead", "L02": "yes"}})
	e := r.err(t)
	if r.status != http.StatusUnprocessableEntity || len(e.Fields) != 1 || e.Fields[0].Item != "L02" || e.Fields[0].Code != "hidden" {
		t.Fatalf("answer to L02 (hidden: S04 is 10): %d %+v", r.status, e)
	}
	if diff := cmp.Diff(before, c.snapshot()); diff != "" {
		t.Errorf("refused save changed the response (-before +after):\n%s", diff)
	}
}

func TestAPIIdempotency(t *testing.T) {
	env := newTestEnv(t)
	s := env.apiStart(env.keyMore, nil)
	key := newKey()
	body := map[string]any{"answers": apiBundled()["your_role"]}
	var first, second apiSaved
	s.putKey("your_role", key, body).decode(t, &first)
	if first.Replayed || first.Next != "your_work" {
		t.Fatalf("first save %+v", first)
	}
	after := s.snapshot()
	// The same key with the same request replays; with other answers, or
	// for a submit, it is a 422 that changes nothing.
	s.unchanged("replay", func() {
		r := s.putKey("your_role", key, body)
		r.decode(t, &second)
		if r.status != http.StatusOK || !second.Replayed || second.Next != first.Next || !second.Saved {
			t.Errorf("replay: %d %s", r.status, r.body)
		}
		r = s.putKey("your_role", key, map[string]any{"answers": map[string]any{"A01": "nurse", "A02": "band_5"}})
		if r.status != http.StatusUnprocessableEntity || r.err(t).Code != "idempotency_key_reused" {
			t.Errorf("same key, other answers: %d %s", r.status, r.body)
		}
		r = s.submit(key)
		if r.status != http.StatusUnprocessableEntity || r.err(t).Code != "idempotency_key_reused" {
			t.Errorf("submit with a page save's key: %d %s", r.status, r.body)
		}
	})
	if got := s.snapshot().Status; got != store.ResponseInProgress {
		t.Errorf("status after a submit with a reused key = %q", got)
	}
	if a := after.Answers["A01"]; a.Codes[0] != "consultant" {
		t.Errorf("A01 = %+v", a)
	}
	// The key belongs to s: another response may not use it.
	o := env.apiStart(env.keyMore, nil)
	o.unchanged("foreign key", func() {
		if r := o.putKey("your_role", key, body); r.status != http.StatusConflict || r.err(t).Code != "conflict" {
			t.Errorf("key of another response: %d %s", r.status, r.body)
		}
	})
	// Submitting needs a key too, and an incomplete response is a 422.
	s.unchanged("incomplete submit", func() {
		if r := s.submit(""); r.status != http.StatusBadRequest {
			t.Errorf("submit without key: %d", r.status)
		}
		r := s.submit(newKey())
		if r.status != http.StatusUnprocessableEntity || r.err(t).Code != "incomplete" || !slices.Contains(r.fieldCodes(t), "A03:required") {
			t.Errorf("incomplete submit: %d %s", r.status, r.body)
		}
	})
}

func TestAPIReviewStatus(t *testing.T) {
	env := newTestEnv(t)
	if r := env.api(apiReq{method: "POST", path: "/api/v1/reviews/" + env.keyClosed + "/responses"}); r.status != http.StatusGone || r.err(t).Code != "review_closed" {
		t.Errorf("start in closed review: %d %s", r.status, r.body)
	}
	ctx := context.Background()
	trust, err := env.store.TrustByCode(ctx, "RM1")
	if err != nil {
		t.Fatal(err)
	}
	q := env.bundled
	_, links, err := env.store.CreateReview(ctx, store.Review{Slug: "draft-2027", Title: "Draft", QuestionnaireID: q.ID, QuestionnaireVersion: q.Version,
		QuestionnaireHash: q.Hash, OpensAt: env.now.Add(24 * time.Hour), ClosesAt: env.now.Add(48 * time.Hour), Status: store.ReviewOpen}, store.SourceOf(q), []int64{trust.ID})
	if err != nil {
		t.Fatal(err)
	}
	if r := env.api(apiReq{method: "POST", path: "/api/v1/reviews/" + links[0].Key + "/responses", body: map[string]any{}}); r.status != http.StatusForbidden || r.err(t).Code != "review_not_open" {
		t.Errorf("start before opening: %d %s", r.status, r.body)
	}
	if r := env.api(apiReq{method: "POST", path: "/api/v1/reviews/NOSUCHKEY/responses"}); r.status != http.StatusNotFound {
		t.Errorf("start at unknown key: %d %s", r.status, r.body)
	}
	if r := env.api(apiReq{method: "POST", path: "/api/v1/reviews/" + env.keyMore + "/responses", body: `{"test":true,"x":1}`}); r.status != http.StatusBadRequest {
		t.Errorf("start with unknown field: %d %s", r.status, r.body)
	}

	// A review closed while a response is in progress refuses answers
	// and keeps what was saved.
	s := env.apiStart(env.keyMore, map[string]any{"test": true})
	s.save("your_role", apiBundled()["your_role"])
	env.setReviewStatus(env.keyMore, store.ReviewClosed)
	s.unchanged("closed review", func() {
		if r := s.put("your_work", map[string]any{"answers": apiBundled()["your_work"]}); r.status != http.StatusGone || r.err(t).Code != "review_closed" {
			t.Errorf("save in closed review: %d %s", r.status, r.body)
		}
		if r := s.submit(newKey()); r.status != http.StatusGone {
			t.Errorf("submit in closed review: %d %s", r.status, r.body)
		}
	})
	if r := s.get(""); r.status != http.StatusOK {
		t.Errorf("reading a response in a closed review: %d", r.status)
	}
}

// TestAPIReadAuth: every response route needs the response's own code.
func TestAPIReadAuth(t *testing.T) {
	env := newTestEnv(t)
	a, b := env.apiStart(env.keyMore, nil), env.apiStart(env.keyLess, nil)
	for _, path := range []string{"", "/pages/your_role", "/check"} {
		for _, auth := range []string{b.code, "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-Z"} {
			r := env.api(apiReq{method: "GET", path: "/api/v1/responses/" + a.id + path, auth: auth})
			if r.status != http.StatusNotFound || strings.Contains(string(r.body), a.id) || strings.Contains(string(r.body), b.id) {
				t.Errorf("GET %s with a wrong code: %d %s", path, r.status, r.body)
			}
		}
		if r := env.api(apiReq{method: "GET", path: "/api/v1/responses/" + a.id + path}); r.status != http.StatusUnauthorized {
			t.Errorf("GET %s without a code: %d", path, r.status)
		}
	}
	if r := a.get("/check"); r.status != http.StatusNotFound {
		t.Errorf("check before the last page: %d", r.status)
	}
}

// TestOpenAPIDocument checks openapi.json is OpenAPI 3.x, that its paths
// are exactly the /api/v1 routes Echo has, and that every $ref resolves.
func TestOpenAPIDocument(t *testing.T) {
	env := newTestEnv(t)
	srv, err := New(Config{Store: env.store, Flow: env.flow, Admin: admin.New(admin.Config{Store: env.store})})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Info    struct{ Title, Version string }       `json:"info"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
		Servers []struct{ URL string }                `json:"servers"`
	}
	if err := json.Unmarshal(openAPISpec, &doc); err != nil {
		t.Fatalf("openapi.json is not valid JSON: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") || doc.Info.Title == "" || doc.Info.Version == "" || len(doc.Servers) != 1 || doc.Servers[0].URL != "/api/v1" {
		t.Fatalf("openapi %q info %+v servers %+v", doc.OpenAPI, doc.Info, doc.Servers)
	}
	var routes, documented []string
	for _, r := range srv.e.Routes() {
		if p, ok := strings.CutPrefix(r.Path, "/api/v1"); ok {
			routes = append(routes, r.Method+" "+echoToOpenAPI(p))
		}
	}
	for p, item := range doc.Paths {
		for m := range item {
			if m != "parameters" {
				documented = append(documented, strings.ToUpper(m)+" "+p)
			}
		}
	}
	sort.Strings(routes)
	sort.Strings(documented)
	if diff := cmp.Diff(routes, documented); diff != "" {
		t.Errorf("Echo routes (-) vs documented paths (+):\n%s", diff)
	}
	if len(routes) != 11 {
		t.Errorf("%d API routes, want 11: %v", len(routes), routes)
	}
	checkRefs(t, specDoc, "$")
}

func echoToOpenAPI(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if name, ok := strings.CutPrefix(p, ":"); ok {
			parts[i] = "{" + name + "}"
		}
	}
	return strings.Join(parts, "/")
}

func checkRefs(t *testing.T, node any, at string) {
	t.Helper()
	switch n := node.(type) {
	case map[string]any:
		if ref, ok := n["$ref"].(string); ok {
			func() {
				defer func() {
					if recover() != nil {
						t.Errorf("%s: $ref %s does not resolve", at, ref)
					}
				}()
				resolve(n)
			}()
		}
		for k, v := range n {
			checkRefs(t, v, at+"."+k)
		}
	case []any:
		for _, v := range n {
			checkRefs(t, v, at+"[]")
		}
	}
}

// TestAnswerValues covers the JSON → form values conversion.
func TestAnswerValues(t *testing.T) {
	tests := []struct {
		raw  string
		want []string
		ok   bool
	}{
		{`"nurse"`, []string{"nurse"}, true},
		{`12`, []string{"12"}, true},
		{`12.50`, []string{"12.5"}, true},
		{`1e2`, []string{"100"}, true},
		{`-0.25`, []string{"-0.25"}, true},
		{`1e400`, []string{"1e400"}, true},
		{`["pi", "recruit"]`, []string{"pi", "recruit"}, true},
		{`["a", 3]`, []string{"a", "3"}, true},
		{`[]`, []string{}, true},
		{`null`, []string{}, true},
		{`true`, nil, false},
		{`{"a":1}`, nil, false},
		{`["a", null]`, nil, false},
		{`["a", true]`, nil, false},
		{`[["a"]]`, nil, false},
	}
	for _, tc := range tests {
		got, errs := answerValues(map[string]json.RawMessage{"X": json.RawMessage(tc.raw)})
		if (len(errs) == 0) != tc.ok {
			t.Errorf("%s: errors %v", tc.raw, errs)
			continue
		}
		if tc.ok && !slices.Equal(got["X"], tc.want) {
			t.Errorf("%s = %q, want %q", tc.raw, got["X"], tc.want)
		}
		if !tc.ok && (len(errs) != 1 || errs[0] != (survey.AnswerError{ItemID: "X", Code: codeInvalidValue})) {
			t.Errorf("%s: errors %v", tc.raw, errs)
		}
	}
}

// TestSpecChecker makes sure the schema check every API reply goes through
// does catch mismatches.
func TestSpecChecker(t *testing.T) {
	body := `{"id":"x","status":"weird","language":"en","progress":{"answered":1,"applicable":2,"percent":50},"completion_ratio":0.5,"extra":1}`
	got := checkAgainstSpec("GET", "/api/v1/responses/x", apiReply{status: 200, body: []byte(body)})
	want := []string{
		`$.status: weird not in enum [in_progress submitted]`,
		`$: missing required "section"`,
		`$: undocumented property "extra"`,
	}
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if p := checkAgainstSpec("GET", "/api/v1/responses/x", apiReply{status: 418, body: []byte(`{}`)}); len(p) != 1 {
		t.Errorf("undocumented status: %v", p)
	}
	if p := checkAgainstSpec("DELETE", "/api/v1/responses/x", apiReply{status: 200}); len(p) != 1 {
		t.Errorf("undocumented route: %v", p)
	}
}
