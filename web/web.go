// Package web holds the embedded page templates, interface text and static
// assets (the vendored NHS design system among them).
package web

import "embed"

// FS holds templates/, locales/ and static/.
//
//go:embed templates locales static
var FS embed.FS
