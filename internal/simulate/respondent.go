package simulate

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/survey"
)

// Respondent answers one response page by page, as a browser would: it
// sends every item a page shows (re-sending saved answers and picking new
// ones), and when an answer reveals more items on the same page it answers
// the page again.
type Respondent struct {
	Flow   *respond.Service
	Picker *Picker
	Level  string // the trust's activity level, for the profile
}

// Result is what one respondent did.
type Result struct {
	ResponseID string
	Submitted  bool
	Pages      int // pages saved and left
}

// ErrRejected means the flow refused a simulated answer: a bug in the
// picker or the flow, never expected.
var ErrRejected = errors.New("simulated answers rejected")

// Run starts a response at a review link and answers it. With stopAfter
// < 0 it answers every page and submits; otherwise it leaves after saving
// stopAfter pages and does not submit, leaving a partial response.
func (r *Respondent) Run(ctx context.Context, link, lang string, stopAfter int) (Result, error) {
	st, _, err := r.Flow.Start(ctx, link, lang, false)
	if err != nil {
		return Result{}, err
	}
	res := Result{ResponseID: st.Response.ID}
	section := st.Resume()
	for step := 0; section != respond.SectionCheck; step++ {
		if stopAfter >= 0 && res.Pages >= stopAfter {
			return res, nil
		}
		if step > 4*len(st.Q.Sections) {
			return res, fmt.Errorf("response %s: stuck on section %s", res.ResponseID, section)
		}
		next, err := r.answerPage(ctx, st, section, step)
		if err != nil {
			return res, err
		}
		if next != section {
			res.Pages++
		}
		section = next
		if st, err = r.Flow.State(ctx, res.ResponseID); err != nil {
			return res, err
		}
	}
	if stopAfter >= 0 {
		return res, nil
	}
	return res, r.submit(ctx, &res)
}

// answerPage saves one page and returns the section to show next.
func (r *Respondent) answerPage(ctx context.Context, st respond.State, section string, step int) (string, error) {
	page, err := st.Page(section)
	if err != nil {
		return "", fmt.Errorf("response %s: %w", st.Response.ID, err)
	}
	in := r.PageInput(st, page)
	in.Key = st.Response.ID + "-" + strconv.Itoa(step)
	out, err := r.Flow.Save(ctx, st.Response.ID, section, in)
	if err != nil {
		return "", err
	}
	if !out.Saved() {
		return "", fmt.Errorf("response %s page %s: %w: %v", st.Response.ID, section, ErrRejected, out.Errors)
	}
	return out.Next, nil
}

// PageInput is what the respondent sends for a page: the saved answer of
// each shown item that has one, a picked answer for the others, and the
// shown item ids.
func (r *Respondent) PageInput(st respond.State, page respond.Page) respond.Input {
	in := respond.Input{Values: map[string][]string{}, Other: map[string]string{}, Shown: page.IDs()}
	who := map[string]string{survey.DimensionTrustActivity: r.Level}
	for k, v := range st.Vis.Derived {
		who[k] = v
	}
	r.Picker.SetRespondent(who)
	for _, pi := range page.Items {
		for _, it := range pi.Shown {
			var v Values
			if a, ok := st.Answers[it.ID]; ok && !a.Empty() {
				v = ValuesOf(a)
			} else {
				v = r.Picker.Answer(it)
			}
			in.Values[it.ID] = v.Values
			if v.Other != "" {
				in.Other[it.ID] = v.Other
			}
		}
	}
	return in
}

// ValuesOf is a saved answer as a respondent would send it again.
func ValuesOf(a survey.Answer) Values {
	if len(a.Codes) > 0 {
		return Values{Values: a.Codes, Other: a.Other}
	}
	return Values{Values: []string{a.Text}, Other: a.Other}
}

func (r *Respondent) submit(ctx context.Context, res *Result) error {
	out, err := r.Flow.Submit(ctx, res.ResponseID, res.ResponseID+"-submit")
	if err != nil {
		return err
	}
	if !out.Saved() {
		return fmt.Errorf("response %s submit: %w: %v", res.ResponseID, ErrRejected, out.Errors)
	}
	res.Submitted = true
	return nil
}

// Config is a simulated crowd of respondents to one review.
type Config struct {
	Flow      *respond.Service
	Links     []string // the review's link keys; each respondent picks one
	Languages []string // languages to answer in (empty: the default)
	Responses int
	Seed      uint64
	StopRate  float64 // share of respondents who leave before submitting
	Habits    Habits
	// Profile, when set, answers by its rules and weighs the links by
	// Levels (each link's trust activity level).
	Profile *Profile
	Levels  []string
	// Sections is the number of sections of the review's questionnaire:
	// a respondent who stops leaves after 0 to Sections-1 pages.
	Sections int
}

// Summary counts what a crowd did.
type Summary struct {
	Created, Submitted, Partial int
	Results                     []Result
}

// Crowd runs cfg.Responses respondents one after another. Respondent i
// draws from its own generator seeded with (Seed, i), so the answers of a
// given seed are always the same.
func Crowd(ctx context.Context, cfg Config) (Summary, error) {
	if len(cfg.Links) == 0 {
		return Summary{}, errors.New("simulate: the review has no links")
	}
	var sum Summary
	for i := range cfg.Responses {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		res, err := one(ctx, cfg, rand.New(rand.NewPCG(cfg.Seed, uint64(i))))
		if res.ResponseID != "" {
			sum.Created++
			sum.Results = append(sum.Results, res)
			if res.Submitted {
				sum.Submitted++
			} else {
				sum.Partial++
			}
		}
		if err != nil {
			return sum, fmt.Errorf("respondent %d: %w", i+1, err)
		}
	}
	return sum, nil
}

func one(ctx context.Context, cfg Config, rng *rand.Rand) (Result, error) {
	li := pickLink(cfg, rng)
	link := cfg.Links[li]
	lang := ""
	if len(cfg.Languages) > 0 {
		lang = cfg.Languages[rng.IntN(len(cfg.Languages))]
	}
	stopAfter := -1
	if cfg.StopRate > 0 && rng.Float64() < cfg.StopRate {
		stopAfter = rng.IntN(max(cfg.Sections, 1))
	}
	r := &Respondent{Flow: cfg.Flow, Picker: NewPicker(rng, cfg.Habits).WithProfile(cfg.Profile)}
	if li < len(cfg.Levels) {
		r.Level = cfg.Levels[li]
	}
	return r.Run(ctx, link, lang, stopAfter)
}

// pickLink picks a link uniformly, or with a profile by its trust weights.
func pickLink(cfg Config, rng *rand.Rand) int {
	if cfg.Profile == nil || len(cfg.Levels) != len(cfg.Links) {
		return rng.IntN(len(cfg.Links))
	}
	total := 0.0
	weights := make([]float64, len(cfg.Links))
	for i, lvl := range cfg.Levels {
		weights[i] = 1
		if w, ok := cfg.Profile.TrustWeights[lvl]; ok {
			weights[i] = w
		}
		total += weights[i]
	}
	x := rng.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}
