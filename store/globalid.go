package store

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// globalID makes an object's global ID: base64url of "Type:id".
func globalID(typ string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(typ + ":" + strconv.FormatInt(id, 10)))
}

// parseGlobalID splits a global ID into its type and row ID.
func parseGlobalID(gid string) (string, int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(gid)
	typ, num, ok := strings.Cut(string(raw), ":")
	if err != nil || !ok {
		return "", 0, inputError("id", "is not a global ID")
	}
	id, err := strconv.ParseInt(num, 10, 64)
	if err != nil || id <= 0 {
		return "", 0, inputError("id", "is not a global ID")
	}
	return typ, id, nil
}

// idOfType is the row ID of a global ID of one type; another type is NOT_FOUND.
func idOfType(gid, typ string) (int64, error) {
	t, id, err := parseGlobalID(gid)
	if err != nil {
		return 0, err
	}
	if t != typ {
		return 0, ErrNotFound
	}
	return id, nil
}

// parseItemID reads the global ID of a content item: its kind's registry entry and its
// row id. An ID of another type (a topic, a user) is ErrNotFound.
func parseItemID(gid string) (*kind, int64, error) {
	typ, id, err := parseGlobalID(gid)
	if err != nil {
		return nil, 0, err
	}
	k := kindOfType(typ)
	if k == nil {
		return nil, 0, ErrNotFound
	}
	return k, id, nil
}
