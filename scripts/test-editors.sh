#!/usr/bin/env bash
# End-to-end tests with real editors and a real browser as clients of the release binary:
#   1. Neovim (Debian's), headless, runs `tidings lsp` on a Markdown copy of the seed, waits for
#      diagnostics and applies the quick fix for `HegeSth` (tests/editors/neovim.lua);
#   2. Debian's Chromium, headless, driven by playwright-core (pinned, from npm), opens the
#      `tidings diff --format html` page for the seed, unticks a fix and downloads the text
#      (tests/editors/redline.mjs). Screenshots land in target/editor-tests/.
#
# Needs: nvim, chromium, node and npm on PATH (.ci/run installs the first two from Debian).
# Uses target/release/tidings, building it when missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${TIDINGS_CACHE:-$root/.cache}
artifacts=${TIDINGS_ARTIFACTS:-$root/target/editor-tests}
playwright_version=1.64.1

fail() { echo "test-editors: $*" >&2; exit 1; }
for tool in nvim chromium node npm; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (Debian: apt-get install neovim chromium nodejs npm)"
done

bin=$root/target/release/tidings
if [ ! -x "$bin" ]; then
  (cd "$root" && cargo build --release --quiet)
fi
seed=$root/seeds/000_4b7b9a7366d71444.txt
mkdir -p "$artifacts"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

echo "== neovim $(nvim --version | head -n 1) with tidings lsp"
mkdir -p "$scratch/story"
install -m 644 "$seed" "$scratch/story/seed.md"
# --clean: no user config or plugins; -n: no swap file; timeout: a hung editor fails the test.
TIDINGS_BIN=$bin TIDINGS_FILE=$scratch/story/seed.md \
  timeout 120 nvim --headless --clean -n -c "luafile $root/tests/editors/neovim.lua" </dev/null \
  || fail "neovim end-to-end test failed"
echo
grep -q 'Pete Hegseth,' "$scratch/story/seed.md" || fail "the fix did not reach the file Neovim wrote"
if grep -q 'HegeSth' "$scratch/story/seed.md"; then fail "HegeSth is still in the file Neovim wrote"; fi
cmp -s <(head -n 1 "$seed" | sed 's/HegeSth/Hegseth/') <(head -n 1 "$scratch/story/seed.md") \
  || fail "Neovim changed more than the one name on the first line"
cmp -s <(tail -n +2 "$seed") <(tail -n +2 "$scratch/story/seed.md") \
  || fail "Neovim changed lines other than the first"
echo "neovim: file on disk has the one fix and nothing else"

echo "== chromium $(chromium --version 2>/dev/null | head -n 1) with the HTML redline"
node_dir=$cache/editor-tests
if [ ! -f "$node_dir/node_modules/playwright-core/package.json" ] ||
  ! grep -q "\"version\": \"$playwright_version\"" "$node_dir/node_modules/playwright-core/package.json"; then
  mkdir -p "$node_dir"
  (cd "$node_dir" && npm install --silent --no-audit --no-fund --no-save "playwright-core@$playwright_version" >/dev/null)
fi
# Node resolves packages next to the script, so run a copy from the folder holding node_modules.
cp "$root/tests/editors/redline.mjs" "$node_dir/redline.mjs"
TIDINGS_BIN=$bin TIDINGS_SEED=$seed TIDINGS_ARTIFACTS=$artifacts \
  timeout 180 node "$node_dir/redline.mjs" || fail "redline end-to-end test failed"
echo "== editors ok"
