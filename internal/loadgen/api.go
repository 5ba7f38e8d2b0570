package loadgen

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/researchpulse/pulse/internal/simulate"
	"github.com/researchpulse/pulse/internal/survey"
)

// apiClient is a respondent using the JSON API: start, save each page the
// server returns with answers built only from the API's description of
// its items, then submit.
type apiClient struct {
	base   string
	rec    *recorder
	picker *simulate.Picker
	pause  func(context.Context) bool
	http   *conn
	code   string
	id     string
	// kept are the answers given on the current page: when the page comes
	// back with follow-ups added, they are given again, as a person would.
	kept    map[string]simulate.Values
	keptFor string
}

type apiPage struct {
	Section struct {
		ID string `json:"id"`
	} `json:"section"`
	Items []apiItem `json:"items"`
}

type apiItem struct {
	ID         string   `json:"id"`
	Type       string   `json:"type"`
	Optional   bool     `json:"optional"`
	Min        *float64 `json:"min"`
	Max        *float64 `json:"max"`
	Decimals   bool     `json:"decimals"`
	MaxLength  int      `json:"max_length"`
	MaxChoices int      `json:"max_choices"`
	OtherMax   int      `json:"other_max_length"`
	Options    []struct {
		Code      string `json:"code"`
		Exclusive bool   `json:"exclusive"`
		Other     bool   `json:"other"`
	} `json:"options"`
}

func (c *apiClient) run(ctx context.Context, link string) {
	var started struct {
		ResponseID string   `json:"response_id"`
		ResumeCode string   `json:"resume_code"`
		Page       *apiPage `json:"page"`
	}
	if !c.do(ctx, http.MethodPost, "/api/v1/reviews/"+link+"/responses", "", nil, http.StatusCreated, &started, c.rec.startTime) {
		return
	}
	c.rec.start()
	c.code, c.id = started.ResumeCode, started.ResponseID
	c.rec.code(c.code)
	page := started.Page
	for step := 0; page != nil && step < 60 && ctx.Err() == nil; step++ {
		// Each page is fetched before it is answered, as a client that
		// keeps nothing between pages would: this is the API's page render.
		var fresh apiPage
		if !c.do(ctx, http.MethodGet, "/api/v1/responses/"+c.id+"/pages/"+page.Section.ID, "", nil, http.StatusOK, &fresh, c.rec.apiPage) {
			return
		}
		if !c.pause(ctx) {
			return
		}
		next, ok := c.save(ctx, &fresh)
		if !ok {
			return
		}
		page = next
	}
	if ctx.Err() == nil && page == nil && c.pause(ctx) {
		c.submit(ctx)
	}
}

// save answers a page and returns the next page (nil at the check page).
func (c *apiClient) save(ctx context.Context, page *apiPage) (*apiPage, bool) {
	values, other := map[string][]string{}, map[string]string{}
	body := map[string]any{}
	if c.keptFor != page.Section.ID {
		c.kept, c.keptFor = map[string]simulate.Values{}, page.Section.ID
	}
	for _, it := range page.Items {
		v, ok := c.kept[it.ID]
		if !ok {
			v = c.picker.Answer(it.item())
			c.kept[it.ID] = v
		}
		if len(v.Values) == 0 {
			continue
		}
		values[it.ID] = v.Values
		body[it.ID] = jsonValue(it.Type, v.Values)
		if v.Other != "" {
			other[it.ID] = v.Other
		}
	}
	key := newKey()
	var out struct {
		Next string   `json:"next"`
		Page *apiPage `json:"page"`
	}
	ok := c.do(ctx, http.MethodPut, "/api/v1/responses/"+c.id+"/pages/"+page.Section.ID, key,
		map[string]any{"answers": body, "other": other}, http.StatusOK, &out, c.rec.saveTime)
	if !ok {
		return nil, false
	}
	c.rec.ack(Ack{Key: key, Response: c.id, Section: page.Section.ID, Answers: values, Other: other})
	if out.Next == "_check" {
		return nil, true
	}
	return out.Page, out.Page != nil
}

func (c *apiClient) submit(ctx context.Context) {
	key := newKey()
	if c.do(ctx, http.MethodPost, "/api/v1/responses/"+c.id+"/submit", key, map[string]any{}, http.StatusOK, nil, c.rec.saveTime) {
		c.rec.ack(Ack{Key: key, Response: c.id})
	}
}

// do sends a request, records its time with note, and decodes the body
// into out when the status is want; any other status is recorded as an
// error.
func (c *apiClient) do(ctx context.Context, method, path, key string, body any, want int, out any, note func(time.Duration)) bool {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return false
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	if c.code != "" {
		req.Header.Set("Authorization", "Bearer "+c.code)
	}
	res, d, err := timed(c.rec, c.http, req)
	if err != nil {
		return false
	}
	defer res.Body.Close()
	note(d)
	if res.StatusCode != want {
		io.Copy(io.Discard, res.Body)
		c.rec.fail(fmt.Sprintf("API %s %d", method, res.StatusCode))
		return false
	}
	if out == nil {
		io.Copy(io.Discard, res.Body)
		return true
	}
	return json.NewDecoder(res.Body).Decode(out) == nil
}

// item is the survey item the API describes, enough for the picker.
func (a apiItem) item() *survey.Item {
	it := &survey.Item{ID: a.ID, Type: a.Type, Optional: a.Optional, MaxChoices: a.MaxChoices, Min: a.Min, Max: a.Max,
		Decimals: a.Decimals, MaxLength: a.MaxLength, OtherLength: a.OtherMax}
	for _, o := range a.Options {
		it.Options = append(it.Options, survey.Option{Code: o.Code, Exclusive: o.Exclusive, Other: o.Other})
	}
	return it
}

// jsonValue is how a client sends values: an array for multiple choice, a
// number for a number, else a string.
func jsonValue(typ string, values []string) any {
	switch typ {
	case survey.TypeMultiple:
		return values
	case survey.TypeNumber:
		f, _ := strconv.ParseFloat(values[0], 64)
		return f
	}
	return values[0]
}

func newKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
