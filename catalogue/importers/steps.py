"""Trình tự thực hiện as an ordered list of steps.

Sources write the steps as prose: usually "Bước 1: …\nBước 2: …", sometimes "a) Nộp hồ sơ: …
b) Giải quyết: …", bullet lists, or plain paragraphs hard-wrapped mid-sentence. Steps are cut at
"Bước N" markers when there are any, else at top-level labels (1., a)) or bullets, else at paragraphs. The
"Bước N:" label is dropped only when the numbering is simply 1, 2, 3 … with nothing before it, so
that texts restarting at "Bước 1" for another case keep their labels and stay readable.
"""
from __future__ import annotations

import re

from catalogue.importers.text_clean import clean_block, is_placeholder

_STEP = re.compile(r"Bước\s*(\d{1,2})\s*([:.\-–)]?)\s*")
# What may stand before "Bước N" at the start of a line: a bullet and/or a letter label.
_LINE_LEAD = re.compile(r"[-–+*•]?\s*(?:[a-zđ]\)\s*)?")
_NUMBER_LABEL = re.compile(r"^\d{1,2}[.)]\s")
_LETTER_LABEL = re.compile(r"^[a-zđ]\)\s")
_BULLET = re.compile(r"^[-–+*•]\s*")
_WRAP_END = re.compile(r"[.:;!?]$")


def split_steps(text: str | None) -> list[str]:
    """The steps of a "trình tự thực hiện" text, in order."""
    if is_placeholder(text):
        return []
    block = _unwrap(clean_block(text))
    markers = _markers(block)
    if markers:
        return _by_markers(block, markers)
    return _by_layout(block)


def _markers(block: str) -> list[tuple[int, int, int]]:
    """(start, end, number) of each "Bước N" that starts a step: at the start of a line (after a
    bullet or a label), or inside a line when followed by its colon or dot."""
    found = []
    for match in _STEP.finditer(block):
        line_start = block.rfind("\n", 0, match.start()) + 1
        if _LINE_LEAD.fullmatch(block, line_start, match.start()):
            found.append((line_start, match.end(), int(match.group(1))))
        elif block[match.start() - 1] in " .;:,)" and match.group(2) in (":", "."):
            found.append((match.start(), match.end(), int(match.group(1))))
    return found


def _unwrap(block: str) -> str:
    """Join lines broken inside a sentence (the next line starts in lower case)."""
    lines = block.split("\n")
    joined: list[str] = []
    for line in lines:
        if joined and line and joined[-1] and line[0].islower() and not _WRAP_END.search(joined[-1]):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return "\n".join(joined)


def _by_markers(block: str, markers: list[tuple[int, int, int]]) -> list[str]:
    numbers = [number for _, _, number in markers]
    preamble = block[:markers[0][0]].strip()
    has_preamble = any(ch.isalnum() for ch in preamble)
    plain = not has_preamble and numbers == list(range(1, len(numbers) + 1))
    steps = [preamble] if has_preamble else []
    for i, (start, end, _) in enumerate(markers):
        stop = markers[i + 1][0] if i + 1 < len(markers) else len(block)
        begin = end if plain else block.index("Bước", start)
        step = _tidy(block[begin:stop])
        if step:
            steps.append(step)
    return steps


def _by_layout(block: str) -> list[str]:
    lines = block.split("\n")
    labelled = [i for i, line in enumerate(lines) if _NUMBER_LABEL.match(line)]
    if len(labelled) < 2:
        labelled = [i for i, line in enumerate(lines) if _LETTER_LABEL.match(line)]
    if len(labelled) < 2:
        bullets = [i for i, line in enumerate(lines) if _BULLET.match(line)]
        if len(bullets) >= 2:
            top = lines[bullets[0]][0]
            labelled = [i for i in bullets if lines[i][0] == top]
    if len(labelled) >= 2:
        starts = ([0] if labelled[0] > 0 else []) + labelled
        chunks = ["\n".join(lines[a:b]) for a, b in zip(starts, starts[1:] + [len(lines)])]
    elif "\n\n" in block:
        chunks = block.split("\n\n")
    else:  # one step per sentence-ending line; a line cut mid-sentence continues on the next
        chunks = []
        for line in lines:
            if chunks and not _WRAP_END.search(chunks[-1]):
                chunks[-1] = f"{chunks[-1]} {line}"
            else:
                chunks.append(line)
    return [step for step in (_tidy(chunk) for chunk in chunks) if step]


def _tidy(chunk: str) -> str:
    """Lines stripped, empty lines dropped, a leading bullet ("- ", "+ ") removed."""
    lines = [line.strip() for line in chunk.strip().split("\n")]
    return _BULLET.sub("", "\n".join(line for line in lines if line), count=1)
