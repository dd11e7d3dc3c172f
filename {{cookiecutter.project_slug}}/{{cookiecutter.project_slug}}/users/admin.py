from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    """Django's user admin.

    Its forms name auth.User, but the admin binds them to this model: they serve any subclass
    of AbstractUser as they are.
    """
