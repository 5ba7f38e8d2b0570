package server

import (
	"github.com/labstack/echo/v4"
)

// adminRoute is one route of the administrative side with who may use it.
// Every such route is registered from adminRoutes, so none exists without
// a policy; the authorisation matrix test is generated from this table.
type adminRoute struct {
	method, path string
	handler      echo.HandlerFunc
	policy       policy
	// oneTimeOK lets an account that still has its one-time password use
	// the route (to change it, or to sign out).
	oneTimeOK bool
}

func (s *Server) adminRoutes() []adminRoute {
	return []adminRoute{
		{"GET", "/admin/sign-in", s.handleSignInForm, policyPublic, false},
		{"POST", "/admin/sign-in", s.handleSignIn, policyPublic, false},
		{"POST", "/admin/sign-out", s.handleSignOut, policySignedIn, true},
		{"GET", "/admin/password", s.handlePasswordForm, policySignedIn, true},
		{"POST", "/admin/password", s.handlePassword, policySignedIn, true},
		{"GET", "/admin", s.handleAdminHome, policySignedIn, false},

		{"GET", "/admin/reviews/new", s.handleReviewForm, policyOffice, false},
		{"POST", "/admin/reviews", s.handleReviewCreate, policyOffice, false},
		{"GET", "/admin/reviews/:id", s.handleReview, policyReviewRead, false},
		{"GET", "/admin/reviews/:id/dashboard", s.handleDashboardFragment, policyReviewRead, false},
		{"GET", "/admin/reviews/:id/preview", s.handlePreview, policyReviewRead, false},
		{"GET", "/admin/reviews/:id/download", s.handleDownload, policyReviewRead, false},
		{"POST", "/admin/reviews/:id/try", s.handleTry, policyReviewManage, false},
		{"POST", "/admin/reviews/:id/open", s.handleReviewOpen, policyReviewManage, false},
		{"POST", "/admin/reviews/:id/close", s.handleReviewClose, policyReviewManage, false},
		{"GET", "/admin/reviews/:id/links/:trust/qr.png", s.handleQRPNG, policyReviewManage, false},
		{"GET", "/admin/reviews/:id/links/:trust/qr.svg", s.handleQRSVG, policyReviewManage, false},
		{"GET", "/admin/reviews/:id/next-wave", s.handleWaveForm, policyReviewManage, false},
		{"POST", "/admin/reviews/:id/next-wave", s.handleWave, policyReviewManage, false},
		{"GET", "/admin/reviews/:id/access", s.handleAccess, policyReviewManage, false},
		{"POST", "/admin/reviews/:id/access", s.handleGrant, policyReviewManage, false},
		{"POST", "/admin/reviews/:id/access/:user/revoke", s.handleRevoke, policyReviewManage, false},

		{"GET", "/admin/trusts", s.handleTrusts, policyOffice, false},
		{"GET", "/admin/trusts/new", s.handleTrustNewForm, policyPlatform, false},
		{"POST", "/admin/trusts", s.handleTrustCreate, policyPlatform, false},
		{"GET", "/admin/trusts/import", s.handleImportForm, policyPlatform, false},
		{"POST", "/admin/trusts/import", s.handleImport, policyPlatform, false},
		{"GET", "/admin/trusts/:id", s.handleTrustForm, policyTrust, false},
		{"POST", "/admin/trusts/:id", s.handleTrustUpdate, policyTrust, false},

		{"GET", "/admin/users", s.handleUsers, policyPlatform, false},
		{"GET", "/admin/users/new", s.handleUserForm, policyPlatform, false},
		{"POST", "/admin/users", s.handleUserCreate, policyPlatform, false},
		{"POST", "/admin/users/:user/reset", s.handleReset, policyPlatform, false},
		{"GET", "/admin/audit", s.handleAudit, policyPlatform, false},
		{"GET", "/admin/audit.csv", s.handleAuditCSV, policyPlatform, false},

		{"GET", "/api/v1/reviews/:id/export", s.handleAPIExport, policyReviewRead, false},
	}
}

// registerAdmin adds the administrative routes, each behind the session,
// CSRF and its own policy. Without an admin service there are none.
func (s *Server) registerAdmin() {
	if s.cfg.Admin == nil {
		return
	}
	limit := s.signInLimiter()
	for _, r := range s.adminRoutes() {
		mw := []echo.MiddlewareFunc{s.adminSession, s.adminCSRF, s.authorise(r.policy, r.oneTimeOK)}
		if r.method == "POST" && r.path == "/admin/sign-in" {
			mw = append([]echo.MiddlewareFunc{limit}, mw...)
		}
		s.e.Add(r.method, r.path, r.handler, mw...)
	}
}
