"""The organisation admin's people, in the API: list, invite, invite again, change
role, deactivate, reactivate, reset a second factor. The same selectors and
services as the "People" pages."""

from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.models import Membership
from amparo.accounts.roles import Perm, Role
from amparo.accounts.selectors import account_second_factors
from amparo.accounts.selectors_members import member_get_for_admin, members_for_admin
from amparo.accounts.services import (
    member_change_role,
    member_deactivate,
    member_invite,
    member_reactivate,
    member_resend_invitation,
    member_reset_mfa,
)
from amparo.core.api_base import (
    PAGE_PARAMETERS,
    ApiView,
    VocabField,
    paginated_response,
    paginated_schema,
)

_MANAGE = (Perm.MANAGE_ORG,)


class MemberOutputSerializer(serializers.Serializer):
    """A member as their admin sees them: never a password, secret or token."""

    id = serializers.IntegerField()
    user_id = serializers.IntegerField()
    full_name = serializers.CharField(source="user.full_name")
    email = serializers.EmailField(source="user.email")
    role = serializers.ChoiceField(choices=Role.choices)
    is_active = serializers.SerializerMethodField()
    has_second_factor = serializers.SerializerMethodField()
    last_sign_in = serializers.DateTimeField(source="user.last_login", allow_null=True)
    invitation_sent_at = serializers.DateTimeField(allow_null=True)

    def get_is_active(self, member: Membership) -> bool:
        return member.is_active and member.user.is_active

    def get_has_second_factor(self, member: Membership) -> bool:
        return bool(getattr(member, "has_totp", False))


def _member_response(actor: Any, member: Membership, code: int = 200) -> Response:
    # Re-read through the selector, so the answer carries what the list shows.
    fresh = member_get_for_admin(user=actor, member_id=member.pk)
    return Response(MemberOutputSerializer(fresh).data, status=code)


def _refuse_a_body_that_is_not_an_object(request: Request) -> None:
    """These operations take no body; one sent anyway must still be a JSON object (400
    otherwise, before anything is written), as on every operation of the API."""
    _body = request.data


class MemberListApi(ApiView):
    """The members of my organisation, deactivated ones included, by name."""

    required_perms = _MANAGE

    @extend_schema(
        tags=["people"],
        summary="The members of my organisation",
        parameters=PAGE_PARAMETERS,
        responses={200: paginated_schema(MemberOutputSerializer, name="PaginatedMemberList")},
    )
    def get(self, request: Request) -> Response:
        return paginated_response(
            request=request,
            view=self,
            queryset=members_for_admin(user=request.user),
            serializer_class=MemberOutputSerializer,
        )


class MemberInviteApi(ApiView):
    """Create a member's account and e-mail them a one-time link to set a password."""

    required_perms = _MANAGE

    class InputSerializer(serializers.Serializer):
        email = serializers.CharField(max_length=254)
        full_name = serializers.CharField(max_length=150, allow_blank=True)
        role = VocabField(vocab=Role)
        language = serializers.ChoiceField(
            choices=settings.LANGUAGES, required=False, allow_blank=True
        )

    @extend_schema(
        tags=["people"],
        summary="Invite a person into my organisation",
        request=InputSerializer,
        responses={201: MemberOutputSerializer, 400: OpenApiResponse(description="Field errors")},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        member = member_invite(
            actor=request.user,
            email=data["email"],
            full_name=data["full_name"],
            role=data["role"],
            language=data.get("language", ""),
        )
        return _member_response(request.user, member, status.HTTP_201_CREATED)


class MemberRoleApi(ApiView):
    """Give a member another role. The last active admin keeps theirs."""

    required_perms = _MANAGE

    class InputSerializer(serializers.Serializer):
        role = VocabField(vocab=Role)

    @extend_schema(
        tags=["people"],
        summary="Change a member's role",
        request=InputSerializer,
        responses={200: MemberOutputSerializer},
    )
    def post(self, request: Request, member_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = member_change_role(
            actor=request.user, member_id=member_id, role=serializer.validated_data["role"]
        )
        return _member_response(request.user, member)


class MemberDeactivateApi(ApiView):
    """The member can no longer sign in; their sessions and tokens stop at once."""

    required_perms = _MANAGE

    @extend_schema(
        tags=["people"],
        summary="Deactivate a member (never oneself, never the last admin)",
        request=None,
        responses={200: MemberOutputSerializer, 400: OpenApiResponse(description="Refused")},
    )
    def post(self, request: Request, member_id: int) -> Response:
        _refuse_a_body_that_is_not_an_object(request)
        member = member_deactivate(actor=request.user, member_id=member_id)
        return _member_response(request.user, member)


class MemberReactivateApi(ApiView):
    """The member may sign in and work again, with the same role."""

    required_perms = _MANAGE

    @extend_schema(
        tags=["people"],
        summary="Reactivate a member",
        request=None,
        responses={200: MemberOutputSerializer},
    )
    def post(self, request: Request, member_id: int) -> Response:
        _refuse_a_body_that_is_not_an_object(request)
        member = member_reactivate(actor=request.user, member_id=member_id)
        return _member_response(request.user, member)


class MemberResetMfaApi(ApiView):
    """Remove the member's authenticator app and recovery codes; they set up a new one."""

    required_perms = _MANAGE

    @extend_schema(
        tags=["people"],
        summary="Reset a member's second factor",
        request=None,
        responses={200: MemberOutputSerializer, 400: OpenApiResponse(description="Refused")},
    )
    def post(self, request: Request, member_id: int) -> Response:
        _refuse_a_body_that_is_not_an_object(request)
        member = member_reset_mfa(actor=request.user, member_id=member_id)
        return _member_response(request.user, member)


class MemberResendInvitationApi(ApiView):
    """E-mail a new invitation link to a member who has not signed in yet; earlier links stop."""

    required_perms = _MANAGE

    @extend_schema(
        tags=["people"],
        summary="Send a member's invitation again",
        description=(
            "Only for an active member who has not signed in yet; refused (400) within "
            "five minutes of the last invitation."
        ),
        request=None,
        responses={200: MemberOutputSerializer, 400: OpenApiResponse(description="Refused")},
    )
    def post(self, request: Request, member_id: int) -> Response:
        _refuse_a_body_that_is_not_an_object(request)
        member = member_resend_invitation(actor=request.user, member_id=member_id)
        return _member_response(request.user, member)


class MyAccountApi(ApiView):
    """Who I am here: name, e-mail, organisation, role, language, second factor."""

    required_perms = ()

    class OutputSerializer(serializers.Serializer):
        full_name = serializers.CharField()
        email = serializers.EmailField()
        organisation = serializers.CharField()
        role = serializers.ChoiceField(choices=Role.choices)
        language = serializers.CharField(help_text="Blank until chosen while signed in.")
        has_second_factor = serializers.BooleanField()

    @extend_schema(tags=["people"], summary="My account", responses={200: OutputSerializer})
    def get(self, request: Request) -> Response:
        member = request.user.active_membership
        data = {
            "full_name": request.user.full_name,
            "email": request.user.email,
            "organisation": member.organisation.name,
            "role": member.role,
            "language": request.user.language,
            "has_second_factor": Authenticator.Type.TOTP
            in account_second_factors(user=request.user),
        }
        return Response(self.OutputSerializer(data).data)
