"""Suite TOML files: loading, include, and paths that cannot leave the suite tree."""

import os

import pytest

from claimbench.errors import InputError
from claimbench.eval.suites import load_suite, resolve_targets

from evalkit import make_rows, write_jsonl


@pytest.fixture
def tree(tmp_path):
    """eval/{suites,fixtures} laid out like the repository's."""
    root = tmp_path / "eval"
    (root / "suites").mkdir(parents=True)
    (root / "fixtures").mkdir()
    write_jsonl(root / "fixtures" / "a.jsonl", make_rows(10))
    write_jsonl(root / "fixtures" / "b.jsonl", make_rows(10, start=10))
    return root


def suite(tree, name, text):
    path = tree / "suites" / name
    path.write_text(text)
    return str(path)


def test_suite_loads_paths_relative_to_the_file(tree):
    s = load_suite(suite(tree, "news.toml", 'name = "news"\ndescription = "d"\n'
                                            'fixtures = ["../fixtures/a.jsonl"]\nsplits = ["test"]\n'
                                            'models = ["m1"]\n'))
    assert s.name == "news" and s.splits == ("test",) and s.models == ("m1",)
    assert s.fixtures == (str(tree / "fixtures" / "a.jsonl"),)
    pairs = s.load_pairs()
    assert pairs and all(p.split == "test" for p in pairs)
    assert set(s.fixture_hashes()) == set(s.fixtures)


def test_include_extends_lists_and_overrides_scalars(tree):
    suite(tree, "base.toml", 'name = "base"\nfixtures = ["../fixtures/a.jsonl"]\nsplits = ["dev"]\n'
                             'models = ["m1"]\nlabel_map = {REFUTES = "contradiction"}\n')
    s = load_suite(suite(tree, "child.toml", 'include = ["base.toml"]\nfixtures = ["../fixtures/b.jsonl"]\n'
                                             'models = ["m2"]\nlabel_map = {SUPPORTS = "entailment"}\n'))
    assert s.name == "child"                     # named by itself, not by its base
    assert [os.path.basename(f) for f in s.fixtures] == ["a.jsonl", "b.jsonl"]
    assert s.splits == ("dev",) and s.models == ("m2",)
    assert s.label_map == {"REFUTES": "contradiction", "SUPPORTS": "entailment"}


@pytest.mark.parametrize("ref", ["../../outside.jsonl", "/etc/passwd", "../fixtures/../../outside.jsonl"])
def test_paths_cannot_escape_the_suite_tree(tree, ref):
    write_jsonl(tree.parent / "outside.jsonl", make_rows(2))
    path = suite(tree, "evil.toml", f'fixtures = ["{ref}"]\n')
    with pytest.raises(InputError, match="outside the suite directory|is absolute") as err:
        load_suite(path)
    assert err.value.path == path and err.value.line == 1


def test_symlink_out_of_the_tree_is_refused(tree):
    outside = write_jsonl(tree.parent / "outside.jsonl", make_rows(2))
    os.symlink(outside, tree / "fixtures" / "link.jsonl")
    with pytest.raises(InputError, match="outside the suite directory"):
        load_suite(suite(tree, "s.toml", 'fixtures = ["../fixtures/link.jsonl"]\n'))


def test_include_cannot_escape_either(tree):
    (tree.parent / "base.toml").write_text('fixtures = ["eval/fixtures/a.jsonl"]\n')
    with pytest.raises(InputError, match="outside the suite directory"):
        load_suite(suite(tree, "s.toml", 'include = ["../../base.toml"]\n'))


@pytest.mark.parametrize("text, line, message", [
    ('name = "x"\nfixturez = ["../fixtures/a.jsonl"]\n', 2, "unknown key 'fixturez'"),
    ('fixtures = ["../fixtures/missing.jsonl"]\n', 1, "not found"),
    ('fixtures = "../fixtures/a.jsonl"\n', 1, "must be a list of strings"),
    ('fixtures = ["../fixtures/a.jsonl"]\nsplits = ["train"]\n', 2, "splits must name dev"),
    ('fixtures = ["../fixtures/a.jsonl"]\nlabel_map = {X = "refutes"}\n', 2, "targets must be one of"),
    ('fixtures = ["../fixtures/a.jsonl"\n', 1, "invalid TOML"),
    ('name = "empty"\n', None, "no fixtures and no benchmarks"),
])
def test_bad_suites_name_file_and_line(tree, text, line, message):
    path = suite(tree, "bad.toml", text)
    with pytest.raises(InputError, match=message) as err:
        load_suite(path)
    assert err.value.path == path and err.value.line == line


def test_include_cycle_is_an_error(tree):
    suite(tree, "a.toml", 'include = ["b.toml"]\nfixtures = ["../fixtures/a.jsonl"]\n')
    suite(tree, "b.toml", 'include = ["a.toml"]\n')
    with pytest.raises(InputError, match="include cycle"):
        load_suite(str(tree / "suites" / "a.toml"))


def test_targets_mix_suites_and_fixture_files(tree):
    s = suite(tree, "s.toml", 'fixtures = ["../fixtures/a.jsonl"]\n')
    suites = resolve_targets([s, str(tree / "fixtures" / "a.jsonl"), str(tree / "fixtures" / "b.jsonl")])
    assert [x.name for x in suites] == ["s", "a+b"]
    with pytest.raises(InputError, match="expected a suite"):
        resolve_targets([str(tree / "x.csv")])


def test_real_suites_load(real_suite_files):
    for path in real_suite_files:
        s = load_suite(path)
        assert s.fixtures or s.benchmarks
        if not s.benchmarks:                # benchmark suites are tens of thousands of pairs
            pairs = s.load_pairs()
            assert pairs and {p.split for p in pairs} <= set(s.splits)


def test_benchmarks_join_the_suite_as_test_pairs(tree, data_dir):
    s = load_suite(suite(tree, "mixed.toml", 'fixtures = ["../fixtures/a.jsonl"]\n'
                                             'benchmarks = ["snli:dev:12"]\n'))
    pairs = s.load_pairs(data_dir=data_dir)
    bench = [p for p in pairs if p.source == "snli"]
    assert len(bench) == 12 and len(pairs) == 22
    assert all(p.split == "test" and p.id.startswith("snli:dev:") for p in bench)
    assert [p.id for p in bench] == [p.id for p in s.load_pairs(data_dir=data_dir) if p.source == "snli"]
    two_way = load_suite(suite(tree, "rte.toml", 'benchmarks = ["rte:dev:5"]\n'))
    with pytest.raises(InputError, match="not_entailment"):
        two_way.load_pairs(data_dir=data_dir)
