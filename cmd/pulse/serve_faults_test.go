package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/loadgen"
	"github.com/researchpulse/pulse/internal/store"
)

// TestServeFaults runs the real binary against faults of its database and
// of its shutdown. One build serves both parts.
func TestServeFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary; skipped with -short")
	}
	bin := buildPulse(t, "")
	t.Run("refuses unusable databases", func(t *testing.T) { refusesUnusable(t, bin) })
	t.Run("drains on SIGTERM under load", func(t *testing.T) { drainsOnSIGTERM(t, bin) })
	t.Run("one server per SQLite file", func(t *testing.T) { oneServerPerFile(t, bin) })
}

// unusableCase is a database file (or folder) pulse serve must refuse.
type unusableCase struct {
	name    string
	make    func(t *testing.T, dir, good string) string // returns the --db path
	want    string                                      // in the message
	asOther bool                                        // run as an unprivileged user (permissions)
}

// refusesUnusable starts pulse serve on damaged, foreign, empty,
// read-only and missing databases: each must exit 1 at once with one
// line naming the file and the cause, and leave every byte as it was.
func refusesUnusable(t *testing.T, bin string) {
	good := filepath.Join(t.TempDir(), "good.db")
	startAndStop(t, bin, good) // a real database with the demo review
	goodBytes, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	cases := []unusableCase{
		{name: "garbage bytes", want: "not an SQLite database", make: func(t *testing.T, dir, _ string) string {
			return putFile(t, filepath.Join(dir, "pulse.db"), bytes.Repeat([]byte{0xA5, 0x3C, 0x00, 0xFF}, 16384))
		}},
		{name: "text file", want: "not an SQLite database", make: func(t *testing.T, dir, _ string) string {
			return putFile(t, filepath.Join(dir, "pulse.db"), []byte("code,name\nRM1,Northfield\n"))
		}},
		{name: "truncated", want: "damaged", make: func(t *testing.T, dir, _ string) string {
			return putFile(t, filepath.Join(dir, "pulse.db"), goodBytes[:len(goodBytes)/3])
		}},
		{name: "overwritten pages", want: "damaged", make: func(t *testing.T, dir, _ string) string {
			b := bytes.Clone(goodBytes)
			for i := 4096; i < len(b)-4096; i += 3 {
				b[i] = 0xA5
			}
			return putFile(t, filepath.Join(dir, "pulse.db"), b)
		}},
		{name: "empty file", want: "empty (0 bytes)", make: func(t *testing.T, dir, _ string) string {
			p := putFile(t, filepath.Join(dir, "pulse.db"), nil)
			// Emptied an hour ago; one made this moment is another
			// process's new database.
			old := time.Now().Add(-time.Hour)
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
			return p
		}},
		{name: "missing folder", want: "does not exist", make: func(t *testing.T, dir, _ string) string {
			return filepath.Join(dir, "no-such-folder", "pulse.db")
		}},
		{name: "read-only file", want: "read-only", asOther: true, make: func(t *testing.T, dir, _ string) string {
			chmod(t, dir, 0o777) // the folder is writable: only the file is not
			p := putFile(t, filepath.Join(dir, "pulse.db"), goodBytes)
			chmod(t, p, 0o444)
			return p
		}},
		{name: "read-only folder", want: "read-only", asOther: true, make: func(t *testing.T, dir, _ string) string {
			sub := filepath.Join(dir, "data")
			if err := os.Mkdir(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			p := putFile(t, filepath.Join(sub, "pulse.db"), goodBytes)
			chmod(t, p, 0o666)
			chmod(t, sub, 0o555)
			t.Cleanup(func() { _ = os.Chmod(sub, 0o755) })
			return p
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			openUp(t, dir)
			db := c.make(t, dir, good)
			before := snapshotDir(t, filepath.Dir(db))
			cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", db, "--questionnaires", questionnairesDir(t))
			if c.asOther && os.Geteuid() == 0 {
				// root may write anything: run as nobody, for whom the permissions hold
				runAsNobody(t, cmd, bin)
			}
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			done := make(chan error, 1)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			go func() { done <- cmd.Wait() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				_ = cmd.Process.Kill()
				<-done
				t.Fatalf("pulse serve did not refuse the database: still running after 10 s\n%s", stdout.String())
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 1 {
				t.Errorf("exit: %v, want status 1", err)
			}
			msg := strings.TrimSpace(stderr.String())
			if strings.Count(msg, "\n") > 0 || !strings.Contains(msg, db) || !strings.Contains(msg, c.want) {
				t.Errorf("message %q: want one line naming %s and %q", msg, db, c.want)
			}
			if strings.Contains(stdout.String(), "listening") {
				t.Errorf("it started serving:\n%s", stdout.String())
			}
			if after := snapshotDir(t, filepath.Dir(db)); after != before {
				t.Errorf("the folder changed:\nbefore %s\nafter  %s", before, after)
			}
			t.Logf("%s", msg)
		})
	}
}

// startAndStop makes a real database: the demo, served and stopped.
func startAndStop(t *testing.T, bin, db string) {
	t.Helper()
	if err := startServe(t, bin, db).stop(); err != nil {
		t.Fatal(err)
	}
}

// startServe starts pulse serve --demo on db and waits until it is ready.
func startServe(t *testing.T, bin, db string) *benchServer {
	t.Helper()
	out := &lockedBuffer{}
	cmd := exec.Command(bin, "serve", "--demo", "--addr", "127.0.0.1:0", "--db", db, "--questionnaires", questionnairesDir(t))
	cmd.Stdout, cmd.Stderr = out, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	srv := &benchServer{done: exited, cmd: cmd}
	if err := srv.waitReady(out); err != nil {
		t.Fatal(err)
	}
	return srv
}

// oneServerPerFile: a second pulse serve on a SQLite file another one
// serves exits 1 at once saying so; once the first has stopped, or been
// killed, the file can be served again.
func oneServerPerFile(t *testing.T, bin string) {
	db := filepath.Join(t.TempDir(), "pulse.db")
	first := startServe(t, bin, db)
	second := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", db, "--questionnaires", questionnairesDir(t))
	var stderr bytes.Buffer
	second.Stderr = &stderr
	done := make(chan error, 1)
	go func() { done <- second.Run() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Fatalf("second server: %v, want exit status 1\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		_ = second.Process.Kill()
		t.Fatal("a second server on the same file is still running after 15 s")
	}
	if msg := stderr.String(); !strings.Contains(msg, "another pulse serve is using "+db) {
		t.Fatalf("second server said %q", msg)
	}
	if err := first.cmd.Process.Kill(); err != nil { // as kill -9: the lock goes with the process
		t.Fatal(err)
	}
	<-first.done
	startAndStop(t, bin, db)
}

func questionnairesDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../questionnaires")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func putFile(t *testing.T, path string, data []byte) string {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func chmod(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

// openUp lets other users through dir and the folders above it up to the
// test's temporary root, so a binary run as nobody can reach its files.
func openUp(t *testing.T, dir string) {
	t.Helper()
	for d := dir; d != filepath.Dir(os.TempDir()) && d != "/"; d = filepath.Dir(d) {
		if info, err := os.Stat(d); err == nil && info.Mode().Perm()&0o005 != 0o005 {
			if d == os.TempDir() {
				break
			}
			chmod(t, d, info.Mode().Perm()|0o755)
		}
	}
}

// runAsNobody runs cmd as the unprivileged user nobody, skipping the test
// when this process cannot switch users.
func runAsNobody(t *testing.T, cmd *exec.Cmd, bin string) {
	t.Helper()
	openUp(t, filepath.Dir(bin))
	probe := exec.Command(bin, "help")
	probe.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	if err := probe.Run(); err != nil {
		t.Skipf("cannot run the binary as nobody to test permissions: %v", err)
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
}

// snapshotDir is every file in dir with its size, mode and SHA-256.
func snapshotDir(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return "(no folder)"
	}
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		line := fmt.Sprintf("%s %s %d", e.Name(), info.Mode(), info.Size())
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			line += fmt.Sprintf(" %x", sha256.Sum256(b))
		}
		lines = append(lines, line)
	}
	sort.Strings(lines)
	return strings.Join(lines, "; ")
}

// drainsOnSIGTERM loads the real binary, holds one save in flight (its
// body half sent), and sends SIGTERM: the server must stop accepting
// connections, finish the save in flight, and exit 0 within the bound,
// with every save it acknowledged stored.
func drainsOnSIGTERM(t *testing.T, bin string) {
	db := filepath.Join(t.TempDir(), "pulse.db")
	out := &lockedBuffer{}
	cmd := exec.Command(bin, "serve", "--demo", "--addr", "127.0.0.1:0", "--db", db,
		"--questionnaires", questionnairesDir(t), "--client-limit", "-1")
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	srv := &benchServer{done: exited, cmd: cmd}
	if err := srv.waitReady(out); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()
	inFlight := startSlowSave(t, srv)

	lctx, stopLoad := context.WithCancel(context.Background())
	results := make(chan loadgen.Result, 1)
	go func() {
		res, err := loadgen.Run(lctx, loadgen.Config{BaseURL: srv.base, Links: srv.links, Clients: 16,
			Duration: 10 * time.Second, HTML: 0.5, Seed: 41})
		if err != nil {
			t.Error(err)
		}
		results <- res
	}()
	time.Sleep(time.Second)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	signalled := time.Now()

	host := strings.TrimPrefix(srv.base, "http://")
	refused := false
	for time.Since(signalled) < 3*time.Second {
		c, err := net.DialTimeout("tcp", host, 200*time.Millisecond)
		if err != nil {
			refused = true
			break
		}
		c.Close()
		time.Sleep(20 * time.Millisecond)
	}
	if !refused {
		t.Error("new connections were still accepted 3 s after SIGTERM")
	}
	status := inFlight.finish(t)
	if status != http.StatusOK {
		t.Errorf("the save in flight at SIGTERM: %d, want 200", status)
	}

	const bound = 10 * time.Second
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v, want status 0\n%s", err, out.String())
		}
	case <-time.After(bound):
		t.Fatalf("still running %s after SIGTERM", bound)
	}
	took := time.Since(signalled)
	stopLoad()
	res := <-results

	st, err := store.Open(context.Background(), store.Config{Path: db})
	if err != nil {
		t.Fatalf("reopen after SIGTERM: %v", err)
	}
	defer st.Close()
	check, err := loadgen.Verify(context.Background(), st, res.Acks)
	if err != nil {
		t.Fatal(err)
	}
	answers, err := st.Answers(context.Background(), inFlight.id)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("SIGTERM under load: exited after %s; %d saves acknowledged, %d missing, %d duplicated, %d changed; the save in flight %d, stored %v",
		took.Round(time.Millisecond), len(res.Acks), len(check.Missing), len(check.Duplicated), len(check.Wrong), status, answers["A01"].Codes)
	if !check.OK() {
		t.Errorf("acknowledged saves lost: missing %v, duplicated %v, changed %v", check.Missing, check.Duplicated, check.Wrong)
	}
	if len(res.Acks) == 0 {
		t.Error("nothing was acknowledged; the load did not run")
	}
	if got := answers["A01"].Codes; status == http.StatusOK && (len(got) != 1 || got[0] != "nurse") {
		t.Errorf("the save acknowledged in the drain is not stored: A01 = %v", got)
	}
}

