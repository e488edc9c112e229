"""One-command bootstrap: `python3 -m ekinerja_graphql <verb> [args]` from the repo root.

Outside the project's virtualenv (<repo>/.venv), or when pyproject.toml changed
since the last install, this creates .venv, installs the project into it and
re-executes itself there. Inside it, `test` runs pytest and every other verb
goes to the `ekinerja` CLI.

Only the standard library may be imported at module level: this runs before
any dependency is installed.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".ekinerja-requirements"
MINIMUM_PYTHON = (3, 11)


def requirements_hash() -> str:
    return hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()


def running_in_project_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def requirements_current() -> bool:
    return STAMP.is_file() and STAMP.read_text().strip() == requirements_hash()


def fail(message: str) -> None:
    print(f"ekinerja: {message}", file=sys.stderr)
    sys.exit(2)


def say(message: str) -> None:
    # stderr: stdout belongs to the verb (`$(python3 -m ekinerja_graphql token ...)`).
    print(message, file=sys.stderr, flush=True)


def run(command: list[str]) -> None:
    say("+ " + " ".join(command))
    if subprocess.call(command, cwd=REPO, stdout=sys.stderr) != 0:
        fail(f"command failed: {' '.join(command)}")


def create_venv() -> None:
    try:
        import ensurepip  # noqa: F401 - Debian ships it separately
    except ImportError:
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        fail(
            "this Python cannot create virtualenvs (ensurepip is missing).\n"
            f"On Debian/Ubuntu: sudo apt install python3-venv (or python{version}-venv)"
        )
    say(f"Creating the project virtualenv in {VENV}")
    run([sys.executable, "-m", "venv", str(VENV)])


def install_requirements() -> None:
    say("Installing ekinerja-graphql and its dependencies into .venv")
    pip = [str(VENV_PYTHON), "-m", "pip", "--disable-pip-version-check"]
    run([*pip, "install", "--quiet", "--upgrade", "pip"])
    run([*pip, "install", "--quiet", "-e", ".[dev]"])
    STAMP.write_text(requirements_hash() + "\n")


def ensure_environment() -> None:
    """Returns only when running inside an up-to-date project virtualenv."""
    if sys.version_info < MINIMUM_PYTHON:
        required = ".".join(map(str, MINIMUM_PYTHON))
        fail(f"Python {required}+ is required, this is {sys.version.split()[0]}")
    if running_in_project_venv() and requirements_current():
        return
    if not VENV_PYTHON.exists():
        create_venv()
    if not requirements_current():
        install_requirements()
    # Re-exec so the fresh installation (and its entry points) is what runs.
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), "-m", "ekinerja_graphql", *sys.argv[1:]])


def run_tests(arguments: list[str]) -> None:
    os.chdir(REPO)
    os.execv(sys.executable, [sys.executable, "-m", "pytest", *arguments])


def main() -> None:
    ensure_environment()
    arguments = sys.argv[1:]
    if arguments[:1] == ["test"]:
        run_tests(arguments[1:])
    from ekinerja_graphql.cli import app

    app(args=arguments, prog_name="ekinerja")


if __name__ == "__main__":
    main()
