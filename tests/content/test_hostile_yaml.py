"""Pack files are data: hostile input is refused quickly with one clear line, never run."""


import pytest

from studyapp.content.loader import PackError, load_pack
from tests.content.conftest import GOOD_PACK


def _refused(path, **kwargs) -> str:
    with pytest.raises(PackError) as info:
        load_pack(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_object_building_tag_is_refused_not_run(write_pack, tmp_path):
    marker = tmp_path / "pwned"
    path = write_pack(f"!!python/object/apply:os.system ['touch {marker}']\n")
    assert "YAML" in _refused(path)
    assert not marker.exists()


def test_alias_bomb_is_refused(write_pack):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    assert "alias" in _refused(write_pack("\n".join(lines) + "\n"))


def test_file_over_the_size_cap_is_refused(write_pack):
    path = write_pack(GOOD_PACK + "#" * 2000 + "\n")
    assert "limit" in _refused(path, max_bytes=1000)


def test_ten_megabyte_default_cap(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * (10 * 1024 * 1024) + b"\n")
    assert "10 MB limit" in _refused(path)


@pytest.mark.parametrize(
    "text", ["[" * 100_000 + "]" * 100_000, "".join(" " * i + "a:\n" for i in range(200))]
)
def test_deep_nesting_is_refused(write_pack, text):
    assert "nesting deeper" in _refused(write_pack(text)) or "YAML" in _refused(write_pack(text))


def test_non_utf8_is_reported_as_such(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: caf\xe9\n".encode("latin-1"))
    assert _refused(path).endswith("not valid UTF-8 (byte 0xe9 at offset 7)")


def test_syntax_error_has_a_line(write_pack):
    message = _refused(write_pack("id: demo\ntitle: [unclosed\n"))
    assert ":3: YAML" in message or ":2: YAML" in message


def test_a_pack_that_is_not_a_mapping(write_pack):
    assert "must be a mapping" in _refused(write_pack("- just\n- a list\n"))


def test_ordinary_markdown_asterisks_still_load(write_pack):
    text = GOOD_PACK.replace('back: "4"', 'back: "*four* and **4**, see [a](b) & co"')
    assert load_pack(write_pack(text)).questions[0].back.startswith("*four*")
