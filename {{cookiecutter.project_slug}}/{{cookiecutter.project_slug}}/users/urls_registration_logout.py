"""Account endpoints of the signed-in user, sign-up and password reset, mounted under
/api/users/."""

from django.urls import include, path

from .logout import LogoutEverywhereView
from .registration import urls as registration_urls
from .views import PasswordChangeView, UserView

urlpatterns = [
    path("me/", UserView.as_view(), name="user_me"),
    path("me/password/", PasswordChangeView.as_view(), name="user_password"),
    path(
        "me/logout-everywhere/",
        LogoutEverywhereView.as_view(),
        name="user_logout_everywhere",
    ),
    # Sign-up and password reset: anyone may call these.
    path("", include(registration_urls)),
]
