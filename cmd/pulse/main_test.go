package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/server/servertest"
)

// TestServeEndToEnd runs the real command as `make run` does, on a fresh
// SQLite file and a free port, opens a printed respondent link, and shuts
// the server down cleanly.
func TestServeEndToEnd(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out servertest.Buffer
	db := filepath.Join(t.TempDir(), "pulse.db")
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--demo", "--addr", "127.0.0.1:0", "--db", db, "--questionnaires", "../../questionnaires"}, noEnv, &out, io.Discard)
	}()
	link := waitForLink(t, &out, done)
	for _, u := range []string{link, strings.SplitN(link, "/r/", 2)[0] + "/readyz"} {
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s = %d; want 200\n%s", u, resp.StatusCode, body)
		}
	}
	if strings.Count(out.String(), "/r/") != 2 {
		t.Errorf("want one link per demo trust, got:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "/admin/sign-in") || !strings.Contains(out.String(), "one-time password:") {
		t.Errorf("no admin sign-in address and first password, got:\n%s", out.String())
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run returned %v after shutdown", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not shut down")
	}
}

var linkRE = regexp.MustCompile(`http://127\.0\.0\.1:\d+/r/[a-z0-9]+`)

func waitForLink(t *testing.T, out *servertest.Buffer, done chan error) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m := linkRE.FindString(out.String()); m != "" {
			return m
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped early: %v\n%s", err, out.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("no respondent link printed:\n%s", out.String())
	return ""
}

func TestLint(t *testing.T) {
	tests := []struct {
		name    string
		files   []string
		wantErr error
		stdout  []string
		stderr  []string
	}{
		{"bundled questionnaire", []string{"../../questionnaires/research-engagement.yaml"}, nil,
			[]string{"research-engagement.yaml: ok", "42 items", "6 routes", "29–40 items shown"}, nil},
		{"one bad file among good", []string{"../../questionnaires/research-engagement.yaml", "../../internal/survey/testdata/invalid/showif_unknown_item.yaml"}, errFailed,
			[]string{"research-engagement.yaml: ok"}, []string{`showif_unknown_item.yaml:`, `refers to unknown item "B07x"`, "1 of 2 files have problems"}},
		{"no files", nil, errUsage, nil, []string{"Usage: pulse lint"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), append([]string{"lint"}, tt.files...), noEnv, &stdout, &stderr)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("run(lint) = %v; want %v\nstderr: %s", err, tt.wantErr, stderr.String())
			}
			for _, s := range tt.stdout {
				if !strings.Contains(stdout.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout.String())
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(stderr.String(), s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr.String())
				}
			}
		})
	}
}

func TestPaths(t *testing.T) {
	var stdout bytes.Buffer
	if err := run(context.Background(), []string{"paths", "../../internal/survey/testdata/valid/mini.yaml"}, noEnv, &stdout, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"4 distinct routes",
		"3 to 6 shown on any route",
		"route 1 (3 items): A01 A02 B01\n",
		"route 4 (6 items): A01 A02 B01 B02a B02b C01\n",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("paths output lacks %q:\n%s", want, stdout.String())
		}
	}
}
