"""The fields of the signed-in user's account (/api/users/me/), and those only an admin changes:
what the user logs in with (the email address) and the staff flag."""

FIELDS = ["id", "email", "first_name", "last_name", "date_joined", "is_staff"]
READ_ONLY_FIELDS = ["id", "email", "date_joined", "is_staff"]
