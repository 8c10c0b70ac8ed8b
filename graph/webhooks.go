package graph

// orDefault is *p, or def when p is nil.
func orDefault(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}
