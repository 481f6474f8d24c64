"""Home through AppTest: what the lab does at a glance, from a shipped model's real answer."""

import json

from tests.helpers.apptest import assert_page_works, open_page


def test_home_shows_a_drawn_seven_what_the_model_sees_and_its_sigmoid_answer():
    at = open_page()
    assert_page_works(at, "home")
    captions = [picture.caption for image in at.get("image") for picture in image.proto.imgs]
    assert captions[:2] == ["1 · A 7 drawn with the mouse", "2 · What the model sees: 28×28 pixels"]
    gauge = next(c for c in at.get("vega_lite_chart") if "Sigmoid output" in c.proto.spec)
    spec = json.loads(gauge.proto.spec)
    assert "0 = 7" in json.dumps(spec) and "1 = 8" in json.dumps(spec)
    answer = next(c.value for c in at.caption if c.value.startswith("3 · The model's answer: "))
    assert "Near 0 means 7, near 1 means 8. The model says 7:" in answer  # the shipped model reads the drawn 7 as a 7


def test_home_tells_a_newcomer_what_to_do_and_names_the_data_calmly():
    at = open_page()
    assert_page_works(at, "home")
    assert any(i.value.startswith("New here? Start with **Draw**") for i in at.info)
    data = next(m.value for m in at.markdown if m.value.startswith("**Data:**"))
    assert "the 5,000 real MNIST digits that come with the lab" in data or "full MNIST" in data
    notices = [c.value for c in at.main.caption if "MNIST" in c.value]
    assert len(notices) <= 1 and not any(w in " ".join(notices) for w in ("http", "Errno", "service", "OFFLINE"))
    assert any(m.value.startswith("**Model in use:**") and "%" in m.value for m in at.markdown)
