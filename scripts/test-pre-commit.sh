#!/usr/bin/env bash
# Tests .pre-commit-hooks.yaml the way a content repository uses it: pre-commit (pinned, from
# PyPI) runs both hooks from this repository on a scratch git repository.
#
# pre-commit builds the hook with `cargo install`; pointing CARGO_TARGET_DIR at this checkout's
# target/ lets it reuse the release build instead of compiling everything again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${TIDINGS_CACHE:-$root/.cache}
venv=$cache/pre-commit-venv
if [ ! -x "$venv/bin/pre-commit" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pre-commit==4.7.0
fi
export PRE_COMMIT_HOME=$cache/pre-commit-home
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
git init --quiet content
cd content
git config user.email ci@example.invalid
git config user.name ci
printf 'A two -day summit and non -European troops.\n' > story.md
printf 'A clean sentence.\n' > clean.md
git add story.md clean.md

fail() { echo "test-pre-commit: $*" >&2; exit 1; }

# The hooks come from this repository at its current commit, as a content repo pins a rev.
rev=$(git -C "$root" rev-parse HEAD)
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: tidings
      - id: tidings-fix
YAML
git add .pre-commit-config.yaml
run_hook() { "$venv/bin/pre-commit" run "$1" --files "${@:2}"; }

echo "test-pre-commit: tidings (check) on a clean file passes"
run_hook tidings clean.md >/dev/null || fail "check hook failed on a clean file"

echo "test-pre-commit: tidings (check) on a damaged file fails and names the finding"
if out=$(run_hook tidings story.md 2>&1); then
  fail "check hook passed on a damaged file"
fi
grep -q "story.md:1:3: spacing/hyphen-space" <<<"$out" || fail "check hook output lacks the finding: $out"

echo "test-pre-commit: tidings-fix rewrites the file and fails so the change is reviewed"
if run_hook tidings-fix story.md >/dev/null 2>&1; then
  fail "fix hook passed although it modified a file"
fi
[ "$(cat story.md)" = "A two-day summit and non-European troops." ] || fail "fix hook wrote: $(cat story.md)"

echo "test-pre-commit: tidings-fix on the fixed file passes"
run_hook tidings-fix story.md >/dev/null || fail "fix hook not idempotent"
echo "test-pre-commit: ok"
