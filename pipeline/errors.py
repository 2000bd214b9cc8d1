"""Every error a user can cause, in one place, each with a message that says what to do.

The CLI prints ``error: <message>`` for these and exits non-zero without a traceback; any
other exception is a bug and keeps its traceback.
"""

from __future__ import annotations


class CoprodError(Exception):
    """Base class: an error whose message is meant for the user."""

    exit_code = 1


class SettingsError(CoprodError):
    """The settings file or an environment override is wrong."""


class CorpusNotFoundError(CoprodError):
    def __init__(self, path: str) -> None:
        super().__init__(f"corpus folder not found: {path}")


class UnsupportedCorpusFileError(CoprodError):
    def __init__(self, path: str, extensions: tuple[str, ...]) -> None:
        super().__init__(f"corpus file {path} is not a format coprod reads (use a folder, or one "
                         f"{', '.join(extensions)} file)")


class EmptyCorpusError(CoprodError):
    def __init__(self, path: str, extensions: tuple[str, ...]) -> None:
        super().__init__(
            f"corpus folder {path} contains no documents "
            f"(looked for {', '.join(extensions)} files)"
        )


class NoUsableDocumentsError(CoprodError):
    def __init__(self, path: str, n_errors: int, first: str) -> None:
        super().__init__(
            f"no usable documents in {path}: all {n_errors} failed to ingest (first: {first})"
        )


class ModelLoadError(CoprodError):
    def __init__(self, model: str, reason: str) -> None:
        super().__init__(
            f"could not load embedding model {model!r}: {reason}. Set [embedding] model to a "
            "sentence-transformers folder or to a model already in the local Hugging Face cache"
        )


class DatabaseNotFoundError(CoprodError):
    def __init__(self, path: str) -> None:
        super().__init__(f"database not found: {path} (run `coprod refresh` first)")


class NoRunsError(CoprodError):
    def __init__(self, path: str) -> None:
        super().__init__(f"database {path} has no finished run yet (run `coprod refresh` first)")


class RefreshRunningError(CoprodError):
    def __init__(self, path: str, pid: object, stage: object) -> None:
        super().__init__(f"another refresh of {path} is running (process {pid}, stage {stage or 'start'}); "
                         "wait for it to finish, or stop it first")


class TemporaryServerError(CoprodError):
    """Prefect's temporary server for a refresh exited or did not answer."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"{detail}; set PREFECT_API_URL to run against a Prefect server of your own")
