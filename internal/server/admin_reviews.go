package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/lifecycle"
	"github.com/researchpulse/pulse/internal/store"
)

// reviewsPage lists the reviews the account may see.
type reviewsPage struct {
	AdminPage
	Reviews   []reviewItem
	CanCreate bool
}

type reviewItem struct {
	ID                 int64
	Title, Slug, State string
	Opens, Closes      string
	Trusts             string
	PreviousID         int64
	QuestionnaireLabel string
}

func (s *Server) handleAdminHome(c echo.Context) error {
	a := actor(c)
	rows, err := s.cfg.Admin.Reviews(c.Request().Context(), a)
	if err != nil {
		return err
	}
	v := reviewsPage{AdminPage: s.adminPage(c, "Reviews"), CanCreate: a.CanCreateReviews()}
	v.Notice = notice(c)
	for _, r := range rows {
		names := make([]string, len(r.Trusts))
		for i, t := range r.Trusts {
			names[i] = t.Name
		}
		v.Reviews = append(v.Reviews, reviewItem{ID: r.ID, Title: r.Title, Slug: r.Slug, State: r.State,
			Opens: londonDateTime(r.OpensAt), Closes: londonDateTime(r.ClosesAt), Trusts: strings.Join(names, ", "),
			PreviousID: r.PreviousID, QuestionnaireLabel: r.QuestionnaireID + " " + r.QuestionnaireVersion})
	}
	return s.renderAdmin(c, http.StatusOK, "reviews", v)
}

// reviewFormPage is the form for a new review.
type reviewFormPage struct {
	AdminPage
	Fields         map[string]string
	Questionnaires []choice
	Trusts         []choice
	ReviewTitle    string
	Slug           string
	Opens, Closes  string
	Threshold, K   string
}

// choice is one radio or checkbox of a form.
type choice struct {
	Value, Label, Hint string
	Checked            bool
}

func (s *Server) reviewForm(c echo.Context, in admin.ReviewInput) (reviewFormPage, error) {
	v := reviewFormPage{AdminPage: s.adminPage(c, "Create a review"), ReviewTitle: in.Title, Slug: in.Slug,
		Opens: in.Opens, Closes: in.Closes, Threshold: in.Threshold, K: in.K}
	for _, q := range s.cfg.Admin.Questionnaires() {
		v.Questionnaires = append(v.Questionnaires, choice{Value: q.ID, Label: q.Title.In(q.DefaultLanguage()),
			Hint: "Version " + q.Version + ", " + q.ID, Checked: q.ID == in.Questionnaire || len(s.cfg.Admin.Questionnaires()) == 1})
	}
	trusts, err := s.cfg.Admin.Trusts(c.Request().Context(), actor(c))
	if err != nil {
		return v, err
	}
	for _, t := range trusts {
		checked := false
		for _, id := range in.Trusts {
			checked = checked || id == t.ID
		}
		v.Trusts = append(v.Trusts, choice{Value: strconv.FormatInt(t.ID, 10), Label: t.Name + " (" + t.Code + ")",
			Hint: admin.ActivityName(t.Quintile) + ", quintile " + strconv.Itoa(t.Quintile), Checked: checked})
	}
	return v, nil
}

func (s *Server) handleReviewForm(c echo.Context) error {
	v, err := s.reviewForm(c, admin.ReviewInput{})
	if err != nil {
		return err
	}
	return s.renderAdmin(c, http.StatusOK, "review_new", v)
}

