#!/usr/bin/python3
# cjk_text.py: collects every character the Chinese rows of the string table
# use, so the build can cut a CJK font down to exactly those glyphs.
# Not a C++ parser: it reads only the row shape strings*.cpp use,
# {Str::Key, {"English", "中文"}}, with adjacent literals joined as C++ does.
# Usage: cjk_text.py [--row Key] OUT.txt strings.cpp [more_strings.cpp ...]
# --row Key: only that row's Chinese text (the menu's "简体中文", embedded so
# the language menu reads right before the full font is fetched).
# OUT.txt gets the characters (one line, sorted) for pyftsubset --text-file,
# plus ASCII and the common CJK punctuation, which any translation may need.
import re
import sys

# Tokens that matter for a row: the key, string literals, braces and commas.
TOKEN = re.compile(r'//[^\n]*|/\*.*?\*/|Str::\w+|"(?:[^"\\\n]|\\.)*"|[{},]', re.S)
ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "0": "\0"}
PUNCTUATION = "，。：；！？（）“”‘’、…—《》【】·「」"


def unescape(literal):
    body = literal[1:-1]
    return re.sub(r"\\(x[0-9a-fA-F]+|.)",
                  lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == "x" else ESCAPES.get(m.group(1), m.group(1)),
                  body)


def chinese_texts(source):
    """The Chinese text of every row: the second comma-separated entry of the
    inner brace that follows each Str::Key."""
    texts = {}
    tokens = [t for t in TOKEN.findall(source) if not t.startswith("/")]
    i = 0
    while i < len(tokens):
        if tokens[i].startswith("Str::") and i + 2 < len(tokens) and tokens[i + 1] == "," and tokens[i + 2] == "{":
            entries, current, j = [], "", i + 3
            while j < len(tokens) and tokens[j] != "}":
                if tokens[j] == ",":
                    entries.append(current)
                    current = ""
                elif tokens[j].startswith('"'):
                    current += unescape(tokens[j])
                j += 1
            entries.append(current)
            if len(entries) >= 2:
                texts[tokens[i][len("Str::"):]] = entries[1]
            i = j
        i += 1
    return texts


def main():
    args = sys.argv[1:]
    only = None
    if args[:1] == ["--row"]:
        only, args = args[1], args[2:]
    out, sources = args[0], args[1:]
    chars = set() if only else set(chr(c) for c in range(0x20, 0x7F)) | set(PUNCTUATION)
    rows = 0
    for path in sources:
        with open(path, encoding="utf-8") as f:
            texts = chinese_texts(f.read())
        if only:
            texts = {k: v for k, v in texts.items() if k == only}
        rows += len(texts)
        for text in texts.values():
            chars.update(c for c in text if c > " ")
    if rows == 0:
        sys.exit(f"cjk_text.py: no rows found in {' '.join(sources)}")
    with open(out, "w", encoding="utf-8") as f:
        f.write("".join(sorted(chars)) + "\n")
    print(f"cjk_text.py: {rows} Chinese rows, {len(chars)} characters")


if __name__ == "__main__":
    main()
