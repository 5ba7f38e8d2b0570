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
