"""Issue 15 item 3: rules for defect classes the real-data audit found missed, each on its
fixture (fixtures/defects/...), asserting exact (file, line, column, code, severity)."""
from __future__ import annotations

from pathlib import Path

from druglint.config import Config
from druglint.engine import lint_paths

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures" / "defects"


def found(part: str, select: list[str]) -> list[tuple[str, int, int, str, str]]:
    report = lint_paths([str(FIX / part)], Config(root=str(FIX)), select=select)
    return sorted((Path(v.path).name, v.line, v.column, v.code, str(v.severity)) for v in report)


def test_side_effect_listing_conflicts():
    assert found("side_effects", ["DL207"]) == [
        ("side_effects.csv", 4, 4, "DL207", "warning"),  # Zovirax nausea 8 % vs acyclovir nausea 2.4 % (line 2)
        ("side_effects.csv", 6, 3, "DL207", "warning"),  # pyrexia 'common' vs fever 'uncommon' (line 5)
        ("side_effects.csv", 6, 5, "DL207", "warning"),  # pyrexia serious vs fever not serious
        # line 7: another source (emea-smpc) may disagree; line 8 repeats line 3 exactly (DL108's)
    ]


def test_interaction_unknown_and_rated_and_description_conflict():
    assert found("interactions", ["DL306", "DL307"]) == [
        ("interactions.csv", 4, 3, "DL306", "warning"),  # aspirin/warfarin 'unknown', rated major on line 2
        ("interactions.csv", 5, 4, "DL307", "info"),  # same order, another effect text than line 2
        # line 6: the same text as line 2 but for case and spacing; line 7: the other order
    ]


def test_faers_dates_durations_dose_text_and_unknown_doses():
    assert found("faers", ["DL133", "DL142", "DL143", "DL144", "DL145"]) == [
        ("DEMO16Q1.txt", 3, 5, "DL143", "error"),  # event 20160315 after receipt 20160201 (line 4: 201602 may be the same month)
        ("DRUG16Q1.txt", 3, 9, "DL133", "info"),  # 'UNK' ...
        ("DRUG16Q1.txt", 4, 9, "DL133", "info"),  # ... and 'UNK, UNKNOWN' and an empty cell: three spellings
        ("DRUG16Q1.txt", 6, 9, "DL145", "warning"),  # 'TABLET'
        ("DRUG16Q1.txt", 7, 9, "DL145", "warning"),  # 'IV, ONCE'; line 8's '20 MG, UNK' is a dose
        ("THER16Q1.txt", 3, 5, "DL142", "error"),  # ends 20150227, starts 20150327
        ("THER16Q1.txt", 4, 7, "DL144", "warning"),  # dur 3 without dur_cod (line 5: 2015 may contain 201504)
    ]


def test_unknown_dose_message_is_one_shape_and_never_says_blank_it():
    report = lint_paths([str(FIX / "faers")], Config(root=str(FIX)), select=["DL133"])
    messages = {v.message for v in report}
    assert len(messages) == 1
    text = messages.pop()
    assert "keep what was reported" in text and "empty cell" not in text.split(";")[1]


def test_label_words_split_by_spaces_and_sections_starting_mid_word():
    assert found("labels", ["DL132", "DL146"]) == [
        ("drug_labels.json", 3, 72, "DL146", "warning"),  # 'aproxen tablets...' lost its N
        ("drug_labels.json", 3, 144, "DL132", "warning"),  # 'us e'
        ("drug_labels.json", 3, 183, "DL132", "warning"),  # 'eye s'
        # line 4: 'if you' is a word; 'e-mail' and a text cut off at 'the m' are not splits
        # line 5: 'and other NSAIDs' begins with a word
    ]


def test_drugsatfda_strength_texts_placeholders_and_orphan_rows():
    assert found("drugsatfda", ["DL139", "DL140", "DL141"]) == [
        ("MarketingStatus.txt", 4, 3, "DL141", "error"),  # 000004/006: no such product
        ("MarketingStatus.txt", 5, 1, "DL141", "error"),  # status 9: not in MarketingStatus_Lookup
        ("Products.txt", 3, 4, "DL140", "info"),  # 'N/A' (2 products; said once, at the first)
        ("Products.txt", 4, 1, "DL141", "error"),  # application 000009: not in Applications
        ("Products.txt", 6, 4, "DL139", "warning"),  # 2.5MG/O.5ML: letter O for zero
        ("Products.txt", 7, 4, "DL139", "warning"),  # 10,000U/ML: "U" for units
        ("Products.txt", 8, 4, "DL139", "info"),  # a **Federal Register** note after the strength
        # line 9: a multi-phase pack strength, Drugs@FDA's own notation: not reported
        ("TE.txt", 3, 2, "DL141", "error"),  # 000011/001: no such product
    ]
