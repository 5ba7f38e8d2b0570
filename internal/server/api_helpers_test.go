package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/researchpulse/pulse/internal/survey"
)

// apiReply is one API response. Every reply is checked against the schema
// openapi.json documents for its route and status.
type apiReply struct {
	status int
	header http.Header
	body   []byte
}

func (r apiReply) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, r.body)
	}
}

func (r apiReply) err(t *testing.T) apiErrorBody {
	t.Helper()
	var e apiError
	r.decode(t, &e)
	return e.Error
}

// fieldCodes lists "item:code" of a 422.
func (r apiReply) fieldCodes(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, f := range r.err(t).Fields {
		out = append(out, f.Item+":"+f.Code)
	}
	return out
}

// apiReq is a request to the API; body is JSON-encoded unless it is a
// string or []byte, sent as is.
type apiReq struct {
	method, path string
	auth         string // resume code for the bearer header
	key          string // Idempotency-Key
	contentType  string // default application/json when there is a body
	body         any
	reader       io.Reader // a body of unknown length (sent chunked)
}

var apiKeySeq atomic.Int64

// newKey is a fresh idempotency key.
func newKey() string { return "k-" + strconv.FormatInt(apiKeySeq.Add(1), 10) }

func (env *testEnv) api(req apiReq) apiReply {
	t := env.t
	t.Helper()
	var body io.Reader = req.reader
	switch b := req.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		body = bytes.NewReader(data)
	}
	hr, err := http.NewRequest(req.method, env.srv.URL+req.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		ct := req.contentType
		if ct == "" {
			ct = "application/json"
		}
		hr.Header.Set("Content-Type", ct)
	}
	if req.auth != "" {
		hr.Header.Set("Authorization", "Bearer "+req.auth)
	}
	if req.key != "" {
		hr.Header.Set("Idempotency-Key", req.key)
	}
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := apiReply{status: resp.StatusCode, header: resp.Header, body: data}
	if problems := checkAgainstSpec(req.method, req.path, r); len(problems) > 0 {
		t.Errorf("%s %s → %d does not match openapi.json:\n  %s\nbody: %s", req.method, req.path, r.status, strings.Join(problems, "\n  "), data)
	}
	return r
}

// apiSession is one API client holding one response.
type apiSession struct {
	env  *testEnv
	id   string
	code string
	page *apiPage
	// location is the Location header of the start.
	location string
}

func (env *testEnv) apiStart(key string, body any) *apiSession {
	env.t.Helper()
	r := env.api(apiReq{method: "POST", path: "/api/v1/reviews/" + key + "/responses", body: body})
	if r.status != http.StatusCreated {
		env.t.Fatalf("start: %d %s", r.status, r.body)
	}
	var s apiStarted
	r.decode(env.t, &s)
	return &apiSession{env: env, id: s.ResponseID, code: s.ResumeCode, page: s.Page, location: r.header.Get("Location")}
}

func (s *apiSession) get(path string) apiReply {
	return s.env.api(apiReq{method: "GET", path: "/api/v1/responses/" + s.id + path, auth: s.code})
}

func (s *apiSession) put(section string, body any) apiReply {
	return s.putKey(section, newKey(), body)
}

func (s *apiSession) putKey(section, key string, body any) apiReply {
	return s.env.api(apiReq{method: "PUT", path: "/api/v1/responses/" + s.id + "/pages/" + section, auth: s.code, key: key, body: body})
}

func (s *apiSession) submit(key string) apiReply {
	return s.env.api(apiReq{method: "POST", path: "/api/v1/responses/" + s.id + "/submit", auth: s.code, key: key})
}

// save PUTs a page that must be accepted and returns the result.
func (s *apiSession) save(section string, answers map[string]any) apiSaved {
	t := s.env.t
	t.Helper()
	r := s.put(section, map[string]any{"answers": answers})
	if r.status != http.StatusOK {
		t.Fatalf("save %s: %d %s", section, r.status, r.body)
	}
	var out apiSaved
	r.decode(t, &out)
	return out
}

