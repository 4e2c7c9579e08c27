"""Units and unit viewers in the admin (site staff)."""

from django.contrib import admin

from pinspect.web.organisations.models import Unit, UnitViewer


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")


@admin.register(UnitViewer)
class UnitViewerAdmin(admin.ModelAdmin[UnitViewer]):
    list_display = ("user", "unit")
