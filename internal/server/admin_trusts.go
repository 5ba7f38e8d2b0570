package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/researchpulse/pulse/internal/admin"
	"github.com/researchpulse/pulse/internal/store"
)

// trustsPage lists the trusts the account looks after.
type trustsPage struct {
	AdminPage
	Trusts   []store.Trust
	Platform bool
}

func (s *Server) handleTrusts(c echo.Context) error {
	ts, err := s.cfg.Admin.Trusts(c.Request().Context(), actor(c))
	if err != nil {
		return err
	}
	v := trustsPage{AdminPage: s.adminPage(c, "Trusts"), Trusts: ts, Platform: actor(c).Platform()}
	v.Notice = notice(c)
	return s.renderAdmin(c, http.StatusOK, "trusts", v)
}

// trustFormPage edits one trust or creates one.
type trustFormPage struct {
	AdminPage
	New     bool
	Action  string
	In      admin.TrustInput
	Fields  map[string]string
	Nations []choice
	Kinds   []choice
}

func (s *Server) trustForm(c echo.Context, isNew bool, action string, in admin.TrustInput) trustFormPage {
	title := "Edit " + in.Name
	if isNew {
		title = "Add a trust"
	}
	v := trustFormPage{AdminPage: s.adminPage(c, title), New: isNew, Action: action, In: in}
	for _, n := range admin.Nations {
		v.Nations = append(v.Nations, choice{Value: n.Code, Label: n.Name, Checked: n.Code == in.Nation})
	}
	for _, k := range admin.Kinds {
		v.Kinds = append(v.Kinds, choice{Value: k.Code, Label: k.Name, Checked: k.Code == in.Kind})
	}
	return v
}

func trustInput(c echo.Context) admin.TrustInput {
	return admin.TrustInput{Code: c.FormValue("code"), Name: c.FormValue("name"), Nation: c.FormValue("nation"),
		Kind: c.FormValue("kind"), Quintile: c.FormValue("quintile")}
}

func (s *Server) handleTrustForm(c echo.Context) error {
	t := trustOf(c)
	in := admin.TrustInput{Code: t.Code, Name: t.Name, Nation: t.Nation, Kind: t.Kind, Quintile: strconv.Itoa(t.Quintile)}
	return s.renderAdmin(c, http.StatusOK, "trust", s.trustForm(c, false, c.Request().URL.Path, in))
}

func (s *Server) handleTrustUpdate(c echo.Context) error {
	t := trustOf(c)
	in := trustInput(c)
	in.Code = t.Code
	_, err := s.cfg.Admin.UpdateTrust(c.Request().Context(), actor(c), t.ID, in)
	return s.trustSaved(c, false, c.Request().URL.Path, in, err)
}

func (s *Server) handleTrustNewForm(c echo.Context) error {
	return s.renderAdmin(c, http.StatusOK, "trust", s.trustForm(c, true, "/admin/trusts", admin.TrustInput{}))
}

func (s *Server) handleTrustCreate(c echo.Context) error {
	in := trustInput(c)
	_, err := s.cfg.Admin.CreateTrust(c.Request().Context(), actor(c), in)
	return s.trustSaved(c, true, "/admin/trusts", in, err)
}

func (s *Server) trustSaved(c echo.Context, isNew bool, action string, in admin.TrustInput, err error) error {
	var inv *admin.Invalid
	if errors.As(err, &inv) {
		v := s.trustForm(c, isNew, action, in)
		v.Fields = v.withErrors(inv.Fields)
		return s.renderAdmin(c, http.StatusUnprocessableEntity, "trust", v)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/admin/trusts?done=trust")
}

// importPage uploads a trust CSV; its problems are listed by line.
type importPage struct {
	AdminPage
	Problems []admin.FieldError
	Result   *admin.ImportResult
}

func (s *Server) handleImportForm(c echo.Context) error {
	return s.renderAdmin(c, http.StatusOK, "import", importPage{AdminPage: s.adminPage(c, "Import trusts")})
}

// handleImport saves every trust in the file, or none when any line is
// wrong, and says which lines.
func (s *Server) handleImport(c echo.Context) error {
	fh, err := c.FormFile("file")
	v := importPage{AdminPage: s.adminPage(c, "Import trusts")}
	if err != nil {
		v.Problems = []admin.FieldError{{Field: "file", Message: "Select a CSV file to import"}}
		return s.importFailed(c, v)
	}
	if fh.Size > admin.MaxImportBytes {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	res, err := s.cfg.Admin.ImportTrusts(c.Request().Context(), actor(c), f, fh.Filename)
	var inv *admin.Invalid
	if errors.As(err, &inv) {
		v.Problems = inv.Fields
		return s.importFailed(c, v)
	}
	if err != nil {
		return err
	}
	v.Result, v.Notice = &res, notices["imported"]
	return s.renderAdmin(c, http.StatusOK, "import", v)
}

func (s *Server) importFailed(c echo.Context, v importPage) error {
	v.HasErrors = true
	for _, p := range v.Problems {
		text := p.Message
		if p.Field != "file" {
			text = p.Field + ": " + p.Message
		}
		v.Errors = append(v.Errors, errorLink{Href: "#file", Text: text})
	}
	return s.renderAdmin(c, http.StatusUnprocessableEntity, "import", v)
}