// saveConfirmed saves a page agreeing to clear any answers it hides.
func (s *apiSession) saveConfirmed(section string, answers map[string]any) apiSaved {
	t := s.env.t
	t.Helper()
	r := s.put(section, map[string]any{"answers": answers, "confirm_clear": true})
	if r.status != http.StatusOK {
		t.Fatalf("save %s: %d %s", section, r.status, r.body)
	}
	var out apiSaved
	r.decode(t, &out)
	return out
}

// snapshot is everything stored about a response, to prove a refused
// request changed nothing.
type snapshot struct {
	Answers                    survey.Answers
	Status, Section, Furthest  string
	Language                   string
	Cleared                    int
	SubmittedHour, UpdatedHour string
}

func (s *apiSession) snapshot() snapshot {
	t := s.env.t
	t.Helper()
	ctx := context.Background()
	answers, err := s.env.store.Answers(ctx, s.id)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.env.store.Response(ctx, s.id)
	if err != nil {
		t.Fatal(err)
	}
	cleared, err := s.env.store.ClearedItems(ctx, s.id)
	if err != nil {
		t.Fatal(err)
	}
	return snapshot{Answers: answers, Status: resp.Status, Section: resp.Section, Furthest: resp.Furthest,
		Language: resp.Language, Cleared: len(cleared), SubmittedHour: fmt.Sprint(resp.SubmittedHour), UpdatedHour: resp.UpdatedHour.String()}
}

// unchanged fails unless fn leaves the response exactly as it was.
func (s *apiSession) unchanged(name string, fn func()) {
	t := s.env.t
	t.Helper()
	before := s.snapshot()
	fn()
	if diff := cmp.Diff(before, s.snapshot()); diff != "" {
		t.Errorf("%s changed what was saved (-before +after):\n%s", name, diff)
	}
}

// ---- openapi.json as a test oracle ----

var specDoc = func() map[string]any {
	var doc map[string]any
	if err := json.Unmarshal(openAPISpec, &doc); err != nil {
		panic(err)
	}
	return doc
}()

// checkAgainstSpec checks a reply against the schema of its route and
// status. Returns the problems found.
func checkAgainstSpec(method, path string, r apiReply) []string {
	path, _, _ = strings.Cut(path, "?")
	tmpl, op := specOperation(method, strings.TrimPrefix(path, "/api/v1"))
	if op == nil {
		return []string{"route not documented"}
	}
	responses, _ := op["responses"].(map[string]any)
	resp, ok := responses[strconv.Itoa(r.status)].(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("status %d not documented for %s %s", r.status, method, tmpl)}
	}
	resp = resolve(resp)
	content, _ := resp["content"].(map[string]any)
	if content == nil {
		if len(r.body) > 0 {
			return []string{"documented without a body, got one"}
		}
		return nil
	}
	media, _ := content["application/json"].(map[string]any)
	var v any
	if err := json.Unmarshal(r.body, &v); err != nil {
		return []string{"body is not JSON: " + err.Error()}
	}
	return checkSchema(media["schema"].(map[string]any), v, "$")
}

func specOperation(method, path string) (string, map[string]any) {
	paths := specDoc["paths"].(map[string]any)
	for tmpl, item := range paths {
		if matchTemplate(tmpl, path) {
			op, _ := item.(map[string]any)[strings.ToLower(method)].(map[string]any)
			return tmpl, op
		}
	}
	return "", nil
}

func matchTemplate(tmpl, path string) bool {
	ts, ps := strings.Split(tmpl, "/"), strings.Split(path, "/")
	if len(ts) != len(ps) {
		return false
	}
	for i := range ts {
		if !strings.HasPrefix(ts[i], "{") && ts[i] != ps[i] {
			return false
		}
	}
	return true
}

// resolve follows a local $ref.
func resolve(node map[string]any) map[string]any {
	for {
		ref, ok := node["$ref"].(string)
		if !ok {
			return node
		}
		cur := any(specDoc)
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			cur = cur.(map[string]any)[part]
		}
		node = cur.(map[string]any)
	}
}

