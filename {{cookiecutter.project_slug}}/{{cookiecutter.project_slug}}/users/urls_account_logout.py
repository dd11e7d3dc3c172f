"""Account endpoints of the signed-in user, mounted under /api/users/."""

from django.urls import path

from .logout import LogoutEverywhereView
from .views import PasswordChangeView, UserView

urlpatterns = [
    path("me/", UserView.as_view(), name="user_me"),
    path("me/password/", PasswordChangeView.as_view(), name="user_password"),
    path(
        "me/logout-everywhere/",
        LogoutEverywhereView.as_view(),
        name="user_logout_everywhere",
    ),
]
