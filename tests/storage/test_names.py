import pytest

from core.storage import names


@pytest.mark.parametrize(
    "name",
    [
        "../x",
        "../../x",
        "/etc/passwd",
        "",
        "   ",
        "a" * 500,
        "name/with/slash",
        "x.keras",
        "..",
        ".hidden",
        "ünïcode",
        "two words",
    ],
)
def test_unsafe_names_are_refused_with_a_sentence(name):
    with pytest.raises(ValueError, match="name"):
        names.check_name(name)
    assert not names.check_name_quietly(name)


def test_good_names_come_back_stripped():
    assert names.check_name("  my-7-vs-8_v2.1 ") == "my-7-vs-8_v2.1"
    assert names.check_name_quietly("mnist-7-vs-8")


def test_shipped_names_are_refused_only_where_asked():
    for name in names.SHIPPED_MODELS:
        with pytest.raises(ValueError, match=f"{name!r} is one of the lab's default models; save elsewhere"):
            names.refuse_shipped(name, "save elsewhere")
    names.refuse_shipped("my-own", "save elsewhere")  # a student's name passes


def test_models_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(names.MODELS_ENV, raising=False)
    assert names.models_dir() == names.DEFAULT_MODELS_DIR and (names.DEFAULT_MODELS_DIR / "mnist-7-vs-8.keras").is_file()
    monkeypatch.setenv(names.MODELS_ENV, str(tmp_path))
    assert names.models_dir() == tmp_path


def test_resolve_finds_names_and_paths_and_refuses_the_rest(models_folder, tmp_path):
    (models_folder / "mine.keras").write_bytes(b"x")
    assert names.resolve("mine") == models_folder / "mine.keras"
    elsewhere = tmp_path / "elsewhere.keras"
    elsewhere.write_bytes(b"x")
    assert names.resolve(elsewhere) == elsewhere
    for missing in ("nobody", "../../etc/passwd", str(tmp_path / "missing.keras")):
        with pytest.raises(names.ModelFileError, match="No model named"):
            names.resolve(missing)


def test_a_name_only_capitals_tell_apart_from_a_saved_one_is_refused(tmp_path):
    (tmp_path / "ada-net.keras").write_bytes(b"x")
    assert names.case_twin("ADA-NET", tmp_path) == "ada-net"
    assert names.case_twin("MNIST-7-VS-8", tmp_path) == "mnist-7-vs-8"  # the lab's own, even when not in the folder
    assert names.case_twin("ada-net", tmp_path) is None and names.case_twin("bob-net", tmp_path) is None
    with pytest.raises(ValueError, match=r"^ADA-NET is already taken as ada-net: model names are the same whatever"):
        names.refuse_case_twin("ADA-NET", tmp_path)
    names.refuse_case_twin("ada-net", tmp_path)  # saving over the same name is a matter for permissions
