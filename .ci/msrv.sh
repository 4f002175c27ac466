#!/usr/bin/env bash
# The minimum supported Rust version (`rust-version` of the workspace, taken by every crate)
# holds, in two checks:
# 1. every package the crates depend on (normal and build dependencies, all features, as
#    locked in Cargo.lock) declares a rust-version no newer;
# 2. the crates compile with a compiler of that version: Debian's rustc-web build of it
#    (bookworm), fetched with `apt-get download` and unpacked under $CARGO_TARGET_DIR/msrv, not
#    installed (the machine's toolchain is untouched); `cargo check` of what users compile
#    themselves: motcua with its CLI (`cargo add`, `cargo install`) and motcua-python (pip
#    building the sdist). motcua-wasm reaches users built (npm), so its dependencies' check
#    suffices. When no such build is available the compile check says it is skipped.
# clippy's incompatible_msrv lint (clippy -D warnings in .ci/run) rejects standard-library APIs
# newer than rust-version; these two catch dependency updates and language features.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
CRATES=(motcua motcua-python motcua-wasm)

step() { printf '\n==> msrv: %s (%ss)\n' "$*" "$SECONDS"; }

step "rust-version of the crates and of their locked dependencies"
MSRV=$(cargo metadata --locked --all-features --format-version 1 | python3 -c '
import json, sys
meta = json.load(sys.stdin)
pkgs = {p["id"]: p for p in meta["packages"]}
crates = sys.argv[1:]
declared = {pkgs[i]["name"]: pkgs[i]["rust_version"] for i in meta["workspace_members"] if pkgs[i]["name"] in crates}
assert len(set(declared.values())) == 1 and None not in declared.values(), f"rust-version differs or is missing: {declared}"
msrv = next(iter(declared.values()))
key = lambda v: (tuple(int(x) for x in v.split(".")) + (0, 0))[:3]
nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
seen, todo = set(), [i for i in meta["workspace_members"] if pkgs[i]["name"] in crates]
while todo:
    i = todo.pop()
    if i in seen:
        continue
    seen.add(i)
    for dep in nodes[i]["deps"]:
        # (dependencies of WASI targets only are never compiled here)
        if any(k["kind"] in (None, "build") and "wasi" not in (k.get("target") or "") for k in dep["dep_kinds"]):
            todo.append(dep["pkg"])
newer = sorted("%s %s needs %s" % (pkgs[i]["name"], pkgs[i]["version"], pkgs[i]["rust_version"])
               for i in seen if pkgs[i]["rust_version"] and key(pkgs[i]["rust_version"]) > key(msrv))
newest = max((pkgs[i]["rust_version"] for i in seen if pkgs[i]["rust_version"]), key=key)
print(f"{len(seen)} packages; newest rust-version among them: {newest}", file=sys.stderr)
assert not newer, f"dependencies newer than rust-version {msrv}: {newer}"
print(msrv)
' "${CRATES[@]}")
echo "rust-version $MSRV: every locked dependency agrees"

step "cargo check with Rust $MSRV (Debian's rustc-web)"
MSRV_DIR="$CARGO_TARGET_DIR/msrv"
TOOLCHAIN="$MSRV_DIR/toolchain"
MINOR=$(echo "$MSRV" | cut -d. -f1,2)
mkdir -p "$MSRV_DIR"
cat > "$MSRV_DIR/rustc" <<EOF
#!/bin/sh
LD_LIBRARY_PATH="$TOOLCHAIN/usr/lib/x86_64-linux-gnu" exec "$TOOLCHAIN/usr/bin/rustc" "\$@"
EOF
chmod +x "$MSRV_DIR/rustc"
is_msrv() { "$MSRV_DIR/rustc" --version 2>/dev/null | grep -q "^rustc $MINOR\."; }
if ! is_msrv; then
    deb_version() { apt-cache madison rustc-web 2>/dev/null | awk -v v="$MINOR." '$3 ~ "^" v {print $3; exit}'; }
    V=$(deb_version)
    if [ -z "$V" ]; then
        apt-get update -qq >/dev/null 2>&1 || true
        V=$(deb_version)
    fi
    if [ -z "$V" ]; then
        echo "msrv: compile check skipped: no Debian rustc-web $MINOR build is available to apt"
        exit 0
    fi
    rm -rf "$MSRV_DIR/debs" "$TOOLCHAIN"
    mkdir -p "$MSRV_DIR/debs" "$TOOLCHAIN"
    # rustc, its standard library and the LLVM library it links (libllvm19 for 1.85).
    llvm=$(apt-cache show "libstd-rust-web-$MINOR=$V" | sed -n 's/^Depends:.*\(libllvm[0-9]*\).*/\1/p' | head -1)
    (cd "$MSRV_DIR/debs" && apt-get download -q "rustc-web=$V" "libstd-rust-web-dev=$V" \
        "libstd-rust-web-$MINOR=$V" "$llvm" 2>&1 | grep -v 'unsandboxed as root' || true)
    for deb in "$MSRV_DIR"/debs/*.deb; do dpkg-deb -x "$deb" "$TOOLCHAIN"; done
    rm -rf "$MSRV_DIR/debs"
    is_msrv || { echo "msrv: the unpacked $MSRV_DIR/rustc is not Rust $MINOR" >&2; exit 1; }
fi
"$MSRV_DIR/rustc" --version
RUSTC="$MSRV_DIR/rustc" cargo check --locked --quiet --target-dir "$MSRV_DIR/target" \
    -p motcua -p motcua-python --features motcua/cli
echo "motcua (with the CLI) and motcua-python compile with $("$MSRV_DIR/rustc" --version)"
printf '\n==> msrv: all green (%ss)\n' "$SECONDS"
