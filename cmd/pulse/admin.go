package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/lifecycle"
	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
	"github.com/researchpulse/pulse/internal/survey"
)

// The administrative commands mirror the admin pages: they call package
// admin as the operator at the command line (a platform admin), and every
// change they make is in the audit trail.

func newAdmin(st *store.Store, files []*survey.Questionnaire, flow *respond.Service) *admin.Service {
	return admin.New(admin.Config{Store: st, Questionnaires: files, Lookup: flow.Questionnaire})
}

// printAdmin says where staff sign in, and the first admin's one-time
// password when it was just made (shown only now).
func printAdmin(env *cliEnv, base, email, password string) {
	fmt.Fprintf(env.stdout, "R&D office admin: %s/admin/sign-in\n", base)
	if password != "" {
		fmt.Fprintf(env.stdout, "  first platform admin: %s\n  one-time password:    %s\n  (shown only now; you choose your own at first sign-in)\n", email, password)
	}
}

// adminSession is what every administrative command opens: the store,
// the stored and file questionnaires, and the admin service.
type adminSession struct {
	st   *store.Store
	svc  *admin.Service
	flow *respond.Service
}

func openAdmin(ctx context.Context, env *cliEnv, db, dir string) (*adminSession, error) {
	st, err := openStoreURL(ctx, db, env.getenv(databaseURLEnv))
	if err != nil {
		return nil, err
	}
	var files []*survey.Questionnaire
	if dir != "" {
		files, _, err = loadQuestionnaires(dir)
		if err != nil {
			files = nil // no questionnaire folder: commands that need one say so
		}
	}
	stored, problems, err := respond.StoredQuestionnaires(ctx, st)
	if err != nil {
		st.Close()
		return nil, err
	}
	for _, p := range problems {
		fmt.Fprintln(env.stderr, p)
	}
	flow := respond.New(st, append(stored, files...), time.Now)
	return &adminSession{st: st, svc: newAdmin(st, files, flow), flow: flow}, nil
}

// commonFlags are the database flags of every administrative command.
func commonFlags(fs *flag.FlagSet, env *cliEnv, db *string) {
	fs.StringVar(db, "db", envOr(env, "PULSE_DB", "pulse.db"), "SQLite database `file` (or set PULSE_DATABASE_URL)")
}

// reportInvalid prints every problem of bad input, one per line.
func reportInvalid(env *cliEnv, err error) error {
	var inv *admin.Invalid
	if !errors.As(err, &inv) {
		return err
	}
	for _, f := range inv.Fields {
		fmt.Fprintf(env.stderr, "%s: %s\n", f.Field, f.Message)
	}
	fmt.Fprintln(env.stderr, "nothing was saved")
	return errFailed
}

// subcommand picks the subcommand of a command group.
func subcommand(ctx context.Context, env *cliEnv, group string, args []string, subs map[string]func(context.Context, *cliEnv, []string) error, usage string) error {
	if len(args) == 0 || subs[args[0]] == nil {
		fmt.Fprintf(env.stderr, "Usage: pulse %s %s\n", group, usage)
		return errUsage
	}
	return subs[args[0]](ctx, env, args[1:])
}

// multiFlag collects a repeated flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// ---- pulse trust ----

func runTrust(ctx context.Context, env *cliEnv, args []string) error {
	return subcommand(ctx, env, "trust", args, map[string]func(context.Context, *cliEnv, []string) error{
		"import": runTrustImport, "list": runTrustList,
	}, "import FILE.csv | list")
}

