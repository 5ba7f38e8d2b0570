package main

import (
	"errors"
	"io"
	"testing"
)

// TestServePprofLoopbackOnly: the profiler shows how the server works
// inside, so serve refuses to offer it anywhere but this machine.
func TestServePprofLoopbackOnly(t *testing.T) {
	env := &cliEnv{stdout: io.Discard, stderr: io.Discard, getenv: noEnv}
	for addr, ok := range map[string]bool{
		"127.0.0.1:6060": true, "[::1]:6060": true, "localhost:6060": true,
		"0.0.0.0:6060": false, ":6060": false, "10.1.2.3:6060": false, "example.org:6060": false, "6060": false,
	} {
		f, err := parseServeFlags(env, []string{"--pprof", addr})
		if ok && (err != nil || f.pprof != addr) {
			t.Errorf("--pprof %s refused: %v", addr, err)
		}
		if !ok && !errors.Is(err, errUsage) {
			t.Errorf("--pprof %s accepted", addr)
		}
	}
}
