package main

import (
	"flag"
	"fmt"
	"strconv"

	"github.com/researchpulse/pulse/internal/store"
)

// dbConnsFlag adds --db-max-conns (env PULSE_DB_MAX_CONNS) to fs.
func dbConnsFlag(env *cliEnv, fs *flag.FlagSet, dest *int) error {
	def := 0
	if v := env.getenv("PULSE_DB_MAX_CONNS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			fmt.Fprintf(env.stderr, "PULSE_DB_MAX_CONNS must be a whole number from 1 to %d, not %q\n", store.MaxPoolConns, v)
			return errUsage
		}
		def = n
	}
	fs.IntVar(dest, "db-max-conns", def, fmt.Sprintf(
		"database connections this server keeps open: the PostgreSQL pool (default %d) or SQLite's read-only pool (default %d; writes use one); 1 to %d (env PULSE_DB_MAX_CONNS)",
		store.DefaultPostgresConns, store.DefaultSQLiteReaders, store.MaxPoolConns))
	return nil
}

// checkDBConns refuses a pool size the store would not take; 0 stands for
// the default only when neither the flag nor the variable was given.
func checkDBConns(env *cliEnv, fs *flag.FlagSet, n int) error {
	given := env.getenv("PULSE_DB_MAX_CONNS") != ""
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "db-max-conns" })
	if !given {
		return nil
	}
	if n < 1 || n > store.MaxPoolConns {
		fmt.Fprintf(env.stderr, "--db-max-conns (or PULSE_DB_MAX_CONNS) must be from 1 to %d, not %d\n", store.MaxPoolConns, n)
		return errUsage
	}
	return nil
}
