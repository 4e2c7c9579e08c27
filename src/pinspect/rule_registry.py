"""Where each seed clause the code carries lives: the code and the tests that carry it.

Every rule quotes its seed clause in its docstring (``001 §4.23``, ``000 R 1.2.2``,
``002 decision 8``, ``003 §3.7``; several clauses of one seed as ``001 §4.15, §4.16``, never
as a range). :data:`CLAUSES` maps each clause to the modules, classes and functions whose
docstrings cite it and to the tests that do. ``docs/rules.md`` is generated from it, and
``tests/test_rules.py`` fails when a named object moves or stops citing its clause, when a
clause cited in the code is missing here, or when a citation is written another way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CITATION", "CLAUSES", "Clause", "citations", "clause_sort_key"]

_ITEM = r"(?:§\d+(?:\.\d+)*|R \d+(?:\.\d+)+|decision \d+|Annexe? [A-Z](?: §\d+(?:\.\d+)*)?)"
CITATION = re.compile(
    r"(?P<seed>00[0-4]) (?P<items>" + _ITEM + r"(?:(?:, | and | or )" + _ITEM + r")*)"
)
"""A citation in the one format: a seed's number, then one or more of its clauses."""
_ITEM_RE = re.compile(_ITEM)


def citations(text: str) -> set[str]:
    """Every clause ``text`` cites, one per clause: ``"001 §4.15, §4.16"`` gives
    ``{"001 §4.15", "001 §4.16"}``."""
    found: set[str] = set()
    for match in CITATION.finditer(text):
        seed = match.group("seed")
        found.update(f"{seed} {item}" for item in _ITEM_RE.findall(match.group("items")))
    return found


def clause_sort_key(clause: str) -> tuple[str, int, tuple[int, ...]]:
    """Seed order, then sections, R clauses, decisions and annexes, each in number order."""
    seed, item = clause.split(" ", 1)
    kind = "§Rd".find(item[0]) if item[0] in "§Rd" else 3
    return seed, kind, tuple(int(n) for n in re.findall(r"\d+", item))


@dataclass(frozen=True)
class Clause:
    """One seed clause: its citation, what it says in a few words, and where it is carried.

    ``code`` names modules, classes and functions (``pinspect.scale.banding``,
    ``pinspect.ratings.overall.rate_overall``); ``tests`` names test modules, classes and
    functions (``tests/core/ratings/test_overall.py::TestOverall::test_bands``).
    """

    citation: str
    says: str
    code: tuple[str, ...]
    tests: tuple[str, ...] = ()


