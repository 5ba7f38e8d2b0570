package analysis

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/researchpulse/pulse/internal/survey"
)

// bundledHand are sixteen responses to the bundled questionnaire, worked
// through by hand below. Its rules: completion counted in items, threshold
// 0.30, A01 (role) required, test responses, duplicates and responses
// outside the window excluded, no screening.
func bundledHand() []hand {
	r01 := survey.Answers{"A01": a("nurse"), "A02": a("band_6"), "B01": a("yes"), "C02": a("no_protected_time", "clinical_demands"), "D01a": a("agree")}
	return []hand{
		{id: "r01", trust: "M", submitted: true, answers: r01},
		{id: "r02", trust: "M", submitted: true, answers: survey.Answers{"A01": a("nurse"), "A02": a("band_5"), "B01": a("yes"), "C02": a("clinical_demands"), "D01a": a("strongly_agree")}},
		{id: "r03", trust: "M", submitted: true, answers: survey.Answers{"A01": a("consultant"), "A02": a("consultant"), "B01": a("yes"), "C02": a("no_protected_time"), "D01a": a("disagree")}},
		// B03 is asked only of research-active staff: its answer is pruned.
		{id: "r04", trust: "M", submitted: true, answers: survey.Answers{"A01": a("consultant"), "A02": a("consultant"), "B01": a("no"), "B03": a("no"), "C02": a("none"), "D01a": a("dont_know")}},
		{id: "r05", trust: "M", submitted: true, answers: survey.Answers{"A01": a("physiotherapist"), "A02": a("band_7"), "B01": a("no"), "C02": a("no_protected_time", "low_confidence"), "D01a": a("neither")}},
		{id: "r06", trust: "L", submitted: true, answers: survey.Answers{"A01": a("nurse"), "A02": a("band_5"), "B01": a("no"), "C02": a("no_protected_time"), "D01a": a("agree")}},
		{id: "r07", trust: "L", submitted: true, answers: survey.Answers{"A01": a("nurse"), "A02": a("band_6"), "B01": a("no"), "C02": a("no_protected_time", "low_confidence"), "D01a": a("agree")}},
		{id: "r08", trust: "L", submitted: true, answers: survey.Answers{"A01": a("midwife"), "A02": a("band_6"), "B01": a("not_sure"), "C02": a("low_confidence"), "D01a": a("strongly_disagree")}},
		{id: "r09", trust: "L", submitted: true, answers: survey.Answers{"A01": a("consultant"), "A02": a("consultant"), "B01": a("yes"), "C02": a("no_protected_time"), "D01a": a("agree")}},
		{id: "r10", trust: "L", submitted: true, answers: survey.Answers{"A01": a("physiotherapist"), "A02": a("band_6"), "B01": a("no")}},
		{id: "r11", trust: "M", submitted: true, test: true, answers: survey.Answers{"A01": a("nurse"), "B01": a("yes"), "C02": a("no_protected_time")}},
		{id: "r12", trust: "L", answers: survey.Answers{"A01": a("nurse")}},
		{id: "r13", trust: "M", answers: survey.Answers{}},
		{id: "r14", trust: "M", submitted: true, answers: r01}, // same trust, hour and answers as r01
		{id: "r15", trust: "L", submitted: true, late: true, answers: survey.Answers{"A01": a("nurse"), "B01": a("no"), "C02": a("no_protected_time")}},
		{id: "r16", trust: "L", answers: survey.Answers{"A01": a("pharmacist"), "A02": a("band_6"), "A03": a("2_to_5"), "A04": a("acute_hospital"),
			"A05": a("cancer"), "A06": a("full_time"), "B01": a("no"), "B06": a("no"), "B07": a("none"), "B08": a("no"), "B09": a("no"), "B10": a("no")}},
	}
}

func bundledInput(t testing.TB, n int) Input {
	q := load(t, bundledFile)
	rules := RulesFor(q)
	rules.K = 5
	return Input{Questionnaire: q, Rules: rules, Opens: opens, Closes: closes, Trusts: handTrusts, Responses: copies(bundledHand(), n), Review: "hand", Software: "test"}
}

