package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// databaseURLEnv names a PostgreSQL database to use instead of the SQLite
// file, for several server instances sharing one database.
const databaseURLEnv = "PULSE_DATABASE_URL"

// openStore opens the SQLite database at dbPath, or the PostgreSQL
// database named by $PULSE_DATABASE_URL when that is a postgres:// URL.
func openStore(ctx context.Context, dbPath string) (*store.Store, error) {
	return openStoreURL(ctx, dbPath, os.Getenv(databaseURLEnv))
}

// openStoreURL is openStore with the database URL given rather than read
// from the environment, so commands can take it from their cliEnv.
func openStoreURL(ctx context.Context, dbPath, databaseURL string) (*store.Store, error) {
	if strings.HasPrefix(databaseURL, "postgres://") || strings.HasPrefix(databaseURL, "postgresql://") {
		return store.Open(ctx, store.Config{Driver: store.DriverPostgres, DSN: databaseURL})
	}
	if databaseURL != "" {
		return nil, fmt.Errorf("%s must be a postgres:// URL", databaseURLEnv)
	}
	if dbPath == "" {
		return nil, errors.New("no database: give --db FILE or set " + databaseURLEnv)
	}
	return store.Open(ctx, store.Config{Path: dbPath})
}

// loadQuestionnaires loads every *.yaml file in dir. Any invalid file is
// an error listing every problem of every invalid file.
func loadQuestionnaires(dir string) ([]*survey.Questionnaire, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("load questionnaires: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("load questionnaires: no *.yaml files in %s", dir)
	}
	sort.Strings(files)
	var (
		qs   []*survey.Questionnaire
		errs []error
	)
	for _, f := range files {
		q, err := survey.LoadFile(f)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:\n%w", f, err))
			continue
		}
		qs = append(qs, q)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("load questionnaires: %d of %d files are invalid:\n%w", len(errs), len(files), errors.Join(errs...))
	}
	return qs, nil
}
