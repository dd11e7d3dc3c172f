"""Passkeys (WebAuthn): a second factor beside the authenticator app, and login without a
password.

A signed-in user adds a passkey after giving the password again (views.py); a login that
answered a challenge (factors/) can answer it with an assertion of one of the user's passkeys;
and a passkey that verifies its user (a PIN or a fingerprint: two factors in one) logs in on its
own, with no account named first. py_webauthn checks every ceremony (ceremonies.py).
"""
