"""Three-way merge of a multi-line text, line by line (SPEC "the edges", team work).

Two people who edit different paragraphs of a meetjaar's analyse both keep their edit; only
edits that touch the same (or adjacent) lines conflict. The algorithm is diff3's: the lines that
base, ours and theirs share split the texts into stable and changed regions; a region changed
on one side only takes that side, a region changed on both sides the same way is taken once.
"""

from __future__ import annotations

from difflib import SequenceMatcher


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _sync_regions(base: list[str], ours: list[str], theirs: list[str]) -> list[tuple[int, ...]]:
    """Regions (base start, base end, ours start, ours end, theirs start, theirs end) that are
    equal in all three versions, followed by an empty end marker."""
    a_blocks = SequenceMatcher(None, base, ours, autojunk=False).get_matching_blocks()
    b_blocks = SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    regions: list[tuple[int, ...]] = []
    ia = ib = 0
    while ia < len(a_blocks) and ib < len(b_blocks):
        a_base, a_at, a_len = a_blocks[ia]
        b_base, b_at, b_len = b_blocks[ib]
        start, end = max(a_base, b_base), min(a_base + a_len, b_base + b_len)
        if start < end:
            a_start, b_start = a_at + start - a_base, b_at + start - b_base
            regions.append((start, end, a_start, a_start + end - start, b_start, b_start + end - start))
        if a_base + a_len < b_base + b_len:
            ia += 1
        else:
            ib += 1
    regions.append((len(base), len(base), len(ours), len(ours), len(theirs), len(theirs)))
    return regions


def merge_lines(base: str, ours: str, theirs: str) -> str | None:
    """The merged text, or None when both sides changed the same lines differently."""
    b, o, t = _lines(base), _lines(ours), _lines(theirs)
    out: list[str] = []
    zb = zo = zt = 0
    for b_start, b_end, o_start, o_end, t_start, t_end in _sync_regions(b, o, t):
        base_part, ours_part, theirs_part = b[zb:b_start], o[zo:o_start], t[zt:t_start]
        if ours_part == theirs_part or theirs_part == base_part:
            out += ours_part
        elif ours_part == base_part:
            out += theirs_part
        else:
            return None
        out += b[b_start:b_end]
        zb, zo, zt = b_end, o_end, t_end
    return "".join(out)


def both_texts(ours: str, theirs: str) -> str:
    """ "beide": my text first, a blank line, then theirs (one final line break if either had one)."""
    end = "\n" if ours.endswith("\n") or theirs.endswith("\n") else ""
    return ours.rstrip("\n") + "\n\n" + theirs.strip("\n") + end


def changed_lines(base: str, text: str, limit: int = 6) -> list[str]:
    """The lines of `text` that are not in `base` (what a side wrote), at most `limit` of them:
    a long text is shown by its differing lines, not as two full copies."""
    b, t = _lines(base or ""), _lines(text or "")
    lines: list[str] = []
    for tag, _, _, j1, j2 in SequenceMatcher(None, b, t, autojunk=False).get_opcodes():
        if tag in ("replace", "insert"):
            lines += [line.rstrip("\n") for line in t[j1:j2]]
    if not lines and b != t:
        removed = len(b) - len(t)
        return [f"({removed} regel(s) weggehaald)"] if removed > 0 else []
    if len(lines) > limit:
        return [*lines[:limit], f"… en nog {len(lines) - limit} regel(s)"]
    return lines