// formIDs reads the ids of checked boxes; anything not a number is
// dropped (and the selection then fails its checks).
func formIDs(c echo.Context, name string) []int64 {
	form, _ := c.FormParams()
	var out []int64
	for _, v := range form[name] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

func (s *Server) handleReviewCreate(c echo.Context) error {
	in := admin.ReviewInput{Title: c.FormValue("title"), Slug: c.FormValue("slug"), Questionnaire: c.FormValue("questionnaire"),
		Trusts: formIDs(c, "trusts"), Opens: c.FormValue("opens"), Closes: c.FormValue("closes"),
		Threshold: c.FormValue("threshold"), K: c.FormValue("k")}
	rev, err := s.cfg.Admin.CreateReview(c.Request().Context(), actor(c), in)
	var inv *admin.Invalid
	if errors.As(err, &inv) {
		v, ferr := s.reviewForm(c, in)
		if ferr != nil {
			return ferr
		}
		v.Fields = v.withErrors(inv.Fields)
		return s.renderAdmin(c, http.StatusUnprocessableEntity, "review_new", v)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, reviewPath(rev.ID)+"?done=created")
}

func reviewPath(id int64) string { return "/admin/reviews/" + strconv.FormatInt(id, 10) }

// reviewPage is a review's own page: where it stands, what can be done,
// its links, the live dashboard and the downloads.
type reviewPage struct {
	AdminPage
	Review            store.Review
	State             string
	Manage            bool
	CanOpen, CanClose bool
	Links             []linkItem
	Previous          *store.Review
	Trusts            []store.Trust
	Dashboard         dashboardView
	Downloads         []downloadLink
}

type downloadLink struct {
	Href, Label string
}

type linkItem struct {
	Trust         store.Trust
	URL, PNG, SVG string
}

func (s *Server) handleReview(c echo.Context) error {
	r := reviewOf(c)
	ctx := c.Request().Context()
	v := reviewPage{AdminPage: s.adminPage(c, r.Title), Review: r.Review, State: s.cfg.Admin.State(r.Review), Manage: r.Manage,
		Trusts: r.Trusts}
	for _, f := range s.formats() {
		v.Downloads = append(v.Downloads, downloadLink{Href: reviewPath(r.ID) + "/download?format=" + f.Code, Label: f.Label})
	}
	v.Notice = notice(c)
	v.CanOpen = r.Manage && lifecycle.Transition(r.Status, lifecycle.Open) == nil
	v.CanClose = r.Manage && lifecycle.Transition(r.Status, lifecycle.Closed) == nil && r.Status == lifecycle.Open
	if r.Manage {
		links, err := s.cfg.Admin.Links(ctx, actor(c), r.ID)
		if err != nil {
			return err
		}
		for _, l := range links {
			base := reviewPath(r.ID) + "/links/" + strconv.FormatInt(l.Trust.ID, 10)
			v.Links = append(v.Links, linkItem{Trust: l.Trust, URL: s.respondentURL(c, l.Key), PNG: base + "/qr.png", SVG: base + "/qr.svg"})
		}
	}
	if r.PreviousID != 0 {
		if prev, err := s.cfg.Admin.Review(ctx, actor(c), r.PreviousID); err == nil {
			v.Previous = &prev.Review
		}
	}
	d, err := s.dashboard(c, r.ID)
	if err != nil {
		return err
	}
	v.Dashboard = d
	return s.renderAdmin(c, http.StatusOK, "review", v)
}

// respondentURL is the public link of a review at one trust.
func (s *Server) respondentURL(c echo.Context, key string) string {
	base := s.cfg.BaseURL
	if base == "" {
		base = c.Scheme() + "://" + c.Request().Host
	}
	return strings.TrimSuffix(base, "/") + linkPath(key)
}

func (s *Server) handleReviewOpen(c echo.Context) error {
	return s.moveReview(c, s.cfg.Admin.Open, "opened")
}

func (s *Server) handleReviewClose(c echo.Context) error {
	return s.moveReview(c, s.cfg.Admin.Close, "closed")
}

// moveReview opens or closes a review. The form carries the status it was
// loaded with, so a second click or a stale tab changes nothing (409).
func (s *Server) moveReview(c echo.Context, move func(ctx context.Context, a admin.Actor, id int64, from string) error, done string) error {
	r := reviewOf(c)
	from := c.FormValue("from")
	if from == "" {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	if err := move(c.Request().Context(), actor(c), r.ID, from); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, reviewPath(r.ID)+"?done="+done)
}

// qrLink is the link a QR code draws, for a trust of the review in the
// context.
func (s *Server) qrLink(c echo.Context) (string, store.Trust, error) {
	trustID, err := idParam(c, "trust")
	if err != nil {
		return "", store.Trust{}, err
	}
	l, err := s.cfg.Admin.Link(c.Request().Context(), actor(c), reviewOf(c).ID, trustID)
	if err != nil {
		return "", store.Trust{}, err
	}
	return s.respondentURL(c, l.Key), l.Trust, nil
}

func (s *Server) handleQRPNG(c echo.Context) error {
	link, t, err := s.qrLink(c)
	if err != nil {
		return err
	}
	png, err := admin.QRPNG(link, 1024)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `inline; filename="`+qrName(reviewOf(c).Slug, t.Code)+`.png"`)
	return c.Blob(http.StatusOK, "image/png", png)
}

