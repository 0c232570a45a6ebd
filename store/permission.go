package store

import "context"

// RolePermission is one cell of the permission matrix that an admin set.
type RolePermission struct {
	Role, Area, Level string
}

// RolePermissions lists the cells admins changed from the defaults, and
// each role's record visibility ("all" or "own").
func RolePermissions(ctx context.Context, q Querier) ([]RolePermission, map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT role, area, level FROM role_permissions`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var cells []RolePermission
	for rows.Next() {
		var c RolePermission
		if err := rows.Scan(&c.Role, &c.Area, &c.Level); err != nil {
			return nil, nil, err
		}
		cells = append(cells, c)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	vis, err := q.QueryContext(ctx, `SELECT role, scope FROM role_visibility`)
	if err != nil {
		return nil, nil, err
	}
	defer vis.Close()
	scopes := map[string]string{}
	for vis.Next() {
		var role, scope string
		if err := vis.Scan(&role, &scope); err != nil {
			return nil, nil, err
		}
		scopes[role] = scope
	}
	return cells, scopes, vis.Err()
}

// PutRolePermission stores one cell of the matrix.
func PutRolePermission(ctx context.Context, tx *Tx, c RolePermission) error {
	_, err := tx.exec(ctx, `INSERT INTO role_permissions (role, area, level) VALUES (?, ?, ?)
		ON CONFLICT (role, area) DO UPDATE SET level = excluded.level`, c.Role, c.Area, c.Level)
	return translate(err)
}

// PutRoleVisibility stores whether a role sees all records or its own.
func PutRoleVisibility(ctx context.Context, tx *Tx, role, scope string) error {
	_, err := tx.exec(ctx, `INSERT INTO role_visibility (role, scope) VALUES (?, ?)
		ON CONFLICT (role) DO UPDATE SET scope = excluded.scope`, role, scope)
	return translate(err)
}
