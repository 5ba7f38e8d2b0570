package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/store"
)

// usersPage lists every account (platform admins).
type usersPage struct {
	AdminPage
	Users  []userItem
	Trusts map[int64]string
}

type userItem struct {
	ID                  int64
	Email, Role, Trusts string
	OneTime             bool
	Locked              bool
}

func (s *Server) handleUsers(c echo.Context) error {
	ctx := c.Request().Context()
	users, err := s.cfg.Admin.Users(ctx, actor(c))
	if err != nil {
		return err
	}
	codes, err := s.trustCodes(c)
	if err != nil {
		return err
	}
	v := usersPage{AdminPage: s.adminPage(c, "Accounts")}
	now := s.cfg.Admin.Now()
	for _, u := range users {
		var ts []string
		for _, id := range u.Trusts {
			ts = append(ts, codes[id])
		}
		v.Users = append(v.Users, userItem{ID: u.ID, Email: u.Email, Role: admin.RoleName(u.Role), Trusts: strings.Join(ts, ", "),
			OneTime: u.MustChangePassword, Locked: now.Before(u.LockedUntil)})
	}
	return s.renderAdmin(c, http.StatusOK, "users", v)
}

func (s *Server) trustCodes(c echo.Context) (map[int64]string, error) {
	ts, err := s.cfg.Admin.Trusts(c.Request().Context(), actor(c))
	out := map[int64]string{}
	for _, t := range ts {
		out[t.ID] = t.Code
	}
	return out, err
}

// userFormPage creates an account; after creation it shows the one-time
// password, once.
type userFormPage struct {
	AdminPage
	Email    string
	Roles    []choice
	Trusts   []choice
	Fields   map[string]string
	Created  *store.User
	Password string
	Reset    bool // the password of an existing account was reset
}

func (s *Server) userForm(c echo.Context, email, role string, trusts []int64) (userFormPage, error) {
	v := userFormPage{AdminPage: s.adminPage(c, "Add an account"), Email: email}
	for _, r := range admin.Roles {
		v.Roles = append(v.Roles, choice{Value: r.Code, Label: r.Name, Checked: r.Code == role})
	}
	ts, err := s.cfg.Admin.Trusts(c.Request().Context(), actor(c))
	for _, t := range ts {
		checked := false
		for _, id := range trusts {
			checked = checked || id == t.ID
		}
		v.Trusts = append(v.Trusts, choice{Value: strconv.FormatInt(t.ID, 10), Label: t.Name + " (" + t.Code + ")", Checked: checked})
	}
	return v, err
}

func (s *Server) handleUserForm(c echo.Context) error {
	v, err := s.userForm(c, "", "", nil)
	if err != nil {
		return err
	}
	return s.renderAdmin(c, http.StatusOK, "user_new", v)
}

func (s *Server) handleUserCreate(c echo.Context) error {
	email, role, trusts := strings.TrimSpace(c.FormValue("email")), c.FormValue("role"), formIDs(c, "trusts")
	u, pw, err := s.cfg.Admin.CreateUser(c.Request().Context(), actor(c), admin.NewUser{Email: email, Role: role, Trusts: trusts})
	v, ferr := s.userForm(c, email, role, trusts)
	if ferr != nil {
		return ferr
	}
	var inv *admin.Invalid
	if errors.As(err, &inv) {
		v.Fields = v.withErrors(inv.Fields)
		return s.renderAdmin(c, http.StatusUnprocessableEntity, "user_new", v)
	}
	if err != nil {
		return err
	}
	v.Created, v.Password = &u, pw
	return s.renderAdmin(c, http.StatusOK, "user_new", v)
}

// handleReset gives an account a new one-time password, shown once on the
// page like a new account's.
func (s *Server) handleReset(c echo.Context) error {
	id, err := idParam(c, "user")
	if err != nil {
		return err
	}
	u, pw, err := s.cfg.Admin.ResetPassword(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	v, err := s.userForm(c, "", "", nil)
	if err != nil {
		return err
	}
	v.Title, v.Created, v.Password, v.Reset = "Password reset", &u, pw, true
	return s.renderAdmin(c, http.StatusOK, "user_new", v)
}

// auditPage shows the audit trail, newest first, and whether its hash
// chain is whole.
type auditPage struct {
	AdminPage
	Entries []store.AuditEntry
	Older   string
	Broken  int64
	Checked int
}

const auditPageSize = 100

func (s *Server) handleAudit(c echo.Context) error {
	before, _ := strconv.ParseInt(c.QueryParam("before"), 10, 64)
	p, err := s.cfg.Admin.AuditLog(c.Request().Context(), actor(c), before, auditPageSize)
	if err != nil {
		return err
	}
	v := auditPage{AdminPage: s.adminPage(c, "Audit trail"), Entries: p.Entries, Broken: p.Broken, Checked: p.Checked}
	if p.Older > 0 {
		v.Older = "/admin/audit?before=" + strconv.FormatInt(p.Older, 10)
	}
	return s.renderAdmin(c, http.StatusOK, "audit", v)
}

// handleAuditCSV streams the whole audit trail. Its download is
// recorded before the first byte (no record, no file) and again at the
// end with the number of entries and the SHA-256 of the bytes sent.
func (s *Server) handleAuditCSV(c echo.Context) error {
	ctx, a := c.Request().Context(), actor(c)
	if err := s.cfg.Admin.RecordDownload(ctx, a, admin.Download{Format: "audit-csv", Options: "started", Rows: -1}); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	h.Set(echo.HeaderContentDisposition, `attachment; filename="pulse-audit.csv"`)
	c.Response().WriteHeader(http.StatusOK)
	sum := sha256.New()
	n, err := s.cfg.Admin.WriteAuditCSV(ctx, a, io.MultiWriter(c.Response(), sum))
	done := admin.Download{Format: "audit-csv", Options: "complete", Rows: n, SHA256: hex.EncodeToString(sum.Sum(nil))}
	if err != nil {
		done.Options = "failed part-way"
		s.log.Error("audit download failed", "err", err)
	}
	if aerr := s.cfg.Admin.RecordDownload(context.WithoutCancel(ctx), a, done); aerr != nil {
		s.log.Error("download not recorded", "err", aerr)
	}
	return nil
}
