"""Dev tool (not run by the app): rebuild the CJK and emoji font subsets shipped here, with fontTools.

    python resources/fonts/make_subsets.py /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf \
        /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf /usr/share/fonts/truetype/nanum/NanumGothic.ttf
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).parent


def _double_byte(codec: str) -> set[int]:
    out = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                char = bytes([lead, trail]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(char) == 1 and ord(char) > 0x2E7F:
                out.add(ord(char))
    return out


def _save(source: str, wanted: set[int], target: str, features: list[str], rename: str = "") -> None:
    font = TTFont(source)
    cmap = font.getBestCmap()
    options = subset.Options()
    options.layout_features, options.name_IDs, options.notdef_outline, options.hinting = features, ["*"], True, False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={c for c in wanted if c in cmap})
    subsetter.subset(font)
    for record in font["name"].names if rename else ():  # the OFL's reserved font names go with any modification
        if record.nameID in (1, 3, 4, 6, 16):
            record.string = rename if record.nameID != 6 else rename.replace(" ", "")
    font.save(HERE / target)


def main(droid: str, symbola: str, nanum: str) -> None:
    # simplified Chinese (GB 2312) and Japanese (JIS X 0208); Droid Sans Fallback has no Hangul
    cjk = _double_byte("gb2312") | _double_byte("shift_jis")
    cjk |= set(range(0x3000, 0x3100)) | set(range(0xFF00, 0xFFF0))
    _save(droid, cjk, "DroidSansFallback-CJK-subset.ttf", ["*"])
    hangul = {c for c in _double_byte("euc_kr") if 0xAC00 <= c <= 0xD7A3 or 0x3130 <= c <= 0x318F}
    _save(nanum, hangul, "CoachDeskHangul-subset.ttf", [], rename="CoachDesk Hangul")
    emoji = set(range(0x1F300, 0x1F700)) | set(range(0x1F900, 0x1FA00)) | set(range(0x2600, 0x27C0))
    emoji |= set(range(0x2B00, 0x2C00)) | {0x200D, 0xFE0F}
    _save(symbola, emoji, "Symbola-emoji-subset.ttf", [])


if __name__ == "__main__":
    main(*sys.argv[1:4])
