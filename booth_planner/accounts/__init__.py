"""Who may do what: roles, the guarded store, and the users table's commands."""
