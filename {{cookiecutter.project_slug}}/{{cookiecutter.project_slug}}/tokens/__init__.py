"""The JSON Web Tokens: their endpoints, how they are checked and how they are signed.

Modules are named by role, as simplejwt names its own (authentication, serializers, views,
permissions, throttling, claims, rotation, schema, keys, backends, urls), never by the option that
brought their code: to find a class, look for what it does.
"""
