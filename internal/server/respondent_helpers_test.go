package server

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/survey"
)

// device is one browser: a cookie jar that does not follow redirects.
type device struct {
	t   *testing.T
	env *testEnv
	c   *http.Client
	// locations records every Location header the device was sent.
	locations []string
}

func (env *testEnv) device() *device {
	return &device{t: env.t, env: env, c: env.client()}
}

// reply is an HTTP response with its body read.
type reply struct {
	status int
	body   string
	loc    string
	header http.Header
}

func (d *device) do(req *http.Request) reply {
	d.t.Helper()
	res, err := d.c.Do(req)
	if err != nil {
		d.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		d.t.Fatal(err)
	}
	loc := res.Header.Get("Location")
	if loc != "" {
		d.locations = append(d.locations, loc)
	}
	return reply{status: res.StatusCode, body: string(b), loc: loc, header: res.Header}
}

func (d *device) get(path string) reply {
	d.t.Helper()
	req, err := http.NewRequest(http.MethodGet, d.env.srv.URL+path, nil)
	if err != nil {
		d.t.Fatal(err)
	}
	return d.do(req)
}

// post sends a form with this device's CSRF token.
func (d *device) post(path string, form url.Values) reply {
	d.t.Helper()
	f := url.Values{}
	for k, v := range form {
		f[k] = v
	}
	f.Set("csrf", d.csrf())
	return d.postRaw(path, f.Encode())
}

func (d *device) postRaw(path, body string) reply {
	d.t.Helper()
	req, err := http.NewRequest(http.MethodPost, d.env.srv.URL+path, strings.NewReader(body))
	if err != nil {
		d.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return d.do(req)
}

// csrf is the device's CSRF token: the cookie the server set, which the
// pages also put in their forms.
func (d *device) csrf() string {
	d.t.Helper()
	if tok := d.cookie("/", "pulse_csrf"); tok != "" {
		return tok
	}
	d.get("/")
	tok := d.cookie("/", "pulse_csrf")
	if tok == "" {
		d.t.Fatal("no CSRF cookie after GET /")
	}
	return tok
}

func (d *device) cookie(path, name string) string {
	u, _ := url.Parse(d.env.srv.URL + path)
	for _, c := range d.c.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// code is the resume code the device holds for a review link.
func (d *device) code(key string) string {
	code, _, _ := strings.Cut(d.cookie("/", resumeCookieName(key)), ".")
	return code
}

// resumeByLink follows a resume link and confirms on the page it shows.
func (d *device) resumeByLink(code string) reply {
	d.t.Helper()
	page := d.get("/resume/" + code)
	if page.status != http.StatusOK {
		d.t.Fatalf("GET resume link: %d %s", page.status, excerpt(page.body))
	}
	return d.post("/resume", confirmFields(page.body))
}

var confirmInput = regexp.MustCompile(`<input type="hidden" name="(code|confirm|lang)" value="([^"]*)"`)

// confirmFields reads the hidden fields of a resume confirmation page.
func confirmFields(body string) url.Values {
	f := url.Values{}
	for _, m := range confirmInput.FindAllStringSubmatch(body, -1) {
		f.Add(m[1], html.UnescapeString(m[2]))
	}
	return f
}

// state loads the device's response for a review link.
func (d *device) state(key string) respond.State {
	d.t.Helper()
	st, err := d.env.flow.Resume(context.Background(), d.code(key))
	if st.Q == nil {
		d.t.Fatalf("resume %s: %v", key, err)
	}
	return st
}

func (d *device) answers(key string) survey.Answers {
	d.t.Helper()
	a, err := d.env.store.Answers(context.Background(), d.state(key).Response.ID)
	if err != nil {
		d.t.Fatal(err)
	}
	return a
}

// start opens a review link and starts a response; it returns the first
// page's path.
func (d *device) start(key string) string {
	d.t.Helper()
	if r := d.get(linkPath(key)); r.status != http.StatusOK {
		d.t.Fatalf("GET intro: %d", r.status)
	}
	r := d.post(linkPath(key)+"/start", url.Values{"lang": {""}})
	if r.status != http.StatusSeeOther {
		d.t.Fatalf("start: %d %s", r.status, r.body)
	}
	return r.loc
}

// submitPage opens a page and posts answers with the page's own hidden
// fields (idempotency key and shown items).
func (d *device) submitPage(path string, answers url.Values) reply {
	d.t.Helper()
	page := d.get(path)
	if page.status != http.StatusOK {
		d.t.Fatalf("GET %s: %d (to %s)", path, page.status, page.loc)
	}
	form := hiddenFields(page.body)
	for k, v := range answers {
		form[k] = v
	}
	return d.post(strings.SplitN(path, "?", 2)[0], form)
}

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="(key|shown|from)" value="([^"]*)"`)

