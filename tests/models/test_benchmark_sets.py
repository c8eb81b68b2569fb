"""The dataset adapters on the real local copies (skip without ../shared/data): every set
the recipe trains or the card reports loads, with its known size and labels; the
validation slices are the first 2,000 data rows and never overlap what trains."""

import pytest

from claimbench.models.benchmarks import VALIDATION_ROWS, load_benchmark

E, N, C = "entailment", "neutral", "contradiction"

SETS = [("cad_snli", "train", 8330, {E, N, C}), ("conjnli", "dev", 623, {E, N, C}),
        ("curriculum_negation", "train", 3000, {E, N, C}), ("fool_me_twice", "test", 1380, {E, C}),
        ("fever_symmetric", "test", 712, {E, C}), ("covid_fact", "dev", 419, {E, "not_entailment"}),
        ("healthver", "test", 1823, {E, N, C})]


@pytest.mark.parametrize("name,split,n,labels", SETS)
def test_set_loads_with_its_labels(data_dir, name, split, n, labels):
    ds = load_benchmark(name, split, data_dir=data_dir)
    assert len(ds) == n
    assert set(ds["label"]) == labels
    assert all(p and h for p, h in zip(ds["premise"][:50], ds["hypothesis"][:50]))


@pytest.mark.parametrize("name", ["mnli", "snli"])
def test_validation_slice_and_training_rest_are_disjoint(data_dir, name):
    val = load_benchmark(name, "validation", data_dir=data_dir)
    rest = load_benchmark(name, "dev_rest", data_dir=data_dir)
    full = load_benchmark(name, "dev", data_dir=data_dir)
    assert len(val) <= VALIDATION_ROWS and len(val) + len(rest) == len(full)
    assert list(val["premise"]) == list(full["premise"][:len(val)])
    assert not set(zip(val["premise"], val["hypothesis"])) & set(zip(rest["premise"], rest["hypothesis"]))


def test_fever_brackets_are_detokenized(data_dir):
    ds = load_benchmark("fever_symmetric", "dev", data_dir=data_dir)
    assert not any("-LRB-" in p for p in ds["premise"])
