import pytest

from core.data import folders
from tests.helpers.files import flat_png, make_zip


def test_only_readable_images_are_unpacked_keeping_the_layout(tmp_path):
    entries = {f"pets/cat/{i}.png": flat_png(30) for i in range(3)} | {"pets/dog/0.png": flat_png(220)}
    entries |= {"pets/notes.txt": b"hello", "pets/dog/broken.png": b"not a png", "__MACOSX/pets/._0.png": flat_png(1)}
    skipped = folders.extract_image_zip(make_zip(entries), tmp_path)
    assert skipped == 3
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.png"))
    assert written == ["pets/cat/0.png", "pets/cat/1.png", "pets/cat/2.png", "pets/dog/0.png"]


@pytest.mark.parametrize("name", ["../evil.png", "/etc/evil.png", "a/../../evil.png", "..\\evil.png"])
def test_zip_slip_is_refused(tmp_path, name):
    target = tmp_path / "target"
    target.mkdir()
    with pytest.raises(ValueError, match="outside"):
        folders.extract_image_zip(make_zip({name: flat_png(1)}), target)
    assert not (tmp_path / "evil.png").exists()


def test_zip_limits(tmp_path, monkeypatch):
    monkeypatch.setattr(folders, "MAX_ZIP_FILES", 5)
    with pytest.raises(ValueError, match="at most 5 pictures in one zip"):
        folders.extract_image_zip(make_zip({f"a/{i}.png": flat_png(1) for i in range(6)}), tmp_path)
    monkeypatch.setattr(folders, "MAX_ZIP_BYTES", 1000)
    bomb = make_zip({"a/big.png": b"\x00" * 100_000})  # compresses to almost nothing
    with pytest.raises(ValueError, match="unpacks to more than"):
        folders.extract_image_zip(bomb, tmp_path)
    with pytest.raises(ValueError, match=r"not a readable \.zip"):
        folders.extract_image_zip(b"plain text", tmp_path)


def test_upload_folders_are_the_only_folders_the_app_reads(tmp_path):
    upload = folders.new_upload_folder()
    assert folders.is_upload_folder(upload.name)
    upload.cleanup()
    assert not folders.is_upload_folder(upload.name)
    assert not folders.is_upload_folder(tmp_path) and not folders.is_upload_folder("/")
