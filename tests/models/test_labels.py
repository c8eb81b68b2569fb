import pytest

from claimbench.errors import LabelSchemeError
from claimbench.models.labels import LABELS, label_scheme, parse_label_map


@pytest.mark.parametrize("id2label, expected", [
    ({0: "entailment", 1: "neutral", 2: "contradiction"}, {"entailment": 0, "neutral": 1, "contradiction": 2}),
    ({0: "CONTRADICTION", 1: "ENTAILMENT", 2: "NEUTRAL"}, {"entailment": 1, "neutral": 2, "contradiction": 0}),
    ({"0": "contradiction", "1": "entailment", "2": "neutral"}, {"entailment": 1, "neutral": 2, "contradiction": 0}),
    ({0: "Entails", 1: "Contradicts", 2: "Neutral"}, {"entailment": 0, "neutral": 2, "contradiction": 1}),
    ({0: "e", 1: "n", 2: "c"}, {"entailment": 0, "neutral": 1, "contradiction": 2}),
])
def test_three_way_label_orders_and_spellings(id2label, expected):
    scheme = label_scheme(id2label)
    assert scheme.index == expected
    assert scheme.scheme == "3-way"


@pytest.mark.parametrize("id2label", [{0: "entailment", 1: "not_entailment"},
                                      {0: "NON-ENTAILMENT", 1: "ENTAILMENT"}])
def test_two_way_models_are_marked(id2label):
    scheme = label_scheme(id2label)
    assert scheme.binary and scheme.scheme == "2-way"
    assert scheme.index["contradiction"] is None
    assert id2label[scheme.index["entailment"]].lower().startswith("ent")


def test_unknown_labels_explain_how_to_pass_a_mapping():
    with pytest.raises(LabelSchemeError, match="label_map=.*--label-map"):
        label_scheme({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})


def test_mapping_fixes_generic_labels():
    scheme = label_scheme({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"},
                          parse_label_map("LABEL_0=contradiction,LABEL_1=neutral,LABEL_2=entailment"))
    assert scheme.index == {"entailment": 2, "neutral": 1, "contradiction": 0}


def test_duplicate_targets_are_rejected():
    with pytest.raises(LabelSchemeError):
        label_scheme({0: "entailment", 1: "entailment", 2: "contradiction"})


def test_fixed_column_order():
    assert LABELS == ("entailment", "neutral", "contradiction")
