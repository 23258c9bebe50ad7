"""Whom a network write may name: the ids the pages offer as choices.

Each list comes from the selector its page uses, so the API offers exactly
what the page would: partners under a current agreement (with what the
survivor's consent covers), colleagues who work referrals, organisations an
admin may sign an agreement with.
"""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.models import Organisation, OrganisationKind
from amparo.accounts.roles import Perm
from amparo.cases.selectors import case_get_for_user
from amparo.core.api import Pagination
from amparo.core.api_base import PAGE_PARAMETERS, ApiView, paginated_response, paginated_schema
from amparo.network import selectors
from amparo.network.api.common import READ_RESPONSES, SIGNED_OUT, refused
from amparo.people.vocab import Section


class OrganisationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=OrganisationKind.choices)


class ColleagueOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="*")


class ReferralPartnerOutputSerializer(OrganisationOutputSerializer):
    consented_sections = serializers.SerializerMethodField(
        help_text="The sections the survivor's current consents let the case share with this "
        "partner, now. A referral may offer only these; a transfer needs all of them."
    )

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=Section.choices))
    )
    def get_consented_sections(self, organisation: Organisation) -> list[str]:
        return sorted(self.context["covered"][organisation.pk])


class AgreementPartnerListApi(ApiView):
    required_perms = (Perm.MANAGE_ORG,)

    @extend_schema(
        tags=["network"],
        operation_id="agreements_partners_list",
        summary="Organisations an admin may record an agreement with (admins)",
        description="Every other active organisation, by name: the ``partner`` of a new agreement.",
        parameters=PAGE_PARAMETERS,
        responses={
            200: paginated_schema(
                OrganisationOutputSerializer, name="PaginatedAgreementPartnerList"
            ),
            **SIGNED_OUT,
            **refused("Only organisation admins record agreements"),
        },
    )
    def get(self, request: Request) -> Response:
        return paginated_response(
            request=request,
            view=self,
            queryset=selectors.agreement_partner_choices(user=request.user),
            serializer_class=OrganisationOutputSerializer,
        )


class ReferralColleagueListApi(ApiView):
    required_perms = (Perm.REFERRALS,)

    @extend_schema(
        tags=["referrals"],
        operation_id="referrals_colleagues_list",
        summary="Colleagues a received referral may be assigned to on accepting it",
        description=(
            "Active members of your organisation who work referrals, by name: the "
            "``assigned_to`` of an accept."
        ),
        parameters=PAGE_PARAMETERS,
        responses={
            200: paginated_schema(ColleagueOutputSerializer, name="PaginatedColleagueList"),
            **SIGNED_OUT,
            **refused("The role does not work referrals"),
        },
    )
    def get(self, request: Request) -> Response:
        return paginated_response(
            request=request,
            view=self,
            queryset=selectors.referral_colleagues(user=request.user),
            serializer_class=ColleagueOutputSerializer,
        )


class CaseReferralPartnerListApi(ApiView):
    # A list the role has no business with: 403 before the case is looked up.
    required_perms = (Perm.REFERRALS,)

    @extend_schema(
        tags=["referrals"],
        operation_id="cases_referral_partners_list",
        summary="Partners this case may be referred or transferred to (logs a read of the case)",
        description=(
            "Organisations under a current agreement with yours, by name, each with the "
            "sections the survivor's current consent lets the case share with it: what the "
            "referral and transfer pages offer. The ``to_org`` of a referral or a transfer."
        ),
        parameters=PAGE_PARAMETERS,
        responses={
            200: paginated_schema(
                ReferralPartnerOutputSerializer, name="PaginatedReferralPartnerList"
            ),
            **READ_RESPONSES,
            **refused("The role does not work referrals"),
        },
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_get_for_user(user=request.user, case_id=case_id)
        paginator = Pagination()
        page = paginator.paginate_queryset(
            selectors.referral_partners(user=request.user), request, view=self
        )
        covered = selectors.consented_sections_by_partner(case=case, partners=page)
        rows = ReferralPartnerOutputSerializer(page, many=True, context={"covered": covered}).data
        return paginator.get_paginated_response(rows)
