"""Sign-up with email activation, and password reset by email, on djoser's link checks and mails.

No answer tells whether an address has an account: sign-up, a new activation mail and a reset
mail each answer the same whatever the address, and each sends exactly one mail, to the address
given: the link it asked for, or a note saying why there is none (views.py, signup.py).
"""
