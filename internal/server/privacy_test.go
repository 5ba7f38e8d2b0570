package server

import (
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
)

// TestNothingIdentifyingIsKept answers, resumes by link on a second
// device and by API, then searches the server's log and every byte of the
// database (with its WAL) for the client address, the user agent, the
// resume code and query strings.
func TestNothingIdentifyingIsKept(t *testing.T) {
	env := newTestEnv(t)
	env.fix.NeedSQLiteFile(t)
	a := env.device()
	first := a.start(env.keyMore)
	if r := a.submitPage(first, form("A01", "nurse", "A02", "band_6")); r.status != http.StatusSeeOther {
		t.Fatalf("save: %d", r.status)
	}
	code := a.code(env.keyMore)
	if code == "" {
		t.Fatal("no resume cookie")
	}
	b := env.device()
	req, _ := http.NewRequest(http.MethodGet, env.srv.URL+"/resume/"+code+"?utm_source=secret-query", nil)
	req.Header.Set("User-Agent", "PulsePrivacyProbe/1.0")
	page := b.do(req)
	if page.status != http.StatusOK {
		t.Fatalf("resume link: %d; want the confirmation page", page.status)
	}
	if r := b.post("/resume", confirmFields(page.body)); r.status != http.StatusSeeOther || strings.Contains(r.loc, code) {
		t.Fatalf("confirmed resume: %d to %q; want a redirect to a URL without the code", r.status, r.loc)
	}
	b.get(linkPath(env.keyMore) + "/p/your_role?x=" + url.QueryEscape(code))

	db := readAll(t, env.dbPath, env.dbPath+"-wal")
	logs := env.logs.String()
	if !strings.Contains(logs, "route=/r/:key/p/:section") {
		t.Fatalf("request log lines missing; got:\n%s", logs)
	}
	for _, secret := range []string{code, strings.ToLower(code), "127.0.0.1", "PulsePrivacyProbe", "utm_source", "secret-query"} {
		if strings.Contains(logs, secret) {
			t.Errorf("log contains %q", secret)
		}
		if strings.Contains(db, secret) {
			t.Errorf("database contains %q", secret)
		}
	}
}

func readAll(t *testing.T, paths ...string) string {
	t.Helper()
	var sb strings.Builder
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		sb.Write(data)
	}
	return sb.String()
}
