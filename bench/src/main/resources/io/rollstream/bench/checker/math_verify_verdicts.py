"""math-verify's verdict on each answer pair of a corpus, for `rollstream bench checker`.

Usage: python3 math_verify_verdicts.py PAIRS.jsonl VERDICTS.jsonl

Reads JSON lines {"id", "response", "truth"} and writes a first line {"math_verify": VERSION} and then one
line {"id", "equal"[, "error"]} per pair: whether math-verify's verify(parse(truth), parse(response)) holds,
with the ground truth read as LaTeX between dollars, as its documentation writes gold answers. Exits 3 when
math_verify cannot be imported, so the caller can tell a missing package from a failed run.
"""
import json
import sys

try:
    from importlib.metadata import version
    from math_verify import parse, verify
except ImportError as e:
    print(f"math_verify is not importable by {sys.executable}: {e}", file=sys.stderr)
    sys.exit(3)


def verdict(pair):
    try:
        gold = parse("$" + pair["truth"] + "$")
        answer = parse(pair["response"])
        return {"id": pair["id"], "equal": bool(verify(gold, answer))}
    except Exception as e:  # a verdict per pair, whatever one answer provokes
        return {"id": pair["id"], "equal": False, "error": f"{type(e).__name__}: {e}"}


def main(source, target):
    with open(source, encoding="utf-8") as pairs, open(target, "w", encoding="utf-8") as out:
        out.write(json.dumps({"math_verify": version("math-verify")}) + "\n")
        for line in pairs:
            if line.strip():
                out.write(json.dumps(verdict(json.loads(line))) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
