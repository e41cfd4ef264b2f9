#!/usr/bin/env python3
"""Reports the sizes the developers' guide limits, in non-test Rust code.

Scans every `.rs` file under `crates/*/src` and `src-tauri/src` (files in a
`tests` or `benches` folder are skipped). Test code is everything from the
first `#[cfg(test)]` line of a file on.

- functions: lines from the line holding `fn` to the line of its closing
  brace (attributes and doc comments not counted; a nested `fn` is a
  function of its own and also counts in the one around it; closures are
  not functions; declarations without a body are skipped);
- files: the lines before the first `#[cfg(test)]` (all lines if none);
- Tauri commands: the functions right after a `#[tauri::command` attribute.

Prints the top ten of each list, then every violation of the limits
(function <= 60 lines, file < 500 lines, Tauri command <= 20 lines), and
exits 1 if there is any. With `--report` it only reports and exits 0.

Comments, string, raw string and character literals are blanked before
braces are counted, so braces inside them do not disturb the count.
"""

import argparse
import re
import sys
from pathlib import Path

FN_MAX = 60
FILE_MAX = 499  # a file must stay under 500 lines
COMMAND_MAX = 20
TOP = 10

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {"tests", "benches"}

FN_RE = re.compile(r"\bfn\s+(?:r#)?([A-Za-z_][A-Za-z0-9_]*)")
COMMAND_RE = re.compile(r"#\s*\[\s*tauri\s*::\s*command\b")
RAW_STR_RE = re.compile(r'[bc]?r(#*)"')
IDENT_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def source_files(root):
    """The Rust files of non-test code, relative to `root`, sorted."""
    dirs = sorted((root / "crates").glob("*/src")) + [root / "src-tauri" / "src"]
    files = []
    for d in dirs:
        if not d.is_dir():
            continue
        for f in sorted(d.rglob("*.rs")):
            rel = f.relative_to(root)
            if SKIPPED_DIRS.isdisjoint(rel.parts[:-1]):
                files.append(rel)
    return files


def blank_literals(text):
    """`text` with comments and the contents of string and character
    literals replaced by spaces; newlines and offsets are kept."""
    out = list(text)
    n = len(text)

    def blank(a, b):
        for k in range(a, min(b, n)):
            if out[k] != "\n":
                out[k] = " "

    i = 0
    while i < n:
        c = text[i]
        if c == "/" and text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
        elif c == "/" and text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            blank(i, j)
            i = j
        elif c in "bcr" and (i == 0 or text[i - 1] not in IDENT_CHARS) and RAW_STR_RE.match(text, i):
            m = RAW_STR_RE.match(text, i)
            close = '"' + m.group(1)
            j = text.find(close, m.end())
            j = n if j < 0 else j
            blank(m.end(), j)
            i = j + len(close)
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            blank(i + 1, j)
            i = j + 1
        elif c == "'":
            if text.startswith("\\", i + 1):
                # An escape: '\n', '\'', '\\', '\u{..}'.
                j = text.find("'", i + 3)
                j = n if j < 0 else j
                blank(i + 1, j)
                i = j + 1
            elif i + 2 < n and text[i + 2] == "'":
                blank(i + 1, i + 2)
                i += 3
            else:
                i += 1  # a lifetime or a loop label
        else:
            i += 1
    return "".join(out)


def body_span(code, start):
    """Offsets of the opening and closing brace of the body of the function
    whose name ends at `start`, or None for a declaration without one."""
    depth = 0
    i, n = start, len(code)
    while i < n:
        c = code[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0 and c == ";":
            return None
        elif depth == 0 and c == "{":
            break
        i += 1
    else:
        return None
    open_at, braces = i, 0
    while i < n:
        if code[i] == "{":
            braces += 1
        elif code[i] == "}":
            braces -= 1
            if braces == 0:
                return open_at, i
        i += 1
    return None


def measure(root, rel):
    """The non-test line count of one file, its functions and its Tauri
    commands (each as (lines, path, line, name))."""
    text = (root / rel).read_text(encoding="utf-8", errors="replace")
    lines = text.splitlines()
    test_line = next(
        (i + 1 for i, line in enumerate(lines) if line.strip().startswith("#[cfg(test)]")),
        None,
    )
    file_lines = test_line - 1 if test_line else len(lines)
    code = blank_literals(text)
    starts = [0]
    for m in re.finditer("\n", code):
        starts.append(m.end())

    def line_of(offset):
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    functions = []
    for m in FN_RE.finditer(code):
        line = line_of(m.start())
        if test_line and line > test_line:
            break
        span = body_span(code, m.end())
        if span is None:
            continue
        length = line_of(span[1]) - line + 1
        functions.append((length, str(rel), line, m.group(1), m.start()))
    commands = []
    for m in COMMAND_RE.finditer(code):
        if test_line and line_of(m.start()) > test_line:
            break
        following = [f for f in functions if f[4] > m.end()]
        if following:
            commands.append(min(following, key=lambda f: f[4]))
    strip = lambda fs: [f[:4] for f in fs]
    return file_lines, strip(functions), strip(commands)


def ranked(items):
    return sorted(items, key=lambda f: (-f[0], f[1], f[2]))


def print_functions(title, items):
    print(title)
    for length, path, line, name in ranked(items)[:TOP]:
        print(f"  {length:5d}  {path}:{line}  {name}")
    if not items:
        print("  (none)")
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", action="store_true", help="report only; never fail")
    args = parser.parse_args()

    files, functions, commands = [], [], []
    for rel in source_files(ROOT):
        file_lines, fns, cmds = measure(ROOT, rel)
        files.append((file_lines, str(rel)))
        functions += fns
        commands += cmds

    print_functions("Longest functions (lines, non-test code):", functions)
    print("Largest files (lines before the first #[cfg(test)]):")
    for length, path in sorted(files, key=lambda f: (-f[0], f[1]))[:TOP]:
        print(f"  {length:5d}  {path}")
    print()
    print_functions("Longest Tauri commands (lines):", commands)

    violations = []
    for length, path, line, name in ranked(functions):
        if length > FN_MAX:
            violations.append(f"function {length:4d} > {FN_MAX}   {path}:{line}  {name}")
    for length, path in sorted(files, key=lambda f: (-f[0], f[1])):
        if length > FILE_MAX:
            violations.append(f"file     {length:4d} >= {FILE_MAX + 1}  {path}")
    for length, path, line, name in ranked(commands):
        if length > COMMAND_MAX:
            violations.append(f"command  {length:4d} > {COMMAND_MAX}   {path}:{line}  {name}")
    limits = (
        f"functions <= {FN_MAX} lines, files < {FILE_MAX + 1} lines, "
        f"Tauri commands <= {COMMAND_MAX} lines"
    )
    if violations:
        print(f"Violations ({limits}):")
        for v in violations:
            print(f"  {v}")
        print(f"{len(violations)} violation(s)")
    else:
        print(f"No violations ({limits}).")
    return 1 if violations and not args.report else 0


if __name__ == "__main__":
    sys.exit(main())
