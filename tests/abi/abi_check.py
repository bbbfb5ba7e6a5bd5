#!/usr/bin/env python3
"""ABI/API comparison of our include/microhttpd.h with the real one.

What it does (all work happens in a temporary directory):

 1. Extracts from the REAL header (default /usr/include/microhttpd.h):
      - every object-like MHD macro with a constant value (numbers are
        printed as integers, strings as strings, type macros by size
        and signedness);
      - every enumerator of every enum, and sizeof of every enum type;
      - every struct/union with a body: sizeof, alignment, and for each
        field its offset and size;
      - every typedef and every function prototype (re-declared after
        including OUR header: a C compiler rejects any incompatible
        redeclaration, so this checks all signatures and callback types).
 2. Writes one C program printing "NAME=value" for all of that.
 3. Builds it once against the real header and once against ours (each
    header copied alone into its own include directory, so the right one
    is found first), runs both and compares item by item.
 4. Checks that the 1.0 additions exist in our header with the expected
    values (v10_check.c next to this script).
 5. Compiles api_use.c (which uses the whole 0.9.75 API) with
    -Wall -Wextra -Werror against both headers, links it against the real
    library and runs it (and, with --lib-dir DIR or $MHD_TEST_LIB_DIR,
    runs it again with LD_LIBRARY_PATH=DIR, i.e. against our library);
    also checks that our header is valid C89/C99/C11 and C++.

Prints one line per failure, then "N passed, N failed"; exit status 1 if
anything failed.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

CC = os.environ.get("CC", "gcc")
CXX = os.environ.get("CXX", "g++")
TIMEOUT = 120

passed = 0
failed = 0


def ok(msg=None, verbose=False):
    global passed
    passed += 1
    if verbose and msg:
        print("PASS: " + msg)


def fail(msg):
    global failed
    failed += 1
    print("FAIL: " + msg)


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=TIMEOUT, **kw)


# --------------------------------------------------------------------------
# Extraction from the real header
# --------------------------------------------------------------------------

TYPE_WORDS = {"char", "short", "int", "long", "signed", "unsigned", "float",
              "double", "_Bool"}


def get_macros(real_inc):
    """Object-like macros with MHD in their name, as {name: value}."""
    r = run([CC, "-DMHD_NO_DEPRECATION", "-E", "-dM", "-I", real_inc,
             "-x", "c", "-"], input="#include <microhttpd.h>\n")
    if r.returncode != 0:
        raise SystemExit("cannot preprocess real header:\n" + r.stderr)
    objs, funcs = {}, []
    for line in r.stdout.splitlines():
        m = re.match(r"#define (\w+)(\(.*?\))?(?: (.*))?$", line)
        if not m or not re.match(r"_?MHD_", m.group(1)):
            continue
        name, params, value = m.group(1), m.group(2), (m.group(3) or "").strip()
        if name in ("MHD_NO_DEPRECATION", "MHD_MICROHTTPD_H"):
            continue
        if params is not None:
            funcs.append(name)
        else:
            objs[name] = value
    return objs, sorted(funcs)


def header_text(real_inc):
    """Preprocessed text of the header itself (system headers dropped)."""
    r = run([CC, "-DMHD_NO_DEPRECATION", "-E", "-I", real_inc, "-x", "c", "-"],
            input="#include <microhttpd.h>\n")
    if r.returncode != 0:
        raise SystemExit("cannot preprocess real header:\n" + r.stderr)
    keep, out = False, []
    for line in r.stdout.splitlines():
        m = re.match(r'# \d+ "([^"]*)"', line)
        if m:
            keep = os.path.basename(m.group(1)) == "microhttpd.h"
            continue
        if keep:
            out.append(line)
    text = "\n".join(out)
    text = re.sub(r"__attribute__\s*\(\(.*?\)\)\s*", "", text)
    return text


def split_top(body, sep):
    parts, depth, cur = [], 0, ""
    for ch in body:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


def get_enums(text):
    enums = []
    for m in re.finditer(r"\benum\s+(\w+)\s*\{(.*?)\}", text, re.S):
        names = []
        for item in split_top(m.group(2), ","):
            nm = re.match(r"(\w+)", item)
            if nm:
                names.append(nm.group(1))
        enums.append((m.group(1), names))
    return enums


def get_aggregates(text):
    aggs = []
    for m in re.finditer(r"\b(struct|union)\s+(\w+)\s*\{(.*?)\}\s*;", text, re.S):
        fields = []
        for decl in split_top(m.group(3), ";"):
            decl = re.sub(r"\[[^\]]*\]", "", decl)
            nm = re.search(r"(\w+)\s*$", decl)
            if nm:
                fields.append(nm.group(1))
        aggs.append((m.group(1), m.group(2), fields))
    return aggs


def get_decls(text):
    """Top-level typedefs and extern function declarations, as strings."""
    typedefs, protos = [], []
    flat = re.sub(r"\s+", " ", text)
    depth, cur = 0, ""
    stmts = []
    for ch in flat:
        cur += ch
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == ";" and depth == 0:
            stmts.append(cur.strip())
            cur = ""
    for s in stmts:
        if s.startswith("typedef") and "{" not in s:
            typedefs.append(s)
        elif s.startswith("extern ") and "(" in s and "{" not in s:
            # protect the name from function-like macros of the same name
            s = re.sub(r"\b(MHD_\w+)\s*\(", r"(\1) (", s, count=1)
            protos.append(s)
    return typedefs, protos


# --------------------------------------------------------------------------
# Program generation
# --------------------------------------------------------------------------

PRELUDE = r"""
#define MHD_NO_DEPRECATION 1
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <microhttpd.h>
#define PI(n, e) printf ("%s=%lld\n", n, (long long) (e))
#define PS(n, e) printf ("%s=\"%s\"\n", n, (e))
#define PU(n, e) printf ("%s=%llu\n", n, (unsigned long long) (e))
int main (void) {
"""


def gen_values(macros, enums, aggs, skip):
    lines = [PRELUDE]
    for name in sorted(macros):
        if name in skip:
            continue
        v = macros[name]
        if v == "":
            lines.append('#ifdef %s\n  printf ("defined %s\\n");\n#else\n'
                         '  printf ("undefined %s\\n");\n#endif' % (name, name, name))
            continue
        lines.append("#ifdef %s" % name)
        if v.startswith('"'):
            lines.append('  PS ("%s", %s);' % (name, name))
        elif set(v.split()) <= TYPE_WORDS:
            lines.append('  PI ("sizeof(%s)", sizeof (%s));' % (name, name))
            lines.append('  PI ("signed(%s)", (%s) -1 < 0);' % (name, name))
        else:
            lines.append('  PI ("%s", %s);' % (name, name))
            lines.append('  PI ("sizeof(%s)", sizeof (%s));' % (name, name))
            lines.append('  PI ("signed(%s)", (%s) * 0 - 1 < 0);' % (name, name))
        lines.append('#else\n  printf ("undefined %s\\n");\n#endif' % name)
    for ename, names in enums:
        lines.append('  PI ("sizeof(enum %s)", sizeof (enum %s));' % (ename, ename))
        for n in names:
            lines.append('  PI ("enum %s::%s", %s);' % (ename, n, n))
    for kind, aname, fields in aggs:
        t = "%s %s" % (kind, aname)
        lines.append('  PI ("sizeof(%s)", sizeof (%s));' % (t, t))
        lines.append('  PI ("alignof(%s)", _Alignof (%s));' % (t, t))
        for f in fields:
            lines.append('  PI ("offsetof(%s, %s)", offsetof (%s, %s));' % (t, f, t, f))
            lines.append('  PI ("sizeof(%s.%s)", sizeof (((%s *) 0)->%s));' % (t, f, t, f))
    lines.append('  PI ("sizeof(MHD_socket)", sizeof (MHD_socket));')
    lines.append("  return 0;\n}\n")
    return "\n".join(lines)


def build(src, inc, out, extra=()):
    return run([CC, "-std=gnu11", "-w", "-I", inc, "-o", out, src] + list(extra))


def find_bad_lines(stderr, src):
    bad = set()
    # the failing line of values.c is named either by the error itself or
    # by the "in expansion of macro" note that follows it
    for m in re.finditer(re.escape(src) + r":(\d+):\d+: "
                         r"(?:error|note: in expansion)", stderr):
        bad.add(int(m.group(1)))
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--real", default="/usr/include/microhttpd.h")
    ap.add_argument("--ours", default=os.path.join(REPO, "include", "microhttpd.h"))
    ap.add_argument("--keep", action="store_true", help="keep the temp dir")
    ap.add_argument("--lib-dir", default=os.environ.get("MHD_TEST_LIB_DIR"),
                    help="also run api_use against the libmicrohttpd.so.12 "
                    "in this directory (default: $MHD_TEST_LIB_DIR)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    for p in (args.real, args.ours):
        if not os.path.isfile(p):
            print("FAIL: header not found: " + p)
            print("0 passed, 1 failed")
            return 1

    tmp = tempfile.mkdtemp(prefix="mhd-abi-")
    try:
        return check(args, tmp)
    finally:
        if args.keep:
            print("temp dir kept: " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def check(args, tmp):
    real_inc = os.path.join(tmp, "real_inc")
    ours_inc = os.path.join(tmp, "ours_inc")
    os.makedirs(real_inc)
    os.makedirs(ours_inc)
    shutil.copy(args.real, os.path.join(real_inc, "microhttpd.h"))
    shutil.copy(args.ours, os.path.join(ours_inc, "microhttpd.h"))

    macros, fmacros = get_macros(real_inc)
    text = header_text(real_inc)
    enums = get_enums(text)
    aggs = get_aggregates(text)
    typedefs, protos = get_decls(text)
    print("extracted from %s: %d macros (+%d function-like), %d enums "
          "(%d enumerators), %d structs/unions, %d typedefs, %d prototypes"
          % (args.real, len(macros), len(fmacros), len(enums),
             sum(len(e[1]) for e in enums), len(aggs), len(typedefs),
             len(protos)))

    # ---- 1. values: find the macros that are not constant expressions
    # (e.g. _MHD_EXTERN) by compiling against the real header and
    # dropping the lines the compiler rejects.
    src = os.path.join(tmp, "values.c")
    skip = set()
    for _ in range(10):
        code = gen_values(macros, enums, aggs, skip)
        with open(src, "w") as f:
            f.write(code)
        r = build(src, real_inc, os.path.join(tmp, "values_real"))
        if r.returncode == 0:
            break
        bad = find_bad_lines(r.stderr, src)
        if not bad:
            print(r.stderr)
            fail("value program does not build against the real header")
            return finish()
        code_lines = code.split("\n")
        newly = set()
        for ln in bad:
            m = re.search(r'"(?:sizeof\(|signed\()?(\w+)', code_lines[ln - 1])
            if m:
                newly.add(m.group(1))
        if not newly - skip:
            print(r.stderr)
            fail("cannot make value program build against the real header")
            return finish()
        skip |= newly
    if args.verbose and skip:
        print("macros without a constant value (existence still checked): "
              + ", ".join(sorted(skip)))
    # non-constant macros: still check that they exist
    exist = ["#include <microhttpd.h>", "#include <stdio.h>", "int main (void) {"]
    for name in sorted(skip | set(fmacros)):
        exist.append('#ifndef %s\n  printf ("undefined %s\\n");\n#endif' % (name, name))
    exist.append("  return 0;\n}")
    with open(os.path.join(tmp, "exist.c"), "w") as f:
        f.write("\n".join(exist))

    outputs = {}
    for label, inc in (("real", real_inc), ("ours", ours_inc)):
        exe = os.path.join(tmp, "values_" + label)
        r = build(src, inc, exe)
        if r.returncode != 0:
            errs = [l for l in r.stderr.splitlines() if "error" in l][:40]
            fail("value program does not compile against %s header:\n  %s"
                 % (label, "\n  ".join(errs)))
            outputs[label] = None
            continue
        r = run([exe])
        if r.returncode != 0:
            fail("value program failed to run (%s)" % label)
            outputs[label] = None
            continue
        outputs[label] = r.stdout
        with open(os.path.join(tmp, "values_%s.txt" % label), "w") as f:
            f.write(r.stdout)

    if outputs.get("real") is not None and outputs.get("ours") is not None:
        def parse(out):
            d = {}
            for line in out.splitlines():
                if line.startswith("defined ") or line.startswith("undefined "):
                    k, v = line.split(" ", 1)[1], line.split(" ", 1)[0]
                else:
                    k, v = line.split("=", 1)
                d[k] = v
            return d
        dr, do = parse(outputs["real"]), parse(outputs["ours"])
        for k in dr:
            if do.get(k) == dr[k]:
                ok(k, args.verbose)
            else:
                fail("%s: real %s, ours %s" % (k, dr[k], do.get(k, "<missing>")))
    elif outputs.get("real") is not None:
        print("(value comparison skipped: ours did not build)")

    # existence of non-constant and function-like macros
    for label, inc in (("ours",  ours_inc),):
        exe = os.path.join(tmp, "exist_" + label)
        r = build(os.path.join(tmp, "exist.c"), inc, exe)
        if r.returncode != 0:
            fail("macro existence program does not compile (%s)" % label)
            continue
        r = run([exe])
        missing = r.stdout.split()
        names = sorted(skip | set(fmacros))
        for name in names:
            if name in missing:
                fail("macro %s not defined in our header" % name)
            else:
                ok("macro %s exists" % name, args.verbose)

    # ---- 2. typedefs and prototypes re-declared after our header
    decl_src = os.path.join(tmp, "redecl.c")
    with open(decl_src, "w") as f:
        f.write("#define MHD_NO_DEPRECATION 1\n#include <microhttpd.h>\n")
        f.write("/* typedefs of the real header */\n")
        for t in typedefs:
            f.write(t + "\n")
        f.write("/* prototypes of the real header */\n")
        for p in protos:
            f.write(p + "\n")
    for label, inc in (("real", real_inc), ("ours", ours_inc)):
        r = run([CC, "-std=gnu11", "-fsyntax-only", "-I", inc, decl_src])
        if r.returncode == 0:
            ok("%d typedefs + %d prototypes compatible (%s)"
               % (len(typedefs), len(protos), label), args.verbose)
        else:
            errs = [l for l in r.stderr.splitlines()
                    if "error" in l or "note" in l][:40]
            fail("typedef/prototype redeclaration against %s header:\n  %s"
                 % (label, "\n  ".join(errs)))

    # ---- 3. 1.0 additions with their expected values
    v10 = os.path.join(HERE, "v10_check.c")
    exe = os.path.join(tmp, "v10")
    # the functions are only declared and their addresses stored, never
    # called: link without needing a library that has them
    r = run([CC, "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-I", ours_inc,
             "-o", exe, v10, "-Wl,--unresolved-symbols=ignore-all"])
    if r.returncode != 0:
        errs = [l for l in r.stderr.splitlines() if "error" in l][:40]
        fail("v10_check.c does not compile against our header:\n  "
             + "\n  ".join(errs))
    else:
        r = run([exe])
        for line in r.stdout.splitlines():
            if line.startswith("ok "):
                ok(line, args.verbose)
            elif line.startswith("not ok "):
                fail("1.0 addition: " + line[7:])
        if r.returncode != 0 and "not ok" not in r.stdout:
            fail("v10_check crashed")

    # ---- 4. whole-API compile test (C, -Wall -Wextra -Werror), linked
    # against the real library and run; plus C++ syntax of our header
    api = os.path.join(HERE, "api_use.c")
    for label, inc in (("real", real_inc), ("ours", ours_inc)):
        exe = os.path.join(tmp, "api_" + label)
        r = run([CC, "-std=c99", "-Wall", "-Wextra", "-Werror",
                 "-DMHD_NO_DEPRECATION", "-I", inc, "-o", exe, api,
                 "-L/usr/lib/x86_64-linux-gnu", "-l:libmicrohttpd.so.12"])
        if r.returncode != 0:
            errs = [l for l in r.stderr.splitlines() if "error" in l][:40]
            fail("api_use.c does not build against %s header:\n  %s"
                 % (label, "\n  ".join(errs)))
            continue
        ok("api_use.c builds against %s header" % label, args.verbose)
        env = dict(os.environ)
        env.pop("LD_LIBRARY_PATH", None)
        r = run([exe], env=env)
        if r.returncode == 0:
            ok("api_use (%s header) runs against the real library" % label,
               args.verbose)
        else:
            fail("api_use (%s header) failed at run time:\n%s%s"
                 % (label, r.stdout, r.stderr))
        if args.lib_dir and label == "ours":
            if not os.path.isfile(os.path.join(args.lib_dir,
                                               "libmicrohttpd.so.12")):
                fail("no libmicrohttpd.so.12 in " + args.lib_dir)
                continue
            env["LD_LIBRARY_PATH"] = args.lib_dir
            r = run([exe], env=env)
            if r.returncode == 0:
                ok("api_use runs against the library in " + args.lib_dir,
                   args.verbose)
            else:
                fail("api_use failed against the library in %s:\n%s%s"
                     % (args.lib_dir, r.stdout, r.stderr))
    # also without MHD_NO_DEPRECATION: deprecated calls may warn, but
    # nothing else may
    r = run([CC, "-std=c99", "-Wall", "-Wextra", "-Werror",
             "-Wno-deprecated-declarations", "-fsyntax-only",
             "-I", ours_inc, api])
    if r.returncode == 0:
        ok("api_use.c builds against ours with deprecation enabled",
           args.verbose)
    else:
        fail("api_use.c with deprecation enabled:\n" + r.stderr[:2000])
    for std in ("c++98", "c++17"):
        r = run([CXX, "-std=" + std, "-Wall", "-Wextra", "-Werror",
                 "-fsyntax-only", "-x", "c++", "-I", ours_inc, "-"],
                input="#include <microhttpd.h>\nint main () { "
                      "return MHD_get_version () == 0; }\n")
        if r.returncode == 0:
            ok("our header is valid %s" % std, args.verbose)
        else:
            fail("our header as %s:\n%s" % (std, r.stderr[:2000]))
    for std in ("c89", "c99", "c11"):
        r = run([CC, "-std=" + std, "-Wall", "-Wextra", "-Werror",
                 "-fsyntax-only", "-x", "c", "-I", ours_inc, "-"],
                input="#include <microhttpd.h>\n#include <microhttpd.h>\n"
                      "int main (void) { return MHD_get_version () == 0; }\n")
        if r.returncode == 0:
            ok("our header is valid %s (included twice)" % std, args.verbose)
        else:
            fail("our header as %s:\n%s" % (std, r.stderr[:2000]))
    return finish()


def finish():
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
