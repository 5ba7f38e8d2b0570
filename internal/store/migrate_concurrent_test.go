package store

import "testing"

// testConcurrentMigrators: servers starting at once on an empty database
// all open it, and each migration is applied and recorded once.
func testConcurrentMigrators(t *testing.T, e *env) {
	cfg := e.fresh(t)
	cfg.Now, cfg.Logger = e.cfg.Now, e.cfg.Logger
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			s, err := Open(e.ctx, cfg)
			if err == nil {
				err = s.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		errIs(t, "Open at once", <-errs, nil)
	}
	e.cfg = cfg
	s := e.open()
	if got := appliedMigrations(t, s.reader); len(got) != len(migrations) {
		t.Fatalf("%d migrations recorded after four servers started at once, want %d", len(got), len(migrations))
	}
}
