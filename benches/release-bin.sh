# Sourced by the benchmark scripts: builds wengao in release mode and sets `bin` to the program.
# Builds name the host as their target (.cargo/config.toml), so it is under
# <target dir>/<host>/release, not <target dir>/release.
cargo build --release --quiet
bin="$(cargo metadata --format-version 1 --no-deps \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
bin="$bin/$(rustc -vV | sed -n 's/^host: //p')/release/wengao"
[ -x "$bin" ] || { echo "release-bin: no program at $bin" >&2; exit 1; }
