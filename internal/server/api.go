package server

import (
	_ "embed"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/respond"
	"github.com/researchpulse/pulse/internal/store"
)

// The JSON API is the respondent flow for other clients (a mobile app, a
// kiosk): thin handlers over package respond, which the HTML pages use too,
// so branching and validation are the same everywhere. Its contract is
// openapi.json; every route here is documented there (a test checks).

//go:embed openapi.json
var openAPISpec []byte

func (s *Server) handleOpenAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openAPISpec)
}

// handleAPIReview describes a review link: a closed or not yet open review
// is still described, with accepting_answers false.
func (s *Server) handleAPIReview(c echo.Context) error {
	e, err := s.cfg.Flow.Entry(c.Request().Context(), c.Param("key"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, newAPIReview(e, s.cfg.Flow.Now()))
}

// handleAPIStart starts a response. The resume code is in this answer only.
func (s *Server) handleAPIStart(c echo.Context) error {
	var req apiStartRequest
	if err := decodeJSON(c, &req, true); err != nil {
		return err
	}
	ctx, key := c.Request().Context(), c.Param("key")
	e, err := s.cfg.Flow.Entry(ctx, key)
	if err != nil {
		return err
	}
	if err := e.Accepting(s.cfg.Flow.Now()); err != nil {
		return err
	}
	if req.Language != "" && !e.Q.HasLanguage(req.Language) {
		return unsupportedLanguage()
	}
	st, code, err := s.cfg.Flow.Start(ctx, key, req.Language, req.Test)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/responses/"+st.Response.ID)
	return c.JSON(http.StatusCreated, apiStarted{
		ResponseID: st.Response.ID, ResumeCode: respond.FormatCode(code), Status: st.Response.Status,
		Language: st.Lang(), Page: pageOf(st, st.Resume()),
	})
}

func unsupportedLanguage() *apiProblem {
	return problem(http.StatusBadRequest, "unsupported_language", "The questionnaire is not available in that language.")
}

// handleAPIResume finds a response by its resume code. A submitted
// response is found (with no page); one whose review has closed is 410.
func (s *Server) handleAPIResume(c echo.Context) error {
	var req apiResumeRequest
	if err := decodeJSON(c, &req, false); err != nil {
		return err
	}
	st, err := s.cfg.Flow.Resume(c.Request().Context(), req.Code)
	if errors.Is(err, respond.ErrBadResumeCode) {
		s.limit.fail(c.RealIP())
	}
	if st.Q == nil || (err != nil && !errors.Is(err, store.ErrSubmitted)) {
		return err
	}
	c.Set(langKey, st.Lang())
	out := apiResumed{ResponseID: st.Response.ID, Status: st.Response.Status, Language: st.Lang(), Section: currentSection(st)}
	if !st.Submitted() {
		out.Page = pageOf(st, out.Section)
	}
	return c.JSON(http.StatusOK, out)
}

// apiState is the response apiAuth loaded, and why it may not take
// answers (submitted, review closed or not open), if so.
func apiState(c echo.Context) (respond.State, error) {
	st, _ := c.Get(stateKey).(respond.State)
	err, _ := c.Get(stateErrKey).(error)
	c.Set(langKey, st.Lang())
	return st, err
}

// handleAPIResponse says where a response stands. Once it is submitted,
// or its review has closed, its progress is null: the code no longer
// opens anything about the answers.
func (s *Server) handleAPIResponse(c echo.Context) error {
	st, stErr := apiState(c)
	return c.JSON(http.StatusOK, newAPIResponse(st, stErr == nil))
}

// handleAPILanguage switches the language pages are shown in.
func (s *Server) handleAPILanguage(c echo.Context) error {
	st, stErr := apiState(c)
	if stErr != nil {
		return stErr
	}
	var req apiLanguageRequest
	if err := decodeJSON(c, &req, false); err != nil {
		return err
	}
	if !st.Q.HasLanguage(req.Language) {
		return unsupportedLanguage()
	}
	if err := s.cfg.Flow.SetLanguage(c.Request().Context(), st, req.Language); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
