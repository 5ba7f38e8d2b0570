package server

import (
	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// The client address is used for one thing: the per-address limits on
// starting responses, wrong resume codes and sign-in attempts. It is never
// stored or logged. By default it is the address of the connection's
// other end, whatever the request's headers say, so a client cannot pick
// a new address per request with X-Forwarded-For. Behind a reverse proxy
// every client would then share the proxy's address; naming the proxy's
// addresses (serve --trusted-proxies) makes the server believe the
// X-Forwarded-For (or, without it, X-Real-IP) header, but only on
// connections from those addresses, and only the entries those proxies
// added: the nearest address in X-Forwarded-For not itself a trusted
// proxy is the client.

// ParseTrustedProxies reads a comma-separated list of CIDR ranges or
// single addresses ("10.0.0.0/8, 192.0.2.7"). An empty list trusts no one.
func ParseTrustedProxies(s string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			ip := net.ParseIP(part)
			if ip == nil {
				return nil, fmt.Errorf("trusted proxy %q is not an address or a CIDR range", part)
			}
			bits := 128
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(part)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q is not an address or a CIDR range", part)
		}
		out = append(out, n)
	}
	return out, nil
}

// clientIPExtractor is Echo's IPExtractor for the configured proxies:
// the connection's address when there are none.
func clientIPExtractor(proxies []*net.IPNet) echo.IPExtractor {
	if len(proxies) == 0 {
		return echo.ExtractIPDirect()
	}
	// Only the ranges named are trusted: not Echo's defaults of loopback,
	// link-local and private networks.
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range proxies {
		opts = append(opts, echo.TrustIPRange(n))
	}
	fromXFF, fromRealIP := echo.ExtractIPFromXFFHeader(opts...), echo.ExtractIPFromRealIPHeader(opts...)
	return func(r *http.Request) string {
		if len(r.Header.Values(echo.HeaderXForwardedFor)) > 0 {
			return fromXFF(r)
		}
		return fromRealIP(r)
	}
}
