"""The fields of the signed-in user's account (/api/users/me/), and those only an admin changes:
what the user logs in with, the staff flag, and the email address. Password resets are mailed to
it, and an access token alone must not send them elsewhere."""

FIELDS = ["id", "username", "email", "first_name", "last_name", "date_joined", "is_staff"]
READ_ONLY_FIELDS = ["id", "username", "email", "date_joined", "is_staff"]
