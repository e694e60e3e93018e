#!/usr/bin/env bash
# Removes what lab-up.sh created: the persistent TUN device and its network namespace. Absent parts are fine.
set -euo pipefail
PROG=lab-down.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
    cat <<USAGE
Usage: $PROG [--netns NAME] [--tun NAME]

Deletes TUN device NAME inside the namespace and then the namespace itself (with anything else left in it).
Does nothing for parts that do not exist.

  --netns NAME  namespace (default tunstack-lab)
  --tun NAME    TUN device (default tun0)
  -h, --help    this text
USAGE
}

netns=tunstack-lab
tun=tun0
while [[ $# -gt 0 ]]; do
    case $1 in
        --netns) need_value "$1" $#; netns=$2; shift 2 ;;
        --tun) need_value "$1" $#; tun=$2; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

check_netns "$netns"
check_ifname "$tun"
require_root

if ! netns_exists "$netns"; then
    echo "tunstack lab: namespace $netns does not exist, nothing to do"
    exit 0
fi
# Device first: a process still attached to it would keep the namespace alive, unnamed, after
# 'ip netns delete' removed the name.
if ip netns exec "$netns" ip link show dev "$tun" >/dev/null 2>&1; then
    ip netns exec "$netns" ip link delete dev "$tun"
fi
ip netns delete "$netns"
echo "tunstack lab removed: netns $netns, tun $tun"
