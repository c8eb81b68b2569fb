"""A real (tiny) training run: checkpoints, resume, export, reload, and the CLI."""

import json
import os

import numpy as np
import pytest

from claimbench.models import NLIModel
from claimbench.models.artifact import WEIGHTS_FILE
from claimbench.models.training import TrainConfig, Trainer, batch_plan, partial_label_loss

DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "tiny_nli.jsonl")


def recipe(tmp_path, **kw):
    cfg = dict(train=[DATA], eval=[DATA], monitor="", epochs=2, batch_size=8, max_length=64,
               checkpoint_every=1, average_last=2, seed=3)
    cfg.update(kw)
    lines = [f"{k} = {json.dumps(v)}" for k, v in cfg.items() if v is not None]
    path = tmp_path / "recipe.toml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def test_batch_plan_is_deterministic_and_covers_every_example():
    lengths = [5, 9, 3, 7, 1, 8, 2, 6, 4, 10]
    a, b = batch_plan(lengths, 3, seed=1, epoch=0), batch_plan(lengths, 3, seed=1, epoch=0)
    assert a == b
    assert sorted(i for batch in a for i in batch) == list(range(10))
    assert batch_plan(lengths, 3, seed=1, epoch=1) != a


def test_partial_label_loss_for_two_way_examples():
    import torch

    logits = torch.tensor([[2.0, 0.0, 0.0], [2.0, 0.0, 0.0]])
    full = partial_label_loss(logits[:1], torch.tensor([1]))
    partial = partial_label_loss(logits[1:], torch.tensor([3]))
    p = torch.softmax(logits[0], -1)
    assert torch.isclose(full, -torch.log(p[1]))
    assert torch.isclose(partial, -torch.log(p[1] + p[2]))


@pytest.mark.integration
def test_interrupted_run_resumes_to_the_same_model(tmp_path):
    cfg = TrainConfig.from_toml(recipe(tmp_path))
    straight = Trainer(cfg, str(tmp_path / "straight"))
    straight.run()
    resumed = Trainer(cfg, str(tmp_path / "resumed"))
    assert resumed.run(max_steps=2)["stopped_at"] == 2
    assert os.path.exists(resumed.ckpt_path)
    summary = resumed.run()
    assert summary["steps"] == 8  # 24 pairs + 8 reversed contradictions, batches of 8, 2 epochs
    a = straight.export(str(tmp_path / "out_a"))
    b = resumed.export(str(tmp_path / "out_b"))
    for (name, x), (_, y) in zip(a.state_dict().items(), b.state_dict().items()):
        np.testing.assert_allclose(x.numpy(), y.numpy(), atol=2e-2, err_msg=name)
    size = os.path.getsize(tmp_path / "out_a" / WEIGHTS_FILE)
    assert size < 25 * 2**20
    model = NLIModel(str(tmp_path / "out_a"))
    assert model.predict([("A dog runs.", "An animal runs.")]).probs.shape == (1, 3)


def test_train_command_trains_exports_and_evaluates(cli_process, tmp_path):
    cli = cli_process
    out = tmp_path / "model"
    p = cli("train", recipe(tmp_path, epochs=1, average_last=1), "--work-dir", str(tmp_path / "w"),
            "--out", str(out))
    assert p.returncode == 0, p.stderr[-2000:]
    results = json.loads((out / "eval_results.json").read_text())
    assert results["results"][DATA]["n"] == 24
    assert 0.0 <= results["results"][DATA]["accuracy"] <= 1.0
    assert (out / "artifact.json").exists() and (out / "config.json").exists()


def test_bad_recipe_is_a_one_line_error(cli, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("epochs = 2\nlearnin_rate = 0.1\n")
    p = cli("train", str(bad), "--work-dir", str(tmp_path / "w"))
    assert p.returncode == 2 and "learnin_rate" in p.stderr and "Traceback" not in p.stderr
