"""The JSON Web Tokens: their endpoints, how they are checked and how they are signed.

Modules are named by role, as simplejwt names its own (authentication, serializers, views,
permissions, throttling, claims, transport, refresh, rotation, revocation, schema, types, keys,
backends, urls), never by the option that brought their code: to find a class, look for what it
does. The other apps build on this one and may import its throttling, transport and revocation;
it imports none of them (pyproject.toml's import contracts).
"""
