"""The project's users: the user model, its admin, and the account endpoints under /api/users/."""
