"""The evidence log: uploads (size limit, type allow-list, bytes checked, stored outside the web
root, served to members only), meetings, tags to prompts, evidence sources per prompt (seed 004
introduction) and the survey of people on probation (seed 003 §5)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pinspect.web.audit.models import AuditEvent
from pinspect.web.evidence.log import add_document, set_tags
from pinspect.web.evidence.models import (
    EvidenceItem,
    EvidenceTag,
    StoredDocument,
    SurveyQuestion,
    SurveyResponse,
)
from pinspect.web.evidence.sources import evidence_sources
from pinspect.web.evidence.survey import survey_questions
from pinspect.web.inspections.models import Inspection, Membership
from pinspect.web.jobs.models import JobInput

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def office_file(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<document/>")
    return buffer.getvalue()


DOCX = office_file("word/document.xml")
XLSX = office_file("xl/workbook.xml")


@pytest.fixture(autouse=True)
def upload_dir(settings: Any, tmp_path: Path) -> Path:
    settings.PINSPECT_UPLOAD_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


def stored_files(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.is_file()] if directory.exists() else []


def status(client: Any, url: str) -> int:
    """GET ``url``, reading a download to its end (which closes its file)."""
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return int(response.status_code)


def upload(client: Any, inspection: Any, name: str, content: bytes, **extra: str) -> Any:
    return client.post(
        f"/evidence/{inspection.pk}/documents/upload/",
        {"file": SimpleUploadedFile(name, content), "title": "", **extra},
    )


class TestUploads:
    def test_a_pdf_is_stored_outside_the_web_root_with_its_digest(
        self, scenario: dict[str, Any], client_for: Any, upload_dir: Path
    ) -> None:
        inspection = scenario["fieldwork"]
        response = upload(client_for("lead"), inspection, "Business plan.pdf", PDF)
        assert response.status_code == 302
        document = StoredDocument.objects.get()
        assert document.original_name == "Business plan.pdf"
        assert document.size == len(PDF)
        assert document.sha256 == hashlib.sha256(PDF).hexdigest()
        assert document.content_type == "application/pdf"
        [path] = stored_files(upload_dir)
        assert path.parent == upload_dir / str(inspection.pk)
        assert path.read_bytes() == PDF
        assert path.suffix == ""  # a random name: the original name never reaches the disk
        assert document.item.title == "Business plan.pdf"
        fields = set(
            AuditEvent.objects.filter(object_type="evidence.evidenceitem").values_list(
                "field", flat=True
            )
        )
        assert {"kind", "title", "document"} <= fields

    def test_office_files_are_recognised_by_their_contents(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        client = client_for("inspector")
        assert upload(client, scenario["fieldwork"], "minutes.docx", DOCX).status_code == 302
        assert upload(client, scenario["fieldwork"], "data.xlsx", XLSX).status_code == 302
        assert upload(client, scenario["fieldwork"], "chart.png", PNG).status_code == 302
        assert StoredDocument.objects.count() == 3

    def test_a_file_over_the_size_limit_is_refused_and_nothing_stored(
        self, scenario: dict[str, Any], client_for: Any, settings: Any, upload_dir: Path
    ) -> None:
        settings.PINSPECT_UPLOAD_MAX_BYTES = len(PDF) - 1
        response = upload(client_for("lead"), scenario["fieldwork"], "plan.pdf", PDF)
        assert response.status_code == 400
        assert "The file must be smaller than" in response.content.decode()
        assert 'class="govuk-error-summary"' in response.content.decode()
        assert not EvidenceItem.objects.exists()
        assert not StoredDocument.objects.exists()
        assert stored_files(upload_dir) == []
        assert not AuditEvent.objects.exists()

    @pytest.mark.parametrize("name", ["tool.exe", "page.html", "macro.docm", "noextension"])
    def test_an_extension_not_on_the_allow_list_is_refused(
        self, scenario: dict[str, Any], client_for: Any, upload_dir: Path, name: str
    ) -> None:
        response = upload(client_for("lead"), scenario["fieldwork"], name, PDF)
        assert response.status_code == 400
        assert "The file must be one of these types" in response.content.decode()
        assert not EvidenceItem.objects.exists()
        assert stored_files(upload_dir) == []

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("report.pdf", PNG),
            ("photo.png", PDF),
            ("photo.jpg", PDF),
            ("minutes.docx", XLSX),
            ("data.xlsx", DOCX),
            ("text.odt", DOCX),
            ("figures.csv", PDF),
            ("notes.txt", b"MZ\x90\x00\x03\x00\x00\x00"),
            ("report.pdf", b"<html><script>alert(1)</script></html>"),
        ],
    )
    def test_a_file_whose_bytes_do_not_match_its_extension_is_refused(
        self,
        scenario: dict[str, Any],
        client_for: Any,
        upload_dir: Path,
        name: str,
        content: bytes,
    ) -> None:
        response = upload(client_for("lead"), scenario["fieldwork"], name, content)
        assert response.status_code == 400
        assert "The file&#x27;s contents are not those of a" in response.content.decode()
        assert not EvidenceItem.objects.exists()
        assert stored_files(upload_dir) == []

    def test_the_allow_list_is_a_setting(
        self, scenario: dict[str, Any], client_for: Any, settings: Any
    ) -> None:
        settings.PINSPECT_UPLOAD_TYPES = ("pdf",)
        client = client_for("lead")
        assert upload(client, scenario["fieldwork"], "chart.png", PNG).status_code == 400
        assert upload(client, scenario["fieldwork"], "plan.pdf", PDF).status_code == 302

    def test_a_file_is_required(self, scenario: dict[str, Any], client_for: Any) -> None:
        response = client_for("lead").post(
            f"/evidence/{scenario['fieldwork'].pk}/documents/upload/"
        )
        assert response.status_code == 400
        assert "Select a file to upload" in response.content.decode()


def _document(inspection: Any, user: Any) -> EvidenceItem:
    return add_document(
        inspection,
        SimpleUploadedFile("Plan «draft».pdf", PDF),
        title="",
        when=None,
        notes="",
        actor=user,
    )


class TestDownloads:
    @pytest.mark.parametrize(
        ("user", "expected"),
        [
            (None, 302),
            ("admin", 200),
            ("lead", 200),
            ("inspector", 200),
            ("inspector2", 200),
            ("qa", 200),
            ("panel", 200),
            ("viewer", 404),
            ("other_viewer", 404),
            ("outsider", 404),
        ],
    )
    def test_served_only_to_members(
        self, scenario: dict[str, Any], client_for: Any, user: str | None, expected: int
    ) -> None:
        item = _document(scenario["fieldwork"], scenario["users"]["lead"])
        response = client_for(user).get(
            f"/evidence/{scenario['fieldwork'].pk}/documents/{item.pk}/"
        )
        assert response.status_code == expected
        if expected == 200:
            assert b"".join(response.streaming_content) == PDF
            assert response["Content-Disposition"].startswith("attachment;")
            assert "filename" in response["Content-Disposition"]
            assert response["X-Content-Type-Options"] == "nosniff"
            assert "no-store" in response["Cache-Control"]
            assert "private" in response["Cache-Control"]
            assert response["Content-Type"] == "application/pdf"

    def test_a_viewer_of_a_published_inspection_may_not_download(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        """Viewers see published results, never the evidence (permissions: VIEW_EVIDENCE)."""
        item = _document(scenario["published"], scenario["users"]["lead"])
        url = f"/evidence/{scenario['published'].pk}/documents/{item.pk}/"
        assert status(client_for("viewer"), url) == 403
        assert status(client_for("other_viewer"), url) == 404
        assert status(client_for("qa"), url) == 200

    def test_a_document_is_not_reachable_through_another_inspection(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        item = _document(scenario["published"], scenario["users"]["lead"])
        url = f"/evidence/{scenario['fieldwork'].pk}/documents/{item.pk}/"
        assert status(client_for("lead"), url) == 404

    def test_a_meeting_is_not_a_download(self, scenario: dict[str, Any], client_for: Any) -> None:
        client = client_for("lead")
        client.post(
            f"/evidence/{scenario['fieldwork'].pk}/add/",
            {"kind": "meeting", "title": "Staff focus group", "attendees": "Six PSOs"},
        )
        item = EvidenceItem.objects.get()
        url = f"/evidence/{scenario['fieldwork'].pk}/documents/{item.pk}/"
        assert status(client, url) == 404


class TestMeetingsAndTags:
    def test_a_meeting_is_logged_with_attendees_and_audited(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        response = client_for("inspector").post(
            f"/evidence/{inspection.pk}/add/",
            {
                "kind": "meeting",
                "title": "Meeting with the head of PDU",
                "date_day": "4",
                "date_month": "3",
                "date_year": "2024",
                "attendees": "Head of PDU\nSenior probation officer",
                "notes": "Discussed the delivery plan.",
            },
        )
        assert response.status_code == 302
        item = EvidenceItem.objects.get()
        assert (item.kind, item.date) == ("meeting", date(2024, 3, 4))
        assert item.added_by == scenario["users"]["inspector"]
        events = AuditEvent.objects.filter(object_id=str(item.pk))
        assert {e.field for e in events} >= {"kind", "title", "date", "attendees", "notes"}
        assert all(e.actor == scenario["users"]["inspector"] for e in events)
        page = client_for("qa").get(f"/evidence/{inspection.pk}/").content.decode()
        assert "Meeting with the head of PDU" in page

    def test_a_meeting_needs_its_attendees_and_a_real_date(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        response = client_for("lead").post(
            f"/evidence/{scenario['fieldwork'].pk}/add/",
            {"kind": "meeting", "title": "Focus group", "date_day": "31", "date_month": "2"},
        )
        assert response.status_code == 400
        text = response.content.decode()
        assert "Enter who attended the meeting and their roles" in text
        assert "Enter a real date" in text
        assert 'href="#f-attendees"' in text
        assert 'href="#f-date-day"' in text
        year = (
            client_for("lead")
            .post(
                f"/evidence/{scenario['fieldwork'].pk}/add/",
                {
                    "kind": "other",
                    "title": "Minutes",
                    "date_day": "1",
                    "date_month": "2",
                    "date_year": "20245",
                },
            )
            .content.decode()
        )
        assert "Enter a real date" in year
        assert "characters long" not in year
        # The date input keeps what was typed, its page's legend and the error beside it.
        assert "Date of the meeting or evidence (optional)</legend>" in text
        assert 'id="date-error" class="govuk-error-message"' in text
        assert 'id="f-date-day" name="date_day" type="text" inputmode="numeric" value="31"' in text
        assert 'id="f-date-year" name="date_year" type="text" inputmode="numeric" value=""' in text
        assert not EvidenceItem.objects.exists()

    def test_tagging_an_item_to_prompts_is_audited(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        item = _document(inspection, scenario["users"]["lead"])
        url = f"/evidence/{inspection.pk}/items/{item.pk}/"
        response = client_for("lead").post(url, {"tag:P1.1.1.a": "-", "tag:P1.2.1.b": "-"})
        assert response.status_code == 302
        assert set(item.tags.values_list("prompt", flat=True)) == {"P1.1.1.a", "P1.2.1.b"}
        client_for("lead").post(url, {"tag:P1.1.1.a": "-"})
        assert set(item.tags.values_list("prompt", flat=True)) == {"P1.1.1.a"}
        changes = [
            (e.field, e.old, e.new)
            for e in AuditEvent.objects.filter(field__startswith="tag ").order_by("id")
        ]
        assert changes == [
            ("tag P1.1.1.a", "", "tagged"),
            ("tag P1.2.1.b", "", "tagged"),
            ("tag P1.2.1.b", "tagged", ""),
        ]

    def test_read_only_members_cannot_tag(self, scenario: dict[str, Any], client_for: Any) -> None:
        inspection = scenario["fieldwork"]
        item = _document(inspection, scenario["users"]["lead"])
        url = f"/evidence/{inspection.pk}/items/{item.pk}/"
        assert client_for("qa").get(url).status_code == 200
        assert client_for("qa").post(url, {"tag:P1.1.1.a": "-"}).status_code == 403
        assert not EvidenceTag.objects.exists()

    def test_a_source_the_prompt_does_not_list_is_refused(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        item = _document(inspection, scenario["users"]["lead"])
        response = client_for("lead").post(
            f"/evidence/{inspection.pk}/items/{item.pk}/", {"tag:P1.1.1.a": "in_advance: Nope"}
        )
        assert response.status_code == 400
        assert not EvidenceTag.objects.exists()


@pytest.fixture
def national(scenario: dict[str, Any]) -> Any:
    inspection = Inspection.objects.create(
        title="National 2025",
        unit=scenario["fieldwork"].unit,
        framework_id="hmip-2024-national",
        window_start=date(2025, 1, 1),
        window_end=date(2025, 6, 30),
        status="fieldwork",
    )
    Membership.objects.create(inspection=inspection, user=scenario["users"]["lead"], role="lead")
    return inspection


class TestEvidenceSourcesPerPrompt:
    """Seed 004 introduction: "The *evidence sources* indicate where to find evidence for that
    prompt"; a listed source is missing until an item is tagged as it."""

    def test_listed_sources_are_missing_until_tagged(
        self, scenario: dict[str, Any], client_for: Any, national: Any
    ) -> None:
        listed = evidence_sources(national.framework.prompt("N.1.1.a"))
        assert len(listed) > 1
        client = client_for("lead")

        def section() -> str:
            page = client.get(f"/evidence/{national.pk}/prompts/").content.decode()
            return page.split('id="prompt-n11a"', 1)[1].split('class="govuk-summary-card"', 1)[0]

        before = section()
        assert "HMPPS business plan" in before
        assert "Meetings with: HMPPS Chief Executive Officer" in before
        assert f"{len(listed)} of {len(listed)} missing" in before
        assert "None yet" in before
        item = _document(national, scenario["users"]["lead"])
        set_tags(
            item, {"N.1.1.a": "in_advance: HMPPS business plan"}, actor=scenario["users"]["lead"]
        )
        after = section()
        assert "Plan «draft».pdf" in after
        assert f"{len(listed) - 1} of {len(listed)} missing" in after
        assert after.count("govuk-tag--green") == 1
        assert after.count("govuk-tag--yellow") == len(listed) - 1
        item_page = client.get(f"/evidence/{national.pk}/items/{item.pk}/").content.decode()
        assert (
            '<option value="in_advance: HMPPS business plan" selected>'
            "Tagged as: Evidence in advance: HMPPS business plan</option>"
        ) in item_page

    def test_a_framework_without_sources_shows_the_tagged_evidence(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        page = client_for("qa").get(f"/evidence/{scenario['fieldwork'].pk}/prompts/")
        assert page.status_code == 200
        assert "lists no evidence sources" in page.content.decode()


QUESTIONS = (
    "id,text,options,prompts\n"
    'Q1,"Can you get to your appointments easily?",Yes|No,P1.3.1.a\n'
    "Q2,Does your practitioner listen to you?,Always|Sometimes|Never,P1.2.1.a P1.3.1.b\n"
)
RESPONSES = "respondent,Q1,Q2\n" + "\n".join(
    [f"r{i},Yes,Always" for i in range(7)] + ["r7,No,Never", "r8,No,"]
)


def import_survey(client: Any, inspection: Any, questions: str, responses: str) -> Any:
    return client.post(
        f"/evidence/{inspection.pk}/survey/import/",
        {
            "questions": SimpleUploadedFile("questions.csv", questions.encode()),
            "responses": SimpleUploadedFile("responses.csv", responses.encode()),
            "title": "Survey of people on probation",
        },
    )


class TestSurvey:
    """Seed 003 §5.6, §5.7: the text survey, its questions linked to domain one prompts."""

    def test_import_stores_counts_and_tags_the_prompts(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        lead = client_for("lead")
        response = import_survey(lead, inspection, QUESTIONS, RESPONSES)
        assert response.status_code == 302
        # The import runs as a background job: its page says what was saved and links to the
        # results; the uploaded files are not kept once the results are saved.
        assert response["Location"] == f"/evidence/{inspection.pk}/survey/import/job/"
        job_page = lead.get(response["Location"]).content.decode()
        assert "Imported 2 survey questions" in job_page
        assert f'href="/evidence/{inspection.pk}/survey/"' in job_page
        assert not JobInput.objects.exists()
        survey = survey_questions(inspection)
        assert [q.id for q in survey] == ["Q1", "Q2"]
        assert list(survey[0].responses.items()) == [("Yes", 7), ("No", 2)]
        assert list(survey[1].responses.items()) == [("Always", 7), ("Sometimes", 0), ("Never", 1)]
        assert survey[1].prompts == ("P1.2.1.a", "P1.3.1.b")
        item = EvidenceItem.objects.get(kind="survey")
        assert set(item.tags.values_list("prompt", flat=True)) == {
            "P1.2.1.a",
            "P1.3.1.a",
            "P1.3.1.b",
        }
        assert AuditEvent.objects.filter(object_id=str(item.pk), field="survey questions").exists()

    def test_small_counts_are_shown_as_fewer_than(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        import_survey(client_for("lead"), inspection, QUESTIONS, RESPONSES)
        page = client_for("qa").get(f"/evidence/{inspection.pk}/survey/").content.decode()
        q1 = page.split("Q1:", 1)[1].split("Q2:", 1)[0]
        assert ">7<" in q1
        assert "fewer than 5" in q1
        assert "Answered" not in q1  # the total would reveal the hidden count
        assert ">2<" not in q1

    def test_an_invalid_file_names_file_line_and_field_and_writes_nothing(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        bad_responses = "Q1,Q2\nYes,Always\nPerhaps,Always\n"
        response = import_survey(client_for("lead"), inspection, QUESTIONS, bad_responses)
        assert response.status_code == 400
        text = response.content.decode()
        assert "responses.csv:3: Q1: &#x27;Perhaps&#x27; is not a response to Q1" in text
        assert not EvidenceItem.objects.exists()
        assert not SurveyQuestion.objects.exists()
        assert not SurveyResponse.objects.exists()
        assert not AuditEvent.objects.exists()

    def test_an_unknown_prompt_is_refused(self, scenario: dict[str, Any], client_for: Any) -> None:
        questions = "id,text,options,prompts\nQ1,Text,Yes|No,P9.9.9.z\n"
        response = import_survey(client_for("lead"), scenario["fieldwork"], questions, "Q1\nYes\n")
        assert response.status_code == 400
        assert "questions.csv:2: prompts: &#x27;P9.9.9.z&#x27; is not a prompt" in (
            response.content.decode()
        )
        assert not EvidenceItem.objects.exists()

    def test_a_new_import_supersedes_the_old_one_which_stays(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        client = client_for("lead")
        import_survey(client, inspection, QUESTIONS, RESPONSES)
        import_survey(client, inspection, QUESTIONS, "Q1,Q2\nNo,Never\n")
        first, second = EvidenceItem.objects.filter(kind="survey").order_by("id")
        first.refresh_from_db()
        assert first.superseded_by == second
        assert dict(survey_questions(inspection)[0].responses) == {"Yes": 0, "No": 1}

    def test_only_evidence_managers_import(self, scenario: dict[str, Any], client_for: Any) -> None:
        response = import_survey(client_for("panel"), scenario["fieldwork"], QUESTIONS, RESPONSES)
        assert response.status_code == 403
        assert not EvidenceItem.objects.exists()


def test_survey_questions_is_empty_without_an_import(scenario: dict[str, Any]) -> None:
    assert survey_questions(scenario["fieldwork"]) == ()


class TestOverviewLinks:
    def test_members_see_the_evidence_links(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        page = client_for("qa").get(f"/inspections/{scenario['fieldwork'].pk}/").content.decode()
        assert f'href="/evidence/{scenario["fieldwork"].pk}/"' in page
        assert f'href="/evidence/{scenario["fieldwork"].pk}/judgements/"' in page


ITEM_PAGES = ("items/{item}/", "documents/{item}/")


@pytest.mark.parametrize("page", ITEM_PAGES)
@pytest.mark.parametrize(
    ("user", "fieldwork", "published"),
    [
        (None, 302, 302),
        ("admin", 200, 200),
        ("lead", 200, 200),
        ("inspector", 200, 200),
        ("inspector2", 200, 200),
        ("qa", 200, 200),
        ("panel", 200, 200),
        ("viewer", 404, 403),
        ("other_viewer", 404, 404),
        ("outsider", 404, 404),
    ],
)
def test_item_pages_by_role(  # noqa: PLR0917  (one argument per table column)
    scenario: dict[str, Any],
    client_for: Any,
    page: str,
    user: str | None,
    fieldwork: int,
    published: int,
) -> None:
    """The permission matrix for pages of an existing item (the matrix rows cannot name one)."""
    for inspection, expected in (
        (scenario["fieldwork"], fieldwork),
        (scenario["published"], published),
    ):
        item = _document(inspection, scenario["users"]["lead"])
        url = f"/evidence/{inspection.pk}/" + page.format(item=item.pk)
        assert status(client_for(user), url) == expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        (None, 302),
        ("admin", 302),
        ("lead", 302),
        ("inspector", 302),
        ("inspector2", 302),
        ("qa", 403),
        ("panel", 403),
        ("viewer", 404),
        ("other_viewer", 404),
        ("outsider", 404),
    ],
)
def test_tagging_by_role(
    scenario: dict[str, Any], client_for: Any, user: str | None, expected: int
) -> None:
    item = _document(scenario["fieldwork"], scenario["users"]["lead"])
    url = f"/evidence/{scenario['fieldwork'].pk}/items/{item.pk}/"
    assert client_for(user).post(url, {"tag:P1.1.1.a": "-"}).status_code == expected
    assert EvidenceTag.objects.exists() is (expected == 302 and user is not None)
