package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/researchpulse/pulse/internal/respond"
)

// FuzzResumeCode tries arbitrary text as a resume code, against a
// database holding one response whose code is known. Reading a code
// never panics; normalising is idempotent and undoes the display
// grouping (of ASCII text, as codes are); and a code opens the response
// (in package respond, through the API and through the resume link)
// exactly when it normalises to the real code: every other text, however
// near, opens nothing, and the server never answers 5xx.
func FuzzResumeCode(f *testing.F) {
	env := fuzzEnv(f)
	ctx := context.Background()
	st, code, err := env.flow.Start(ctx, env.keyMini, "en", false)
	if err != nil {
		f.Fatal(err)
	}
	real := respond.NormalizeCode(code)
	shown := respond.FormatCode(code)
	for _, s := range []string{code, shown, strings.ToLower(shown), strings.ReplaceAll(shown, "-", " "),
		code[:25], code + "0", code[1:] + code[:1], strings.Replace(code, code[:1], "U", 1), "", "-", "O0Il1",
		strings.Repeat("Z", 26), strings.Repeat("-", 26) + code, "%2F" + code, code + "\x00", "ﬀ" + code[2:]} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		env.t = t
		n := respond.NormalizeCode(s)
		if again := respond.NormalizeCode(n); again != n {
			t.Fatalf("NormalizeCode is not idempotent: %q → %q → %q", s, n, again)
		}
		// Codes are ASCII; grouping is by bytes and only ever shown for them.
		if back := respond.NormalizeCode(respond.FormatCode(n)); isASCII(n) && back != n {
			t.Fatalf("FormatCode then NormalizeCode of %q gives %q", n, back)
		}
		genuine := n == real

		got, err := env.flow.Resume(ctx, s)
		switch {
		case genuine && (err != nil || got.Response.ID != st.Response.ID):
			t.Fatalf("the real code written %q did not open its response: %v", s, err)
		case !genuine && !errors.Is(err, respond.ErrBadResumeCode):
			t.Fatalf("forged code %q: %v (response %q), want ErrBadResumeCode", s, err, got.Response.ID)
		case !genuine && got.Q != nil:
			t.Fatalf("forged code %q returned a response", s)
		}

		// Through the API: what JSON carries of s.
		body, _ := json.Marshal(map[string]string{"code": s})
		var sent struct{ Code string }
		_ = json.Unmarshal(body, &sent)
		req, _ := http.NewRequest(http.MethodPost, env.srv.URL+"/api/v1/resume", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		status, reply := send(t, req, nil)
		opened := status == http.StatusOK
		if want := respond.NormalizeCode(sent.Code) == real; opened != want || status >= 500 {
			t.Fatalf("POST /api/v1/resume %q: %d %.200s (the real code: %v)", s, status, reply, want)
		}
		if opened && !strings.Contains(reply, st.Response.ID) {
			t.Fatalf("the real code opened another response: %.200s", reply)
		}

		// Through the resume link: a GET that shows the confirmation page
		// only for the real code.
		req, _ = http.NewRequest(http.MethodGet, env.srv.URL+"/resume/"+url.PathEscape(s), nil)
		c := env.client()
		status, page := send(t, req, c)
		if status >= 500 {
			t.Fatalf("GET /resume/%q: %d", s, status)
		}
		if confirming := len(confirmFields(page)["confirm"]) > 0; confirming != genuine {
			t.Fatalf("GET /resume/%q: %d, confirmation page shown: %v (the real code: %v)", s, status, confirming, genuine)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