func (s *Server) handleQRSVG(c echo.Context) error {
	link, t, err := s.qrLink(c)
	if err != nil {
		return err
	}
	svg, err := admin.QRSVG(link)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `inline; filename="`+qrName(reviewOf(c).Slug, t.Code)+`.svg"`)
	return c.Blob(http.StatusOK, "image/svg+xml", svg)
}

// qrName is a file name of safe characters only.
func qrName(slug, code string) string {
	clean := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
				return r
			}
			return '-'
		}, s)
	}
	return clean(slug) + "-" + clean(code)
}

// wavePage is the form for the next wave.
type wavePage struct {
	AdminPage
	Review                   store.Review
	Fields                   map[string]string
	WaveTitle, Opens, Closes string
}

func (s *Server) handleWaveForm(c echo.Context) error {
	r := reviewOf(c)
	v := wavePage{AdminPage: s.adminPage(c, "Start the next wave"), Review: r.Review, WaveTitle: r.Title + " (next wave)"}
	return s.renderAdmin(c, http.StatusOK, "wave", v)
}

func (s *Server) handleWave(c echo.Context) error {
	r := reviewOf(c)
	in := admin.WaveInput{Title: c.FormValue("title"), Opens: c.FormValue("opens"), Closes: c.FormValue("closes")}
	rev, err := s.cfg.Admin.NextWave(c.Request().Context(), actor(c), r.ID, in)
	var inv *admin.Invalid
	if errors.As(err, &inv) {
		v := wavePage{AdminPage: s.adminPage(c, "Start the next wave"), Review: r.Review, WaveTitle: in.Title, Opens: in.Opens, Closes: in.Closes}
		v.Fields = v.withErrors(inv.Fields)
		return s.renderAdmin(c, http.StatusUnprocessableEntity, "wave", v)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, reviewPath(rev.ID)+"?done=wave")
}

// accessPage lists who may read a review and grants access.
type accessPage struct {
	AdminPage
	Review   store.Review
	Users    []store.User
	Email    string
	Fields   map[string]string
	Created  string // the new researcher account's address, with…
	Password string // …its one-time password, shown this once
}

func (s *Server) accessView(c echo.Context) (accessPage, error) {
	r := reviewOf(c)
	users, err := s.cfg.Admin.Grantees(c.Request().Context(), actor(c), r.ID)
	v := accessPage{AdminPage: s.adminPage(c, "Researchers with access"), Review: r.Review, Users: users}
	v.Notice = notice(c)
	return v, err
}

func (s *Server) handleAccess(c echo.Context) error {
	v, err := s.accessView(c)
	if err != nil {
		return err
	}
	return s.renderAdmin(c, http.StatusOK, "access", v)
}

// handleGrant gives a researcher access; a new account's one-time
// password is shown on the page this once.
func (s *Server) handleGrant(c echo.Context) error {
	email := strings.TrimSpace(c.FormValue("email"))
	pw, err := s.cfg.Admin.Grant(c.Request().Context(), actor(c), reviewOf(c).ID, email)
	var inv *admin.Invalid
	if errors.As(err, &inv) {
		v, verr := s.accessView(c)
		if verr != nil {
			return verr
		}
		v.Email, v.Fields = email, v.withErrors(inv.Fields)
		return s.renderAdmin(c, http.StatusUnprocessableEntity, "access", v)
	}
	if err != nil {
		return err
	}
	if pw == "" {
		return c.Redirect(http.StatusSeeOther, reviewPath(reviewOf(c).ID)+"/access?done=granted")
	}
	v, err := s.accessView(c)
	if err != nil {
		return err
	}
	v.Created, v.Password, v.Notice = strings.ToLower(email), pw, notices["granted"]
	return s.renderAdmin(c, http.StatusOK, "access", v)
}

func (s *Server) handleRevoke(c echo.Context) error {
	id, err := idParam(c, "user")
	if err != nil {
		return err
	}
	if err := s.cfg.Admin.Revoke(c.Request().Context(), actor(c), reviewOf(c).ID, id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, reviewPath(reviewOf(c).ID)+"/access?done=revoked")
}
