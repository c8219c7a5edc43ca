"""Compile a .bib with the real consumers and collect every error and bibliography warning.

``compile_bib(bib_path)`` builds three small documents that ``\\nocite{*}`` every entry:

* pdflatex + bibtex with ``plain.bst`` and with ``unsrt.bst``;
* pdflatex + biber with biblatex (``style=numeric``).

It returns the problems found, as ``"<engine>: <line>"`` strings, and an empty list when all is
clean. What counts as a problem (everything else in the logs is layout, not the bibliography):

* a non-zero exit status of pdflatex, bibtex or biber (bibtex exits 1 on warnings, 2 on errors);
* in a bibtex ``.blg``: ``Warning--`` lines and error messages (``I was expecting``, ``I'm
  skipping``, ``---line N of file``, ``(There were N error messages)``);
* in a biber ``.blg``: ``WARN`` and ``ERROR`` lines;
* in the final pdflatex ``.log``: ``!`` error lines, ``LaTeX Warning``, ``Package biblatex
  Warning``, any other ``Package ... Warning``, ``LaTeX Font Warning`` (a glyph substituted), and
  ``Missing character`` (a glyph dropped: ``\\tracinglostchars`` is on).

Ignored: ``Overfull``/``Underfull`` box messages (line breaking of long URLs and titles).

biber runs with its defaults, as ``latexmk`` and editors run it: fields outside biblatex's data
model (``x-als-refs``, ``pmid``, ``pmcid``, ``key``) are then dropped silently. Only with
``biber --validate-datamodel`` does biber list them (``Field 'x-als-refs' invalid in data model -
ignoring``), together with biblatex's own advice on missing fields.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

TEX_TOOLS = ("pdflatex", "bibtex", "biber")
TIMEOUT = 180

_PREAMBLE = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\tracinglostchars=2
"""
_BIBTEX_DOC = (
    _PREAMBLE
    + r"""\begin{document}
\nocite{*}
\bibliographystyle{%(style)s}
\bibliography{refs}
\end{document}
"""
)
_BIBLATEX_DOC = (
    _PREAMBLE
    + r"""\usepackage[backend=biber,style=numeric]{biblatex}
\addbibresource{refs.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
"""
)

_BLG_BIBTEX = re.compile(
    r"^(Warning--.*|I was expecting.*|I'm skipping.*|.*---line \d+ of file.*|"
    r"\(There (was|were) \d+ error messages?\)|.*[Ee]rror.*)$",
    re.MULTILINE,
)
_BLG_BIBER = re.compile(r"^.*\b(WARN|ERROR)\b.*$", re.MULTILINE)
_LOG = re.compile(
    r"^(!.*|.*LaTeX Warning.*|.*Package \S+ Warning.*|.*LaTeX Font Warning.*|"
    r"Missing character.*)$",
    re.MULTILINE,
)


def tex_available() -> bool:
    return all(shutil.which(tool) for tool in TEX_TOOLS)


def compile_bib(bib_path: Path, workdir: Path | None = None) -> list[str]:
    """Every error or bibliography warning the three consumers report for ``bib_path``."""
    import tempfile

    if workdir is None:
        with tempfile.TemporaryDirectory(prefix="als-refs-tex-") as tmp:
            return compile_bib(bib_path, Path(tmp))
    problems: list[str] = []
    for style in ("plain", "unsrt"):
        folder = workdir / f"bibtex-{style}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(bib_path, folder / "refs.bib")
        (folder / "doc.tex").write_text(_BIBTEX_DOC % {"style": style}, encoding="utf-8")
        problems += [f"bibtex/{style}: {p}" for p in _run_bibtex(folder)]
    folder = workdir / "biblatex"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(bib_path, folder / "refs.bib")
    (folder / "doc.tex").write_text(_BIBLATEX_DOC, encoding="utf-8")
    problems += [f"biber: {p}" for p in _run_biber(folder)]
    return problems


def _run_bibtex(folder: Path) -> list[str]:
    problems = _run(folder, ["pdflatex", "-interaction=nonstopmode", "doc.tex"])
    problems += _run(folder, ["bibtex", "doc"])
    problems += _matches(_BLG_BIBTEX, folder / "doc.blg")
    problems += _final_latex_runs(folder)
    return problems


def _run_biber(folder: Path) -> list[str]:
    problems = _run(folder, ["pdflatex", "-interaction=nonstopmode", "doc.tex"])
    problems += _run(folder, ["biber", "doc"])
    problems += _matches(_BLG_BIBER, folder / "doc.blg")
    problems += _final_latex_runs(folder)
    return problems


def _final_latex_runs(folder: Path) -> list[str]:
    # Two more passes settle citations and labels; only the last log is judged.
    _run(folder, ["pdflatex", "-interaction=nonstopmode", "doc.tex"])
    problems = _run(folder, ["pdflatex", "-interaction=nonstopmode", "doc.tex"])
    return problems + _matches(_LOG, folder / "doc.log")


def _run(folder: Path, command: Sequence[str]) -> list[str]:
    result = subprocess.run(
        list(command),
        cwd=folder,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode == 0:
        return []
    tail = result.stdout.decode("utf-8", "replace").strip().splitlines()[-5:]
    return [f"{command[0]} exited with {result.returncode}: {' | '.join(tail)}"]


def _matches(pattern: re.Pattern[str], path: Path) -> list[str]:
    if not path.exists():
        return [f"{path.name} was not written"]
    text = path.read_text(encoding="utf-8", errors="replace")
    return [match.group(0).strip() for match in pattern.finditer(text)]
