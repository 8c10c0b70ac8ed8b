package auth

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientAddr is the client's IP address: the connection's peer, or, when the peer is a
// trusted proxy, the last address in X-Forwarded-For that is not a trusted proxy (the one
// the proxies received the request from).
func clientAddr(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	peer = peer.Unmap()
	if !isTrusted(peer, trusted) {
		return peer.String()
	}
	hops := forwardedFor(r)
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		ip, err := netip.ParseAddr(hops[i])
		if err != nil {
			break // not an address: keep the last good one
		}
		client = ip.Unmap()
		if !isTrusted(client, trusted) {
			break
		}
	}
	return client.String()
}

// forwardedFor is every address of the request's X-Forwarded-For headers, in order.
func forwardedFor(r *http.Request) []string {
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		for _, h := range strings.Split(v, ",") {
			hops = append(hops, strings.TrimSpace(h))
		}
	}
	return hops
}

func isTrusted(ip netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// ClientAddr is the address of the client of r, as sign-in limits see it: the connection's
// peer, or behind the trusted proxies the address they received the request from.
func ClientAddr(r *http.Request, trusted []netip.Prefix) string {
	return clientAddr(r, trusted)
}
