"""Reading crosswalk files: every problem with file, line and path; lookups between editions."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pinspect.crosswalks import (
    CrosswalkCatalogue,
    Level,
    Relationship,
    load_crosswalks,
    parse_crosswalk,
)
from pinspect.frameworks import Catalogue, load_catalogue
from pinspect.problems import InputError

VIEW = textwrap.dedent(
    """\
    schema_version: 1
    id: local-view
    title: A user's view crosswalk
    from: {framework: hmip-2023-pdu, version: 'August 2023, V1.0'}
    to: {framework: hmip-2023-region, version: 'August 2023, V1.0'}
    scope: {from: [P2.1], to: [R2.1]}
    standards:
      - {from: P2.1, to: R2.1, relationship: intersect}
    key_questions:
      - {from: P2.1.1, relationship: removed}
      - {from: P2.1.2, relationship: removed}
      - {from: P2.1.3, to: R2.1.1, relationship: equal}
      - {to: R2.1.2, relationship: new}
      - {to: R2.1.3, relationship: new}
      - {to: R2.1.4, relationship: new}
    """
)


def test_a_good_crosswalk_reads(catalogue: Catalogue) -> None:
    crosswalk = parse_crosswalk(VIEW, "local-view.yaml", catalogue)
    assert crosswalk.scope_from == ("P2.1",)
    assert crosswalk.counterparts(Level.KEY_QUESTION, "R2.1.1")[0].from_id == "P2.1.3"
    assert crosswalk.onward(Level.KEY_QUESTION, "P2.1.1")[0].relationship is Relationship.REMOVED


def test_every_problem_is_reported_with_its_line_and_path(catalogue: Catalogue) -> None:
    broken = (
        VIEW.replace("version: 'August 2023, V1.0'}\nto", "version: '2022'}\nto")
        .replace(
            "{from: P2.1.1, relationship: removed}",
            "{from: P2.1.1, to: R2.1.2, relationship: removed}",
        )
        .replace("{from: P2.1.2, relationship: removed}", "{from: P2.9.9, relationship: removed}")
        .replace(
            "{from: P2.1.3, to: R2.1.1, relationship: equal}",
            "{from: P2.1.3, to: R2.1.1, relationship: intersect}",
        )
        .replace(
            "{to: R2.1.4, relationship: new}", "{from: P2.1.3, to: R2.1.4, relationship: equal}"
        )
    )
    with pytest.raises(InputError) as caught:
        parse_crosswalk(broken, "broken.yaml", catalogue)
    problems = caught.value.problems
    assert all(p.file == "broken.yaml" and p.line is not None for p in problems)
    by_field: dict[str | None, list[str]] = {}
    for p in problems:
        by_field.setdefault(p.field, []).append(p.message)
    assert "written for version '2022'" in by_field["from/version"][0]
    assert "drop 'to'" in by_field["key_questions/0/to"][0]
    assert (
        "has no key question 'P2.9.9' within the crosswalk's scope"
        in by_field["key_questions/1/from"][0]
    )
    coverage = " ".join(by_field["key_questions"])
    assert "missing: P2.1.1, P2.1.2" in coverage
    # 001 §3.3: R2.1.1 mirrors P2.1.3, so the two must be paired equal.
    assert "R2.1.1 mirrors hmip-2023-pdu:P2.1.3" in coverage
    assert any(
        "P2.1.3 is equal here but also in another row" in m
        for m in by_field["key_questions/5/relationship"]
    )
    line_of = {p.field: p.line for p in problems}
    assert line_of["key_questions/0/to"] == 10


def test_schema_errors_name_their_path(catalogue: Catalogue) -> None:
    broken = VIEW.replace("relationship: intersect}", "relationship: overlaps}").replace(
        "{to: R2.1.2, relationship: new}", "{relationship: new}"
    )
    with pytest.raises(InputError) as caught:
        parse_crosswalk(broken, "broken.yaml", catalogue)
    by_field = {p.field: p for p in caught.value.problems}
    assert "'overlaps' is not one of" in by_field["standards/0/relationship"].message
    assert by_field["standards/0/relationship"].line == 8
    assert "'to' is a required property" in by_field["key_questions/3"].message


def test_equal_standards_need_equal_key_questions(catalogue: Catalogue) -> None:
    broken = VIEW.replace(
        "{from: P2.1, to: R2.1, relationship: intersect}",
        "{from: P2.1, to: R2.1, relationship: equal}",
    )
    with pytest.raises(InputError) as caught:
        parse_crosswalk(broken, "broken.yaml", catalogue)
    (problem,) = caught.value.problems
    assert problem.field == "standards/0/relationship"
    assert "P2.1.1, P2.1.2, R2.1.2, R2.1.3, R2.1.4" in problem.message


def test_a_users_crosswalk_loads_beside_the_bundled_ones(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    frameworks = load_catalogue()
    (tmp_path / "local-view.yaml").write_text(VIEW, encoding="utf-8")
    with pytest.raises(InputError, match="pair of frameworks is already that of"):
        load_crosswalks(frameworks, [tmp_path])
    mine = load_crosswalks(frameworks, [tmp_path], include_bundled=False)
    assert list(mine) == ["local-view"]
    assert mine.between("hmip-2023-region", "hmip-2023-pdu") is not None
    (tmp_path / "local-view.yaml").rename(tmp_path / "view.yaml")
    with pytest.raises(InputError, match=r"must be named local-view\.yaml"):
        load_crosswalks(frameworks, [tmp_path], include_bundled=False)


class TestBetween:
    """Which crosswalk joins two frameworks."""

    def test_the_same_framework_is_equal_to_itself(self, crosswalks: CrosswalkCatalogue) -> None:
        same = crosswalks.between("hmip-2023-pdu", "hmip-2023-pdu")
        assert same is not None
        assert {r.relationship for r in same.rows} == {Relationship.EQUAL}

    def test_a_file_read_the_other_way_round(self, crosswalks: CrosswalkCatalogue) -> None:
        back = crosswalks.between("hmip-2023-pdu", "hmip-2021-pdu")
        assert back is not None
        assert back.derivation == "the inverse of hmip-2021-pdu--hmip-2023-pdu"
        rows = {(r.from_id, r.to_id): r.relationship for r in back.at(Level.KEY_QUESTION)}
        assert rows[("P2.3.1", "2.4.1")] is Relationship.SUBSET
        assert rows[(None, "2.7.1")] is Relationship.NEW

    def test_a_chain_is_composed(self, crosswalks: CrosswalkCatalogue) -> None:
        """2018 NPS to 2023 PDU through 2021: equal only where both steps are equal."""
        chain = crosswalks.between("hmip-2018-nps", "hmip-2023-pdu")
        assert chain is not None
        assert chain.derivation == "hmip-2018-nps--hmip-2021-pdu then hmip-2021-pdu--hmip-2023-pdu"
        rows = {(r.from_id, r.to_id): r for r in chain.at(Level.KEY_QUESTION)}
        assert rows[("2.1.1", "P2.1.1")].relationship is Relationship.EQUAL
        assert rows[("2.2.3", "P2.2.3")].relationship is Relationship.SUBSET
        assert rows[("2.3.2", "P2.3.2")].relationship is Relationship.INTERSECT
        removed = rows[("3.1.1", None)]
        assert "hmip-2021-pdu 2.1.1 has no counterpart" in (removed.note or "")

    def test_a_variant_uses_its_base(self, crosswalks: CrosswalkCatalogue) -> None:
        via = crosswalks.between("hmip-2021-pdu-scored-27", "hmip-2023-pdu")
        direct = crosswalks.between("hmip-2021-pdu", "hmip-2023-pdu")
        assert via is not None
        assert direct is not None

        def pairs(c: object) -> set[tuple[object, ...]]:
            return {(r.level, r.from_id, r.to_id, r.relationship) for r in c.rows}  # type: ignore[attr-defined]

        assert pairs(via) == pairs(direct)

    def test_no_crosswalk_joins_the_national_framework(
        self, crosswalks: CrosswalkCatalogue
    ) -> None:
        assert crosswalks.between("hmip-2024-national", "hmip-2023-pdu") is None
        with pytest.raises(
            InputError, match="no crosswalk joins hmip-2024-national and hmip-2023-pdu"
        ):
            crosswalks.get_between("hmip-2024-national", "hmip-2023-pdu")
        with pytest.raises(InputError, match="unknown framework 'nowhere'"):
            crosswalks.between("nowhere", "hmip-2023-pdu")
