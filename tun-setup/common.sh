# Shared helpers for the tun-setup scripts; sourced, not run.
# Each script sets PROG to its own name before sourcing.

die() {
    echo "$PROG: $*" >&2
    exit 1
}

require_root() {
    [[ $EUID -eq 0 ]] || die "must run as root (network namespaces, TUN devices and nftables need CAP_NET_ADMIN)"
}

# The value following option $1; $2 is the number of arguments left including the option itself.
need_value() {
    [[ $2 -ge 2 ]] || die "$1 needs a value (see --help)"
}

# Interface names: 1-15 characters (IFNAMSIZ 16 with NUL), no '/', ':' or whitespace (dev_valid_name()).
check_ifname() {
    [[ $1 =~ ^[^/:[:space:]]{1,15}$ && $1 != "." && $1 != ".." ]] || die "invalid interface name '$1' (1-15 characters, no '/', ':' or spaces)"
}

# Namespace names become files under /var/run/netns (ip-netns(8)).
check_netns() {
    [[ $1 =~ ^[^/[:space:]]+$ && $1 != "." && $1 != ".." ]] || die "invalid namespace name '$1'"
}

netns_exists() {
    [[ -e /var/run/netns/$1 ]]
}
