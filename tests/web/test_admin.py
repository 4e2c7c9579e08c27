"""Records changed only on their own pages (where they are checked, locked and audited) are
read only in the admin: staff can look but not add, change or delete — nothing in the product
deletes history."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.test import RequestFactory

from pinspect.web.assessments.models import SampledCase
from pinspect.web.audit.models import AuditEvent
from pinspect.web.panel.models import PanelDecision, PanelSignOff
from pinspect.web.reports.models import Publication, Recommendation
from pinspect.web.samples.models import Replacement, SampleDraw

READ_ONLY = (
    AuditEvent,
    SampledCase,
    PanelDecision,
    PanelSignOff,
    Recommendation,
    Publication,
    SampleDraw,
    Replacement,
)


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_staff_cannot_add_change_or_delete_in_the_admin(model: Any, make_user: Any) -> None:
    request = RequestFactory().get("/admin/")
    request.user = make_user("root", is_staff=True, is_superuser=True)
    model_admin = admin.site._registry[model]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
