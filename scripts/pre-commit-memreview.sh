#!/usr/bin/env bash
# The `memreview` hook of pre-commit (.pre-commit-hooks.yaml; docs/pre-commit.md).
# pre-commit runs it in the repository's top level as
#
#   pre-commit-memreview.sh [hook args...] <staged C/C++ files...>
#
# and it runs memreview on those files in changed-lines mode: only findings on
# the lines the commit adds or changes (`git diff --cached -U0`) are reported
# and block the commit.
#
# Hook args are memreview options, written `--name=value` (or `-p <dir>`).
# The compile database is, in this order: the `-p` of the hook's args;
# compile_commands.json in the repository's top level; build/compile_commands.json;
# else memreview looks for one above the first file. Headers get the command
# of the closest source file; a source file without a command is skipped with
# a one-line note (--skip-files-without-command), it does not fail the hook.
# memreview is `$MEMREVIEW`, else `memreview` on PATH.
set -uo pipefail

memreview=${MEMREVIEW:-memreview}
if ! command -v "$memreview" >/dev/null 2>&1; then
  echo "memreview hook: '$memreview' not found: install memreview on PATH or set MEMREVIEW=/path/to/memreview" >&2
  exit 2
fi
top=$(git rev-parse --show-toplevel) || exit 2

options=()
files=()
has_build_path=false
while (($#)); do
  case $1 in
  --)
    echo "memreview hook: '--' (a fixed compile command) is not supported in the hook's args; use a compile database" >&2
    exit 2
    ;;
  -p)
    options+=("-p" "${2:-}")
    has_build_path=true
    shift 2 || shift
    continue
    ;;
  -p*)
    options+=("$1")
    has_build_path=true
    ;;
  -*) options+=("$1") ;;
  *) files+=("$1") ;;
  esac
  shift
done
((${#files[@]})) || exit 0

if ! $has_build_path; then
  if [[ -f $top/compile_commands.json ]]; then
    options+=("-p" "$top")
  elif [[ -f $top/build/compile_commands.json ]]; then
    options+=("-p" "$top/build")
  fi
fi

# The staged changes, with git's default prefixes whatever the user's
# configuration (diff.noprefix, external diff tools, colours).
git diff --cached -U0 --no-color --no-ext-diff --src-prefix=a/ --dst-prefix=b/ |
  "$memreview" --diff=- --source-root="$top" --skip-files-without-command \
    "${options[@]}" "${files[@]}"
