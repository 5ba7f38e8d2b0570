package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/researchpulse/pulse/internal/server/servertest"
	"github.com/researchpulse/pulse/internal/survey"
)

// fuzzEnv is a real server over a real SQLite file for a fuzz target:
// made once per fuzzing process, with no per-address limit. Each
// iteration sets env.t to its own test.
func fuzzEnv(f *testing.F) *testEnv {
	f.Helper()
	fix := servertest.New(f)
	env := &testEnv{fix: fix, store: fix.Store, flow: fix.Flow, dbPath: fix.DBPath, now: servertest.Start,
		bundled: fix.Bundled, mini: fix.Mini, keyMore: fix.KeyMore, keyLess: fix.KeyLess, keyMini: fix.KeyMini,
		keyClosed: fix.KeyClosed, careers: fix.Careers, keyCareers: fix.KeyCareers}
	srv, err := New(Config{Store: fix.Store, Flow: fix.Flow, BaseURL: "http://pulse.test", ClientLimit: -1})
	if err != nil {
		f.Fatal(err)
	}
	env.srv = httptest.NewServer(srv.Handler())
	f.Cleanup(env.srv.Close)
	return env
}

// checkStored fails when the stored answers of a response hold an answer
// to an item the branching hides (given those same answers), to an item
// the questionnaire does not have, or an option code the item does not
// define.
func checkStored(t *testing.T, env *testEnv, q *survey.Questionnaire, responseID string) {
	t.Helper()
	answers, err := env.store.Answers(context.Background(), responseID)
	if err != nil {
		t.Fatal(err)
	}
	vis := q.Visibility(answers)
	for id, a := range answers {
		it, ok := q.Item(id)
		if !ok {
			t.Fatalf("stored an answer to %q, which is no item", id)
		}
		if !vis.Shown(id) {
			t.Fatalf("stored an answer to %s, hidden by %s", id, vis.HiddenBy(id))
		}
		for _, code := range a.Codes {
			if !slices.ContainsFunc(it.Options, func(o survey.Option) bool { return o.Code == code }) {
				t.Fatalf("stored option %q for %s, which has no such option", code, id)
			}
		}
	}
}

