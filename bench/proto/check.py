#!/usr/bin/env python3
"""Compare prototype findings with the ok_/bug_ naming convention.

usage: check.py <prototype output file> <input.cpp>
Functions named bug_* must get >=1 leak warning, ok_* none.
"""
import re, sys
out = open(sys.argv[1]).read()
src = open(sys.argv[2]).read()
fns = re.findall(r'^[A-Za-z][\w\s\*]*?\b((?:ok|bug)_\w+)\s*\(', src, re.M)
hit = {}
for m in re.finditer(r"warning: memory allocated here may leak in '(\w+)'", out):
    hit[m.group(1)] = hit.get(m.group(1), 0) + 1
tp = fp = fn = tn = 0
rows = []
for f in fns:
    exp = f.startswith('bug_')
    got = hit.get(f, 0) > 0
    verdict = {(True, True): 'TP', (False, False): 'TN',
               (False, True): 'FP', (True, False): 'FN'}[(exp, got)]
    tp += verdict == 'TP'; fp += verdict == 'FP'
    fn += verdict == 'FN'; tn += verdict == 'TN'
    rows.append(f'{f:32s} expected={"leak" if exp else "silent":6s} '
                f'got={hit.get(f, 0)} {verdict}')
if '-q' not in sys.argv:
    print('\n'.join(rows))
print(f'summary: TP={tp} TN={tn} FP={fp} FN={fn} '
      f'({tp + tn}/{len(fns)} correct)')
