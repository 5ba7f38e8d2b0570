package server

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/researchpulse/pulse/internal/turns"
)

// TestTurnsRenderBeforeSave: with every turn taken, a save and then a
// page render queue; the render is served first when a turn is set free,
// then the save, which is stored. A render whose client gives up while it
// waits leaves the queue. Other routes never wait for a turn.
func TestTurnsRenderBeforeSave(t *testing.T) {
	env := newTestEnv(t)
	s := env.apiStart(env.keyMore, nil)
	section := s.page.Section.ID
	q := env.server.turns
	var held []*turns.Turn
	for range 2 {
		tu, err := q.Take(context.Background(), turns.Render)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, tu)
	}
	waiting := func(renders, saves int) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for r, w := q.Waiting(); r != renders || w != saves; r, w = q.Waiting() {
			if time.Now().After(deadline) {
				t.Fatalf("waiting %d renders and %d saves, want %d and %d", r, w, renders, saves)
			}
			time.Sleep(time.Millisecond)
		}
	}

	// Health checks, the home page and the API document do not take turns.
	for _, path := range []string{"/healthz", "/", "/api/v1/openapi.json"} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, env.srv.URL+path, nil)
		res, err := http.DefaultClient.Do(req)
		cancel()
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s with every turn taken: %v %v", path, res, err)
		}
		res.Body.Close()
	}

	// A render whose client gives up while it waits leaves the queue.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, env.srv.URL+"/api/v1/responses/"+s.id+"/pages/"+section, nil)
	req.Header.Set("Authorization", "Bearer "+s.code)
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Fatal("a request with every turn taken was answered")
	}
	cancel()
	waiting(0, 0)

	order := make(chan string, 2)
	go func() {
		r := s.put(section, map[string]any{"answers": apiBundled()[section]})
		order <- "save " + http.StatusText(r.status)
	}()
	waiting(0, 1)
	go func() {
		r := s.get("/pages/" + section)
		order <- "render " + http.StatusText(r.status)
	}()
	waiting(1, 1)
	held[0].Release()
	if got := <-order; got != "render OK" {
		t.Fatalf("first answered: %s, want the render", got)
	}
	if got := <-order; got != "save OK" {
		t.Fatalf("then: %s, want the save", got)
	}
	held[1].Release()
	if a, err := env.store.Answers(context.Background(), s.id); err != nil || len(a) == 0 {
		t.Fatalf("answers after the save: %v, %v", a, err)
	}
	waiting(0, 0)
}
