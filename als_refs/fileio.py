"""Writing files safely: atomically, with the permissions a person expects, inside a folder.

:func:`atomic_write` writes to a fresh ``mkstemp`` file in the target's own folder (a name no one
can plant a symlink at in advance) and renames it over the target, so a reader, a concurrent run
or a ``kill -9`` sees the old file or the new one, never half of one. ``mkstemp`` creates its file
0600; the result gets the mode the target had, or the one a plain ``open`` would give (0666 less
the umask), so a rewrite never narrows a committed file's permissions.

:func:`contained` is the one check every configured path goes through: resolved (symlinks
included), it must lie inside the folder it is relative to.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from als_refs.errors import FileAccessError


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; its mode is kept (new files honour the umask)."""
    mode = _mode_for(path)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise FileAccessError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise FileAccessError(
                f"cannot write: {exc.strerror or exc}", source=str(path)
            ) from None
        raise


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    try:
        info = path.stat()
    except OSError:
        return 0o666 & ~current_umask()
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else 0o666 & ~current_umask()


def relative_path_problem(value: str) -> str | None:
    """Why ``value`` cannot name a place inside a folder (``None`` when it can).

    Only the text is judged here; :func:`contained` checks the real filesystem (symlinks)."""
    if not value.strip():
        return "is empty"
    if "\x00" in value:
        return "contains a NUL character"
    pure = PurePosixPath(value.replace("\\", "/"))
    if pure.is_absolute() or (len(value) > 1 and value[1] == ":"):
        return "must be relative to the library folder, not absolute"
    if ".." in pure.parts:
        return "must not leave the library folder ('..')"
    return None


def contained(root: Path, relative: str) -> Path:
    """``root / relative``, after checking that, symlinks resolved, it stays inside ``root``.

    Raises :class:`ValueError` with the reason otherwise."""
    problem = relative_path_problem(relative)
    if problem:
        raise ValueError(problem)
    base = root.resolve()
    target = (root / relative).resolve()
    if target != base and not target.is_relative_to(base):
        raise ValueError(f"resolves to {target}, outside the library folder {base} (a symlink?)")
    return root / relative


@contextlib.contextmanager
def folder_lock(folder: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (``flock`` on the directory itself: no lock file to
    leave behind or commit). A second holder waits; where ``flock`` is missing, writes are still
    atomic and the later run simply wins."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        yield  # the caller reports the missing folder itself
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def decode_text(data: bytes, source: str, encoding: str | None = None) -> str:
    """The bytes as text in ``encoding`` (UTF-8 when not given), without a leading byte-order
    mark; a :class:`FileAccessError` naming the line and the byte otherwise (never a silent
    replacement)."""
    codec = _codec(encoding, source)
    if codec != "utf-8":
        try:
            return data.decode(codec).removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise _undecodable(data, exc.start, f"not {encoding} text", source) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        hint = "" if encoding else " (for a legacy file, give its encoding: --encoding latin-1)"
        raise _undecodable(data, start, "not UTF-8 text", source, hint) from None


def _codec(encoding: str | None, source: str) -> str:
    if encoding is None:
        return "utf-8"
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise FileAccessError(
            f"unknown encoding {encoding!r}: expected a Python codec name such as utf-8, "
            "latin-1, cp1252",
            source=source,
        ) from None


def _undecodable(
    data: bytes, start: int, what: str, source: str, hint: str = ""
) -> FileAccessError:
    line = data.count(b"\n", 0, start) + 1
    return FileAccessError(
        f"{what}: byte 0x{data[start]:02x} at offset {start}{hint}", source=source, line=line
    )


def read_file_text(path: Path, encoding: str | None = None) -> str:
    """A file's text (UTF-8 unless ``encoding`` is given, BOM stripped) or a clear
    :class:`FileAccessError`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileAccessError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise FileAccessError("is a directory, expected a file", source=str(path)) from None
    except OSError as exc:
        raise FileAccessError(exc.strerror or str(exc), source=str(path)) from None
    return decode_text(data, str(path), encoding)
