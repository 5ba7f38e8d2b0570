//go:build !unix

package main

// lockServing cannot lock a file on this platform: running two servers on
// one SQLite file is left to the operator to avoid.
func lockServing(string) (func(), error) { return func() {}, nil }
