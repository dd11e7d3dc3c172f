"""How API requests authenticate: simplejwt's authentication classes, with a cap on the header
size, and a user lookup that costs one query and little else (settings/base.py picks the class).
"""

from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connections
from django.utils.translation import gettext as _
from rest_framework_simplejwt import authentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed, InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import Token
from rest_framework_simplejwt.utils import get_md5_hash_password

from .conf import token_settings

# Room for the keyword, a space and the longest token accepted anywhere.
MAX_HEADER_LENGTH = token_settings.MAX_TOKEN_LENGTH + 32

if TYPE_CHECKING:
    # Lets mypy check the super() call below; at run time the mixin stays a plain class.
    _HeaderLengthCapBase = authentication.JWTAuthentication
else:
    _HeaderLengthCapBase = object


class HeaderLengthCapMixin(_HeaderLengthCapBase):
    """Refuses an oversized Authorization header before splitting or decoding it.

    simplejwt 5.5.1 parses a token of any size (a 200 KB header is base64-decoded and
    JSON-parsed); drop this check once upstream limits it.
    """

    def get_raw_token(self, header: bytes) -> bytes | None:
        if len(header) > MAX_HEADER_LENGTH:
            raise AuthenticationFailed(
                _("Authorization header is too long."), code="token_too_long"
            )
        return super().get_raw_token(header)


class UserLookup:
    """Loads a user by the id a token carries, as the ORM loads a row, with what the ORM would
    work out on every call worked out once.

    `User.objects.get(id=...)` rebuilds and recompiles the same query on every call, and
    `Manager.raw` looks up every column's conversions on every call: each costs more than
    running the query. Here the first call has the ORM compile the SQL and list each column's
    conversions (the database backend's and the field's, as a queryset applies them); every call
    then runs the query and builds the user with Model.from_db, as querysets do.
    """

    @cached_property
    def model(self) -> type[AbstractBaseUser]:
        return get_user_model()

    @cached_property
    def field(self) -> Any:
        return self.model._meta.get_field(api_settings.USER_ID_FIELD)

    # The SQL (one parameter: the id), the attribute each column fills, and each converted
    # column's conversions: (column, expression, converters).
    Query = tuple[str, list[str], list[tuple[int, Any, list[Any]]]]
    query: Query | None = None

    def compile(self, value: Any) -> Query:
        manager = self.model._default_manager
        connection = connections[manager.db]
        compiler = manager.filter(**{self.field.name: value}).query.get_compiler(manager.db)
        sql = compiler.as_sql()[0]
        # The columns the compiler selected, in its order: the model's concrete fields.
        columns = [expression for expression, _, _ in compiler.select]
        conversions = []
        for column, expression in enumerate(columns):
            converters = connection.ops.get_db_converters(expression)
            converters += expression.get_db_converters(connection)
            if converters:
                conversions.append((column, expression, converters))
        return sql, [expression.target.attname for expression in columns], conversions

    def get(self, user_id: Any) -> AbstractBaseUser | None:
        """The user with this id, or None if there is none (or the id cannot be one)."""
        manager = self.model._default_manager
        connection = connections[manager.db]
        try:
            # Also refuses numbers out of the column's range, as the ORM's own lookup would.
            value = self.field.clean(user_id, None)
        except ValidationError:
            return None
        if self.query is None:
            self.query = self.compile(value)
        sql, attributes, conversions = self.query
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.field.get_db_prep_value(value, connection)])
            row = cursor.fetchone()
        if row is None:
            return None
        values = list(row)
        for column, expression, converters in conversions:
            for converter in converters:
                values[column] = converter(values[column], expression, connection)
        return self.model.from_db(manager.db, attributes, values)


users = UserLookup()


class JWTAuthentication(HeaderLengthCapMixin, authentication.JWTAuthentication):
    """simplejwt's JWTAuthentication with the header cap and a cheaper user query.

    One query loads the user named by the token, who is refused when missing, inactive
    (CHECK_USER_IS_ACTIVE) or when the password changed since the token was issued
    (CHECK_REVOKE_TOKEN): the checks of simplejwt's own get_user.
    """

    # simplejwt types the return as a TypeVar that appears in no argument, which no concrete
    # return type can match.
    def get_user(self, validated_token: Token) -> AbstractBaseUser:  # type: ignore[override]
        if api_settings.USER_ID_CLAIM not in validated_token:
            raise InvalidToken(_("Token contained no recognizable user identification"))
        user = users.get(validated_token[api_settings.USER_ID_CLAIM])
        if user is None:
            raise AuthenticationFailed(_("User not found"), code="user_not_found")
        if api_settings.CHECK_USER_IS_ACTIVE and not user.is_active:
            raise AuthenticationFailed(_("User is inactive"), code="user_inactive")
        if api_settings.CHECK_REVOKE_TOKEN and validated_token.get(
            api_settings.REVOKE_TOKEN_CLAIM
        ) != get_md5_hash_password(user.password):
            raise AuthenticationFailed(
                _("The user's password has been changed."), code="password_changed"
            )
        return user
{%- if cookiecutter.stateless_auth or cookiecutter.jwt_algorithm | asymmetric %}


class JWTStatelessUserAuthentication(
    HeaderLengthCapMixin, authentication.JWTStatelessUserAuthentication
):
    """The same cap on the header, and no query: `request.user` is simplejwt's TokenUser, built
    from the token's claims instead of loaded from the user table."""
{%- endif %}
