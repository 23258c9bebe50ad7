"""The user's own in-app notifications: kind and reference, never survivor details."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.core.api_base import PAGE_PARAMETERS, ApiView, paginated_response, paginated_schema
from amparo.network import selectors, vocab
from amparo.network.api.common import MAX_ID, SIGNED_OUT, WRITE_RESPONSES
from amparo.network.services.notify import mark_read


class NotificationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=vocab.NotificationKind.choices)
    label = serializers.CharField(source="get_kind_display")
    detail = serializers.CharField(help_text="The decision asked, for an approval; else empty.")
    referral = serializers.IntegerField(source="referral_id", allow_null=True)
    transfer = serializers.IntegerField(source="transfer_id", allow_null=True)
    case = serializers.IntegerField(source="case_id", allow_null=True)
    day = serializers.DateField(allow_null=True, help_text="The day a daily notice is for.")
    reference = serializers.CharField(
        help_text="The referral's or transfer's reference, or the case code; empty for a daily notice."
    )
    link = serializers.CharField(source="get_absolute_url", help_text="The page it is about.")
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class NotificationListApi(ApiView):
    # Any member's own notifications; without an organisation, 403 as on the page.
    required_perms = ()

    @extend_schema(
        tags=["notifications"],
        operation_id="notifications_list",
        summary="My notifications, unread first, newest first",
        description=(
            "Only your own. Each names its kind and the reference of the referral or transfer "
            "it is about, with the page it links to: never a survivor's details."
        ),
        parameters=PAGE_PARAMETERS,
        responses={
            200: paginated_schema(NotificationOutputSerializer, name="PaginatedNotificationList"),
            **SIGNED_OUT,
        },
    )
    def get(self, request: Request) -> Response:
        notifications = selectors.notifications_for_user(user=request.user)
        return paginated_response(
            request=request,
            view=self,
            queryset=notifications,
            serializer_class=NotificationOutputSerializer,
        )


class NotificationsReadApi(ApiView):
    # Any member's own notifications; without an organisation, 403 as on the page.
    required_perms = ()

    class InputSerializer(serializers.Serializer):
        ids = serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
            required=False,
            allow_null=True,
            max_length=500,
            help_text="Your notifications to mark read; all of them when omitted.",
        )

    class OutputSerializer(serializers.Serializer):
        marked = serializers.IntegerField(help_text="How many were unread and are now read.")

    @extend_schema(
        tags=["notifications"],
        summary="Mark my notifications read: those named, or all",
        description=(
            "Ids that are not yours, or already read, are left alone and not counted: "
            "``marked`` says how many changed."
        ),
        request=InputSerializer,
        responses={200: OutputSerializer, 400: WRITE_RESPONSES[400], **SIGNED_OUT},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        marked = mark_read(
            actor=request.user, notification_ids=serializer.validated_data.get("ids")
        )
        return Response({"marked": marked})
