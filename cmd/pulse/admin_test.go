package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/store"
)

// cli runs one pulse command and returns its output and error.
func cli(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, noEnv, &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

func mustCLI(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, err := cli(t, args...)
	if err != nil {
		t.Fatalf("pulse %s: %v\n%s", strings.Join(args, " "), err, errOut)
	}
	return out
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestTrustImport: a bad file names each bad line and imports nothing; a
// good one imports every trust.
func TestTrustImport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "pulse.db")
	bad := writeFile(t, "bad.csv", "code,name,nation,type,quintile\nRX1,Riverside,England,Acute,7\nRX2,Hillside,England,Acute,2\nRX2,Hillside again,England,Acute,2\n")
	_, errOut, err := cli(t, "trust", "import", "--db", db, bad)
	if !errors.Is(err, errFailed) {
		t.Fatalf("bad import: %v", err)
	}
	for _, want := range []string{"nothing was imported", "bad.csv:2: quintile:", "bad.csv:4: code: code RX2 is also on line 3"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("bad import output lacks %q:\n%s", want, errOut)
		}
	}
	if out := mustCLI(t, "trust", "list", "--db", db); strings.Contains(out, "RX2") {
		t.Errorf("a bad import saved trusts:\n%s", out)
	}
	out := mustCLI(t, "trust", "import", "--db", db, "demo/trusts.csv")
	if !strings.Contains(out, "5 new trusts, 0 updated") {
		t.Errorf("import: %s", out)
	}
	out = mustCLI(t, "trust", "list", "--db", db)
	if !strings.Contains(out, "DEMO5") || !strings.Contains(out, "Health board") || !strings.Contains(out, "More research-active") {
		t.Errorf("trust list:\n%s", out)
	}
}

// TestReviewCommands creates, opens, monitors and closes a review and
// starts its next wave, as the README shows, and checks what each did.
func TestReviewCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "pulse.db")
	mustCLI(t, "trust", "import", "--db", db, "demo/trusts.csv")
	q := "../../questionnaires/research-engagement.yaml"
	today := time.Now().In(time.UTC).AddDate(0, 0, -1).Format("2006-01-02")
	later := time.Now().AddDate(0, 1, 0).Format("2006-01-02")

	broken := writeFile(t, "broken.yaml", "id: x\nversion: 1\n")
	if _, errOut, err := cli(t, "review", "create", "--db", db, "--questionnaire", broken, "--title", "X", "--trust", "DEMO1", "--opens", today, "--closes", later); !errors.Is(err, errFailed) || !strings.Contains(errOut, "does not pass its checks") {
		t.Errorf("a questionnaire that fails lint: %v\n%s", err, errOut)
	}
	if _, errOut, err := cli(t, "review", "create", "--db", db, "--questionnaire", q, "--title", "X", "--opens", later, "--closes", today); !errors.Is(err, errFailed) ||
		!strings.Contains(errOut, "closes: The closing date must be after the opening date") || !strings.Contains(errOut, "trusts: Select at least one trust") {
		t.Errorf("inverted dates and no trusts: %v\n%s", err, errOut)
	}

	out := mustCLI(t, "review", "create", "--db", db, "--questionnaire", q, "--title", "Engagement 2026", "--trust", "DEMO1", "--trust", "DEMO2", "--opens", today, "--closes", later)
	if !strings.Contains(out, "created draft review engagement-2026") {
		t.Fatalf("create: %s", out)
	}
	if out := mustCLI(t, "review", "open", "engagement-2026", "--db", db); !strings.Contains(out, "is now open") {
		t.Errorf("open: %s", out)
	}
	if _, errOut, err := cli(t, "review", "open", "engagement-2026", "--db", db); !errors.Is(err, errFailed) || !strings.Contains(errOut, "not allowed") {
		t.Errorf("opening twice: %v %s", err, errOut)
	}
	out = mustCLI(t, "review", "status", "engagement-2026", "--db", db)
	if !strings.Contains(out, "started 0, submitted 0") || strings.Count(out, "link DEMO") != 2 {
		t.Errorf("status:\n%s", out)
	}
	if out := mustCLI(t, "review", "close", "engagement-2026", "--db", db); !strings.Contains(out, "is now closed") {
		t.Errorf("close: %s", out)
	}
	next := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	nextClose := time.Now().AddDate(1, 1, 0).Format("2006-01-02")
	out = mustCLI(t, "review", "next-wave", "engagement-2026", "--db", db, "--opens", next, "--closes", nextClose)
	if !regexp.MustCompile(`created draft review (\S+), the next wave of engagement-2026`).MatchString(out) {
		t.Errorf("next wave: %s", out)
	}
	out = mustCLI(t, "review", "list", "--db", db)
	if !strings.Contains(out, "closed") || !strings.Contains(out, "draft") || !strings.Contains(out, "DEMO1,DEMO2") {
		t.Errorf("list:\n%s", out)
	}
	st, err := store.Open(context.Background(), store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var actions []string
	_ = st.EachAudit(context.Background(), func(e store.AuditEntry) error { actions = append(actions, e.Action); return nil })
	if got := strings.Join(actions, " "); got != "trust_import review_create review_open review_close review_create" {
		t.Errorf("audit trail: %s", got)
	}
}

func TestUserAdd(t *testing.T) {
	db := filepath.Join(t.TempDir(), "pulse.db")
	mustCLI(t, "trust", "import", "--db", db, "demo/trusts.csv")
	out := mustCLI(t, "user", "add", "--db", db, "--email", "Office@Example.nhs.uk", "--role", "rd_admin", "--trust", "DEMO1")
	if !regexp.MustCompile(`office@example.nhs.uk is a R&D office admin.\none-time password: [a-z2-7]{4}(-[a-z2-7]{4}){5}\n`).MatchString(out) {
		t.Errorf("user add: %q", out)
	}
	if _, errOut, err := cli(t, "user", "add", "--db", db, "--email", "office@example.nhs.uk", "--role", "researcher"); !errors.Is(err, errFailed) || !strings.Contains(errOut, "already exists") {
		t.Errorf("duplicate: %v %s", err, errOut)
	}
	if _, errOut, err := cli(t, "user", "add", "--db", db, "--email", "x@example.nhs.uk", "--role", "rd_admin"); !errors.Is(err, errFailed) || !strings.Contains(errOut, "Select the trusts") {
		t.Errorf("R&D admin without trusts: %v %s", err, errOut)
	}
}
