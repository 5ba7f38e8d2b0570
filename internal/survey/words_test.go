package survey

import "testing"

func TestInWords(t *testing.T) {
	q, err := LoadFile("testdata/valid/careers.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ cond, want string }{
		{"R01 == 'doctor'", "R01 (Staff group) is “Doctor” (doctor)"},
		{"R01 != 'admin'", "R01 (Staff group) is not “Administrative or managerial” (admin)"},
		{"R01 in ['nurse', 'ahp']", "R01 (Staff group) is one of “Nurse or midwife” (nurse), “Allied health professional” (ahp)"},
		{"R01 not in ['nurse']", "R01 (Staff group) is none of “Nurse or midwife” (nurse)"},
		{"R04 >= 10", "R04 (Years qualified) is at least 10"},
		{"S04 > 20.5", "S04 (Research hours a week) is more than 20.5"},
		{"'pi' in S02 or 'ci' in S02", "“Principal investigator” (pi) is chosen at S02 (Research roles) or “Chief investigator” (ci) is chosen at S02 (Research roles)"},
		{"'none' not in M01", "“None of these” (none) is not chosen at M01 (Motivators)"},
		{"active", "Research active (active) is yes"},
		{"not active", "Research active (active) is no"},
		{"staff_group == 'clinical'", "Staff group (staff_group) is “Clinical” (clinical)"},
		{"S03 in ['two_to_five', 'six_plus'] and senior", "S03 (Studies led) is one of “Two to five” (two_to_five), “Six or more” (six_plus) and Senior (senior) is yes"},
		{"(R01 == 'doctor' or R01 == 'nurse') and answered(R04)", "(R01 (Staff group) is “Doctor” (doctor) or R01 (Staff group) is “Nurse or midwife” (nurse)) and R04 (Years qualified) is answered"},
		{"not (R04 < 3)", "not (R04 (Years qualified) is less than 3)"},
		{"len(M01) <= 2", "the number of options chosen at M01 (Motivators) is at most 2"},
		{"R01 == 'nosuch'", `R01 (Staff group) is "nosuch"`},
		{"R01 ==", "R01 =="},
	} {
		if got := q.InWords(tc.cond); got != tc.want {
			t.Errorf("InWords(%q)\n got %s\nwant %s", tc.cond, got, tc.want)
		}
	}
	for id, want := range map[string]string{
		"R01":  "",
		"S03":  "R01 (Staff group) is not “Administrative or managerial” (admin) and (“Principal investigator” (pi) is chosen at S02 (Research roles) or “Chief investigator” (ci) is chosen at S02 (Research roles))",
		"G01d": "Research active (active) is yes",
		"M02":  "“None of these” (none) is not chosen at M01 (Motivators) and “Don't know” (dont_know) is not chosen at M01 (Motivators) and something that can be offered here was chosen at M01 (Motivators)",
	} {
		if got := q.ShownWhen(id); got != want {
			t.Errorf("ShownWhen(%s)\n got %s\nwant %s", id, got, want)
		}
	}
}
