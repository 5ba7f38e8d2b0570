package server

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/researchpulse/pulse/web"
)

// routes is the whole URL surface in one place.
func (s *Server) routes() {
	e := s.e
	e.GET("/healthz", s.handleHealthz)
	e.GET("/readyz", s.handleReadyz)
	e.StaticFS("/static", echo.MustSubFS(web.FS, "static"))

	pages := e.Group("", s.csrf())
	pages.GET("/", s.handleHome)
	pages.GET("/r/:key", s.handleIntro)
	pages.POST("/r/:key/start", s.handleStart, s.limitStarts)
	pages.GET("/r/:key/p/:section", s.handlePage)
	pages.POST("/r/:key/p/:section", s.handlePageSave)
	pages.POST("/r/:key/p/:section/language", s.handlePageLanguage)
	pages.POST("/r/:key/p/:section/reveal", s.handleReveal)
	pages.GET("/r/:key/saved", s.handleSaved)
	pages.GET("/r/:key/check", s.handleCheck)
	pages.POST("/r/:key/submit", s.handleSubmit)
	pages.GET("/r/:key/done", s.handleDone)
	pages.POST("/r/:key/language", s.handleLanguage)
	pages.GET("/resume", s.handleResumeForm)
	pages.POST("/resume", s.handleResumeCode, s.limitResume)
	pages.GET("/resume/:code", s.handleResumeLink, s.limitResume)

	api := e.Group("/api/v1")
	api.GET("/openapi.json", s.handleOpenAPI)
	api.GET("/reviews/:key", s.handleAPIReview)
	api.POST("/reviews/:key/responses", s.handleAPIStart, s.limitStarts)
	api.POST("/resume", s.handleAPIResume, s.limitResume)
	api.GET("/responses/:id", s.handleAPIResponse, s.apiAuth)
	api.GET("/responses/:id/pages/:section", s.handleAPIPage, s.apiAuth)
	api.PUT("/responses/:id/pages/:section", s.handleAPISave, s.apiAuth)
	api.GET("/responses/:id/check", s.handleAPICheck, s.apiAuth)
	api.POST("/responses/:id/submit", s.handleAPISubmit, s.apiAuth)
	api.PUT("/responses/:id/language", s.handleAPILanguage, s.apiAuth)

	s.registerAdmin() // admin_routes.go
}

// csrfCookieLife is how long the CSRF token cookie lasts after the last
// page a browser loaded, in seconds (30 days).
const csrfCookieLife = 30 * 24 * 60 * 60

// csrf protects every state-changing page form: browsers' Sec-Fetch-Site
// is checked first, with a token in a cookie and a hidden field as the
// fallback. The JSON API uses no cookies, so it needs no CSRF defence.
func (s *Server) csrf() echo.MiddlewareFunc {
	return middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup:    "form:csrf",
		ContextKey:     "csrf",
		CookieName:     "pulse_csrf",
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSecure:   s.cfg.SecureCookies,
		CookieSameSite: http.SameSiteLaxMode,
		// The token must outlive a page left open for a weekend, or the
		// answers on it are lost when it is finally sent.
		CookieMaxAge: csrfCookieLife,
		// A missing token is as forbidden as a wrong one (Echo's default
		// answers 400 for a missing form field).
		ErrorHandler: func(error, echo.Context) error { return echo.NewHTTPError(http.StatusForbidden) },
	})
}
