package analysis

import "github.com/researchpulse/pulse/internal/survey"

// NotKnown is the group of a response whose value in a dimension cannot be
// told: the answer a derived variable rests on is blank (or was never
// shown), or the trust's activity level is not known. It is reported as a
// group of its own so that the groups of a dimension always add up to the
// whole, but it takes no part in tests of difference or in rankings.
const NotKnown = "not_known"

// Dimension is a breakdown dimension and its groups, in reported order.
type Dimension struct {
	ID     string  `json:"id"`
	Label  string  `json:"label"`
	Groups []Group `json:"groups"`
}

// Group is one group of a dimension (or a trust in the flow).
type Group struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// declaredDimensions are the questionnaire's analysis.dimensions, or the
// trust activity level alone when it declares none.
func declaredDimensions(q *survey.Questionnaire) []string {
	if len(q.Analysis.Dimensions) == 0 {
		return []string{survey.DimensionTrustActivity}
	}
	return q.Analysis.Dimensions
}

// groupOf is a response's group in a dimension: the trust's activity
// level, or the value of a derived variable ("yes"/"no" for a derived
// condition).
func groupOf(dim string, r *Response, derived map[string]string) string {
	v := derived[dim]
	if dim == survey.DimensionTrustActivity {
		v = r.Level
		if v != ActivityMore && v != ActivityLess {
			v = ""
		}
	}
	if v == "" {
		return NotKnown
	}
	return v
}

// declaredGroups describes every declared dimension with its groups,
// without "not known".
func declaredGroups(q *survey.Questionnaire) []Dimension {
	lang := q.DefaultLanguage()
	var out []Dimension
	for _, id := range declaredDimensions(q) {
		d := Dimension{ID: id}
		switch dv, ok := q.DerivedVar(id); {
		case id == survey.DimensionTrustActivity:
			d.Label = "Trust research activity"
			d.Groups = []Group{{ActivityMore, "More research-active"}, {ActivityLess, "Less research-active"}}
		case ok && dv.From != "":
			d.Label = dv.Label.In(lang)
			for _, g := range dv.Groups {
				d.Groups = append(d.Groups, Group{g.Code, g.Label.In(lang)})
			}
		case ok:
			d.Label = dv.Label.In(lang)
			d.Groups = []Group{{"yes", "Yes"}, {"no", "No"}}
		}
		out = append(out, d)
	}
	return out
}

// index is the position of code among the dimension's groups, or -1.
func (d Dimension) index(code string) int {
	for i, g := range d.Groups {
		if g.Code == code {
			return i
		}
	}
	return -1
}
