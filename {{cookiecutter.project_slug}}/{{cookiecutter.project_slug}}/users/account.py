"""The fields of the signed-in user's account (/api/users/me/), and those only an admin changes:
what the user logs in with and the staff flag."""

FIELDS = ["id", "username", "email", "first_name", "last_name", "date_joined", "is_staff"]
READ_ONLY_FIELDS = ["id", "username", "date_joined", "is_staff"]
