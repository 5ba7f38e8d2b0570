//go:build !unix

package store

// writable cannot be asked without writing on this platform; SQLite's own
// errors report a read-only file or folder.
func writable(string) error { return nil }