// checkSchema validates v against the subset of OpenAPI 3.0 schemas the
// document uses: $ref, type, nullable, enum, properties, required,
// additionalProperties, items, allOf and oneOf.
func checkSchema(schema map[string]any, v any, at string) []string {
	schema = resolve(schema)
	if v == nil {
		if schema["nullable"] == true {
			return nil
		}
		if all, ok := schema["allOf"].([]any); ok && len(all) == 1 {
			return checkSchema(all[0].(map[string]any), v, at)
		}
		if _, ok := schema["type"]; !ok && schema["allOf"] == nil && schema["oneOf"] == nil {
			return nil
		}
		return []string{at + ": null is not allowed"}
	}
	var out []string
	for _, sub := range listOf(schema["allOf"]) {
		out = append(out, checkSchema(sub, v, at)...)
	}
	if subs := listOf(schema["oneOf"]); len(subs) > 0 {
		matched := 0
		for _, sub := range subs {
			if len(checkSchema(sub, v, at)) == 0 {
				matched++
			}
		}
		if matched != 1 {
			out = append(out, fmt.Sprintf("%s: matches %d of oneOf", at, matched))
		}
	}
	if enum, ok := schema["enum"].([]any); ok && !containsAny(enum, v) {
		out = append(out, fmt.Sprintf("%s: %v not in enum %v", at, v, enum))
	}
	typ, _ := schema["type"].(string)
	return append(out, checkType(schema, typ, v, at)...)
}

func checkType(schema map[string]any, typ string, v any, at string) []string {
	bad := []string{fmt.Sprintf("%s: want %s, got %T", at, typ, v)}
	switch typ {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			return bad
		}
		return checkObject(schema, m, at)
	case "array":
		list, ok := v.([]any)
		if !ok {
			return bad
		}
		var out []string
		for i, e := range list {
			out = append(out, checkSchema(schema["items"].(map[string]any), e, fmt.Sprintf("%s[%d]", at, i))...)
		}
		return out
	case "string":
		if _, ok := v.(string); !ok {
			return bad
		}
	case "integer":
		if f, ok := v.(float64); !ok || f != float64(int64(f)) {
			return bad
		}
	case "number":
		if _, ok := v.(float64); !ok {
			return bad
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return bad
		}
	}
	return nil
}

func checkObject(schema map[string]any, m map[string]any, at string) []string {
	var out []string
	props, _ := schema["properties"].(map[string]any)
	for _, r := range listOfStrings(schema["required"]) {
		if _, ok := m[r]; !ok {
			out = append(out, fmt.Sprintf("%s: missing required %q", at, r))
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if p, ok := props[k].(map[string]any); ok {
			out = append(out, checkSchema(p, m[k], at+"."+k)...)
			continue
		}
		switch ap := schema["additionalProperties"].(type) {
		case bool:
			if !ap {
				out = append(out, fmt.Sprintf("%s: undocumented property %q", at, k))
			}
		case map[string]any:
			out = append(out, checkSchema(ap, m[k], at+"."+k)...)
		}
	}
	return out
}

func listOf(v any) []map[string]any {
	list, _ := v.([]any)
	out := make([]map[string]any, 0, len(list))
	for _, e := range list {
		out = append(out, e.(map[string]any))
	}
	return out
}

func listOfStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		out = append(out, e.(string))
	}
	return out
}

func containsAny(list []any, v any) bool {
	for _, e := range list {
		if e == v {
			return true
		}
	}
	return false
}

// setReviewStatus changes the status of the review a link key belongs to.
func (env *testEnv) setReviewStatus(key, status string) {
	env.t.Helper()
	ctx := context.Background()
	rev, _, err := env.store.ReviewLinkByKey(ctx, key)
	if err != nil {
		env.t.Fatal(err)
	}
	if err := env.store.SetReviewStatus(ctx, rev.ID, status); err != nil {
		env.t.Fatal(err)
	}
}
