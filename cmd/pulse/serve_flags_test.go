package main

import (
	"bytes"
	"errors"
	"testing"
)

// TestTrustedProxiesFlag: --trusted-proxies (or PULSE_TRUSTED_PROXIES)
// takes addresses and CIDR ranges; anything else is a usage error naming
// the bad entry; by default no proxy is trusted.
func TestTrustedProxiesFlag(t *testing.T) {
	var stderr bytes.Buffer
	env := &cliEnv{getenv: func(string) string { return "" }, stderr: &stderr}
	f, err := parseServeFlags(env, nil)
	if err != nil || len(f.trustedProxies) != 0 {
		t.Fatalf("default: %v %v", f.trustedProxies, err)
	}
	f, err = parseServeFlags(env, []string{"--trusted-proxies", "10.0.0.5, 10.1.0.0/16"})
	if err != nil || len(f.trustedProxies) != 2 || f.trustedProxies[1].String() != "10.1.0.0/16" {
		t.Fatalf("flag: %v %v", f.trustedProxies, err)
	}
	env.getenv = func(k string) string {
		if k == "PULSE_TRUSTED_PROXIES" {
			return "192.0.2.1"
		}
		return ""
	}
	if f, err = parseServeFlags(env, nil); err != nil || len(f.trustedProxies) != 1 {
		t.Fatalf("environment: %v %v", f.trustedProxies, err)
	}
	if _, err = parseServeFlags(env, []string{"--trusted-proxies", "10.0.0.0/40"}); !errors.Is(err, errUsage) || !bytes.Contains(stderr.Bytes(), []byte(`"10.0.0.0/40"`)) {
		t.Errorf("bad range: %v, stderr %q", err, stderr.String())
	}
}

// TestOnOffSwitches: PULSE_STATE_CACHE and PULSE_TURNS take on or off (on
// by default); anything else is a usage error naming the variable.
func TestOnOffSwitches(t *testing.T) {
	for _, name := range []string{"PULSE_STATE_CACHE", "PULSE_TURNS"} {
		for _, tc := range []struct {
			value string
			off   bool
			ok    bool
		}{{"", false, true}, {"on", false, true}, {"off", true, true}, {"no", false, false}, {"OFF ", false, false}} {
			var stderr bytes.Buffer
			env := &cliEnv{getenv: func(k string) string {
				if k == name {
					return tc.value
				}
				return ""
			}, stderr: &stderr}
			f, err := parseServeFlags(env, nil)
			if !tc.ok {
				if !errors.Is(err, errUsage) || !bytes.Contains(stderr.Bytes(), []byte(name+" must be on or off")) {
					t.Errorf("%s=%q: %v, stderr %q", name, tc.value, err, stderr.String())
				}
				continue
			}
			off := f.noStateCache
			if name == "PULSE_TURNS" {
				off = f.noTurns
			}
			if err != nil || off != tc.off {
				t.Errorf("%s=%q: off %v, %v; want off %v", name, tc.value, off, err, tc.off)
			}
		}
	}
}
