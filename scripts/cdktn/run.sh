#!/usr/bin/env bash
# usage: bash scripts/cdktn/run.sh <command> [args...]
# Runs a command of this project on cdktn instead of cdktf (src/framework/select.ts): installs
# scripts/cdktn/package.json (cdktn, @cdktn/provider-aws, constructs, Node 22) into .tmp/cdktn unless its
# lock file is installed there already, then runs the command with VPCE_FRAMEWORK=cdktn, NODE_PATH at that
# install (Node finds cdktn there, the project's own node_modules keep cdktf) and its Node 22 first on PATH
# (@cdktn/provider-aws declares node >= 22.11). The project's install stays as it is.
set -euo pipefail
cd "$(dirname "$0")/../.."
leg=.tmp/cdktn
if ! cmp -s scripts/cdktn/package-lock.json "$leg/package-lock.json" || [ ! -x "$leg/node_modules/.bin/node" ]; then
  rm -rf "$leg"
  mkdir -p "$leg"
  cp scripts/cdktn/package.json scripts/cdktn/package-lock.json "$leg/"
  echo "installing cdktn into $leg (scripts/cdktn/package.json)" >&2
  (cd "$leg" && npm ci --no-audit --no-fund --loglevel=error)
fi
export VPCE_FRAMEWORK=cdktn
export NODE_PATH="$PWD/$leg/node_modules${NODE_PATH:+:$NODE_PATH}"
export PATH="$PWD/$leg/node_modules/.bin:$PATH"
exec "$@"
