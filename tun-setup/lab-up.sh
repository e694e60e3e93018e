#!/usr/bin/env bash
# Creates the tunstack lab: a network namespace holding a persistent TUN device whose kernel side is the
# gateway; tunstack attaches to the device (TunDevice.open(tun, netns)) and answers for the stack address.
# Idempotent: re-running fixes up whatever is missing and re-applies address, MTU and queue length.
set -euo pipefail
PROG=lab-up.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
    cat <<USAGE
Usage: $PROG [--netns NAME] [--tun NAME] [--gateway ADDR/PREFIX] [--stack-addr ADDR] [--mtu N] [--txqueuelen N]

Creates (if missing) network namespace NAME and, inside it, a persistent TUN device with the gateway
address, MTU and transmit queue length given, and brings it up. tunstack then attaches with
--tun NAME --netns NAME and uses the stack address.

  --netns NAME          namespace (default tunstack-lab)
  --tun NAME            TUN device (default tun0)
  --gateway ADDR/PREFIX kernel-side address of the TUN (default 198.18.0.1/24, RFC 2544 benchmark range)
  --stack-addr ADDR     address tunstack answers for; routed to the TUN (default 198.18.0.2)
  --mtu N               device MTU (default 1500)
  --txqueuelen N        device transmit queue length in packets (default 10000, absorbs bursts)
  -h, --help            this text
USAGE
}

netns=tunstack-lab
tun=tun0
gateway=198.18.0.1/24
stack_addr=198.18.0.2
mtu=1500
txqueuelen=10000
while [[ $# -gt 0 ]]; do
    case $1 in
        --netns) need_value "$1" $#; netns=$2; shift 2 ;;
        --tun) need_value "$1" $#; tun=$2; shift 2 ;;
        --gateway) need_value "$1" $#; gateway=$2; shift 2 ;;
        --stack-addr) need_value "$1" $#; stack_addr=$2; shift 2 ;;
        --mtu) need_value "$1" $#; mtu=$2; shift 2 ;;
        --txqueuelen) need_value "$1" $#; txqueuelen=$2; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

check_netns "$netns"
check_ifname "$tun"
[[ $gateway =~ ^([0-9]{1,3}\.){3}[0-9]{1,3}/[0-9]{1,2}$ ]] || die "--gateway must be ADDR/PREFIX, e.g. 198.18.0.1/24: '$gateway'"
[[ $stack_addr =~ ^([0-9]{1,3}\.){3}[0-9]{1,3}$ ]] || die "--stack-addr must be an IPv4 address: '$stack_addr'"
# 68 is the IPv4 minimum MTU (RFC 791), 65535 the largest IPv4 datagram.
[[ $mtu =~ ^[0-9]+$ ]] && ((mtu >= 68 && mtu <= 65535)) || die "--mtu must be 68..65535: '$mtu'"
[[ $txqueuelen =~ ^[0-9]+$ ]] || die "--txqueuelen must be a number: '$txqueuelen'"
require_root

in_ns() {
    ip netns exec "$netns" "$@"
}

netns_exists "$netns" || ip netns add "$netns"
in_ns ip link set dev lo up

if in_ns ip link show dev "$tun" >/dev/null 2>&1; then
    in_ns ip -details link show dev "$tun" | grep -q 'tun type tun' \
        || die "$tun already exists in namespace $netns but is not a TUN device"
else
    # No user/group: any CAP_NET_ADMIN process may attach. Single queue, matching TunDevice's TUNSETIFF
    # flags (a multi_queue device would refuse it with EINVAL).
    in_ns ip tuntap add dev "$tun" mode tun
fi

# tunstack speaks IPv4 only; without this the kernel would send IPv6 router solicitations and MLD reports
# into the TUN. Written via /proc because sysctl(8) reads dots in interface names as separators.
if in_ns test -d "/proc/sys/net/ipv6/conf/$tun"; then
    in_ns sh -c 'echo 1 >"/proc/sys/net/ipv6/conf/$1/disable_ipv6"' sh "$tun"
fi
in_ns ip addr replace "$gateway" dev "$tun"
in_ns ip link set dev "$tun" mtu "$mtu" txqueuelen "$txqueuelen" up
# Also covers a stack address outside the gateway's prefix.
in_ns ip route replace "$stack_addr/32" dev "$tun"

echo "tunstack lab ready: netns $netns, tun $tun, gateway $gateway, stack address $stack_addr, mtu $mtu"
