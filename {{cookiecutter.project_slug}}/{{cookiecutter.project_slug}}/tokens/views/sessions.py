"""The signed-in user's sessions: list them, end one, or end every other one (sessions.py)."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ... import events
from .. import sessions
from ..models import Session


class SessionSerializer(serializers.ModelSerializer[Session]):
    id = serializers.CharField(source="family", read_only=True)
    current = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = ["id", "created_at", "refreshed_at", "network", "user_agent", "current"]
        read_only_fields = fields

    def get_current(self, session: Session) -> bool:
        """Whether the request's access token belongs to this session."""
        return bool(session.family == self.context["current"])


class SessionViewSet(
    mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet[Session]
):
    """The sessions of the signed-in user, one per login: when it began, when it last refreshed,
    and the network and user agent of the client it was last used from; `current` marks the
    session of the request's token.

    Ending a session refuses its refresh token at once; its access tokens live until they
    expire.
    """

    serializer_class = SessionSerializer
    pagination_class = None
    lookup_field = "family"
    lookup_url_kwarg = "id"

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            # drf-spectacular reads the model from it, with no user to ask for.
            return Session.objects.none()
        return sessions.live_sessions(sessions.signed_in_user(self.request))

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "current": self.current()}

    def current(self) -> str | None:
        return sessions.session_of(self.request.auth)

    def perform_destroy(self, instance: Session) -> None:
        user = sessions.signed_in_user(self.request)
        sessions.end(user, instance.family)
        events.record(events.Event.SESSION_ENDED, self.request, user=user, reason="one")

    @extend_schema(request=None, responses={status.HTTP_204_NO_CONTENT: None})
    @action(detail=False, methods=["post"], url_path="end-others")
    def end_others(self, request: Request) -> Response:
        """End every session of the signed-in user but the current one."""
        user = sessions.signed_in_user(request)
        sessions.end_others(user, keep=self.current())
        events.record(events.Event.SESSION_ENDED, request, user=user, reason="others")
        return Response(status=status.HTTP_204_NO_CONTENT)
