"""Sign-up with email activation, and password reset by email, on Django's own pieces.

No answer tells whether an address has an account: sign-up, a new activation mail and a reset
mail each answer the same whatever the address, and each sends exactly one mail, to the address
given: the link it asked for, or a note saying why there is none (views.py, signup.py). Links
carry a random token that names no account (links.py), of one kind each (models.py).
"""
