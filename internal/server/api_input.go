package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/survey"
)

// apiProblem is an API error whose status, code and message the handler
// decided: a malformed request, or answers that need correcting. The error
// handler renders it like every other error.
type apiProblem struct {
	status  int
	code    string
	message string
	fields  []apiFieldError
	items   []apiItem
	clear   []apiWouldClear
}

func (p *apiProblem) Error() string { return fmt.Sprintf("%d %s: %s", p.status, p.code, p.message) }

func problem(status int, code, message string) *apiProblem {
	return &apiProblem{status: status, code: code, message: message}
}

// apiErrorOf is the JSON body of an API error with the given message key.
func (s *Server) apiErrorOf(err error, key, lang string) apiError {
	var p *apiProblem
	if errors.As(err, &p) {
		return apiError{Error: apiErrorBody{Code: p.code, Message: p.message, Fields: p.fields, Items: p.items, WouldClear: p.clear}}
	}
	return apiError{Error: apiErrorBody{Code: strings.TrimPrefix(key, "error."), Message: s.text.T(lang, key)}}
}

// codeInvalidValue is the answer error of a JSON value that is no answer
// at all (true, or an object).
const codeInvalidValue = "invalid_value"

// invalidAnswers is the 422 for answer errors. Each field's message is
// worded as on the HTML pages (catalogue keys answer.*), in the response's
// language. The
// definitions of the items named are included, so a client can ask for an
// item that an answer on the same page has just revealed.
func (s *Server) invalidAnswers(st respond.State, code string, errs []survey.AnswerError) *apiProblem {
	lang := st.Lang()
	p := problem(http.StatusUnprocessableEntity, code, s.textOr(lang, "error."+code, "Some answers need to be corrected."))
	seen := map[string]bool{}
	for _, e := range errs {
		it, ok := st.Q.Item(e.ItemID)
		msg := s.answerMessage(lang, it, e)
		if e.Code == codeInvalidValue {
			msg = s.text.T(lang, "answer.invalid")
		}
		p.fields = append(p.fields, apiFieldError{Item: e.ItemID, Code: e.Code, Message: msg})
		if ok && !seen[e.ItemID] {
			seen[e.ItemID] = true
			question := it.Question
			if it.Grid != nil {
				question = it.Grid.Question
			}
			p.items = append(p.items, newAPIItem(it, st.Q.Offered(it, st.Answers), question, st.Answers, lang))
		}
	}
	return p
}

// confirmClear is the 409 of a save that would clear saved answers: it
// lists them, and the same save with confirm_clear clears them.
func (s *Server) confirmClear(st respond.State, cleared []survey.Cleared) *apiProblem {
	lang := st.Lang()
	p := problem(http.StatusConflict, "confirm_clear", s.text.T(lang, "error.confirm_clear"))
	for _, c := range cleared {
		q := ""
		if it, ok := st.Q.Item(c.ItemID); ok {
			q = it.Question.In(lang)
		}
		p.clear = append(p.clear, apiWouldClear{Item: c.ItemID, Question: q, Cause: c.Cause})
	}
	return p
}

// textOr is the catalogue's text for key, or fallback while the
// catalogue lacks the key.
func (s *Server) textOr(lang, key, fallback string) string {
	if t := s.text.T(lang, key); t != key {
		return t
	}
	return fallback
}

// maxKeyLength bounds an idempotency key; a UUID is 36 characters.
const maxKeyLength = 128

// idempotencyKey reads the Idempotency-Key header every state-changing
// API call needs, so a retried request is never applied twice.
func idempotencyKey(c echo.Context) (string, error) {
	key := strings.TrimSpace(c.Request().Header.Get("Idempotency-Key"))
	if key == "" {
		return "", problem(http.StatusBadRequest, "missing_idempotency_key", "The Idempotency-Key header is required: send a new random value for each change, and the same value when retrying it.")
	}
	if len(key) > maxKeyLength || strings.IndexFunc(key, func(r rune) bool { return r < '!' || r > '~' }) >= 0 {
		return "", problem(http.StatusBadRequest, "invalid_idempotency_key", fmt.Sprintf("The Idempotency-Key header must be 1 to %d visible ASCII characters.", maxKeyLength))
	}
	return key, nil
}

// decodeJSON reads a JSON request body into dst: application/json only
// (415), one object with no unknown fields (400). The global body limit
// turns an oversized body into 413. An empty body is allowed when
// optional is set, leaving dst as it is.
func decodeJSON(c echo.Context, dst any, optional bool) error {
	req := c.Request()
	body, err := io.ReadAll(req.Body)
	if err != nil {
		var he *echo.HTTPError
		if errors.As(err, &he) {
			return he
		}
		return problem(http.StatusBadRequest, "unreadable_body", "The request body could not be read.")
	}
	if optional && len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if !utf8.Valid(body) {
		// encoding/json would quietly turn the bad bytes into U+FFFD.
		return problem(http.StatusBadRequest, "invalid_text", "The body must be valid UTF-8.")
	}
	if mt, _, err := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType)); err != nil || mt != echo.MIMEApplicationJSON {
		return problem(http.StatusUnsupportedMediaType, "unsupported_media_type", "Send the body as application/json.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonProblem(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return problem(http.StatusBadRequest, "invalid_json", "The body must hold exactly one JSON object.")
	}
	return nil
}

// jsonProblem explains a decoding error without echoing the body.
func jsonProblem(err error) *apiProblem {
	var typeErr *json.UnmarshalTypeError
	switch {
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return problem(http.StatusBadRequest, "unknown_field", "The body has a field this API does not know: "+strings.TrimPrefix(err.Error(), "json: unknown field ")+".")
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return problem(http.StatusBadRequest, "invalid_json", fmt.Sprintf("The field %q has the wrong type (want %s).", typeErr.Field, typeErr.Type))
	case errors.Is(err, io.EOF):
		return problem(http.StatusBadRequest, "invalid_json", "The body is empty; send a JSON object.")
	}
	return problem(http.StatusBadRequest, "invalid_json", "The body is not a valid JSON object.")
}

// answerValues turns each JSON answer into the text values the flow
// parses, as a form field's values would be: a string is one value, a
// number its shortest decimal text, an array of strings and numbers its
// elements, null no value. Any other JSON value is an invalid_value error.
func answerValues(answers map[string]json.RawMessage) (map[string][]string, []survey.AnswerError) {
	values := make(map[string][]string, len(answers))
	var errs []survey.AnswerError
	for id, raw := range answers {
		v, ok := jsonValues(raw)
		if !ok {
			errs = append(errs, survey.AnswerError{ItemID: id, Code: codeInvalidValue})
			continue
		}
		values[id] = v
	}
	sort.Slice(errs, func(i, j int) bool { return errs[i].ItemID < errs[j].ItemID })
	return values, errs
}

func jsonValues(raw json.RawMessage) ([]string, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	if list, ok := v.([]any); ok {
		out := make([]string, 0, len(list))
		for _, e := range list {
			s, ok := scalarText(e)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	if v == nil {
		return []string{}, true
	}
	s, ok := scalarText(v)
	if !ok {
		return nil, false
	}
	return []string{s}, true
}

// scalarText is the text of a JSON string or number. A number too large
// for a float64 keeps its literal, which the item then rejects as not a
// number.
func scalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		f, err := strconv.ParseFloat(x.String(), 64)
		if err != nil {
			return x.String(), true
		}
		return strconv.FormatFloat(f, 'f', -1, 64), true
	}
	return "", false
}
