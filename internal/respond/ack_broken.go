//go:build pulse_ack_before_commit

package respond

import (
	"context"
	"time"
)

// ackBeforeCommit, in this deliberately broken build only, answers a page
// save as saved at once and commits it 300 ms later in the background: a
// process killed in between loses saves it acknowledged. The crash test
// builds with this tag to prove that it can see such a loss. Never build a
// release with pulse_ack_before_commit.
func (s *Service) ackBeforeCommit(ctx context.Context, st State, sectionID string, in Input) (Outcome, bool) {
	si := st.Q.SectionByID(sectionID)
	if si < 0 || !st.Reachable(sectionID) {
		return Outcome{}, false
	}
	plan := planSave(st, si, in)
	if len(plan.errs) > 0 || len(plan.cleared) > 0 {
		return Outcome{}, false
	}
	go func() {
		time.Sleep(300 * time.Millisecond)
		_, _, _ = s.save(context.Background(), st, sectionID, in)
	}()
	return Outcome{Next: plan.next, Revealed: plan.revealed}, true
}
