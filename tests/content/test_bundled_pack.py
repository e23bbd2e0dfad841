"""The bundled deep-learning pack: loads, covers every point of the seed notes, and links labs and
computations only by the names the team spec fixes (tables below are copied from the spec, not the code)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from studyapp.content import model
from studyapp.content.loader import load_pack
from studyapp.generated import check_template
from studyapp.labs import LAB_MODULES, get_lab
from studyapp.paths import bundled_content_dir

PACK_FILE = bundled_content_dir() / "deep-learning.yaml"

TOPIC_LAB = {
    "dropout": "dropout",
    "vanishing-exploding-gradients": "vanishing-gradients",
    "gradient-clipping": "gradient-clipping",
    "activation-functions": "activation-functions",
    "loss-functions": "loss-functions",
    "optimizers": "optimizers",
    "overfitting": "overfitting",
}

SEED_LINKS = [
    "https://www.coursera.org/lecture/deep-neural-network/dropout-regularization-eM33A",
    "https://towardsdatascience.com/introduction-to-dropout-to-regularize-deep-neural-network-8e9d6b1d4386",
    "https://towardsdatascience.com/the-vanishing-exploding-gradient-problem-in-deep-neural-networks-191358470c11",
    "https://towardsdatascience.com/the-vanishing-gradient-problem-69bf08b15484",
    "https://cnvrg.io/gradient-clipping/#:~:text=%20Gradient%20clipping%20can%20be%20applied%20in%20two,"
    "by%20value%202%20Clipping%20by%20norm%20More%20",
    "https://neptune.ai/blog/understanding-gradient-clipping-and-how-it-can-fix-exploding-gradients-problem",
    "https://medium.com/@cmukesh8688/activation-functions-sigmoid-tanh-relu-leaky-relu-softmax-50d3778dcea5",
    "https://www.analyticsvidhya.com/blog/2019/08/detailed-guide-7-loss-functions-machine-learning-python-code/",
    "https://www.coursera.org/learn/deep-neural-network/lecture/qcogH/mini-batch-gradient-descent",
]

# One entry per point of the seed notes (plus the must-know extras): a question of that topic whose
# prompt/answer text contains every term, case-insensitively.
NOTE_POINTS = [
    ("vanishing-exploding-gradients", ("derivatives", "multipl")),
    ("vanishing-exploding-gradients", ("exploding", "poor")),
    ("vanishing-exploding-gradients", ("exploding", "loss", "update")),
    ("vanishing-exploding-gradients", ("exploding", "nan", "loss")),
    ("vanishing-exploding-gradients", ("explode", "weights", "grow exponentially")),
    ("vanishing-exploding-gradients", ("exploding", "weights", "nan")),
    ("vanishing-exploding-gradients", ("vanishing", "slowly")),
    ("vanishing-exploding-gradients", ("vanishing", "output", "input")),
    ("vanishing-exploding-gradients", ("vanish", "shrink exponentially")),
    ("vanishing-exploding-gradients", ("vanishing", "become 0")),
    ("vanishing-exploding-gradients", ("reducing the number of layers",)),
    ("vanishing-exploding-gradients", ("learning rate", "exploding")),
    ("vanishing-exploding-gradients", ("clipping", "exploding")),
    ("vanishing-exploding-gradients", ("initialization", "2/(fan_in + fan_out)")),
    ("vanishing-exploding-gradients", ("relu", "vanishing")),
    ("vanishing-exploding-gradients", ("residual",)),
    ("vanishing-exploding-gradients", ("batch norm",)),
    ("vanishing-exploding-gradients", ("lstm",)),
    ("vanishing-exploding-gradients", ("running", "0.9")),
    ("gradient-clipping", ("clip", "value", "clamp")),
    ("gradient-clipping", ("clip", "norm", "threshold · g/‖g‖")),
    ("gradient-clipping", ("norm", "value", "direction")),
    ("gradient-clipping", ("clip_grad_norm_", "1e-6")),
    ("gradient-clipping", ("clip_grad_norm_", "before clipping")),
    ("optimizers", ("gradient descent", "whole training set")),
    ("optimizers", ("stochastic", "one")),
    ("optimizers", ("mini-batch",)),
    ("optimizers", ("momentum", "β·v + (1 − β)")),
    ("optimizers", ("momentum", "μ·b + g")),
    ("optimizers", ("α(1 − β)",)),
    ("optimizers", ("rmsprop", "√s + ε")),
    ("optimizers", ("rmsprop", "0.99", "no bias correction")),
    ("optimizers", ("adam", "1 − β₁ᵗ", "1 − β₂ᵗ", "√v̂ + ε")),
    ("optimizers", ("adam", "0.999", "1e-8")),
    ("optimizers", ("adamw", "decoupled")),
    ("optimizers", ("αλ < 2",)),
    ("optimizers", ("1/(1 − β)",)),
    ("overfitting", ("overfitting", "more", "data")),
    ("overfitting", ("augmentation",)),
    ("overfitting", ("dropout", "overfitting")),
    ("overfitting", ("early stopping",)),
    ("overfitting", ("weight decay", "l2")),
    ("dropout", ("dropout", "1/(1−p)")),
    ("dropout", ("eval()",)),
    ("activation-functions", ("sigmoid", "0.25")),
    ("activation-functions", ("tanh", "zero-centred")),
    ("activation-functions", ("dying",)),
    ("activation-functions", ("leaky",)),
    ("activation-functions", ("gelu",)),
    ("activation-functions", ("elu",)),
    ("activation-functions", ("softmax",)),
    ("loss-functions", ("mse", "mae", "outlier")),
    ("loss-functions", ("huber",)),
    ("loss-functions", ("cross-entropy", "p − y")),
    ("loss-functions", ("hinge",)),
]


@pytest.fixture(scope="module")
def pack() -> model.Pack:
    return load_pack(PACK_FILE, origin="bundled")


@pytest.fixture(scope="module")
def raw_questions() -> list[dict]:
    return yaml.safe_load(PACK_FILE.read_text(encoding="utf-8"))["questions"]


def _text(question: model.Question) -> str:
    """What the learner sees before and after answering (not the explanation), lower-cased."""
    parts = [question.prompt_text, question.answer_text]
    parts += list(getattr(question, "choices", ())) + list(getattr(question, "answers", ()))
    return "\n".join(parts).lower()


def test_metadata_and_topics(pack):
    assert pack.id == "deep-learning"
    assert pack.title and pack.description and pack.version and pack.authors and pack.license
    assert [t.id for t in pack.topics] == list(TOPIC_LAB)


def test_every_seed_link_is_a_titled_reference(pack):
    urls = {ref.url: ref.title for ref in pack.references}
    for link in SEED_LINKS:
        assert link in urls, link
        assert urls[link].strip()


def test_size_and_kind_mix(pack):
    assert len(pack.questions) >= 100
    kinds = Counter(q.kind for q in pack.questions)
    for kind in ("flashcard", "mcq", "multi", "typed", "numeric"):
        assert kinds[kind] >= 3, kind
    assert kinds["generated"] >= 18
    generated_topics = {t for q in pack.questions if q.kind == "generated" for t in q.topics}
    assert generated_topics == set(TOPIC_LAB)


def test_every_question_has_difficulty_explanation_and_its_topics_lab(pack, raw_questions):
    for raw in raw_questions:
        assert raw.get("difficulty") in model.DIFFICULTIES, raw["id"]
    for q in pack.questions:
        assert len(q.explanation.split()) >= 12, q.id
        assert q.lab is not None, q.id
        assert q.lab.name in LAB_MODULES, q.id
        assert q.lab.name == TOPIC_LAB[q.topics[0]], q.id
        lab_settings = {param.name for param in get_lab(q.lab.name).params}
        assert set(q.lab.settings) <= lab_settings, q.id


def test_lab_presets_are_inside_the_labs_declared_bounds(pack):
    for q in pack.questions:
        lab = get_lab(q.lab.name)
        for name, value in q.lab.settings.items():
            param = lab.param(name)
            written = [float(x) for x in value.split(",")] if param.kind == "vector" else value
            assert param.clamp(value) == written, (q.id, name, value)


@pytest.mark.parametrize(("topic", "terms"), NOTE_POINTS, ids=[" + ".join(t) for _, t in NOTE_POINTS])
def test_note_point_is_covered(pack, topic, terms):
    texts = [_text(q) for q in pack.questions if topic in q.topics]
    assert any(all(term.lower() in text for term in terms) for text in texts), terms


def test_choice_answers_are_within_their_choices(pack):
    positions = Counter()
    for q in pack.questions:
        if q.kind == "mcq":
            assert 0 <= q.correct < len(q.choices), q.id
            positions[q.correct] += 1
        elif q.kind == "multi":
            assert q.correct and all(0 <= i < len(q.choices) for i in q.correct), q.id
        if q.kind in ("mcq", "multi"):
            assert len(set(q.choices)) == len(q.choices), q.id
    assert len(positions) >= 4, "the right mcq answer should not always sit in the same place"


def test_numeric_answers_carry_a_tolerance(pack):
    for q in pack.questions:
        if q.kind in ("numeric", "generated"):
            assert (q.tolerance is None) != (q.rel_tolerance is None), q.id


def test_generated_templates_match_their_registered_computations(pack):
    for q in pack.questions:
        if q.kind != "generated":
            continue
        computation = check_template(q)  # names a registered computation with exactly its parameters
        names = {spec.name for spec in q.params}
        assert set(re.findall(r"\{(\w+)\}", q.prompt)) == names, q.id
        bounds = {bound.name: bound for bound in computation.params}
        for spec in q.params:
            bound = bounds[spec.name]
            if bound.integer:
                assert spec.distribution in ("randint", "choice"), (q.id, spec.name)
                assert all(isinstance(c, int) for c in spec.choices), (q.id, spec.name)
            if bound.choices:
                assert set(spec.choices) <= set(bound.choices), (q.id, spec.name)
            elif spec.distribution != "choice":
                assert bound.low <= spec.low <= spec.high <= bound.high, (q.id, spec.name)
            if spec.distribution in ("uniform", "loguniform"):
                assert spec.decimals is not None, (q.id, spec.name)


def test_pack_text_has_no_rich_markup(pack):
    markup = re.compile(r"\[/?(bold|italic|underline|dim|reverse|strike|link|b|i|u|red|green|blue)\b[^\]]*\]")
    for q in pack.questions:
        assert not markup.search(_text(q) + q.explanation), q.id