// hiddenFields reads a question page's hidden key, shown and from fields.
func hiddenFields(body string) url.Values {
	f := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(body, -1) {
		f.Add(m[1], html.UnescapeString(m[2]))
	}
	return f
}

var anyHidden = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// confirm answers a "this will remove answers" page by agreeing: it posts
// the page's form, which carries the original answers, to its action.
func (d *device) confirm(page reply) reply {
	d.t.Helper()
	if page.status != http.StatusOK || !strings.Contains(page.body, `name="confirm_clear" value="1"`) {
		d.t.Fatalf("not a confirmation page: %d\n%s", page.status, page.body)
	}
	action := regexp.MustCompile(`<form method="post" action="([^"]+)"`).FindStringSubmatch(page.body)[1]
	form := url.Values{}
	for _, m := range anyHidden.FindAllStringSubmatch(page.body, -1) {
		if m[1] != "csrf" {
			form.Add(m[1], html.UnescapeString(m[2]))
		}
	}
	return d.post(action, form)
}

// walk answers pages from path until the check page, using the answers
// given per section, and returns the sections visited in order.
func (d *device) walk(key, path string, bySection map[string]url.Values) []string {
	d.t.Helper()
	var visited []string
	for i := 0; i < 40; i++ {
		section, ok := strings.CutPrefix(path, linkPath(key)+"/p/")
		if !ok {
			if path != linkPath(key)+"/check" {
				d.t.Fatalf("walk ended at %s", path)
			}
			return visited
		}
		section, _, _ = strings.Cut(section, "?")
		visited = append(visited, section)
		r := d.submitPage(path, bySection[section])
		if r.status != http.StatusSeeOther {
			d.t.Fatalf("save %s: %d\n%s", section, r.status, errorSummary(r.body))
		}
		path = r.loc
	}
	d.t.Fatal("walk did not reach the check page")
	return nil
}

var summaryItem = regexp.MustCompile(`(?s)<li>(?:<a href="([^"]*)">)?(.*?)(?:</a>)?</li>`)

// errorSummary returns the error summary's entries as "href text".
func errorSummary(body string) []string {
	i := strings.Index(body, `class="nhsuk-error-summary"`)
	if i < 0 {
		return nil
	}
	end := strings.Index(body[i:], "</ul>")
	var out []string
	for _, m := range summaryItem.FindAllStringSubmatch(body[i:i+end], -1) {
		out = append(out, strings.TrimSpace(m[1]+" "+html.UnescapeString(m[2])))
	}
	return out
}

// form builds url.Values from name, value pairs.
func form(pairs ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Add(pairs[i], pairs[i+1])
	}
	return v
}

// bundledAnswers answers every section of the bundled questionnaire;
// senior and active choose the branches.
func bundledAnswers(senior, active bool) map[string]url.Values {
	grade, involved := "band_5", "no"
	if senior {
		grade = "band_9"
	}
	if active {
		involved = "yes"
	}
	grid := url.Values{}
	for _, s := range "abcdefgh" {
		grid.Set("D01"+string(s), "agree")
	}
	return map[string]url.Values{
		"your_role":              form("A01", "nurse", "A02", grade),
		"your_work":              form("A03", "2_to_5", "A04", "acute_hospital", "A05", "cancer"),
		"involvement":            form("B01", involved),
		"research_activity":      form("B02", "collecting_data", "B03", "no", "B04", "10", "B05", "never"),
		"research_background":    form("B06", "no", "B07", "none", "B08", "no", "B09", "no"),
		"research_interest":      form("B10", "yes"),
		"research_interest_kind": form("B11", "join_study_team"),
		"motivations":            form("C01", "patient_outcomes"),
		"barriers":               form("C02", "no_protected_time"),
		"enablers":               form("C03", "training", "C04", "yes", "C05", "no"),
		"organisation":           grid,
		"rd_office":              form("D02", "no", "D03", "colleagues", "D04", "no"),
		"comments":               {},
		"strategy":               form("E01", "not_sure", "E02", "not_sure", "E03", "not_sure", "E04", "not_sure"),
		"strategy_workforce":     form("E05", "not_sure", "E06", "not_sure"),
		"strategy_priorities":    form("E07", "training"),
	}
}

// miniAnswers answers the bilingual test questionnaire as a nurse who has
// recruited and done something else.
func miniAnswers() map[string]url.Values {
	return map[string]url.Values{
		"role":     form("A01", "nurse"),
		"research": form("B01", "recruit", "B01", "other", "B01__other", "Ran a journal club"),
	}
}