// TestBundledDecisions checks each decision of one copy of the data set.
//
// Items applicable with no answers at all: A01–A06 (6), B01 (1), B06–B09
// (4), C01–C05 (5), D01a–h (8), D02–D05 (4) = 28; the research-activity,
// research-interest and strategy pages wait on B01 and A02 (their
// conditions are unknown while those are blank).
//   - r12 answered A01 only: 1/28 = 0.0357 < 0.30, partial: below threshold.
//   - r13 answered nothing: 0/28 = 0, and no role: required item missing too.
//   - r16: B01 = no shows B10 (B11 stays hidden as B10 = no) and A02 = band_6
//     is not senior: 28 + 1 = 29 applicable, 12 answered: 12/29 = 0.41379 ≥ 0.30.
//   - r11 is a test response; r14 repeats r01 (same trust, hour and answers;
//     r01's id is smaller, so r01 is kept); r15 was started in the hour the
//     review closed.
func TestBundledDecisions(t *testing.T) {
	ds, err := Decide(bundledInput(t, 1))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"r11-0": {ReasonTest}, "r12-0": {ReasonBelowThreshold}, "r13-0": {ReasonRequiredMissing, ReasonBelowThreshold},
		"r14-0": {ReasonDuplicate}, "r15-0": {ReasonOutsideWindow},
	}
	ratios := map[string]float64{"r12-0": 1.0 / 28, "r13-0": 0, "r16-0": 12.0 / 29}
	if len(ds) != 16 {
		t.Fatalf("%d decisions, want 16", len(ds))
	}
	for i, d := range ds {
		if i > 0 && ds[i-1].ID >= d.ID {
			t.Errorf("decisions not ordered by id: %s then %s", ds[i-1].ID, d.ID)
		}
		if !slices.Equal(d.Reasons, want[d.ID]) && !(len(d.Reasons) == 0 && want[d.ID] == nil) {
			t.Errorf("%s: reasons %v, want %v", d.ID, d.Reasons, want[d.ID])
		}
		if d.Included != (want[d.ID] == nil) {
			t.Errorf("%s: included %v", d.ID, d.Included)
		}
		if r, ok := ratios[d.ID]; ok && d.Ratio != r {
			t.Errorf("%s: ratio %v, want %v", d.ID, d.Ratio, r)
		}
	}
	// r08 answered B01 "not sure": research_active (B01 == 'yes') is no;
	// r13 gave no role: not known.
	for id, want := range map[string]map[string]string{
		"r08-0": {"role_group": "nursing_midwifery", "research_active": "no", "senior": "no", "trust_activity": ActivityLess},
		"r13-0": {"role_group": NotKnown, "research_active": NotKnown, "senior": NotKnown, "trust_activity": ActivityMore},
	} {
		i := slices.IndexFunc(ds, func(d Decision) bool { return d.ID == id })
		if diff := cmp.Diff(want, ds[i].Groups); diff != "" {
			t.Errorf("%s groups (-want +got):\n%s", id, diff)
		}
	}
}

