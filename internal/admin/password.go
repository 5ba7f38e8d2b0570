package admin

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// PasswordCost is argon2id's cost: memory in KiB, passes and lanes.
type PasswordCost struct {
	Memory  uint32
	Time    uint32
	Threads uint8
}

// DefaultPasswordCost is OWASP's minimum for argon2id: 19 MiB, two passes,
// one lane.
var DefaultPasswordCost = PasswordCost{Memory: 19 * 1024, Time: 2, Threads: 1}

// Password rules: long enough to resist guessing, short enough to hash in
// bounded time. Any characters are allowed, and pasting (password
// managers) works.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 256
)

const (
	saltLength = 16
	keyLength  = 32
)

var b64 = base64.RawStdEncoding

// hashPassword encodes an argon2id hash with its parameters and a fresh
// salt, in the usual $argon2id$v=19$m=…,t=…,p=…$salt$hash form.
func (s *Service) hashPassword(password string) string {
	s.hashing <- struct{}{}
	defer func() { <-s.hashing }()
	salt := make([]byte, saltLength)
	_, _ = rand.Read(salt)
	c := s.cost
	key := argon2.IDKey([]byte(password), salt, c.Time, c.Memory, c.Threads, keyLength)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, c.Memory, c.Time, c.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// checkPassword compares a password with an encoded hash in constant time,
// using the parameters stored with the hash.
func (s *Service) checkPassword(encoded, password string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("password hash: not argon2id")
	}
	var c PasswordCost
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &c.Memory, &c.Time, &c.Threads); err != nil {
		return false, fmt.Errorf("password hash parameters: %w", err)
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("password hash salt: %w", err)
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false, fmt.Errorf("password hash: %w", err)
	}
	s.hashing <- struct{}{}
	defer func() { <-s.hashing }()
	got := argon2.IDKey([]byte(password), salt, c.Time, c.Memory, c.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// checkNewPassword says what is wrong with a chosen password, or "".
func checkNewPassword(password, email string) string {
	n := len([]rune(password))
	switch {
	case n < MinPasswordLength:
		return fmt.Sprintf("Enter a password of at least %d characters", MinPasswordLength)
	case n > MaxPasswordLength:
		return fmt.Sprintf("Enter a password of at most %d characters", MaxPasswordLength)
	case strings.EqualFold(strings.TrimSpace(password), email):
		return "Enter a password that is not your e-mail address"
	}
	return ""
}

// oneTimePassword is 120 random bits as 24 base32 characters in groups of
// four, easy to read out and type: given to a new account, to be changed
// at first sign-in.
func oneTimePassword() string {
	b := make([]byte, 15)
	_, _ = rand.Read(b)
	raw := strings.ToLower(base32NoPad.EncodeToString(b))
	var groups []string
	for i := 0; i < len(raw); i += 4 {
		groups = append(groups, raw[i:min(i+4, len(raw))])
	}
	return strings.Join(groups, "-")
}
