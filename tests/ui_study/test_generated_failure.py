"""A generated question whose numbers cannot be made: the study screen says where it is written (file:line)
and still shows the question, without a traceback."""

import textwrap

from studyapp.errors import StudyAppError
from studyapp.ui.app import StudyApp
from studyapp.ui.study_screen import StudyScreen

PACK = textwrap.dedent(
    """\
    id: ui-gen
    title: UI generated
    topics:
      - {id: t, title: T}
    questions:
      - id: gen-scale
        kind: generated
        topics: [t]
        prompt: Scale for p = {p}?
        params:
          p: {choice: [0.1, 0.5]}
        compute: dropout_scale
        tolerance: 0.001
    """
)


async def test_a_failing_instance_is_reported_at_its_file_and_line(tmp_path, monkeypatch):
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "ui-gen.yaml").write_text(PACK, encoding="utf-8")

    def failing(question, seed):
        raise StudyAppError(f"question {question.id}: dropout_scale gave no finite answer")

    monkeypatch.setattr("studyapp.ui.study_screen.load_instantiate", lambda: failing)
    app = StudyApp(data_dir=tmp_path / "data", pack_dirs=(folder,), start_study=("ui-gen", ()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.shown.id == "gen-scale"
        messages = [str(n.message) for n in app._notifications]
        assert (
            f"{folder / 'ui-gen.yaml'}:6: question gen-scale: dropout_scale gave no finite answer" in messages
        )
