package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestDBMaxConnsFlag: the pool size comes from --db-max-conns or
// PULSE_DB_MAX_CONNS (the flag wins), and a value the store cannot use is
// refused with a message naming it before anything opens.
func TestDBMaxConnsFlag(t *testing.T) {
	cases := []struct {
		name   string
		env    string
		args   []string
		want   int
		refuse string
	}{
		{name: "default", want: 0},
		{name: "flag", args: []string{"--db-max-conns", "40"}, want: 40},
		{name: "env", env: "24", want: 24},
		{name: "flag over env", env: "24", args: []string{"--db-max-conns", "8"}, want: 8},
		{name: "zero flag", args: []string{"--db-max-conns", "0"}, refuse: "must be from 1 to 500, not 0"},
		{name: "negative", args: []string{"--db-max-conns", "-3"}, refuse: "must be from 1 to 500, not -3"},
		{name: "too many", env: "100000", refuse: "must be from 1 to 500, not 100000"},
		{name: "not a number", env: "lots", refuse: `PULSE_DB_MAX_CONNS must be a whole number from 1 to 500, not "lots"`},
		{name: "flag not a number", args: []string{"--db-max-conns", "x"}, refuse: "invalid value"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			getenv := func(k string) string {
				if k == "PULSE_DB_MAX_CONNS" {
					return tc.env
				}
				return ""
			}
			f, err := parseServeFlags(&cliEnv{getenv: getenv, stdout: &bytes.Buffer{}, stderr: &stderr}, tc.args)
			if tc.refuse != "" {
				if !errors.Is(err, errUsage) || !strings.Contains(stderr.String(), tc.refuse) {
					t.Fatalf("err %v, stderr %q; want usage error saying %q", err, stderr.String(), tc.refuse)
				}
				return
			}
			if err != nil || f.dbMaxConns != tc.want {
				t.Fatalf("dbMaxConns = %d, err %v (%s); want %d", f.dbMaxConns, err, stderr.String(), tc.want)
			}
		})
	}
}
