package app

// Role is what a user is allowed to do. The full permission matrix arrives
// later; the role is stored and shown now, and admin-only pages check it.
type Role string

const (
	RoleAdmin     Role = "admin"
	RoleManager   Role = "manager"
	RoleSales     Role = "sales"
	RoleMarketing Role = "marketing"
	RoleSupport   Role = "support"
	RoleViewer    Role = "viewer"
)

// Roles lists every role, most powerful first, as forms offer them.
var Roles = []Role{RoleAdmin, RoleManager, RoleSales, RoleMarketing, RoleSupport, RoleViewer}

// Valid tells whether r is one of Roles.
func (r Role) Valid() bool {
	for _, known := range Roles {
		if r == known {
			return true
		}
	}
	return false
}
