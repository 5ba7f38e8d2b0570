// Command pulse runs Research Pulse: the survey server and the tools around
// it. Run "pulse help" for the subcommands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	if errors.Is(err, errUsage) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pulse:", err)
		os.Exit(1)
	}
}

// errUsage means the command line was wrong; the usage has been printed.
var errUsage = errors.New("usage")

// errFailed means the command has already reported what went wrong.
var errFailed = errors.New("failed")

type command struct {
	name, summary string
	run           func(ctx context.Context, env *cliEnv, args []string) error
}

// cliEnv is what a subcommand may touch of the outside world.
type cliEnv struct {
	getenv         func(string) string
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		{"serve", "run the survey server", runServe},
		{"lint", "check questionnaire files and summarise them", runLint},
		{"paths", "list the routes through a questionnaire's branching", runPaths},
		{"simulate", "create synthetic responses to a review", runSimulate},
		{"analyse", "print a review's exclusion flow and breakdowns", runAnalyse},
		{"trust", "import and list trusts (import FILE.csv | list)", runTrust},
		{"review", "create, list, open, close, monitor reviews and start their next wave", runReview},
		{"user", "add an account (user add --email … --role …)", runUser},
		{"bench", "load a fresh server with respondents and verify every acknowledged save", runBench},
		{"backup", "take a checked copy of the database while serving, or check one", runBackup},
		{"export", "write a review's workbook (or CSV) for researchers", runExport},
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	env := &cliEnv{getenv: getenv, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	fmt.Fprintf(stderr, "pulse: unknown command %q\n", args[0])
	usage(stderr)
	return errUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: pulse <command> [flags]")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun pulse <command> -h for a command's flags.")
}
