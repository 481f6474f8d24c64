import numpy as np
import pytest

from core.data import tasks


@pytest.mark.parametrize(
    ("spec", "kind", "names", "style"),
    [
        ("7-vs-8", "pair", ("7", "8"), "mnist"),
        ("3-vs-rest", "rest", ("not 3", "3"), "mnist"),
        ("digits", "digits", tuple(str(d) for d in range(10)), "mnist"),
        ("shapes", "shapes", ("square", "circle"), "ink"),
        ("folder", "folder", ("class 0", "class 1"), "photo"),
        (" 1-VS-2 ", "pair", ("1", "2"), "mnist"),
    ],
)
def test_tasks_parse_with_string_class_names_and_an_input_style(spec, kind, names, style):
    task = tasks.parse_task(spec)
    assert task.kind == kind and task.default_class_names() == names and task.input_style == style
    assert task.num_classes == len(names)


@pytest.mark.parametrize("spec", ["7-vs-7", "cats", "10-vs-1", "", "7 vs 8"])
def test_bad_tasks_are_refused_with_a_sentence(spec):
    with pytest.raises(ValueError, match="task"):
        tasks.parse_task(spec)


def test_pair_labels_one_means_the_second_digit():
    mask, labels = tasks.parse_task("7-vs-8").labels_for(np.array([7, 8, 3, 8, 7]))
    assert mask.tolist() == [True, True, False, True, True] and labels.tolist() == [0, 1, 1, 0]


def test_rest_labels_one_means_the_digit_and_digits_keep_their_labels():
    mask, labels = tasks.parse_task("3-vs-rest").labels_for(np.array([3, 1, 3, 9]))
    assert mask.all() and labels.tolist() == [1, 0, 1, 0]
    _, digits = tasks.parse_task("digits").labels_for(np.array([4, 0, 9]))
    assert digits.tolist() == [4, 0, 9]
    with pytest.raises(ValueError, match="not made of MNIST digits"):
        tasks.parse_task("shapes").labels_for(np.array([1]))