// slowSave is an API page save whose body is half sent.
type slowSave struct {
	id   string
	conn net.Conn
	rest []byte
}

// startSlowSave starts a response through the API and begins saving its
// first page on a connection of its own, sending only half of the body.
func startSlowSave(t *testing.T, srv *benchServer) *slowSave {
	t.Helper()
	res, err := http.Post(srv.base+"/api/v1/reviews/"+srv.links[0]+"/responses", "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var started struct {
		ResponseID string `json:"response_id"`
		ResumeCode string `json:"resume_code"`
	}
	if err := json.NewDecoder(res.Body).Decode(&started); err != nil || res.StatusCode != http.StatusCreated || started.ResponseID == "" {
		t.Fatalf("start: %d %v", res.StatusCode, err)
	}
	body := []byte(`{"answers":{"A01":"nurse","A02":"band_5"}}`)
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	head := fmt.Sprintf("PUT /api/v1/responses/%s/pages/your_role HTTP/1.1\r\nHost: pulse.test\r\nAuthorization: Bearer %s\r\n"+
		"Idempotency-Key: drain-1\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", started.ResponseID, started.ResumeCode, len(body))
	half := len(body) / 2
	if _, err := conn.Write(append([]byte(head), body[:half]...)); err != nil {
		t.Fatal(err)
	}
	return &slowSave{id: started.ResponseID, conn: conn, rest: body[half:]}
}

// finish sends the rest of the body and returns the status answered.
func (s *slowSave) finish(t *testing.T) int {
	t.Helper()
	defer s.conn.Close()
	if _, err := s.conn.Write(s.rest); err != nil {
		t.Fatalf("the server dropped the save in flight: %v", err)
	}
	_ = s.conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(s.conn), nil)
	if err != nil {
		t.Fatalf("no answer to the save in flight: %v", err)
	}
	res.Body.Close()
	return res.StatusCode
}
