package store

import "context"

// The admins' management of accounts. Every change is in the audit log.

// Users lists every account, by email.
func (s *Store) Users(ctx context.Context) ([]*User, error) {
	var users []*User
	err := s.read.NewSelect().Model(&users).Order("email").Scan(ctx)
	return users, err
}

// AddUser creates an account as an admin does it, recorded in the audit log.
func (s *Store) AddUser(ctx context.Context, by *User, email, password string, role Role) (*User, error) {
	u, err := s.newUser(email, password, role)
	if err != nil {
		return nil, err
	}
	err = s.inTx(ctx, by, func(e *edit) error {
		if _, err := e.tx.NewInsert().Model(u).Exec(ctx); err != nil {
			if s.engine.isUniqueViolation(err) {
				return inputError("email", "is already in use")
			}
			return err
		}
		return e.audit(ctx, ActionCreateUser, nil, u.ID, u.Email, nil, []string{"email", "role"})
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// ChangeUser changes an account's role, or disables it (ending its sessions) or enables it.
// An admin cannot demote or disable their own account, so there is always an admin.
func (s *Store) ChangeUser(ctx context.Context, by *User, gid string, role *Role, disabled *bool) (*User, error) {
	id, err := idOfType(gid, kindUser)
	if err != nil {
		return nil, err
	}
	if role != nil && !role.Valid() {
		return nil, inputError("role", "must be ADMIN or EDITOR")
	}
	u := new(User)
	err = s.inTx(ctx, by, func(e *edit) error {
		if err := e.tx.NewSelect().Model(u).Where("id = ?", id).Scan(ctx); err != nil {
			return notFound(err)
		}
		if id == by.ID && ((role != nil && *role != RoleAdmin) || (disabled != nil && *disabled)) {
			return inputError("id", "you cannot demote or disable your own account: ask another admin")
		}
		var fields []string
		if role != nil && *role != u.Role {
			u.Role, fields = *role, append(fields, "role")
		}
		if disabled != nil && *disabled != (u.DisabledAt != nil) {
			fields = append(fields, "disabled")
			if *disabled {
				u.DisabledAt = &e.now
				if _, err := e.tx.NewDelete().Model((*Session)(nil)).Where("user_id = ?", id).Exec(ctx); err != nil {
					return err
				}
			} else {
				u.DisabledAt = nil
			}
		}
		if len(fields) == 0 {
			return nil
		}
		if _, err := e.tx.NewUpdate().Model(u).Column("role", "disabled_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		return e.audit(ctx, ActionUpdateUser, nil, u.ID, u.Email, nil, fields)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}
