package server

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The authorisation matrix: every administrative route × every kind of
// account × an object of the account's own scope (review A, trust A) or
// of another (review B, trust B). The expectation is written out here
// from the roles' rules, independently of the server's policy code, and
// every cell is checked over HTTP.

const (
	spareAEmail = "spare-a@example.nhs.uk"
	spareBEmail = "spare-b@example.nhs.uk"
)

// who is one column of the matrix.
type who struct {
	name  string
	email string // "" for nobody signed in
}

var matrixActors = []who{
	{"anonymous", ""},
	{"researcher of review A", resAEmail},
	{"researcher of review B", resBEmail},
	{"R&D admin of trust A", rdAEmail},
	{"R&D admin of trust B", rdBEmail},
	{"platform admin", platformEmail},
}

// Outcomes of a cell.
const (
	allowed   = "allowed"
	toSignIn  = "sign in"   // 303 to the sign-in page (401 from the API)
	forbidden = "forbidden" // 403: the role may not do this at all
	notFound  = "not found" // 404: the object is out of reach
)

// expected restates who may do what. object is "A" or "B".
func expected(p policy, w who, object string) string {
	if p == policyPublic {
		return allowed
	}
	if w.email == "" {
		return toSignIn
	}
	ownA := map[string]bool{resAEmail: true, rdAEmail: true}
	ownB := map[string]bool{resBEmail: true, rdBEmail: true}
	owns := (object == "A" && ownA[w.email]) || (object == "B" && ownB[w.email])
	isPlatform := w.email == platformEmail
	isOffice := w.email == rdAEmail || w.email == rdBEmail
	switch p {
	case policySignedIn:
		return allowed
	case policyPlatform:
		return pick(isPlatform, forbidden)
	case policyOffice:
		return pick(isPlatform || isOffice, forbidden)
	case policyTrust:
		if !isPlatform && !isOffice {
			return notFound
		}
		return pick(isPlatform || owns, notFound)
	case policyReviewRead:
		return pick(isPlatform || owns, notFound)
	case policyReviewManage:
		return pick(isPlatform || (isOffice && owns), notFound)
	}
	panic("policy without an expectation: " + p.String())
}

func pick(ok bool, otherwise string) string {
	if ok {
		return allowed
	}
	return otherwise
}

// outcome classifies an answer. A 401 from a page (a failed sign-in) is
// the route's own answer; only the API answers 401 for "sign in first".
func outcome(r reply, path string) string {
	switch {
	case r.status == http.StatusSeeOther && strings.HasPrefix(r.loc, "/admin/sign-in?next="),
		r.status == http.StatusUnauthorized && isAPI(path):
		return toSignIn
	case r.status == http.StatusForbidden:
		return forbidden
	case r.status == http.StatusNotFound:
		return notFound
	}
	return allowed
}

func (env *adminEnv) objectPath(path, object string) string {
	rev, trust, user := env.revA, env.trustA, spareAEmail
	if object == "B" {
		rev, trust, user = env.revB, env.trustB, spareBEmail
	}
	u, err := env.f.Store.UserByEmail(context.Background(), user)
	if err != nil {
		env.t.Fatal(err)
	}
	id := strconv.FormatInt(rev.ID, 10)
	if strings.HasPrefix(path, "/admin/trusts/:id") {
		id = strconv.FormatInt(trust.ID, 10)
	}
	return strings.NewReplacer(":id", id, ":trust", strconv.FormatInt(trust.ID, 10), ":user", strconv.FormatInt(u.ID, 10)).Replace(path)
}

func TestAuthorisationMatrix(t *testing.T) {
	env := newAdminEnv(t)
	srv, err := New(Config{Store: env.f.Store, Flow: env.f.Flow, Admin: env.svc})
	if err != nil {
		t.Fatal(err)
	}
	routes := srv.adminRoutes()
	sessions := map[string]*browser{}
	for _, w := range matrixActors {
		if w.email != "" {
			sessions[w.email] = env.session(w.email)
		}
	}
	cells, allowedCells := 0, 0
	for _, r := range routes {
		for _, w := range matrixActors {
			for _, object := range []string{"A", "B"} {
				b := sessions[w.email]
				if b == nil || r.path == "/admin/sign-out" {
					b = env.browser() // sign-out ends its session: a fresh one per cell
					if w.email != "" {
						b = env.session(w.email)
					} else {
						b.csrf = formCSRF(b.get("/admin/sign-in").body)
					}
				}
				path := env.objectPath(r.path, object)
				var got reply
				if r.method == http.MethodGet {
					got = b.get(path)
				} else {
					got = b.post(path, url.Values{})
				}
				want := expected(r.policy, w, object)
				if outcome(got, path) != want {
					t.Errorf("%s %s as %s, object %s (%s): %d to %q, want %s", r.method, r.path, w.name, object, r.policy, got.status, got.loc, want)
				}
				cells++
				if want == allowed {
					allowedCells++
				}
			}
		}
	}
	t.Logf("authorisation matrix: %d routes × %d accounts × 2 objects = %d cells, %d allowed", len(routes), len(matrixActors), cells, allowedCells)
}

// checkEveryRouteDeclared fails for any route under /admin, or an API
// route about a review's data, that is not in the policy table.
func checkEveryRouteDeclared(t *testing.T, srv *Server, routes []adminRoute) {
	t.Helper()
	declared := map[string]bool{}
	for _, r := range routes {
		declared[r.method+" "+r.path] = true
	}
	var missing []string
	for _, r := range srv.e.Routes() {
		key := r.Method + " " + r.Path
		if (isAdmin(r.Path) || strings.HasSuffix(r.Path, "/export")) && !declared[key] {
			missing = append(missing, key)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("routes without a declared policy: %s", strings.Join(missing, ", "))
	}
	if len(declared) != len(routes) {
		t.Errorf("the route table lists a route twice")
	}
}
