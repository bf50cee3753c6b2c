#!/usr/bin/env python3
"""Reference computation (exact, Python decimal) of the built-in catalogue's relations over sample
indicator files, and a structural check of those files (keys known, decimals, ranges).

It produced the expected results in data/NOTES-sanmen-2020.md, the golden expectation of the Rust
checker. Run from the repository root:  python3 tests/reference/relations.py data/*.yaml
Needs PyYAML (catalogue structure only; figure values are parsed from the text as decimals).
"""
import re, sys, yaml
from decimal import Decimal as D, getcontext, ROUND_HALF_UP
from pathlib import Path

getcontext().prec = 60
ROOT = Path(__file__).resolve().parents[2]
cat = yaml.safe_load((ROOT / "src/catalogue/medical-security.yaml").read_text(encoding="utf-8"))
defs = {f['key']: f for f in cat['figures']}
FACTOR = {'万人次': D(10000), '万人': D(10000), '万元': D(10000), '亿元': D(100000000)}
def fac(k): return FACTOR.get(defs[k]['unit'], D(1))

def load(path):
    raw = open(path, encoding='utf-8').read()
    figs = raw.split('\nfigures:')[1].split('\nprevious:')[0]
    vals = {}
    for m in re.finditer(r'^  ([a-z0-9_]+):\s*([-0-9.]+)\s*(?:#.*)?$', figs, re.M):
        vals[m.group(1)] = D(m.group(2))
    return vals

def dec_of(d): return max(0, -d.as_tuple().exponent)
def rnd(x, n): return x.quantize(D(1).scaleb(-n), rounding=ROUND_HALF_UP)
def fmt(x, places=None):
    if places is not None: x = x.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)
    s = format(x, 'f')
    if '.' in s: s = s.rstrip('0').rstrip('.')
    return s

def W(k, x): return f"{defs[k]['name']} {format(x, 'f')}{defs[k]['unit']}"

def evaluate(vals):
    rows = []
    computed = {}
    def get(k):
        if k in vals: return vals[k]
        return computed.get(k)
    for r in cat['relations']:
        rule = r['rule']
        if rule == 'sum':
            res = r['total']; ops = r['parts']
            xs = [get(p) for p in ops]
            if None in xs: continue
            c = sum(x * fac(p) for x, p in zip(xs, ops)) / fac(res)
            desc = f"{defs[res]['name']} = " + ' + '.join(W(p, x) for x, p in zip(xs, ops))
            exact = True
        elif rule == 'difference':
            res = r['result']; a, b = get(r['minuend']), get(r['subtrahend'])
            if a is None or b is None: continue
            c = (a * fac(r['minuend']) - b * fac(r['subtrahend'])) / fac(res)
            desc = f"{defs[res]['name']} = {W(r['minuend'], a)} − {W(r['subtrahend'], b)}"
            exact = True
        elif rule == 'ratio':
            res = r['result']; a, b = get(r['numerator']), get(r['denominator'])
            if a is None or b is None: continue
            c = (a * fac(r['numerator'])) / (b * fac(r['denominator'])) * D(r.get('scale', 1))
            desc = f"{defs[res]['name']} = {W(r['numerator'], a)} ÷ {W(r['denominator'], b)} × {r.get('scale',1)}"
            exact = False
        elif rule == 'per_capita':
            res = r['result']; a, b = get(r['amount']), get(r['count'])
            if a is None or b is None: continue
            c = (a * fac(r['amount'])) / (b * fac(r['count'])) / fac(res)
            desc = f"{defs[res]['name']} = {W(r['amount'], a)} ÷ {W(r['count'], b)}"
            exact = False
        else:
            continue  # growth needs the previous period
        if res in vals:
            w = vals[res]; n = dec_of(w); cr = rnd(c, n)
            rows.append(dict(rule=rule, key=res, desc=desc, written=w, computed=c, rounded=cr,
                             diff=w - c, ok=(cr == w), sev=r.get('severity', 'warning'), unit=defs[res]['unit'], n=n))
        else:
            computed[res] = c
            rows.append(dict(rule=rule, key=res, desc=desc, written=None, computed=c, rounded=None, diff=None, ok=None,
                             sev=r.get('severity','warning'), unit=defs[res]['unit'], n=None))
    return rows


def check_structure(path):
    raw = open(path, encoding="utf-8").read()
    d = yaml.safe_load(raw)
    bad = 0
    for sect in ("figures", "previous"):
        for k, v in (d.get(sect) or {}).items():
            if k not in defs:
                print(f"{path}: {sect}: unknown key {k}"); bad += 1; continue
            if v is None or v == "XX":
                continue
            if isinstance(v, (str, bool)):
                print(f"{path}: {k}: not a number: {v!r}"); bad += 1; continue
            f = defs[k]
            m = re.search(r"^\s*" + re.escape(k) + r":\s*([^\s#]+)", raw, re.M)
            if dec_of(D(m.group(1))) > f["decimals"]:
                print(f"{path}: {k}: too many decimals: {m.group(1)}"); bad += 1
            if "min" in f and v < f["min"]:
                print(f"{path}: {k}: below min"); bad += 1
            if "max" in f and v > f["max"]:
                print(f"{path}: {k}: above max"); bad += 1
    return bad


if __name__ == "__main__":
    bad = 0
    for path in sys.argv[1:]:
        bad += check_structure(path)
        print(f"# {path}")
        for row in evaluate(load(path)):
            state = "computed" if row["written"] is None else ("agrees" if row["ok"] else "DISAGREES")
            print(f"{state:9} {row['key']}: written {row['written']}, computed {fmt(row['computed'], 12)}, "
                  f"rounded {row['rounded']}  [{row['desc']}]")
    sys.exit(1 if bad else 0)
