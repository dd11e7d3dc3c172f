"""Django's admin forms for users, bound to this project's user model (they name auth.User)."""

from django.contrib.auth import forms

from .models import User


class UserCreationForm(forms.AdminUserCreationForm[User]):
    class Meta(forms.AdminUserCreationForm.Meta):
        model = User
{%- if cookiecutter.login_field == "email" %}
        fields = ("email",)
        field_classes = {}
{%- endif %}


class UserChangeForm(forms.UserChangeForm[User]):
    class Meta(forms.UserChangeForm.Meta):
        model = User