func runTrustImport(ctx context.Context, env *cliEnv, args []string) error {
	var db string
	fs := flag.NewFlagSet("trust import", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	commonFlags(fs, env, &db)
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(env.stderr, "Usage: pulse trust import [--db FILE] FILE.csv   (columns code,name,nation,type,quintile)")
		return errUsage
	}
	file, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer file.Close()
	a, err := openAdmin(ctx, env, db, "")
	if err != nil {
		return err
	}
	defer a.st.Close()
	res, err := a.svc.ImportTrusts(ctx, admin.CommandLine, file, fs.Arg(0))
	if err != nil {
		var inv *admin.Invalid
		if errors.As(err, &inv) {
			fmt.Fprintf(env.stderr, "%s: %d problems; nothing was imported\n", fs.Arg(0), len(inv.Fields))
			for _, f := range inv.Fields {
				fmt.Fprintf(env.stderr, "%s:%s: %s\n", fs.Arg(0), strings.TrimPrefix(f.Field, "line "), f.Message)
			}
			return errFailed
		}
		return err
	}
	fmt.Fprintf(env.stdout, "%s: %d new trusts, %d updated\n", fs.Arg(0), res.Created, res.Updated)
	return nil
}

func runTrustList(ctx context.Context, env *cliEnv, args []string) error {
	var db string
	fs := flag.NewFlagSet("trust list", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	commonFlags(fs, env, &db)
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return errUsage
	}
	a, err := openAdmin(ctx, env, db, "")
	if err != nil {
		return err
	}
	defer a.st.Close()
	ts, err := a.svc.Trusts(ctx, admin.CommandLine)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "CODE\tNAME\tNATION\tTYPE\tQUINTILE\tACTIVITY")
	for _, t := range ts {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\n", t.Code, t.Name, admin.NationName(t.Nation), admin.KindName(t.Kind), t.Quintile, admin.ActivityName(t.Quintile))
	}
	return w.Flush()
}

// ---- pulse user ----

func runUser(ctx context.Context, env *cliEnv, args []string) error {
	return subcommand(ctx, env, "user", args, map[string]func(context.Context, *cliEnv, []string) error{
		"add": runUserAdd,
	}, "add --email ADDRESS --role platform_admin|rd_admin|researcher [--trust CODE]...")
}

func runUserAdd(ctx context.Context, env *cliEnv, args []string) error {
	var (
		db, email, role string
		trusts          multiFlag
	)
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	commonFlags(fs, env, &db)
	fs.StringVar(&email, "email", "", "e-mail `address` the person signs in with")
	fs.StringVar(&role, "role", "", "platform_admin, rd_admin or researcher")
	fs.Var(&trusts, "trust", "trust `code` an R&D office admin looks after (repeat for several)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 || email == "" || role == "" {
		fmt.Fprintln(env.stderr, "Usage: pulse user add [--db FILE] --email ADDRESS --role platform_admin|rd_admin|researcher [--trust CODE]...")
		return errUsage
	}
	a, err := openAdmin(ctx, env, db, "")
	if err != nil {
		return err
	}
	defer a.st.Close()
	ids, err := trustIDs(ctx, env, a.st, trusts)
	if err != nil {
		return err
	}
	u, pw, err := a.svc.CreateUser(ctx, admin.CommandLine, admin.NewUser{Email: email, Role: role, Trusts: ids})
	if err != nil {
		return reportInvalid(env, err)
	}
	fmt.Fprintf(env.stdout, "%s is a %s.\none-time password: %s\n(shown only now; they choose their own at first sign-in)\n", u.Email, admin.RoleName(u.Role), pw)
	return nil
}

// trustIDs resolves trust codes.
func trustIDs(ctx context.Context, env *cliEnv, st *store.Store, codes []string) ([]int64, error) {
	var ids []int64
	for _, c := range codes {
		t, err := st.TrustByCode(ctx, strings.ToUpper(strings.TrimSpace(c)))
		if errors.Is(err, store.ErrNotFound) {
			fmt.Fprintf(env.stderr, "no trust with code %q (pulse trust list shows them)\n", c)
			return nil, errFailed
		}
		if err != nil {
			return nil, err
		}
		ids = append(ids, t.ID)
	}
	return ids, nil
}

func londonTime(t time.Time) string { return t.In(lifecycle.London).Format("2006-01-02 15:04") }
