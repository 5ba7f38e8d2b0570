//go:build !pulse_ack_before_commit

package respond

import "context"

// ackBeforeCommit is off in every real build: a page is acknowledged only
// after the transaction holding it has committed. The build tag
// pulse_ack_before_commit swaps in a deliberately broken version (see
// ack_broken.go) with which the crash test must find lost saves.
func (s *Service) ackBeforeCommit(context.Context, State, string, Input) (Outcome, bool) {
	return Outcome{}, false
}
