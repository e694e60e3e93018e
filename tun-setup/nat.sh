#!/usr/bin/env bash
# Lets tunstack reach the real internet from a TUN device in the HOST namespace (not the lab namespace):
# --up enables IPv4 forwarding and masquerades packets from the stack address leaving through the uplink,
# all in a dedicated nftables table "tunstack_nat"; --down removes that table and restores ip_forward.
#
# Caveats:
# - The TUN must already exist on the host with the gateway address, e.g.
#     ip tuntap add dev tun0 mode tun && ip addr add 198.18.0.1/24 dev tun0 && ip link set tun0 up
# - The host kernel answers segments for connections it does not know with RST only when the destination
#   address is local. Replies to 198.18.0.2 are de-masqueraded by conntrack and forwarded to the TUN; the
#   stack address is not a host address, so the host never RSTs tunstack's connections.
# - MTU: tunstack derives its MSS from the TUN MTU; if the uplink's is smaller (PPPoE, VPN), the forward
#   chain clamps the MSS of SYNs to the route MTU, and ICMP "fragmentation needed" (RFC 1191) is forwarded
#   back to the stack.
# - Firewall: an accept here cannot override a drop in another table (nftables evaluates every base
#   chain), so if firewalld, ufw, iptables-nft or a custom ruleset drops forwarded traffic, allow
#   TUN <-> uplink there. The filter policy of this table's chain is accept.
# - Turning on ip_forward makes the host route for every interface, not just the TUN.
set -euo pipefail
PROG=nat.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TABLE=tunstack_nat
# Remembers ip_forward's value before --up, for --down to restore.
STATE=/run/tunstack-nat.ip_forward

usage() {
    cat <<USAGE
Usage: $PROG --up|--down [--tun NAME] [--stack-addr ADDR] [--out-if IFACE]

Host-side NAT so tunstack on TUN device NAME can reach the internet through IFACE:
--up enables net.ipv4.ip_forward and adds nftables table ip $TABLE (masquerade of ADDR out of IFACE,
MSS clamping); --down deletes the table and restores the previous ip_forward. Both are idempotent.

  --up | --down      add or remove the NAT
  --tun NAME         TUN device on the host (default tun0)
  --stack-addr ADDR  tunstack's address (default 198.18.0.2)
  --out-if IFACE     uplink interface (default: the device of the IPv4 default route)
  -h, --help         this text
USAGE
}

action=
tun=tun0
stack_addr=198.18.0.2
out_if=
while [[ $# -gt 0 ]]; do
    case $1 in
        --up | --down) [[ -z $action ]] || die "give only one of --up and --down"; action=${1#--}; shift ;;
        --tun) need_value "$1" $#; tun=$2; shift 2 ;;
        --stack-addr) need_value "$1" $#; stack_addr=$2; shift 2 ;;
        --out-if) need_value "$1" $#; out_if=$2; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

[[ -n $action ]] || die "give --up or --down (see --help)"
check_ifname "$tun"
[[ $stack_addr =~ ^([0-9]{1,3}\.){3}[0-9]{1,3}$ ]] || die "--stack-addr must be an IPv4 address: '$stack_addr'"
[[ -z $out_if ]] || check_ifname "$out_if"
require_root
command -v nft >/dev/null || die "nft not found (install nftables)"

if [[ $action == down ]]; then
    if nft list table ip "$TABLE" >/dev/null 2>&1; then
        nft delete table ip "$TABLE"
    fi
    if [[ -f $STATE ]]; then
        sysctl -qw net.ipv4.ip_forward="$(cat "$STATE")"
        rm -f "$STATE"
    fi
    echo "tunstack NAT removed"
    exit 0
fi

ip link show dev "$tun" >/dev/null 2>&1 \
    || die "TUN $tun does not exist on the host (create it first, see the header of $PROG)"
if [[ -z $out_if ]]; then
    out_if=$(ip -4 route show default | awk '{ for (i = 1; i < NF; i++) if ($i == "dev") { print $(i + 1); exit } }')
    [[ -n $out_if ]] || die "no IPv4 default route; give --out-if"
fi
ip link show dev "$out_if" >/dev/null 2>&1 || die "uplink $out_if does not exist"

[[ -f $STATE ]] || sysctl -n net.ipv4.ip_forward >"$STATE"
sysctl -qw net.ipv4.ip_forward=1
# Declaring then deleting the table first makes the replacement atomic and idempotent (one nft transaction).
nft -f - <<RULES
table ip $TABLE
delete table ip $TABLE
table ip $TABLE {
    chain forward {
        type filter hook forward priority filter; policy accept;
        iifname "$tun" oifname "$out_if" tcp flags syn tcp option maxseg size set rt mtu
    }
    chain postrouting {
        type nat hook postrouting priority srcnat; policy accept;
        ip saddr $stack_addr oifname "$out_if" masquerade
    }
}
RULES
echo "tunstack NAT up: $stack_addr via $tun masqueraded out of $out_if"
