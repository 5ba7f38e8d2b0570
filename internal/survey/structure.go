package survey

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/go-playground/validator/v10"
)

var (
	identRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,39}$`)
	codeRE  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$`)
)

// structure is the one validator for the field rules written as validate
// tags on the questionnaire types; it names fields by their YAML keys.
var structure = newStructureValidator()

func newStructureValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	must(v.RegisterValidation("ident", func(fl validator.FieldLevel) bool { return identRE.MatchString(fl.Field().String()) }))
	must(v.RegisterValidation("code", func(fl validator.FieldLevel) bool { return codeRE.MatchString(fl.Field().String()) }))
	return v
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// structureProblems runs the tag rules and turns each failure into a
// problem at the YAML position of the field, or of its parent when the key
// is missing.
func (c *checker) structureProblems() {
	err := structure.Struct(c.q)
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return
	}
	for _, fe := range ves {
		_, path, _ := strings.Cut(fe.Namespace(), ".")
		c.at(path, "%s %s", lastKey(path), ruleMessage(fe))
	}
}

func lastKey(path string) string {
	if i := strings.LastIndex(path, "."); i >= 0 {
		return path[i+1:]
	}
	return path
}

func ruleMessage(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required":
		return "is required"
	case "min":
		if fe.Kind() == reflect.Slice {
			return fmt.Sprintf("needs at least %s entries", fe.Param())
		}
		return "must be at least " + fe.Param()
	case "max":
		return "must be at most " + fe.Param()
	case "gte":
		return "must be at least " + fe.Param()
	case "lte":
		return "must be at most " + fe.Param()
	case "oneof":
		return fmt.Sprintf("must be one of: %s (got %q)", strings.ReplaceAll(fe.Param(), " ", ", "), fmt.Sprint(fe.Value()))
	case "ident":
		return fmt.Sprintf("%q must start with a letter and use only letters, digits and _ (at most 40)", fe.Value())
	case "code":
		return fmt.Sprintf("%q must use only letters, digits, '_', '.' and '-' (at most 40)", fe.Value())
	case "unique":
		return "has a value listed twice"
	}
	return "fails rule " + fe.Tag()
}
