package store

import (
	"context"

	"github.com/researchpulse/pulse/internal/analysis"
)

// AnalysisInput reads what the analysis of a review needs, from one
// snapshot: every response (test ones included, flagged) with its trust
// and answers, in id order, and the review's trusts. The trust activity
// level comes from analysis.ActivityLevel. ErrNotFound if there is no such
// review. It holds the whole review in memory; ReadReview streams it.
func (s *Store) AnalysisInput(ctx context.Context, reviewID int64) ([]analysis.Response, []analysis.Trust, error) {
	var (
		out    []analysis.Response
		trusts []analysis.Trust
	)
	err := s.ReadReview(ctx, reviewID, func(rs *ReviewSnapshot) error {
		links, err := rs.Links()
		if err != nil {
			return err
		}
		trusts = AnalysisTrusts(links)
		return rs.EachResponse(func(r *StoredResponse) error {
			out = append(out, r.Response)
			return nil
		})
	})
	if err != nil {
		return nil, nil, err
	}
	return out, trusts, nil
}

// AnalysisTrusts are a review's links as the analysis sees its trusts.
func AnalysisTrusts(links []ReviewLink) []analysis.Trust {
	out := make([]analysis.Trust, len(links))
	for i, l := range links {
		out[i] = analysis.Trust{Code: l.Trust.Code, Name: l.Trust.Name, Level: analysis.ActivityLevel(l.Trust.Quintile)}
	}
	return out
}
