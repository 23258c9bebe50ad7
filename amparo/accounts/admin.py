"""Platform staff manage organisations and accounts here.

Survivor data is deliberately not registered: every read of it must go
through the audited selectors, which the admin would bypass.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from amparo.accounts.models import Membership, Organisation, User


class MembershipInline(admin.StackedInline):
    model = Membership
    fk_name = "user"
    extra = 0
    can_delete = False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name"]}),
        ("Status", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]
    filter_horizontal = ()
    list_filter = ["is_active", "is_staff"]
    inlines = [MembershipInline]

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return False  # deactivate instead: audit events point at users


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "country", "is_active"]
    list_filter = ["kind", "country", "is_active"]

    def has_delete_permission(self, request: HttpRequest, obj: Organisation | None = None) -> bool:
        return False
