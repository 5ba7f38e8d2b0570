package survey

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// referenceVisibility is the branching walk written the plain way: every
// shown item is set with undo information and every derived variable is
// recomputed after each one. Visibility must agree with it, and with
// what it gives as the cause of each hidden item.
func referenceVisibility(q *Questionnaire, answers Answers) (Visibility, env, map[string]string) {
	e := q.newEvaluator()
	v := Visibility{Sections: make([]bool, len(q.Sections)), q: q, shown: make([]bool, len(q.items))}
	hidden := map[string]string{}
	cur := -1
	for i, it := range q.items {
		si := q.sectionOf[it.ID]
		if si != cur {
			cur = si
			v.Sections[si] = e.sectionShown(si) == triTrue
		}
		switch {
		case !v.Sections[si]:
			hidden[it.ID] = q.Sections[si].ID
		case e.itemShown(it) != triTrue:
			hidden[it.ID] = it.hiderID()
		default:
			v.shown[i] = true
			v.Order = append(v.Order, it.ID)
			q.noteVariant(e, &v, it)
			a, ok := answers[it.ID]
			e.set(it, answerValue(it, a, ok))
		}
	}
	v.Derived = e.derivedValues()
	return v, e.env, hidden
}

// randomAnswers answers each item with probability 0.75, shown or not,
// with any of its options (piped items with any option they could offer),
// so that hidden answers and stale piped codes occur.
func randomAnswers(q *Questionnaire, rng *rand.Rand) Answers {
	out := Answers{}
	for _, it := range q.items {
		if rng.IntN(4) == 0 {
			continue
		}
		switch it.Type {
		case TypeSingle, TypeScale:
			out[it.ID] = Answer{Codes: []string{it.Options[rng.IntN(len(it.Options))].Code}}
		case TypeMultiple:
			var codes []string
			for _, o := range it.Options {
				if rng.IntN(3) == 0 {
					codes = append(codes, o.Code)
				}
			}
			if len(codes) > 0 {
				out[it.ID] = Answer{Codes: codes}
			}
		case TypeNumber:
			out[it.ID] = Answer{Text: strconv.Itoa(rng.IntN(40))}
		default:
			out[it.ID] = Answer{Text: "words"}
		}
	}
	return out
}

// TestAssessAgrees: over random answers to every test questionnaire,
// Assess gives what Prune, Visibility, Completion and ScreenedOut give one
// by one, and Visibility agrees with the plain walk.
func TestAssessAgrees(t *testing.T) {
	for _, file := range []string{"testdata/valid/mini.yaml", "testdata/valid/careers.yaml", "../../questionnaires/research-engagement.yaml"} {
		q, err := LoadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(7, 11))
		for n := range 1000 {
			answers := randomAnswers(q, rng)
			got := q.Assess(answers)
			kept, cleared := q.Prune(answers)
			refVis, refEnv, refHidden := referenceVisibility(q, kept)
			want := Assessment{Answers: kept, Cleared: cleared, Visibility: refVis, Completion: q.completion(refVis, kept),
				ScreenedOut: q.conds.screen != nil && q.conds.screen.eval(refEnv) == triTrue}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("%s, answers %d %v: Assess differs (-want +got):\n%s", file, n, answers, diff)
			}
			vis := q.Visibility(kept)
			if diff := cmp.Diff(refVis, vis, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("%s, answers %d: Visibility differs from the plain walk:\n%s", file, n, diff)
			}
			if diff := cmp.Diff(refHidden, hiddenBy(q, vis), cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("%s, answers %d: what hides each item differs from the plain walk:\n%s", file, n, diff)
			}
			for i, it := range q.items {
				if vis.Shown(it.ID) != refVis.shown[i] || vis.Shown(it.ID) != (refHidden[it.ID] == "") {
					t.Fatalf("%s, answers %d: Shown(%s) = %v", file, n, it.ID, vis.Shown(it.ID))
				}
			}
			if got.ScreenedOut != q.ScreenedOut(kept) || got.Completion.Ratio() != q.Completion(kept).Ratio() {
				t.Fatalf("%s, answers %d: ScreenedOut or Completion differ", file, n)
			}
		}
	}
}
