package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// databaseURLEnv names a PostgreSQL database to use instead of the SQLite
// file, for several server instances sharing one database.
const databaseURLEnv = "PULSE_DATABASE_URL"

// openStoreURL opens the SQLite database at dbPath, or the PostgreSQL
// database named by databaseURL (the commands' $PULSE_DATABASE_URL) when
// that is a postgres:// URL.
func openStoreURL(ctx context.Context, dbPath, databaseURL string) (*store.Store, error) {
	return openStoreWith(ctx, dbPath, databaseURL, store.Config{})
}

// openStoreWith is openStoreURL with further settings (pool size, and for
// SQLite the benchmark-only commit delay).
func openStoreWith(ctx context.Context, dbPath, databaseURL string, cfg store.Config) (*store.Store, error) {
	if strings.HasPrefix(databaseURL, "postgres://") || strings.HasPrefix(databaseURL, "postgresql://") {
		return store.Open(ctx, store.Config{Driver: store.DriverPostgres, DSN: databaseURL, MaxConns: cfg.MaxConns})
	}
	if databaseURL != "" {
		return nil, fmt.Errorf("%s must be a postgres:// URL", databaseURLEnv)
	}
	if dbPath == "" {
		return nil, errors.New("no database: give --db FILE or set " + databaseURLEnv)
	}
	cfg.Path = dbPath
	return store.Open(ctx, cfg)
}

// loadQuestionnaires loads every *.yaml file in dir. An invalid file is
// a problem (each with every one of its own problems) and the others load;
// an error means the folder could not be read at all.
func loadQuestionnaires(dir string) ([]*survey.Questionnaire, []error, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, nil, fmt.Errorf("load questionnaires: %w", err)
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("load questionnaires: no *.yaml files in %s", dir)
	}
	sort.Strings(files)
	var (
		qs       []*survey.Questionnaire
		problems []error
	)
	for _, f := range files {
		q, err := survey.LoadFile(f)
		if err != nil {
			problems = append(problems, fmt.Errorf("%s:\n%w", f, err))
			continue
		}
		qs = append(qs, q)
	}
	return qs, problems, nil
}

// openFlow is the respondent flow over the questionnaires the store keeps
// for its reviews, and the files loaded now (from which reviews may be
// created while the server runs; a review stores its file's source, so
// the two agree by hash). Stored sources that no longer load are reported.
func openFlow(ctx context.Context, st *store.Store, log *slog.Logger, files ...*survey.Questionnaire) (*respond.Service, error) {
	qs, problems, err := respond.StoredQuestionnaires(ctx, st)
	if err != nil {
		return nil, err
	}
	for _, p := range problems {
		log.Error("a review's questionnaire does not load; its review is unavailable", "problem", p.Error())
	}
	return respond.New(st, append(qs, files...), time.Now), nil
}
