"""The web's chart tag and the report's chart helper draw from one definition."""

from __future__ import annotations

from django.template import Context, Template

from pinspect.charts import BarChart, KeyQuestionBar, key_question_chart, render_svg
from pinspect.report.html import _environment
from pinspect.scale.rating import Band


def _definition() -> BarChart:
    return key_question_chart(
        "P 2.1 <key questions>",
        [KeyQuestionBar("P 2.1.1", "Text & more", 70.0, Band.REASONABLE_MAJORITY)],
    )


def test_the_template_tag_draws_the_chart_and_its_govuk_table_beside_it() -> None:
    html = Template('{% load charts %}{% chart definition "kq-P2.1" %}').render(
        Context({"definition": _definition()})
    )
    assert render_svg(_definition(), "kq-P2.1") in html
    assert 'class="govuk-table"' in html
    assert "P 2.1 &lt;key questions&gt;" in html
    assert "Text &amp; more" in html
    assert "style=" not in html


def test_the_report_helper_draws_the_same_svg() -> None:
    template = _environment().from_string("{{ chart(definition, 'kq-P2.1') }}")
    html = template.render(definition=_definition())
    assert render_svg(_definition(), "kq-P2.1") in html
    assert "<table" in html
    assert "govuk-table" not in html
