"""core/cli.py: every mistake a user can make ends in one line on stderr and a non-zero status."""

import pytest

from core import cli
from tests.helpers.cli import run_cli


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["train", "--task", "7-vs-7", "--name", "x"], "two different digits"),
        (["train", "--task", "7-vs-8", "--name", "../x"], "model name"),
        (["train", "--task", "7-vs-8", "--epochs", "0", "--name", "x"], "at least 1 epoch"),
        (["train", "--task", "shapes", "--test-data", "../shared/mnist", "--name", "x"], "MNIST tasks only"),
        (["evaluate", "--model", "mnist-7-vs-8", "--data", "/nowhere.npz"], "does not exist"),
        (["predict", "--model", "nobody", "x.png"], "No model named 'nobody'"),
    ],
)
def test_user_errors_are_one_line_not_a_traceback(args, message, models_folder, capsys):
    assert cli.main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and len(err.strip().splitlines()) == 1


def test_through_a_real_process_too(models_folder):
    result = run_cli(
        "train", "--task", "7-vs-8", "--data", "/nowhere", "--name", "x", env_extra={"SIGMOID_LAB_MODELS": str(models_folder)}
    )
    assert result.returncode == 1 and "--data must be" in result.stderr and "Traceback" not in result.stderr


def test_bad_arguments_are_argparses_usage_errors(capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["train", "--preset", "resnet", "--name", "x"])
    assert exited.value.code == 2 and "invalid choice: 'resnet'" in capsys.readouterr().err