func send(t *testing.T, req *http.Request, c *http.Client) (int, string) {
	t.Helper()
	if c == nil {
		c = http.DefaultClient
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// FuzzAPISave sends arbitrary bodies as page saves of one response of the
// bundled questionnaire through the JSON API: any page, any JSON or
// not-JSON. The server never answers 5xx, and after every save the stored
// answers hold nothing hidden by the branching and no unknown option.
func FuzzAPISave(f *testing.F) {
	env := fuzzEnv(f)
	q := env.bundled
	var started apiStarted
	{
		req, _ := http.NewRequest(http.MethodPost, env.srv.URL+"/api/v1/reviews/"+env.keyMore+"/responses", strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			f.Fatal(err)
		}
		if err := json.NewDecoder(res.Body).Decode(&started); err != nil || res.StatusCode != http.StatusCreated {
			f.Fatalf("start: %d %v", res.StatusCode, err)
		}
		res.Body.Close()
	}
	for i, sec := range q.Sections {
		if answers, ok := apiBundled()[sec.ID]; ok {
			body, _ := json.Marshal(map[string]any{"answers": answers, "other": apiOther()[sec.ID]})
			f.Add(uint8(i), body)
		}
	}
	f.Add(uint8(0), []byte(`{"answers":{"A01":"consultant","A02":"band_9","E01":"yes_main_priority"}}`))
	f.Add(uint8(1), []byte(`{"answers":{"A04":["other","other"],"A03":"nope"},"other":{"A04":"x"},"confirm_clear":true}`))
	f.Add(uint8(2), []byte(`{"answers":{"B01":"no"},"confirm_clear":true}`))
	f.Add(uint8(3), []byte(`{"answers":{"B02":[],"B04":-1e309}}`))
	f.Add(uint8(9), []byte(`{"answers":{"D01a":"agree","D01z":"agree"}}`))
	f.Fuzz(func(t *testing.T, section uint8, body []byte) {
		env.t = t
		sec := q.Sections[int(section)%len(q.Sections)].ID
		req, _ := http.NewRequest(http.MethodPut, env.srv.URL+"/api/v1/responses/"+started.ResponseID+"/pages/"+sec, strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+started.ResumeCode)
		req.Header.Set("Idempotency-Key", newKey())
		if status, reply := send(t, req, nil); status >= 500 {
			t.Fatalf("PUT %s %q: %d %s", sec, body, status, reply)
		}
		checkStored(t, env, q, started.ResponseID)
	})
}

// FuzzFormSave posts arbitrary form bodies (after a valid CSRF token and a
// fresh idempotency key where the body says {key}) to the pages of one
// response of the bundled questionnaire, as a browser holding it. The
// server never answers 5xx, and the stored answers hold nothing hidden by
// the branching and no unknown option.
func FuzzFormSave(f *testing.F) {
	env := fuzzEnv(f)
	q := env.bundled
	// A browser holding a response started through the pages.
	d := &device{env: env, c: env.client()}
	get, _ := http.NewRequest(http.MethodGet, env.srv.URL+linkPath(env.keyMore), nil)
	if res, err := d.c.Do(get); err != nil || res.StatusCode != http.StatusOK {
		f.Fatalf("GET the review link: %v", err)
	}
	token := d.cookie("/", "pulse_csrf")
	post, _ := http.NewRequest(http.MethodPost, env.srv.URL+linkPath(env.keyMore)+"/start", strings.NewReader("csrf="+url.QueryEscape(token)))
	post.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if res, err := d.c.Do(post); err != nil || res.StatusCode != http.StatusSeeOther {
		f.Fatalf("start through the pages: %v", err)
	}
	code, _, _ := strings.Cut(d.cookie("/", resumeCookieName(env.keyMore)), ".")
	st, err := env.flow.Resume(context.Background(), code)
	if err != nil {
		f.Fatal(err)
	}
	responseID := st.Response.ID
	for i, sec := range q.Sections {
		if answers, ok := bundledAnswers(i%2 == 0, i%3 != 0)[sec.ID]; ok {
			v := url.Values{"shown": itemsOf(q, i)}
			for k, a := range answers {
				v[k] = a
			}
			f.Add(uint8(i), "key={key}&"+v.Encode())
		}
	}
	f.Add(uint8(0), "key={key}&shown=A01&shown=A02&A01=consultant&A02=band_9")
	f.Add(uint8(1), "key={key}&shown=A04&A04=other&A04__other=x&A04=nope")
	f.Add(uint8(2), "key={key}&shown=B01&B01=no&confirm=1")
	f.Add(uint8(3), "key={key}&B04=%00&B02=other&B02__other=%ff")
	f.Fuzz(func(t *testing.T, section uint8, body string) {
		env.t, d.t = t, t
		sec := q.Sections[int(section)%len(q.Sections)].ID
		body = "csrf=" + url.QueryEscape(token) + "&" + strings.ReplaceAll(body, "{key}", newKey())
		req, _ := http.NewRequest(http.MethodPost, env.srv.URL+linkPath(env.keyMore)+"/p/"+sec, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if status, reply := send(t, req, d.c); status >= 500 {
			t.Fatalf("POST %s %q: %d %s", sec, body, status, excerpt(reply))
		}
		checkStored(t, env, q, responseID)
	})
}

// itemsOf lists the answerable item ids (grid statements included) of
// section i.
func itemsOf(q *survey.Questionnaire, i int) []string {
	var out []string
	for _, it := range q.Items() {
		if q.SectionIndex(it.ID) == i {
			out = append(out, it.ID)
		}
	}
	return out
}
