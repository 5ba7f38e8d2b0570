package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/researchpulse/pulse/internal/store"
)

// runBackup is `pulse backup`: a consistent copy of the SQLite database
// taken while the server runs, checked before it is given its name; or,
// with --check, the check of an existing copy (before restoring it).
func runBackup(ctx context.Context, env *cliEnv, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	db := fs.String("db", envOr(env, "PULSE_DB", "pulse.db"), "SQLite database `file` to copy (env PULSE_DB)")
	out := fs.String("out", "", "`file` to write the copy to; must not exist")
	check := fs.String("check", "", "check an existing backup `file` instead of taking one")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: pulse backup --out FILE [--db pulse.db]    take a checked copy while serving")
		fmt.Fprintln(env.stderr, "       pulse backup --check FILE                 check a copy before restoring it")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || (*out == "") == (*check == "") {
		fs.Usage()
		return errUsage
	}
	if u := env.getenv(databaseURLEnv); strings.HasPrefix(u, "postgres") {
		return fmt.Errorf("backup copies the SQLite file; with %s use pg_dump (see the README)", databaseURLEnv)
	}
	if *check != "" {
		info, err := store.CheckBackup(ctx, *check)
		if err != nil {
			return fmt.Errorf("backup %s: %w", *check, err)
		}
		fmt.Fprintf(env.stdout, "%s: ok — integrity check passed, schema version %d, %d responses, %d bytes\n", *check, info.SchemaVersion, info.Responses, info.Bytes)
		return nil
	}
	info, err := store.Backup(ctx, *db, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%s: backed up and checked — schema version %d, %d responses, %d bytes\n", *out, info.SchemaVersion, info.Responses, info.Bytes)
	return nil
}
