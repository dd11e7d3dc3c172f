"""The second factor: time-based one-time passwords (TOTP, RFC 6238) and recovery codes.

A user who turned it on logs in in two steps: the password answers a short-lived challenge
instead of tokens (login.py), and the challenge with a code answers the tokens (views.py). The
app builds on the tokens app's sessions: every change of a user's factors ends their other
sessions.
"""
