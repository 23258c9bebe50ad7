"""Personal API tokens: list, issue (the secret is shown once), revoke."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.models import TOKEN_NAME_MAX
from amparo.accounts.selectors import tokens_for_user
from amparo.accounts.services import token_issue, token_revoke
from amparo.core.api_base import ApiView


class TokenOutputSerializer(serializers.Serializer):
    """A token as listed: never its secret, which is not stored."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    prefix = serializers.CharField()
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField()


class TokenListApi(ApiView):
    required_perms = ()

    @extend_schema(
        tags=["tokens"],
        summary="My API tokens (without secrets)",
        responses={200: TokenOutputSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(TokenOutputSerializer(tokens_for_user(user=request.user), many=True).data)


class TokenIssueApi(ApiView):
    required_perms = ()

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=TOKEN_NAME_MAX, allow_blank=True)

    class OutputSerializer(TokenOutputSerializer):
        secret = serializers.CharField(
            help_text="Shown once, now. Send it as 'Authorization: Bearer <secret>'."
        )

    @extend_schema(
        tags=["tokens"],
        summary="Issue a token; the response is the only time its secret is shown",
        request=InputSerializer,
        responses={201: OutputSerializer, 400: OpenApiResponse(description="Field errors")},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, secret = token_issue(user=request.user, name=serializer.validated_data["name"])
        token.secret = secret  # type: ignore[attr-defined]  # for the response only, never stored
        return Response(self.OutputSerializer(token).data, status=status.HTTP_201_CREATED)


class TokenRevokeApi(ApiView):
    required_perms = ()

    @extend_schema(
        tags=["tokens"],
        summary="Revoke a token (mine, or as organisation admin a member's); it stops working at once",
        request=None,
        responses={200: TokenOutputSerializer, 404: OpenApiResponse(description="Not found")},
    )
    def post(self, request: Request, token_id: int) -> Response:
        token = token_revoke(actor=request.user, token_id=token_id)
        return Response(TokenOutputSerializer(token).data)