CLAUSES: tuple[Clause, ...] = (
    Clause(
        "000 R 1.2.2",
        "Regional R 1.2.2 rated from the aggregated P 1.2 ratings of the region's PDU inspections",
        code=(
            "pinspect.ratings.aggregate",
            "pinspect.ratings.aggregate.aggregate_ratings",
            "pinspect.ratings.aggregate.aggregated_references",
            "pinspect.ratings.aggregate.ratings_to_aggregate",
            "pinspect.ratings.inputs",
            "pinspect.ratings.inputs.read_aggregate_ratings",
            "pinspect.ratings.serialisation.aggregate_json",
            "pinspect.ratings.standard.rate_aggregated_standard",
            "pinspect.rule_registry",
            "pinspect.web.inspections.results.aggregated_ratings",
            "pinspect.web.reports.models.PublishedRating",
            "pinspect.web.reports.published_ratings",
        ),
        tests=(
            "tests/core/frameworks/test_bundled_frameworks.py::test_r122_aggregates_pdu_staffing",
            "tests/core/ratings/test_aggregate.py",
            "tests/core/ratings/test_aggregate.py::Test000R1Point2Point2AggregateRules",
            "tests/core/ratings/test_aggregate.py::Test000R1Point2Point2AggregateRules::test_rules",
            "tests/core/ratings/test_aggregate.py::Test000R1Point2Point2AggregateRules::test_nothing_to_aggregate",
            "tests/core/ratings/test_aggregate.py::Test000R1Point2Point2InTheRegionalFramework",
            "tests/core/ratings/test_aggregate.py::Test000R1Point2Point2InTheRegionalFramework::test_reported_on_the_key_question",
            "tests/core/ratings/test_aggregate.py::test_ratings_to_aggregate_takes_p12_from_the_published_pdu_inspections",
            "tests/core/ratings/test_rate_cli.py::test_region_aggregate",
            "tests/core/ratings/test_results_unchanged.py",
            "tests/web/test_aggregation.py",
            "tests/web/test_aggregation.py::test_r122_reads_the_ratings_kept_at_publication_and_rates_nothing_again",
            "tests/web/test_reports.py::test_publication_keeps_every_final_rating_for_aggregation",
        ),
    ),
    Clause(
        "001 §3",
        "The standards framework: domains, standards, key questions and prompts",
        code=("pinspect.frameworks.model",),
        tests=(),
    ),
    Clause(
        "001 §3.2",
        "Key questions and prompts have a binary yes or no response",
        code=(
            "pinspect.frameworks.model",
            "pinspect.frameworks.model.Prompt.allows_not_applicable",
            "pinspect.frameworks.model.KeyQuestion.allows_not_applicable",
            "pinspect.web.assessments.questions",
            "pinspect.web.evidence.judgements.answerable",
        ),
        tests=(
            "tests/core/frameworks/test_not_applicable.py",
            "tests/core/frameworks/test_not_applicable.py::test_a_key_question_is_binary_while_any_prompt_applies_to_every_case",
            "tests/core/frameworks/test_not_applicable.py::test_the_2023_pdu_framework_is_binary_throughout",
        ),
    ),
    Clause(
        "001 §3.3",
        "Three domains: leadership, case supervision, provider-specific work",
        code=(
            "pinspect.crosswalks.catalogue",
            "pinspect.crosswalks.loader",
            "pinspect.crosswalks.loader._Checker.check_mirrors",
            "pinspect.frameworks.catalogue.Catalogue.mirrored_key_question",
            "pinspect.ratings.view",
        ),
        tests=(
            "tests/core/crosswalks/test_bundled_crosswalks.py::test_the_stage_and_aim_views_agree_with_mirrors",
            "tests/core/frameworks/test_bundled_frameworks.py::test_regional_views_mirror_pdu_key_questions",
            "tests/core/ratings/test_view.py",
            "tests/core/ratings/test_view.py::TestRegionalViewOfPduAnswers",
            "tests/core/ratings/test_view.py::TestRegionalViewOfPduAnswers::test_answers_under_regional_ids_are_accepted",
            "tests/core/ratings/test_view.py::TestRegionalViewOfPduAnswers::test_one_case_answering_both_ids_is_refused",
        ),
    ),
    Clause(
        "001 §4",
        "Rating probation providers",
        code=("pinspect.ratings",),
        tests=(
            "tests/core/ratings/test_results_unchanged.py",
            "tests/core/ratings/test_results_unchanged.py::test_scenario_results_unchanged",
        ),
    ),
    Clause(
        "001 §4.1",
        "A four-point rating scale: outstanding, good, requires improvement, inadequate",
        code=(
            "pinspect.ratings.summary.RatingDistribution",
            "pinspect.scale",
            "pinspect.scale.rating",
            "pinspect.scale.rating.Rating.next",
        ),
        tests=(
            "tests/core/property/test_trend_properties.py::TestOneFramework",
            "tests/core/ratings/test_scale.py",
            "tests/core/ratings/test_scale.py::test_the_next_rating_is_one_step_up_the_four_point_scale",
            "tests/core/ratings/test_scale.py::test_next_never_skips_or_goes_down",
        ),
    ),
    Clause(
        "001 §4.4",
        "The ratings table as published (mock ratings)",
        code=(
            "pinspect.report.builder",
            "pinspect.report.builder._ratings_table",
            "pinspect.report.content.RatingRow",
            "pinspect.report.inputs",
        ),
        tests=(
            "tests/core/report/test_pdf.py::test_the_text_holds_the_ratings_table_rows_in_order",
            "tests/core/report/test_ratings_table.py::TestRatingsTableSeed001_4_4",
            "tests/web/test_reports.py::test_the_pdf_holds_the_ratings_table",
        ),
    ),
    Clause(
        "001 §4.6",
        "Domain two and three ratings are driven by the inspection of individual cases",
        code=(
            "pinspect.ratings.case_figures.case_standards",
            "pinspect.ratings.summary.summarise",
        ),
        tests=(),
    ),
    Clause(
        "001 §4.7",
        "Yes/no judgements per case at key-question level, consolidated for the standard",
        code=(
            "pinspect.crosswalks.answers",
            "pinspect.ratings.answer",
            "pinspect.ratings.key_question",
            "pinspect.ratings.key_question.PromptResult",
            "pinspect.ratings.national",
            "pinspect.ratings.summary",
            "pinspect.ratings.summary.summarise",
            "pinspect.report.content.PromptRow",
            "pinspect.report.content.KeyQuestionRow",
            "pinspect.scale.counts",
            "pinspect.scale.counts.YesNoCounts",
            "pinspect.trends.series.Figures",
            "pinspect.web.assessments.questions",
        ),
        tests=(
            "tests/core/crosswalks/test_carry_answers.py::test_the_same_answers_rate_the_same_where_the_crosswalk_says_equal",
            "tests/core/property/test_rating_properties.py::TestCountsByHand",
            "tests/core/ratings/test_band_rule.py::Test001Section4Point8Bands::test_no_applicable_case_has_no_band",
            "tests/core/ratings/test_scale.py::test_yes_no_counts_take_the_percentage_over_applicable_cases",
            "tests/core/ratings/test_standard.py::Test001Section4Point10LowestKeyQuestion::test_not_applicable_answers_do_not_count",
            "tests/core/ratings/test_standard.py::Test001Section4Point10LowestKeyQuestion::test_prompt_percentages_are_reported",
            "tests/core/ratings/test_summary.py::TestSummaryProperties",
            "tests/core/report/test_sections.py::TestKeyQuestionsSeed001_4_7To4_10",
        ),
    ),
    Clause(
        "001 §4.8",
        "The four performance bands: Minority, Too few, Reasonable majority, Large majority",
        code=(
            "pinspect.ratings.band_rule",
            "pinspect.ratings.band_rule.band_for_counts",
            "pinspect.ratings.band_rule.band_thresholds",
            "pinspect.ratings.case_figures",
            "pinspect.ratings.fragility",
            "pinspect.ratings.fragility.band_distribution",
            "pinspect.ratings.key_question.rate_key_question",
            "pinspect.report.content.KeyQuestionRow",
            "pinspect.scale",
            "pinspect.scale.counts",
            "pinspect.scale.counts.YesNoCounts",
            "pinspect.scale.counts.YesNoCounts.applicable",
            "pinspect.scale.rating",
            "pinspect.scale.rating.Band",
            "pinspect.scale.rating.Band.lower_bound",
            "pinspect.scale.rating.Band.next",
            "pinspect.trends.series.Figures",
            "pinspect.trends.series.KeyQuestionSeries",
        ),
        tests=(
            "tests/core/crosswalks/test_carry_answers.py::test_the_same_answers_rate_the_same_where_the_crosswalk_says_equal",
            "tests/core/property/test_rating_properties.py",
            "tests/core/property/test_rating_properties.py::TestOneMoreYesNeverLowers",
            "tests/core/property/test_rating_properties.py::TestOneMoreYesNeverLowers::test_key_question",
            "tests/core/property/test_rating_properties.py::TestExactBoundaries",
            "tests/core/property/test_rating_properties.py::TestExactBoundaries::test_boundary",
            "tests/core/property/test_rating_properties.py::TestBandThresholds",
            "tests/core/property/test_rating_properties.py::TestBandThresholds::test_thresholds_give_the_band",
            "tests/core/property/test_rating_properties.py::TestFragilityBandDistribution",
            "tests/core/property/test_rating_properties.py::TestManyInspectionsRateAsEachAlone",
            "tests/core/ratings/test_band_rule.py",
            "tests/core/ratings/test_band_rule.py::Test001Section4Point8Bands",
            "tests/core/ratings/test_band_rule.py::Test001Section4Point8Bands::test_exact_boundaries",
            "tests/core/ratings/test_band_rule.py::Test001Section4Point8Bands::test_64_6_percent_is_too_few_when_exact",
            "tests/core/ratings/test_band_rule.py::Test001Section4Point8Bands::test_64_6_percent_is_reasonable_majority_by_whole_percent",
            "tests/core/ratings/test_band_rule.py::Test001Section4Point8Bands::test_64_4_percent_stays_too_few_by_whole_percent",
            "tests/core/ratings/test_band_rule.py::Test001Section4Point8Bands::test_64_5_percent_rounds_half_up",
            "tests/core/ratings/test_band_rule.py::Test001Section4Point8Bands::test_matches_the_fraction_brute_force",
            "tests/core/ratings/test_band_rule.py::Test001Section4Point8Bands::test_vectorised_rule_agrees",
            "tests/core/ratings/test_band_rule.py::TestNextBandNeeds",
            "tests/core/ratings/test_band_rule.py::TestNextBandNeeds::test_worked_example",
            "tests/core/ratings/test_case_figures.py",
            "tests/core/ratings/test_scale.py",
            "tests/core/ratings/test_scale.py::test_the_next_band_is_one_step_up_and_aligned_with_the_next_rating",
            "tests/core/ratings/test_scale.py::test_yes_no_counts_take_the_percentage_over_applicable_cases",
            "tests/core/report/test_sections.py::TestKeyQuestionsSeed001_4_7To4_10",
            "tests/core/trends/test_unit_trend.py::test_inspections_under_one_framework_compare_directly",
            "tests/web/test_results_page.py",
            "tests/web/test_results_page.py::test_what_if_names_the_yes_answers_the_next_rating_needs",
        ),
    ),
    Clause(
        "001 §4.9",
        "Bandings kept matched to previous years",
        code=("pinspect.report.content.KeyQuestionRow",),
        tests=(
            "tests/core/crosswalks/test_carry_answers.py::test_the_same_answers_rate_the_same_where_the_crosswalk_says_equal",
            "tests/core/property/test_rating_properties.py::TestManyInspectionsRateAsEachAlone",
            "tests/core/report/test_sections.py::TestKeyQuestionsSeed001_4_7To4_10",
            "tests/core/trends/test_unit_trend.py::test_inspections_under_one_framework_compare_directly",
        ),
    ),
    Clause(
        "001 §4.10",
        "A case-based standard takes the lowest band of its key questions",
        code=(
            "pinspect.ratings.case_figures",
            "pinspect.ratings.case_figures.lowest_band_codes",
            "pinspect.ratings.fragility",
            "pinspect.ratings.key_question.KeyQuestionResult.rating",
            "pinspect.ratings.standard",
            "pinspect.ratings.standard.StandardResult.lowest_key_questions",
            "pinspect.ratings.standard.lowest_key_question_rating",
            "pinspect.ratings.standard.rate_case_standard",
            "pinspect.scale",
            "pinspect.scale.rating.Band.rating",
        ),
        tests=(
            "tests/core/crosswalks/test_carry_answers.py::test_the_same_answers_rate_the_same_where_the_crosswalk_says_equal",
            "tests/core/property/test_rating_properties.py",
            "tests/core/property/test_rating_properties.py::TestOneMoreYesNeverLowers",
            "tests/core/property/test_rating_properties.py::TestOneMoreYesNeverLowers::test_standard_and_overall",
            "tests/core/property/test_rating_properties.py::Test001Section4Point10Minimum",
            "tests/core/property/test_rating_properties.py::Test001Section4Point10Minimum::test_standard_is_minimum_of_key_questions",
            "tests/core/property/test_rating_properties.py::TestManyInspectionsRateAsEachAlone",
            "tests/core/ratings/test_breakdown_and_confidence.py::TestFragilityEstimate::test_within_sampling_error_of_the_exact_probability",
            "tests/core/ratings/test_case_figures.py",
            "tests/core/ratings/test_case_figures.py::TestLowestBand",
            "tests/core/ratings/test_scale.py",
            "tests/core/ratings/test_scale.py::test_the_next_band_is_one_step_up_and_aligned_with_the_next_rating",
            "tests/core/ratings/test_standard.py",
            "tests/core/ratings/test_standard.py::Test001Section4Point10LowestKeyQuestion",
            "tests/core/ratings/test_standard.py::Test001Section4Point10LowestKeyQuestion::test_the_rule",
            "tests/core/ratings/test_standard.py::Test001Section4Point10LowestKeyQuestion::test_key_question_without_applicable_case_leaves_standard_not_rated",
            "tests/core/ratings/test_summary.py::TestDistributionsOfFinalRatings",
            "tests/core/report/test_sections.py::TestKeyQuestionsSeed001_4_7To4_10",
            "tests/core/trends/test_unit_trend.py::test_inspections_under_one_framework_compare_directly",
            "tests/web/test_results_page.py",
            "tests/web/test_results_page.py::test_what_if_names_the_yes_answers_the_next_rating_needs",
        ),
    ),
    Clause(
        "001 §4.12",
        "Sample sizes for 80% confidence",
        code=(
            "pinspect.ratings.fragility",
            "pinspect.sampling",
            "pinspect.sampling.selection",
            "pinspect.sampling.selection.select_sample",
            "pinspect.sampling.size",
            "pinspect.stats.interval",
        ),
        tests=(
            "tests/core/property/test_sampling_properties.py",
            "tests/core/property/test_sampling_properties.py::TestSampleProperties",
            "tests/core/ratings/test_breakdown_and_confidence.py::TestWilsonInterval",
            "tests/core/ratings/test_case_figures.py::TestWilsonIntervals",
            "tests/core/sampling/test_draw.py",
            "tests/core/sampling/test_pinned_sample.py",
            "tests/core/sampling/test_size.py",
        ),
    ),
    Clause(
        "001 §4.14",
        "Domain one ratings are not driven by case findings",
        code=(
            "pinspect.survey.judged_prompt_ids",
            "pinspect.web.evidence.judgements.judged_standard",
            "pinspect.web.evidence.models",
            "pinspect.web.evidence.sources.judged_standards",
        ),
        tests=(),
    ),
    Clause(
        "001 §4.15",
        "Domain one ratings proposed by the lead inspector as a single judgement",
        code=(
            "pinspect.ratings.input_checks",
            "pinspect.ratings.inputs.read_judged_ratings",
            "pinspect.ratings.standard",
            "pinspect.ratings.standard.rate_judged_standard",
            "pinspect.rule_registry",
            "pinspect.rule_registry.citations",
            "pinspect.web.evidence.judgement_pages",
            "pinspect.web.evidence.judgements",
            "pinspect.web.evidence.sources.judged_standards",
            "pinspect.web.inspections.results.inspection_result",
        ),
        tests=(
            "tests/core/ratings/test_standard.py::Test001Section4Point15JudgedStandards",
            "tests/core/ratings/test_standard.py::Test001Section4Point15JudgedStandards::test_supplied_rating_is_the_rating",
            "tests/core/ratings/test_standard.py::Test001Section4Point15JudgedStandards::test_no_rating_supplied_is_null_with_reason",
            "tests/core/ratings/test_summary.py::TestDistributionsOfFinalRatings",
            "tests/web/e2e/test_publication.py",
            "tests/web/test_judgements.py",
        ),
    ),
    Clause(
        "001 §4.16",
        "The lead inspector's proposal is considered by the ratings panel",
        code=(
            "pinspect.ratings.inputs.read_judged_ratings",
            "pinspect.report.inputs.PanelRecord",
            "pinspect.rule_registry",
            "pinspect.rule_registry.citations",
            "pinspect.web.evidence.judgements._ratings_locked",
            "pinspect.web.panel.decisions",
            "pinspect.web.panel.models",
            "pinspect.web.panel.views",
        ),
        tests=(
            "tests/core/ratings/test_standard.py::Test001Section4Point15JudgedStandards::test_supplied_rating_is_the_rating",
            "tests/web/test_panel.py",
            "tests/web/test_panel.py::test_panel_page_shows_every_standard_its_evidence_and_the_overall_score",
            "tests/web/test_panel.py::test_sign_off_locks_the_leads_proposals_until_reopened",
        ),
    ),
    Clause(
        "001 §4.17",
        "The ratings panel verifies the domain one ratings",
        code=(
            "pinspect.ratings.inputs.read_judged_ratings",
            "pinspect.report.inputs.PanelRecord",
            "pinspect.web.evidence.judgements._ratings_locked",
            "pinspect.web.panel.decisions",
            "pinspect.web.panel.models",
            "pinspect.web.panel.views",
        ),
        tests=(
            "tests/core/ratings/test_standard.py::Test001Section4Point15JudgedStandards::test_supplied_rating_is_the_rating",
            "tests/web/test_panel.py",
            "tests/web/test_panel.py::test_panel_page_shows_every_standard_its_evidence_and_the_overall_score",
            "tests/web/test_panel.py::test_sign_off_locks_the_leads_proposals_until_reopened",
        ),
    ),
    Clause(
        "001 §4.20",
        "Rating characteristics support the lead inspector's recommendation",
        code=("pinspect.frameworks.model.Characteristics",),
        tests=(),
    ),
    Clause(
        "001 §4.22",
        "Standards scored 0-3, summed and banded into the overall rating",
        code=(
            "pinspect.frameworks.model.Framework.max_score",
            "pinspect.frameworks.variant._banding",
            "pinspect.ratings.overall",
            "pinspect.ratings.overall.overall_score",
            "pinspect.ratings.overall.rate_overall",
            "pinspect.ratings.standard.StandardResult.score",
            "pinspect.scale",
            "pinspect.scale.banding",
            "pinspect.scale.banding.majority_rule_banding",
            "pinspect.scale.rating",
            "pinspect.scale.rating.Rating",
            "pinspect.trends.series.Change",
            "pinspect.trends.trend.OverallPoint",
            "pinspect.trends.trend._overall_comparison",
        ),
        tests=(
            "tests/core/frameworks/test_bundled_frameworks.py::TestOverallBanding",
            "tests/core/frameworks/test_variant.py",
            "tests/core/frameworks/test_variant.py::TestDerivedBandingFor001Section4Point23::test_an_inspection_rated_under_the_variant_scores_out_of_27",
            "tests/core/property/test_rating_properties.py",
            "tests/core/property/test_rating_properties.py::TestOneMoreYesNeverLowers::test_standard_and_overall",
            "tests/core/property/test_trend_properties.py::TestOneFramework",
            "tests/core/property/test_variant_properties.py",
            "tests/core/ratings/test_breakdown_and_confidence.py::TestFragilityEstimate::test_overall_within_sampling_error",
            "tests/core/ratings/test_overall.py",
            "tests/core/ratings/test_overall.py::Test001Section4Point22Scores",
            "tests/core/ratings/test_overall.py::Test001Section4Point22Scores::test_scores_add_up_unweighted",
            "tests/core/ratings/test_overall.py::Test001Section4Point23WorkedExample::test_six_good_four_requires_improvement_is_good",
            "tests/core/ratings/test_overall.py::Test001Section4Point23WorkedExample::test_published_bands_of_001_4_22",
            "tests/core/ratings/test_overall.py::TestOverallNotComputable",
            "tests/core/ratings/test_overall.py::TestOverallNotComputable::test_unrated_scored_standard_gives_null_with_reason",
            "tests/core/ratings/test_overall.py::TestOverallNotComputable::test_not_scored_standards_are_left_out",
            "tests/core/report/test_ratings_table.py::TestRatingsTableSeed001_4_4::test_the_overall_score_is_the_sum_of_the_standards_scores",
            "tests/core/report/test_ratings_table.py::test_an_overall_rating_that_cannot_be_computed_is_shown_as_not_rated_with_its_reason",
            "tests/core/trends/test_unit_trend.py::test_a_variant_compares_with_its_base_but_its_overall_does_not",
        ),
    ),
    Clause(
        "001 §4.23",
        "Overall bandings aligned to the tipping points between standard ratings",
        code=(
            "pinspect.frameworks.loader._Builder.banding",
            "pinspect.frameworks.variant",
            "pinspect.frameworks.variant._banding",
            "pinspect.ratings.overall.rate_overall",
            "pinspect.rule_registry",
            "pinspect.scale",
            "pinspect.scale.banding",
            "pinspect.scale.banding.majority_rule_banding",
            "pinspect.trends.trend.OverallPoint",
            "pinspect.trends.trend._overall_comparison",
        ),
        tests=(
            "tests/core/frameworks/test_bundled_frameworks.py::TestOverallBanding",
            "tests/core/frameworks/test_frameworks_cli.py::test_show_a_variant_lists_its_changes",
            "tests/core/frameworks/test_variant.py",
            "tests/core/frameworks/test_variant.py::TestDerivedBandingFor001Section4Point23",
            "tests/core/frameworks/test_variant.py::TestDerivedBandingFor001Section4Point23::test_a_variant_that_unscores_one_standard_bands_nine",
            "tests/core/frameworks/test_variant.py::TestDerivedBandingFor001Section4Point23::test_the_bundled_variant_scores_out_of_27",
            "tests/core/frameworks/test_variant.py::TestDerivedBandingFor001Section4Point23::test_an_inspection_rated_under_the_variant_scores_out_of_27",
            "tests/core/frameworks/test_variant.py::test_a_published_banding_can_be_replaced_by_the_derived_one",
            "tests/core/property/test_rating_properties.py",
            "tests/core/property/test_rating_properties.py::Test001Section4Point23DerivedBandings",
            "tests/core/property/test_rating_properties.py::Test001Section4Point23DerivedBandings::test_majority_rule_equals_brute_force",
            "tests/core/property/test_rating_properties.py::Test001Section4Point23DerivedBandings::test_every_bundled_framework",
            "tests/core/property/test_variant_properties.py",
            "tests/core/property/test_variant_properties.py::TestDerivedBandingOfAVariant",
            "tests/core/ratings/test_breakdown_and_confidence.py::TestFragilityEstimate::test_overall_within_sampling_error",
            "tests/core/ratings/test_overall.py",
            "tests/core/ratings/test_overall.py::Test001Section4Point23WorkedExample",
            "tests/core/ratings/test_overall.py::Test001Section4Point23WorkedExample::test_six_good_four_requires_improvement_is_good",
            "tests/core/ratings/test_overall.py::Test002Decision8NationalBands::test_equals_the_majority_rule_for_four",
            "tests/core/trends/test_unit_trend.py::test_a_variant_compares_with_its_base_but_its_overall_does_not",
        ),
    ),
    Clause(
        "001 §4.24",
        "Departures from the scoring rules, agreed by the panel with reasons set out",
        code=(
            "pinspect.ratings.aggregate.PublishedRatings",
            "pinspect.ratings.departure",
            "pinspect.ratings.departure.Departure",
            "pinspect.ratings.input_checks",
            "pinspect.ratings.inputs",
            "pinspect.ratings.inputs.read_departures",
            "pinspect.ratings.overall.OverallResult",
            "pinspect.ratings.serialisation.departure_json",
            "pinspect.ratings.standard.StandardResult.rating",
            "pinspect.ratings.standard.StandardResult.with_departure",
            "pinspect.report.builder._departures",
            "pinspect.report.content.RatingRow",
            "pinspect.report.content.DepartureRow",
            "pinspect.report.inputs.PanelRecord",
            "pinspect.trends.series.StandardSeries",
            "pinspect.trends.trend.OverallPoint",
            "pinspect.web.inspections.results.inspection_result",
            "pinspect.web.panel.decisions",
            "pinspect.web.panel.decisions.record_decision",
            "pinspect.web.panel.departures.current_departures",
            "pinspect.web.panel.views",
        ),
        tests=(
            "tests/core/ratings/test_departure.py",
            "tests/core/ratings/test_departure.py::Test001Section4Point24Departures",
            "tests/core/ratings/test_departure.py::Test001Section4Point24Departures::test_blank_reason_is_refused",
            "tests/core/ratings/test_departure.py::Test001Section4Point24Departures::test_standard_departure_keeps_both_and_feeds_overall",
            "tests/core/ratings/test_departure.py::Test001Section4Point24Departures::test_overall_departure",
            "tests/core/ratings/test_departure.py::Test001Section4Point24Departures::test_departure_for_unknown_standard_is_an_input_error",
            "tests/core/ratings/test_overall.py",
            "tests/core/ratings/test_summary.py::TestDistributionsOfFinalRatings",
            "tests/core/ratings/test_summary.py::TestDistributionsOfFinalRatings::test_overall_departure_is_counted",
            "tests/core/report/test_ratings_table.py::TestDeparturesSeed001_4_24",
            "tests/web/e2e/test_publication.py",
            "tests/web/test_panel.py",
            "tests/web/test_panel.py::test_a_departure_without_a_reason_is_refused",
            "tests/web/test_panel.py::test_a_departure_with_reasons_is_recorded_and_changes_the_final_rating",
        ),
    ),
    Clause(
        "001 §4.25",
        "No weightings in the scoring rules",
        code=(
            "pinspect.ratings.overall",
            "pinspect.ratings.overall.overall_score",
        ),
        tests=(
            "tests/core/ratings/test_overall.py",
            "tests/core/ratings/test_overall.py::Test001Section4Point22Scores::test_scores_add_up_unweighted",
        ),
    ),
    Clause(
        "001 §5.9",
        "Reporting by protected characteristics, in aggregate",
        code=(
            "pinspect.ratings.breakdown",
            "pinspect.ratings.national",
            "pinspect.report.content.BreakdownTable",
        ),
        tests=(
            "tests/core/ratings/test_breakdown_and_confidence.py",
            "tests/core/ratings/test_national.py",
            "tests/core/ratings/test_national.py::TestPooledFigures",
        ),
    ),
    Clause(
        "001 Annex G",
        "Example rating characteristics for the leadership standard",
        code=("pinspect.frameworks.model.Characteristics",),
        tests=(
            "tests/core/frameworks/test_bundled_frameworks.py::test_annex_g_characteristics_on_2018_leadership",
            "tests/web/test_judgements.py::TestJudgementPage::test_annex_g_characteristics_shown_where_the_framework_has_them",
        ),
    ),
    Clause(
        "002 decision 5",
        "The national standards, key questions and prompts are kept as consulted on",
        code=("pinspect.frameworks.model",),
        tests=(),
    ),
    Clause(
        "002 decision 7",
        "The four national standards rated; national case data indicative only",
        code=(
            "pinspect.frameworks.model.CaseInspection",
            "pinspect.ratings.inspection.InspectionResults",
            "pinspect.ratings.inspection._case_data",
            "pinspect.ratings.inspection_result.CaseDataResult",
            "pinspect.ratings.national",
            "pinspect.ratings.national.national_picture",
            "pinspect.ratings.national_inputs",
            "pinspect.ratings.serialisation.case_data_json",
            "pinspect.ratings.summary.KeyQuestionSummary",
            "pinspect.ratings.summary.summarise",
            "pinspect.ratings.summary._case_standards",
            "pinspect.ratings.view",
            "pinspect.report.builder._case_data",
            "pinspect.report.content.CaseDataSection",
            "pinspect.web.inspections.views.StandardGroup",
        ),
        tests=(
            "tests/core/frameworks/test_bundled_frameworks.py::test_national_case_inspection_uses_pdu_domain_two",
            "tests/core/ratings/test_case_figures.py::test_array_figures_equal_result_objects",
            "tests/core/ratings/test_national.py::TestPooledFigures::test_national_inspection_kept_apart",
            "tests/core/ratings/test_results_unchanged.py",
            "tests/core/ratings/test_summary.py",
            "tests/core/ratings/test_summary.py::TestSeed002Decision7PooledIsIndicative",
            "tests/core/ratings/test_summary.py::TestSeed002Decision7PooledIsIndicative::test_pooled_key_questions_carry_no_band_or_rating",
            "tests/core/ratings/test_summary.py::TestOneFrameworkAtATime::test_national_case_data_is_pooled_and_marked",
            "tests/core/ratings/test_view.py",
            "tests/core/ratings/test_view.py::Test002Decision7NationalCaseData",
            "tests/core/ratings/test_view.py::Test002Decision7NationalCaseData::test_case_data_is_one_indicative_data_set",
            "tests/core/report/test_sections.py::TestNationalCaseDataSeed002Decision7",
            "tests/core/trends/test_unit_trend.py::test_a_change_skips_inspections_without_a_counterpart",
            "tests/web/test_unit_summary.py",
        ),
    ),
    Clause(
        "002 decision 8",
        "National overall banding for four standards: 0-2, 3-6, 7-10, 11-12",
        code=(
            "pinspect.ratings.overall",
            "pinspect.ratings.overall.rate_overall",
            "pinspect.rule_registry",
            "pinspect.scale",
            "pinspect.scale.banding",
            "pinspect.scale.banding.majority_rule_banding",
        ),
        tests=(
            "tests/core/frameworks/test_bundled_frameworks.py::TestOverallBanding",
            "tests/core/ratings/test_overall.py",
            "tests/core/ratings/test_overall.py::Test002Decision8NationalBands",
            "tests/core/ratings/test_overall.py::Test002Decision8NationalBands::test_bands",
            "tests/core/ratings/test_overall.py::Test002Decision8NationalBands::test_equals_the_majority_rule_for_four",
            "tests/core/ratings/test_results_unchanged.py",
        ),
    ),
    Clause(
        "003 §3",
        "Inspecting diversity",
        code=(
            "pinspect.ratings.national",
            "pinspect.web.samples.drawing.case_attributes",
        ),
        tests=(),
    ),
    Clause(
        "003 §3.5",
        "Results aggregated by sub-group, intersectionality included",
        code=(
            "pinspect.ratings.breakdown",
            "pinspect.ratings.national",
            "pinspect.report.builder._breakdown_table",
            "pinspect.report.content.BreakdownTable",
        ),
        tests=(
            "tests/core/ratings/test_breakdown_and_confidence.py",
            "tests/core/ratings/test_breakdown_and_confidence.py::TestBreakdowns",
            "tests/core/ratings/test_breakdown_and_confidence.py::TestBreakdownBuiltOnFirstRead",
            "tests/core/ratings/test_national.py",
            "tests/core/ratings/test_national.py::TestPooledFigures",
            "tests/core/report/test_sections.py::TestDiversitySeed003_3_5",
            "tests/core/test_cell_suppression.py",
            "tests/web/test_results_page.py::test_breakdown_by_sex_shows_groups_and_suppresses_the_small_one",
        ),
    ),
    Clause(
        "003 §3.7",
        "Outcomes not rated at first: baseline data collected and published",
        code=(
            "pinspect.report.content.OutcomeSection",
            "pinspect.rule_registry",
        ),
        tests=(),
    ),
    Clause(
        "003 §4.2",
        "Outcomes judged met, part met or not met per case",
        code=(
            "pinspect.ratings.answer",
            "pinspect.ratings.outcome",
            "pinspect.ratings.outcome.OutcomeCounts",
            "pinspect.report.content.OutcomeRow",
        ),
        tests=(
            "tests/core/ratings/test_standard.py::Test003Section4Point10Outcomes",
            "tests/core/ratings/test_standard.py::Test003Section4Point10Outcomes::test_outcomes_are_counted_and_not_rated",
            "tests/core/ratings/test_standard.py::Test003Section4Point10Outcomes::test_answer_words",
        ),
    ),
    Clause(
        "003 §4.10",
        "Outcomes not rated for at least the first 12 months: baseline data only",
        code=(
            "pinspect.ratings.outcome",
            "pinspect.ratings.standard.rate_not_rated_standard",
            "pinspect.report.builder._outcome_section",
            "pinspect.report.content.OutcomeSection",
        ),
        tests=(
            "tests/core/ratings/test_standard.py",
            "tests/core/ratings/test_standard.py::Test003Section4Point10Outcomes",
            "tests/core/ratings/test_standard.py::Test003Section4Point10Outcomes::test_outcomes_are_counted_and_not_rated",
            "tests/core/report/test_sections.py::TestOutcomesSeed003_4_10",
        ),
    ),
    Clause(
        "003 §5",
        "Involving people on probation",
        code=(
            "pinspect.report.inputs",
            "pinspect.report.inputs.SurveyQuestion",
            "pinspect.survey.shown_counts",
            "pinspect.web.evidence.models",
            "pinspect.web.evidence.survey",
        ),
        tests=(
            "tests/core/test_survey.py::TestSmallNumberSuppression",
            "tests/web/test_evidence.py",
        ),
    ),
    Clause(
        "003 §5.6",
        "A short text survey of the people on probation the PDU supervises",
        code=(
            "pinspect.report.builder._survey_row",
            "pinspect.report.content.SurveyRow",
            "pinspect.survey",
            "pinspect.web.evidence.models.SurveyQuestion",
        ),
        tests=(
            "tests/core/test_survey.py",
            "tests/web/test_evidence.py::TestSurvey",
        ),
    ),
    Clause(
        "003 §5.7",
        "Further information by interview or focus group after the survey",
        code=(
            "pinspect.report.builder._survey_row",
            "pinspect.report.content.SurveyRow",
            "pinspect.survey.judged_prompt_ids",
            "pinspect.web.evidence.models.SurveyQuestion",
            "pinspect.web.evidence.survey.import_survey",
        ),
        tests=(
            "tests/core/test_survey.py",
            "tests/core/test_survey.py::TestReadingASurvey",
            "tests/core/test_survey.py::TestReadingASurvey::test_a_case_rated_prompt_is_refused",
            "tests/web/test_evidence.py::TestSurvey",
        ),
    ),
    Clause(
        "003 §5.8",
        "Feedback from people on probation weighed when judging prompts",
        code=(
            "pinspect.report.builder._survey_row",
            "pinspect.report.content.SurveyRow",
        ),
        tests=(),
    ),
    Clause(
        "003 §5.9",
        "Survey findings summarised in a section of the report",
        code=(
            "pinspect.report.builder._survey_row",
            "pinspect.report.content.SurveyRow",
        ),
        tests=("tests/core/report/test_sections.py::TestPeopleOnProbationSeed003_5",),
    ),
    Clause(
        "003 Annexe A §3",
        "Prompts that apply only to some cases (marked in the framework)",
        code=(
            "pinspect.frameworks.model.CaseType",
            "pinspect.frameworks.model.Applicability.applies_to",
            "pinspect.frameworks.model.Prompt.allows_not_applicable",
            "pinspect.frameworks.model.KeyQuestion.allows_not_applicable",
            "pinspect.web.assessments.questions",
        ),
        tests=(
            "tests/core/frameworks/test_bundled_frameworks.py::test_2021_pdu_applicability",
            "tests/core/frameworks/test_not_applicable.py::test_a_starred_prompt_may_be_not_applicable_and_an_unmarked_one_may_not",
        ),
    ),
)
