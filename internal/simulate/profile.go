package simulate

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/researchpulse/pulse/internal/survey"
)

// Profile describes the respondents of a simulated review: how many stop
// before submitting, how they spread over more and less research-active
// trusts, and how likely each answer is, by who they are (role group,
// research activity, trust activity level or any other derived
// variable). Items it says nothing about are answered uniformly at random.
type Profile struct {
	// Questionnaire is the id of the questionnaire the profile is written
	// for; its answer rules name that questionnaire's items and options.
	Questionnaire string `yaml:"questionnaire"`
	// StopRate is the share of respondents who leave before submitting.
	StopRate *float64 `yaml:"stop_rate"`
	// TrustWeights weighs the review's trusts by activity level ("more",
	// "less"); a level not listed weighs 1.
	TrustWeights map[string]float64 `yaml:"trust_weights"`
	// Answers are applied in order; for an item, every rule whose when
	// matches the respondent is merged, a later rule overriding an
	// earlier one option by option.
	Answers []AnswerRule `yaml:"answers"`
}

// AnswerRule sets the chances of the answers to one item for respondents
// matching When (derived variable or trust_activity → value; empty:
// everyone).
type AnswerRule struct {
	Item string            `yaml:"item"`
	When map[string]string `yaml:"when"`
	// Weights are relative chances of the options of a single choice or
	// scale item; options not listed are never chosen.
	Weights map[string]float64 `yaml:"weights"`
	// Chances are per-option chances of being chosen at a multiple choice
	// item, each drawn independently; options not listed have
	// DefaultChance (0 if unset). When nothing is chosen the item's
	// exclusive option ("None of these") is.
	Chances       map[string]float64 `yaml:"chances"`
	DefaultChance *float64           `yaml:"default_chance"`
}

//go:embed profiles/default.yaml
var defaultProfile []byte

// DefaultProfile is the embedded profile of respondents to the bundled
// research-engagement questionnaire, set to reproduce the splits the
// "Creating time for research" report published.
func DefaultProfile() *Profile {
	p, err := ParseProfile(defaultProfile)
	if err != nil {
		panic(fmt.Sprintf("embedded profile: %v", err))
	}
	return p
}

// ParseProfile reads a profile; unknown keys are errors.
func ParseProfile(data []byte) (*Profile, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var p Profile
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	if p.StopRate != nil && (*p.StopRate < 0 || *p.StopRate > 1) {
		return nil, fmt.Errorf("profile: stop_rate %v not in 0..1", *p.StopRate)
	}
	return &p, nil
}

// Check reports rules that name items or options the questionnaire does
// not have, or chances that do not fit the item's type.
func (p *Profile) Check(q *survey.Questionnaire) error {
	if p.Questionnaire != "" && p.Questionnaire != q.ID {
		return fmt.Errorf("profile is for questionnaire %q, not %q", p.Questionnaire, q.ID)
	}
	for i, r := range p.Answers {
		it, ok := q.Item(r.Item)
		if !ok {
			return fmt.Errorf("profile answers[%d]: unknown item %q", i, r.Item)
		}
		if len(r.Weights) > 0 && it.Type != survey.TypeSingle && it.Type != survey.TypeScale {
			return fmt.Errorf("profile answers[%d]: weights are for single choice and scale items, %s is %s", i, r.Item, it.Type)
		}
		if (len(r.Chances) > 0 || r.DefaultChance != nil) && it.Type != survey.TypeMultiple {
			return fmt.Errorf("profile answers[%d]: chances are for multiple choice items, %s is %s", i, r.Item, it.Type)
		}
		for _, m := range []map[string]float64{r.Weights, r.Chances} {
			for code := range m {
				if _, ok := it.Option(code); !ok {
					return fmt.Errorf("profile answers[%d]: %s has no option %q", i, r.Item, code)
				}
			}
		}
	}
	return nil
}

// matches reports whether a respondent (derived values and trust level)
// fits the rule.
func (r AnswerRule) matches(who map[string]string) bool {
	for k, v := range r.When {
		if who[k] != v {
			return false
		}
	}
	return true
}

// plan is the merged rules for one item and respondent.
type plan struct {
	weights, chances map[string]float64
	defaultChance    float64
	set              bool
}

func (p *Profile) plan(item string, who map[string]string) plan {
	out := plan{weights: map[string]float64{}, chances: map[string]float64{}}
	for _, r := range p.Answers {
		if r.Item != item || !r.matches(who) {
			continue
		}
		out.set = true
		for k, v := range r.Weights {
			out.weights[k] = v
		}
		for k, v := range r.Chances {
			out.chances[k] = v
		}
		if r.DefaultChance != nil {
			out.defaultChance = *r.DefaultChance
		}
	}
	return out
}

// profiled picks an answer by the profile, or reports false when the
// profile says nothing about the item for this respondent.
func (p *Picker) profiled(it *survey.Item) ([]string, bool) {
	if p.profile == nil {
		return nil, false
	}
	pl := p.profile.plan(it.ID, p.who)
	if !pl.set {
		return nil, false
	}
	switch it.Type {
	case survey.TypeSingle, survey.TypeScale:
		if len(pl.weights) == 0 {
			return nil, false
		}
		return []string{p.weighted(it.Options, pl.weights)}, true
	case survey.TypeMultiple:
		return p.chosen(it, pl), true
	}
	return nil, false
}

// weighted picks one option with chance proportional to its weight, in the
// item's option order.
func (p *Picker) weighted(opts []survey.Option, w map[string]float64) string {
	total := 0.0
	for _, o := range opts {
		total += w[o.Code]
	}
	x := p.rng.Float64() * total
	for _, o := range opts {
		if x < w[o.Code] {
			return o.Code
		}
		x -= w[o.Code]
	}
	return opts[len(opts)-1].Code
}

// chosen draws each non-exclusive option with its chance, keeps at most
// max_choices of them (a random selection), and falls back to the
// exclusive option when nothing was drawn.
func (p *Picker) chosen(it *survey.Item, pl plan) []string {
	var out []string
	exclusive := ""
	for _, o := range it.Options {
		if o.Exclusive {
			if exclusive == "" && !o.Missing {
				exclusive = o.Code
			}
			continue
		}
		c, ok := pl.chances[o.Code]
		if !ok {
			c = pl.defaultChance
		}
		if p.rng.Float64() < c {
			out = append(out, o.Code)
		}
	}
	if it.MaxChoices > 0 && len(out) > it.MaxChoices {
		keep := p.rng.Perm(len(out))[:it.MaxChoices]
		slices.Sort(keep)
		var kept []string
		for _, i := range keep {
			kept = append(kept, out[i])
		}
		out = kept
	}
	if len(out) == 0 {
		if exclusive == "" {
			return p.multiple(it)
		}
		out = []string{exclusive}
	}
	return out
}
