"""The pre-commit hooks (.pre-commit-hooks.yaml), run for real by ``pre-commit try-repo``.

``try-repo`` clones the hook repository's committed HEAD (adding changes to tracked files, never
untracked ones), so the test commits a snapshot of this checkout's package (what pip builds
actplot from, and the hooks file) into a scratch repository and tries that one: it works the
same from a fresh clone in CI and from a working tree with changes not yet committed. pre-commit
then builds a virtualenv and pip-installs actplot with its dependencies into it, for each
``try-repo`` run: that is most of this test's time, so the first run tries both hooks at once
(the check, then the update) and a second one the check alone.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: What pip needs to build actplot, and the hooks file.
SNAPSHOT = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml", "actplot")
GALLERY_CONFIG = """\
[tool.actplot.gallery]
replace = true

[[tool.actplot.gallery.entries]]
name = "relu"
range = [-2, 2]
points = 101

[[tool.actplot.gallery.entries]]
compare = ["elu", "selu"]
order = 0
points = 101
file = "elu-selu"
"""


def pre_commit() -> list[str]:
    """The command that runs pre-commit (the one installed beside this Python, or on PATH)."""
    beside = Path(sys.executable).with_name("pre-commit")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("pre-commit")
    if found is None:
        pytest.skip("pre-commit is not installed")
    return [found]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=git_env())


def git_env() -> dict[str, str]:
    """Git identity and no user or system config, so commits work anywhere."""
    return {**os.environ, "GIT_AUTHOR_NAME": "actplot tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
            "GIT_COMMITTER_NAME": "actplot tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid",
            "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def committed_repo(path: Path) -> Path:
    """Commit everything in ``path`` as a new git repository."""
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "snapshot")
    return path


def snapshot(destination: Path) -> Path:
    """This checkout's package and hooks file, committed into a repository of their own."""
    destination.mkdir()
    for name in SNAPSHOT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.is_file():
            shutil.copy2(source, destination / name)
    return committed_repo(destination)


def try_repo(hooks: Path, hook: str | None, project: Path) -> subprocess.CompletedProcess[str]:
    """``pre-commit try-repo HOOKS [HOOK] --all-files --verbose`` in ``project`` (every hook, in
    the order of their ids, without HOOK)."""
    env = {**git_env(), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("VIRTUAL_ENV", None)
    command = [*pre_commit(), "try-repo", str(hooks), *([hook] if hook else []), "--all-files", "--verbose",
               "--color", "never"]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=900)


def test_hooks_file_declares_both_hooks() -> None:
    yaml = pytest.importorskip("yaml")  # pre-commit's own dependency

    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["actplot-gallery"]["entry"] == "actplot gallery --check"
    assert hooks["actplot-gallery-update"]["entry"] == "actplot gallery"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
        assert hook["always_run"] is True


def test_check_fails_then_update_then_check_passes(tmp_path: Path) -> None:
    pre_commit()
    hooks = snapshot(tmp_path / "hooks")
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(GALLERY_CONFIG)
    committed_repo(project)

    # Every hook in the order of their ids: the check fails (no gallery), then the update draws it.
    first = try_repo(hooks, None, project)
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    check_output, update_output = output.split("actplot gallery update", 1)
    assert "missing: relu.png" in check_output, output
    assert "missing: elu-selu.png" in check_output, output
    assert "2 rendered" in update_output, output
    assert (project / "gallery" / "relu.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert (project / "gallery" / "elu-selu.png").is_file()

    last = try_repo(hooks, "actplot-gallery", project)
    assert last.returncode == 0, last.stdout + last.stderr
    assert "is up to date (2 images)" in last.stdout


def readme_config() -> str:
    """The README's ``.pre-commit-config.yaml``: the YAML block of its pre-commit paragraph, as written."""
    readme = (ROOT / "README.md").read_text()
    paragraph = readme[readme.index("**pre-commit.**"):]
    match = re.search(r"```yaml\n(.*?)```", paragraph, flags=re.DOTALL)
    assert match is not None, "the README's pre-commit paragraph has no yaml block"
    return match.group(1)


def pre_commit_run(project: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """``pre-commit run --all-files`` in ``project``, with this Python's ``actplot`` first on PATH (where
    ``pip install actplot`` puts it)."""
    env = {**git_env(), "PRE_COMMIT_HOME": str(cache),
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    command = [*pre_commit(), "run", "--all-files", "--verbose", "--color", "never"]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=600)


def test_the_readme_configuration_works_as_written(tmp_path: Path) -> None:
    """The README's block, exactly as written, in a project of its own: no tag, no URL to reach."""
    yaml = pytest.importorskip("yaml")
    pre_commit()
    assert Path(sys.executable).with_name("actplot").is_file(), "actplot is not installed beside this Python"
    written = readme_config()
    (repo,) = yaml.safe_load(written)["repos"]
    assert repo["repo"] == "local" and "rev" not in repo  # nothing that must exist somewhere else
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(GALLERY_CONFIG)
    (project / ".pre-commit-config.yaml").write_text(written)
    committed_repo(project)

    first = pre_commit_run(project, tmp_path / "cache")
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    assert "actplot gallery is up to date" in output and "Failed" in output, output
    assert "missing: relu.png" in output and "missing: elu-selu.png" in output, output
    assert not (project / "gallery").exists()  # the check writes nothing

    # The commented update hook, uncommented, draws the gallery; then the check passes.
    uncommented = re.sub(r"(?m)^(\s*)# (- id:|  )", r"\1\2", written)
    assert uncommented.count("- id:") == 2
    (project / ".pre-commit-config.yaml").write_text(uncommented)
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "update hook")
    second = pre_commit_run(project, tmp_path / "cache")
    assert "2 rendered" in second.stdout, second.stdout + second.stderr
    assert (project / "gallery" / "relu.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "gallery")
    (project / ".pre-commit-config.yaml").write_text(written)
    git(project, "commit", "-q", "-am", "the check alone")
    last = pre_commit_run(project, tmp_path / "cache")
    assert last.returncode == 0, last.stdout + last.stderr
    assert "is up to date (2 images)" in last.stdout
