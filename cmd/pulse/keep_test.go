package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/server/servertest"
)

// serveOnce runs `pulse serve --demo` on db and dir until the returned
// stop is called, and returns the first respondent link it printed and
// everything it wrote.
func serveOnce(t *testing.T, db, dir string) (link string, out, errOut *servertest.Buffer, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut = &servertest.Buffer{}, &servertest.Buffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--demo", "--addr", "127.0.0.1:0", "--db", db, "--questionnaires", dir}, noEnv, out, errOut)
	}()
	link = waitForLink(t, out, done)
	return link, out, errOut, func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("serve: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("server did not stop")
		}
	}
}

func keyOf(link string) string {
	_, key, _ := strings.Cut(link, "/r/")
	return key
}

// firstQuestion starts a response at a link through the API and returns
// the wording of the first question it is shown.
func firstQuestion(t *testing.T, link string) string {
	t.Helper()
	base, key, _ := strings.Cut(link, "/r/")
	res, err := http.Post(base+"/api/v1/reviews/"+key+"/responses", "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("start at %s: %d %s", link, res.StatusCode, body)
	}
	var started struct {
		Page struct {
			Items []struct {
				Question string `json:"question"`
			} `json:"items"`
		} `json:"page"`
	}
	if err := json.Unmarshal(body, &started); err != nil || len(started.Page.Items) == 0 {
		t.Fatalf("start: %v %s", err, body)
	}
	return started.Page.Items[0].Question
}

// TestReviewKeepsItsQuestionnaire edits the questionnaire file under a
// running review, adds an invalid file, and finally deletes the file: the
// review keeps serving exactly the questionnaire it was launched with, at
// the same links, and the invalid file is reported and skipped.
func TestReviewKeepsItsQuestionnaire(t *testing.T) {
	dir, db := t.TempDir(), filepath.Join(t.TempDir(), "pulse.db")
	file := filepath.Join(dir, "research-engagement.yaml")
	src, err := os.ReadFile("../../questionnaires/research-engagement.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const original = "Which of these best describes your main job?"
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	link, _, _, stop := serveOnce(t, db, dir)
	if got := firstQuestion(t, link); got != original {
		t.Fatalf("first question %q", got)
	}
	stop()

	edited := strings.Replace(string(src), original, "What is your main job?", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("id: broken\nsections: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	again, out, errOut, stop := serveOnce(t, db, dir)
	if keyOf(again) != keyOf(link) {
		t.Errorf("restarted with link %s; want the review's own link %s", again, link)
	}
	if got := firstQuestion(t, again); got != original {
		t.Errorf("after editing the file the review asks %q; want the wording it was launched with", got)
	}
	if !strings.Contains(errOut.String(), "broken.yaml") || !strings.Contains(errOut.String(), "skipped an invalid questionnaire") {
		t.Errorf("invalid file not reported:\n%s", errOut.String())
	}
	if !strings.Contains(out.String(), "keeps the questionnaire it was launched with") {
		t.Errorf("no note that the demo keeps its questionnaire:\n%s", out.String())
	}
	stop()

	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	link3, _, _, stop := serveOnce(t, db, dir)
	defer stop()
	if keyOf(link3) != keyOf(link) || firstQuestion(t, link3) != original {
		t.Errorf("with the file deleted the review no longer serves its questionnaire")
	}
}

// TestBench runs `pulse bench` briefly with the server in this process and
// checks it reports a verified run, on paper and in its JSON file.
func TestBench(t *testing.T) {
	var out, errOut servertest.Buffer
	jsonFile := filepath.Join(t.TempDir(), "bench.json")
	err := run(context.Background(), []string{"bench", "--in-process", "--clients", "3", "--duration", "2s",
		"--questionnaires", "../../questionnaires", "--db", filepath.Join(t.TempDir(), "b.db"), "--json", jsonFile}, noEnv, &out, &errOut)
	if err != nil {
		t.Fatalf("bench: %v\n%s\n%s", err, out.String(), errOut.String())
	}
	for _, want := range []string{"page saves", "save          p50", "page (API)    p50", "page (HTML)   p50",
		"errors        none", "0 missing, 0 duplicated, 0 stored differently"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("bench output lacks %q:\n%s", want, out.String())
		}
	}
	var got struct {
		Runs []struct {
			Saves    int             `json:"saves"`
			APIPage  struct{ N int } `json:"api_page"`
			HTMLPage struct{ N int } `json:"html_page"`
			Verified struct{ Acknowledged, Missing int }
		}
		Summary map[string]struct{ Median float64 }
	}
	data, err := os.ReadFile(jsonFile)
	if err != nil || json.Unmarshal(data, &got) != nil || len(got.Runs) != 1 {
		t.Fatalf("bench JSON: %v\n%s", err, data)
	}
	r := got.Runs[0]
	if r.Saves == 0 || r.APIPage.N == 0 || r.HTMLPage.N == 0 || r.Verified.Acknowledged < r.Saves || r.Verified.Missing != 0 ||
		got.Summary["saves/s"].Median <= 0 {
		t.Errorf("bench JSON: %s", data)
	}
}
