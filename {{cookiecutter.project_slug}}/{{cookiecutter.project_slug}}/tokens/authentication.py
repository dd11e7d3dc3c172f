"""How API requests authenticate: simplejwt's authentication classes, with a cap on the header
size, and a user lookup that costs one query and little else (settings/base.py picks the class).
"""

from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.conf import settings
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

# Room for the keyword, a space and the longest token accepted anywhere.
MAX_HEADER_LENGTH = settings.JWT_MAX_TOKEN_LENGTH + 32

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
    """Loads a user by the id a token carries, with SQL the ORM compiles once.

    `User.objects.get(id=...)` rebuilds and recompiles the same query on every call, which
    costs more than running it; here the ORM writes the SQL on the first call and every later
    call only runs it (Manager.raw), with the same conversions of values.
    """

    sql: str | None = None

    @cached_property
    def model(self) -> type[AbstractBaseUser]:
        return get_user_model()

    @cached_property
    def field(self) -> Any:
        return self.model._meta.get_field(api_settings.USER_ID_FIELD)

    def get(self, user_id: Any) -> AbstractBaseUser | None:
        """The user with this id, or None if there is none (or the id cannot be one)."""
        manager = self.model._default_manager
        try:
            # Also refuses numbers out of the column's range, as the ORM's own lookup would.
            value = self.field.clean(user_id, None)
        except ValidationError:
            return None
        if self.sql is None:
            query = manager.filter(**{self.field.name: value}).query
            self.sql = query.get_compiler(manager.db).as_sql()[0]
        parameter = self.field.get_db_prep_value(value, connections[manager.db])
        return next(iter(manager.raw(self.sql, [parameter])), None)


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
