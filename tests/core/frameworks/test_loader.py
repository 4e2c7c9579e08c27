"""Reading framework files: every problem collected, each with file, line and field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pinspect.frameworks import load_catalogue, parse_framework, read_framework_file
from pinspect.problems import InputError

YOUTH = textwrap.dedent(
    """\
    schema_version: 1
    id: local-youth-audit
    title: Local youth justice audit
    version: "2026"
    unit: other
    licence: Written by the local audit team; MIT.
    source: {document: local-audit.md, section: Standards}
    confidence_level: 0.8
    banding: {kind: derived}
    domains:
      - id: "1"
        name: Casework
        source: {document: local-audit.md, section: Casework}
        standards:
          - id: Y1.1
            name: Assessment
            statement: Assessment is good.
            rated_by: cases
            sample: supervision
            scored: true
            source: {document: local-audit.md, section: Y1.1}
            key_questions:
              - id: Y1.1.1
                text: Is the assessment sufficient?
                prompts:
                  - id: Y1.1.1.a
                    letter: a
                    text: Is it timely?
          - id: Y1.2
            name: Leadership
            statement: null
            rated_by: judgement
            scored: true
            source: {document: local-audit.md, section: Y1.2}
            key_questions:
              - id: Y1.2.1
                text: Is there a plan?
                mirrors: {framework: hmip-2023-pdu, id: P1.1.1}
    """
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_users_framework_loads_beside_the_bundled_ones(tmp_path: Path) -> None:
    write(tmp_path, "local-youth-audit.yaml", YOUTH)
    catalogue = load_catalogue([tmp_path])
    framework = catalogue.get_framework("local-youth-audit")
    assert framework.counts()["prompts"] == 1
    assert [(b.min_score, b.max_score) for b in framework.banding.bands] == [
        (0, 1),
        (2, 3),
        (4, 5),
        (6, 6),
    ]
    assert "hmip-2023-pdu" in catalogue


def test_every_problem_is_reported_with_its_line_and_path(tmp_path: Path) -> None:
    broken = (
        YOUTH.replace("rated_by: cases", "rated_by: by-magic")
        .replace("id: Y1.1.1.a", "id: Y1.1.1")
        .replace("unit: other", "unit: planet")
    )
    with pytest.raises(InputError) as caught:
        parse_framework(broken, "broken.yaml")
    fields = {p.field: p for p in caught.value.problems}
    assert "unit" in fields
    assert fields["unit"].line == 5
    assert "domains/0/standards/0/rated_by" in fields
    assert fields["domains/0/standards/0/rated_by"].line == 18
    assert all(p.file == "broken.yaml" for p in caught.value.problems)


BAD_BANDING = (
    "banding: {kind: derived, bands: [{rating: inadequate, min: 0, max: 1}, "
    "{rating: requires improvement, min: 3, max: 3}, {rating: good, min: 4, max: 5}, "
    "{rating: outstanding, min: 6, max: 7}]}"
)


def test_model_rules_are_collected_together() -> None:
    """Stage two: duplicate ids, misnumbered prompts and a bad banding, all in one report."""
    broken = YOUTH.replace("id: Y1.1.1.a", "id: Y1.2.1").replace(
        "banding: {kind: derived}",
        BAD_BANDING,
    )
    with pytest.raises(InputError) as caught:
        parse_framework(broken, "broken.yaml")
    messages = [str(p) for p in caught.value.problems]
    assert any("duplicate id 'Y1.2.1'" in m for m in messages)
    assert any("should be 'Y1.1.1.a'" in m for m in messages)
    assert any("starts at 3; expected 2" in m for m in messages)
    assert any("maximum score is 6" in m for m in messages)
    assert any("majority rule" in m for m in messages)
    duplicate = next(p for p in caught.value.problems if "duplicate" in p.message)
    assert duplicate.line is not None
    assert duplicate.field is not None


def test_a_published_banding_must_quote_its_source() -> None:
    broken = YOUTH.replace("banding: {kind: derived}", "banding: {kind: published}")
    with pytest.raises(InputError) as caught:
        parse_framework(broken, "x.yaml")
    assert any("'source' is a required property" in p.message for p in caught.value.problems)


def test_dangling_references_and_id_clashes(tmp_path: Path) -> None:
    write(tmp_path, "local-youth-audit.yaml", YOUTH.replace("P1.1.1", "P9.9.9"))
    write(tmp_path, "hmip-2023-pdu.yaml", YOUTH.replace("local-youth-audit", "hmip-2023-pdu"))
    with pytest.raises(InputError) as caught:
        load_catalogue([tmp_path])
    messages = [str(p) for p in caught.value.problems]
    assert any("dangling reference: hmip-2023-pdu:P9.9.9" in m for m in messages)
    assert any("already used by" in m for m in messages)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "id: x\ntitle: [unclosed\nversion: 1\n")
    with pytest.raises(InputError) as caught:
        read_framework_file(path)
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert problem.line is not None
    assert "not valid YAML" in problem.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_framework_file(tmp_path / "absent.yaml")


def test_file_name_must_match_the_id(tmp_path: Path) -> None:
    write(tmp_path, "youth.yaml", YOUTH)
    with pytest.raises(InputError, match=r"must be named local-youth-audit\.yaml"):
        load_catalogue([tmp_path])
