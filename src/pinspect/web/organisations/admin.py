"""Units, unit viewers and the people who may lead inspections of a unit, in the admin (site
staff)."""

from django.contrib import admin

from pinspect.web.organisations.models import Unit, UnitLead, UnitViewer


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")


@admin.register(UnitViewer)
class UnitViewerAdmin(admin.ModelAdmin[UnitViewer]):
    list_display = ("user", "unit")


@admin.register(UnitLead)
class UnitLeadAdmin(admin.ModelAdmin[UnitLead]):
    list_display = ("user", "unit")
