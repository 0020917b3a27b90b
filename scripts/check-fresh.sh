#!/bin/bash
# check-fresh.sh - proves the README's two commands on a bare Debian 12
# machine: builds (once, then cached) a debootstrap minbase root with only
# gcc, make, git and ca-certificates, copies it afresh for every check,
# clones the project's committed HEAD into the copy and runs `make run` and
# `make check` inside it with chroot. Any failure fails the check and
# prints the tail of the failing log. Run as root (`make check-fresh`).
#
# Environment:
#   TS_FRESH_CACHE   cache and scratch directory (default /var/tmp/trialscape-fresh)
#   TS_FRESH_MIRROR  Debian mirror (default: the host's apt source, else deb.debian.org)
#   TS_FRESH_SHARED  "no" leaves ../shared out of the chroot (its tests then
#                    skip, as on a user's machine); default: mounted read-only
#                    beside the clone when it exists, so the real-export
#                    tests run too
#   TS_FRESH_KEEP    "yes" keeps the scratch root after a failure
# Usage: scripts/check-fresh.sh [COMMAND...]   (default: "make run" "make check")
set -u

suite=bookworm
include=gcc,make,git,ca-certificates
project=$(cd "$(dirname "$0")/.." && pwd)
cache=${TS_FRESH_CACHE:-/var/tmp/trialscape-fresh}
base=$cache/base-$suite
root=$cache/root
logs=$cache/logs

say() { echo "check-fresh: $*" >&2; }
die() { say "$*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap and chroot need it)"
[ $# -gt 0 ] || set -- "make run" "make check"

mirror=${TS_FRESH_MIRROR:-}
if [ -z "$mirror" ] && [ -r /etc/apt/sources.list.d/debian.sources ]; then
    mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$mirror" ] && [ -r /etc/apt/sources.list ]; then
    mirror=$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list)
fi
mirror=${mirror:-http://deb.debian.org/debian}
mirror=${mirror%/}
security=${mirror%/debian}/debian-security

sha=$(git -C "$project" rev-parse --verify HEAD 2>/dev/null) ||
    die "$project is not a git checkout with a commit"
if [ -n "$(git -C "$project" status --porcelain --untracked-files=no)" ]; then
    say "note: uncommitted changes in $project are not part of this check (HEAD ${sha%"${sha#????????????}"} is)"
fi

# The host needs debootstrap (and its wget) to build the base root.
if ! command -v debootstrap >/dev/null 2>&1; then
    say "installing debootstrap on this host"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 &&
          DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null 2>&1; } ||
        die "cannot install debootstrap: is the Debian mirror reachable from this machine?"
fi

# Never skip silently: an unreachable mirror is a failure that says so.
if ! wget -q -O /dev/null --timeout=20 --tries=2 "$mirror/dists/$suite/Release"; then
    die "cannot reach the Debian mirror $mirror (fetching dists/$suite/Release failed): no fresh-machine check was made"
fi

mkdir -p "$cache" "$logs" "$cache/apt-archives/partial" || die "cannot create $cache"

unmount_root() {
    local m
    for m in work/shared dev sys proc var/cache/apt/archives; do
        if mountpoint -q "$root/$m" 2>/dev/null; then
            umount -R -l "$root/$m" 2>/dev/null
        fi
    done
}

# The untouched base: rebuilt only when missing or made with another
# package list, suite or mirror.
stamp="$suite $include $mirror"
if [ ! -f "$base/.trialscape-base" ] || [ "$(cat "$base/.trialscape-base")" != "$stamp" ]; then
    say "building a bare Debian $suite root in $base (minbase + $include); this takes a few minutes once"
    rm -rf "$base" "$base.tmp"
    if ! debootstrap --variant=minbase --include="$include" "$suite" "$base.tmp" "$mirror" \
        >"$logs/debootstrap.log" 2>&1; then
        tail -n 20 "$logs/debootstrap.log" >&2
        die "debootstrap failed (log: $logs/debootstrap.log)"
    fi
    cat >"$base.tmp/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
EOF
    # As bare as a new machine: no package lists, no downloaded packages.
    rm -rf "$base.tmp"/var/lib/apt/lists/* "$base.tmp"/var/cache/apt/archives/*.deb
    echo "$stamp" >"$base.tmp/.trialscape-base"
    mv "$base.tmp" "$base" || die "cannot move the new root into $base"
fi

# Every check starts from a fresh copy of the base.
unmount_root
rm -rf "$root"
cp -a "$base" "$root" || die "cannot copy $base to $root"
cleanup() {
    unmount_root
    if [ "${failed:-0}" -eq 1 ] && [ "${TS_FRESH_KEEP:-no}" = yes ]; then
        say "scratch root kept in $root"
    else
        rm -rf "$root"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
mount -t proc proc "$root/proc" || die "cannot mount /proc in $root"
mount --rbind /sys "$root/sys" && mount --make-rslave "$root/sys" || die "cannot mount /sys in $root"
mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev" || die "cannot mount /dev in $root"
# Downloaded .deb files are kept between checks (only the download is
# saved: every package is still installed from scratch).
mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives" ||
    die "cannot mount the package cache in $root"

mkdir -p "$root/work"
if ! git clone -q "$project" "$root/work/trialscape" 2>"$logs/clone.log" ||
    ! git -C "$root/work/trialscape" checkout -q --detach "$sha" 2>>"$logs/clone.log"; then
    cat "$logs/clone.log" >&2
    die "cannot clone $project at $sha"
fi
shared=$(cd "$project/.." && pwd)/shared
if [ "${TS_FRESH_SHARED:-yes}" != no ] && [ -d "$shared" ]; then
    mkdir -p "$root/work/shared"
    mount --bind "$shared" "$root/work/shared" &&
        mount -o remount,bind,ro "$root/work/shared" ||
        die "cannot mount $shared read-only in $root"
    say "../shared is mounted read-only beside the clone: the real-export tests run"
else
    say "no ../shared in the chroot: the real-export tests skip, as on a user's machine"
fi

failed=0
for cmd in "$@"; do
    log=$logs/$(echo "$cmd" | tr -c 'A-Za-z0-9\n' '_').log
    start=$(date +%s)
    chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        /bin/sh -c "cd /work/trialscape && $cmd" >"$log" 2>&1
    rc=$?
    secs=$(($(date +%s) - start))
    if [ $rc -ne 0 ]; then
        say "'$cmd' FAILED on a bare Debian $suite root: exit $rc after ${secs} s; last lines of $log:"
        tail -n 40 "$log" | sed 's/^/    /' >&2
        failed=1
        break
    fi
    # make run must leave the example's landscape, figures rendered.
    if [ "$cmd" = "make run" ]; then
        for f in landscape.xlsx manifest.json figures/fig1.png figures/fig1.pdf; do
            if [ ! -s "$root/work/trialscape/trialscape-out/$f" ]; then
                say "'$cmd' exited 0 but wrote no trialscape-out/$f; last lines of $log:"
                tail -n 20 "$log" | sed 's/^/    /' >&2
                failed=1
            fi
        done
        [ $failed -eq 0 ] || break
    fi
    say "'$cmd' passed on a bare Debian $suite root in ${secs} s (log: $log)"
done
[ $failed -eq 0 ] || exit 1
say "ok: a fresh clone of ${sha%"${sha#????????????}"} builds, runs and passes its tests on a bare Debian $suite"