// TestBundledFlow: five copies (80 responses), k = 5, so every count is 0
// or at least 5 and nothing is suppressed.
//
// Overall: received 16×5 = 80; excluded r11–r15 = 5×5 = 25; included 55 =
// complete r01–r10 (50) + partial r16 (5). Reasons: test 5, outside window
// 5, duplicate 5, required missing 5 (r13), below threshold 10 (r12, r13).
// RM1: r01–r05, r11, r13, r14 = 40; excluded r11, r13, r14 = 15; included
// 25, all complete. RL4: r06–r10, r12, r15, r16 = 40; excluded r12, r15 = 10;
// included 30 = 25 complete + 5 partial.
// Role groups: medical & dental r03, r04, r09 = 15 (all complete); nursing &
// midwifery r01, r02, r06, r07, r08, r11, r12, r14, r15 = 45, excluded r11,
// r12, r14, r15 = 20, included 25; allied health r05, r10 = 10; other
// clinical r16 = 5 partial; not known r13 = 5 excluded.
func TestBundledFlow(t *testing.T) {
	rep, err := Analyse(bundledInput(t, 5))
	if err != nil {
		t.Fatal(err)
	}
	// received, excluded, included, complete, partial, then reasons: test,
	// outside window, duplicate, required missing, below threshold.
	want := map[string][]int{
		"overall":                      {80, 25, 55, 50, 5, 5, 5, 5, 5, 10},
		"RM1":                          {40, 15, 25, 25, 0, 5, 0, 5, 5, 5},
		"RL4":                          {40, 10, 30, 25, 5, 0, 5, 0, 0, 5},
		"role_group/medical_dental":    {15, 0, 15, 15, 0, 0, 0, 0, 0, 0},
		"role_group/nursing_midwifery": {45, 20, 25, 25, 0, 5, 5, 5, 0, 5},
		"role_group/allied_health":     {10, 0, 10, 10, 0, 0, 0, 0, 0, 0},
		"role_group/other_clinical":    {5, 0, 5, 0, 5, 0, 0, 0, 0, 0},
		"role_group/non_clinical":      {0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
		"role_group/research_staff":    {0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
		"role_group/not_known":         {5, 5, 0, 0, 0, 0, 0, 0, 5, 5},
	}
	got := map[string][]int{"overall": counts(rep.Flow.Overall)}
	for _, g := range rep.Flow.ByTrust {
		got[g.Code] = counts(g.FlowCounts)
	}
	for _, d := range rep.Flow.ByDimension {
		if d.Dimension == "role_group" {
			for _, g := range d.Groups {
				got[d.Dimension+"/"+g.Code] = counts(g.FlowCounts)
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("flow (-want +got):\n%s", diff)
	}
	var reasons []string
	for _, r := range rep.Flow.Overall.Reasons {
		reasons = append(reasons, r.Reason)
	}
	if !slices.Equal(reasons, []string{ReasonTest, ReasonOutsideWindow, ReasonDuplicate, ReasonRequiredMissing, ReasonBelowThreshold}) {
		t.Errorf("reasons %v", reasons)
	}
}

// TestBundledBreakdowns works C02 (barriers, multiple choice) and D01a
// (organisational support, agreement) through by hand over the 55 included
// responses (five copies of r01–r10 and r16).
func TestBundledBreakdowns(t *testing.T) {
	rep, err := Analyse(bundledInput(t, 5))
	if err != nil {
		t.Fatal(err)
	}
	c02 := findBreakdown(t, rep, "C02")
	npt := rowIndex(t, c02, "C02", "no_protected_time")
	// Overall: all 11 stems were shown C02 (55); r10 and r16 left it blank
	// (10); 45 answered. No protected time: r01, r03, r05, r06, r07, r09 =
	// 30/45 = 66.667%; Wilson: centre 0.65356, half-width 0.13285, so
	// 52.070 … 78.641.
	wantCell(t, "C02 overall", c02.Overall.Cells[npt], 55, 10, 45, 30, 200.0/3, 52.07048830990042, 78.64112506566995)
	// More research-active (r01–r05): 25 shown and answered; r01, r03, r05
	// = 15/25 = 60%; Wilson 40.739 … 76.597.
	more, trust := dimGroup(t, c02, survey.DimensionTrustActivity, ActivityMore)
	wantCell(t, "C02 more", more.Cells[npt], 25, 0, 25, 15, 60, 40.739457358967, 76.59669762225204)
	// Less research-active (r06–r10, r16): 30 shown, 10 blank (r10, r16), 20
	// answered; r06, r07, r09 = 15/20 = 75%; Wilson 53.130 … 88.814.
	less, _ := dimGroup(t, c02, survey.DimensionTrustActivity, ActivityLess)
	wantCell(t, "C02 less", less.Cells[npt], 30, 10, 20, 15, 75, 53.1299122381256, 88.81382985923342)
	// 15/25 vs 15/20: 30 of 45 select; expected 16.667 and 8.333 (more),
	// 13.333 and 6.667 (less), all ≥ 5, so chi-square:
	// 1.6667²/16.667 + 1.6667²/8.333 + 1.6667²/13.333 + 1.6667²/6.667
	// = 0.16667 + 0.33333 + 0.20833 + 0.41667 = 1.125 on 1 df;
	// p = erfc(√(1.125/2)) = 0.28884.
	test := trust.Tests[npt]
	if test == nil || test.Method != MethodChiSquare || test.DF != 1 {
		t.Fatalf("C02 trust test %+v", test)
	}
	near(t, "C02 trust chi-square", test.Statistic, 1.125, 1e-12)
	near(t, "C02 trust p", test.P, 0.28884436634648486, 1e-9)
	// Research active: yes r01, r02, r03, r09 (20): r01, r03, r09 = 15/20;
	// no r04–r08, r10, r16 (35 shown, 10 blank, 25 answered): r05, r06,
	// r07 = 15/25. r08 answered "not sure", which is not "yes".
	yes, _ := dimGroup(t, c02, "research_active", "yes")
	wantCell(t, "C02 active", yes.Cells[npt], 20, 0, 20, 15, 75, 53.1299122381256, 88.81382985923342)
	no, _ := dimGroup(t, c02, "research_active", "no")
	wantCell(t, "C02 not active", no.Cells[npt], 35, 10, 25, 15, 60, 40.739457358967, 76.59669762225204)
	// Other clinical (r16) was shown C02 and left it blank: a denominator of
	// 0 is published, with no percentage.
	oc, role := dimGroup(t, c02, "role_group", "other_clinical")
	if c := oc.Cells[npt]; c.Suppressed || c.Shown != 5 || c.NotAnswered != 5 || c.Denominator != 0 || c.Rank != 0 {
		t.Errorf("C02 other clinical %+v", c)
	}
	// Allied health 5/5 has an expected count of 5 × 30/45 = 3.3 < 5: the
	// role test is exact.
	if test := role.Tests[npt]; test == nil || test.Method != MethodFisher {
		t.Errorf("C02 role test %+v", test)
	}
	// Ranking overall: no protected time 30, low confidence (r05, r07, r08)
	// 15, clinical demands (r01, r02) 10, none (r04) 5, and every other
	// option 0, sharing rank 5.
	ranks := map[string]int{}
	for i, r := range c02.Rows {
		ranks[r.Code] = c02.Overall.Cells[i].Rank
	}
	for code, want := range map[string]int{"no_protected_time": 1, "low_confidence": 2, "clinical_demands": 3, "none": 4, "no_funding": 5, "other": 5} {
		if ranks[code] != want {
			t.Errorf("C02 rank of %s = %d, want %d", code, ranks[code], want)
		}
	}

	d01 := findBreakdown(t, rep, "D01")
	if d01.Measure != MeasureAgree || !slices.Equal(d01.AgreeCodes, []string{"agree", "strongly_agree"}) || len(d01.Rows) != 8 {
		t.Fatalf("D01: measure %s, agree %v, %d rows", d01.Measure, d01.AgreeCodes, len(d01.Rows))
	}
	// D01a overall: 55 shown; r10, r16 blank (10); r04 "don't know" (5,
	// missing); 40 answered; agree or strongly agree: r01, r02, r06, r07, r09
	// = 25/40 = 62.5%; Wilson 47.032 … 75.777.
	c := d01.Overall.Cells[0]
	wantCell(t, "D01a overall", c, 55, 10, 40, 25, 62.5, 47.0324391373011, 75.77702083276672)
	if !slices.Equal(c.Missing, []CodeCount{{"dont_know", 5}}) {
		t.Errorf("D01a missing %v", c.Missing)
	}
	// More: r01, r02, r03, r05 answered (20), r04 don't know: agree r01, r02
	// = 10/20 = 50%, Wilson 29.930 … 70.070. Less: r06–r09 (20): r06, r07,
	// r09 = 15/20. Chi-square: 25 of 40 agree, expected 12.5 and 7.5 per
	// group: 2 × 2.5²/12.5 + 2 × 2.5²/7.5 = 1 + 1.6667 = 2.6667;
	// p = erfc(√(2.6667/2)) = 0.10247.
	more, trust = dimGroup(t, d01, survey.DimensionTrustActivity, ActivityMore)
	wantCell(t, "D01a more", more.Cells[0], 25, 0, 20, 10, 50, 29.929800819821228, 70.07019918017878)
	near(t, "D01a trust chi-square", trust.Tests[0].Statistic, 8.0/3, 1e-12)
	near(t, "D01a trust p", trust.Tests[0].P, 0.10247043485974947, 1e-9)

	if got := rep.Meta.Rules; got.K != 5 || got.Threshold != 0.30 || got.Unit != survey.CountItems || !slices.Equal(got.RequiredItems, []string{"A01"}) {
		t.Errorf("meta rules %+v", got)
	}
	if rep.Meta.Questionnaire.Hash == "" || rep.Meta.Method != MethodVersion || rep.Meta.Window.Closes != closes.UTC() {
		t.Errorf("meta %+v", rep.Meta)
	}
}
