#!/usr/bin/env python3
"""Renders JMH JSON results (one file per JDK, from run.sh) as Markdown tables with ratios and target checks."""
import json
import os
import sys

PKG = "io.tunstack.bench."


def load(path):
    """{(benchmark, frozen params): (score, error, unit, bytes per op)} for one JSON file."""
    rows = {}
    with open(path) as f:
        for r in json.load(f):
            name = r["benchmark"].replace(PKG, "").split(".", 1)[1]
            params = tuple(sorted((r.get("params") or {}).items()))
            m = r["primaryMetric"]
            alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            rows[(name, params)] = (m["score"], m["scoreError"], m["scoreUnit"], alloc)
    return rows


def get(rows, name, **params):
    return rows.get((name, tuple(sorted((k, str(v)) for k, v in params.items()))))


def num(x, digits=0):
    if not isinstance(x, (int, float)) or x != x:  # absent, or "NaN" error from a single iteration
        return "–"
    return f"{x:,.{digits}f}"


def err(row):
    return num(row[1], 0) if row else "–"


def ratio(a, b):
    return f"{a / b:.2f}×" if a and b else "–"


def check(value, target, higher_is_better):
    """'met' or 'missed by N %' for value against target."""
    if value is None:
        return "not run"
    if (value >= target) if higher_is_better else (value <= target):
        return f"**met** ({value:.2f}× vs {target}×)"
    if higher_is_better:
        return f"**missed** ({value:.2f}× vs {target}×: {(target - value) / target:.0%} short)"
    return f"**missed** ({value:.2f}× vs {target}×: {(value - target) / target:.0%} over)"


def segment_table(rows, out):
    base = get(rows, "SegmentBaselineBenchmark.checksum")
    out.append("| Path | ns/op | ± | × checksum | B/op |")
    out.append("|---|---:|---:|---:|---:|")
    entries = [("Checksum alone, 1500 B", get(rows, "SegmentBaselineBenchmark.checksum")),
               ("Copy, 1500 B", get(rows, "SegmentBaselineBenchmark.copy")),
               ("(a)'s data movement alone", get(rows, "SegmentBaselineBenchmark.receiveDataMovement"))]
    for n in ("1", "10000"):
        entries.append((f"(a) receive in-order 1460 B, {n} conn.",
                        get(rows, "ReceivePathBenchmark.inOrderSegment", connections=n)))
    entries += [("(b) pure ACK advancing SND.UNA", get(rows, "AckPathBenchmark.pureAck")),
                ("(c) send 1460 B segment", get(rows, "SendPathBenchmark.writeSegment")),
                ("(d) out-of-order 1460 B into reassembly", get(rows, "OutOfOrderBenchmark.outOfOrderSegment"))]
    for label, r in entries:
        if r:
            out.append(f"| {label} | {num(r[0], 1)} | {num(r[1], 1)} | {ratio(r[0], base[0] if base else None)} | {num(r[3], 1)} |")


RECORD_IMPLS = [("ours", "RecordLayerBenchmark", {}), ("Cipher", "CipherBenchmark", {}),
                ("SSLEngine", "SslEngineBenchmark", {"jsse": "JDK"}), ("BCJSSE", "SslEngineBenchmark", {"jsse": "BCJSSE"})]


def record_row(rows, impl, op, suite, size):
    _, cls, extra = impl
    return get(rows, f"{cls}.{op}", suite=suite, size=size, **extra)


def record_table(rows, out):
    out.append("| Suite | Size | Op | ours ns | Cipher ns | SSLEngine ns | BCJSSE ns | ours MB/s | ours/Cipher | ours/SSLEngine | ours/BCJSSE | ours B/op | SSLEngine B/op |")
    out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for suite in ("AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"):
        for size in ("16384", "1024"):
            for op in ("seal", "roundTrip"):
                r = [record_row(rows, impl, op, suite, size) for impl in RECORD_IMPLS]
                if not r[0]:
                    continue
                t = [x[0] if x else None for x in r]
                mbs = int(size) / t[0] * 1e3
                # Throughput ratios: their time / our time.
                out.append(f"| {suite} | {int(size) // 1024} KiB | {op} | {num(t[0])} | {num(t[1])} | {num(t[2])} | {num(t[3])} | "
                           f"{num(mbs)} | {ratio(t[1], t[0])} | {ratio(t[2], t[0])} | {ratio(t[3], t[0])} | "
                           f"{num(r[0][3], 0)} | {num(r[2][3] if r[2] else None, 0)} |")


def chacha_table(rows, out):
    out.append("| Size | JDK ns/op | BC lightweight ns/op | faster |")
    out.append("|---:|---:|---:|---|")
    for size in ("1024", "16384"):
        j, b = get(rows, "ChaChaBenchmark.jdkSeal", size=size), get(rows, "ChaChaBenchmark.bcSeal", size=size)
        if j and b:
            faster = f"JDK ({b[0] / j[0]:.2f}×)" if j[0] < b[0] else f"BC ({j[0] / b[0]:.2f}×)"
            out.append(f"| {int(size) // 1024} KiB | {num(j[0])} | {num(b[0])} | {faster} |")


PUBLIC_KEY_OPS = (("X25519 key generation", "x25519KeyGenJdk", "x25519KeyGenBc"),
                  ("X25519 agreement", "x25519AgreeJdk", "x25519AgreeBc"),
                  ("ECDSA P-256 sign", "jdkEcdsaSign", "bcEcdsaSign"),
                  ("ECDSA P-256 verify", "jdkEcdsaVerify", "bcEcdsaVerify"),
                  ("RSA-PSS-2048 sign", "jdkRsaSign", "bcRsaSign"),
                  ("RSA-PSS-2048 verify", "jdkRsaVerify", "bcRsaVerify"))


def public_key_table(rows, out):
    out.append("| Operation | JDK µs/op | BC lightweight µs/op | faster | tunstack uses |")
    out.append("|---|---:|---:|---|---|")
    uses = {"X25519 key generation": "BC", "X25519 agreement": "BC", "ECDSA P-256 sign": "BC", "ECDSA P-256 verify": "BC",
            "RSA-PSS-2048 sign": "JDK", "RSA-PSS-2048 verify": "JDK"}
    for label, jdk, bc in PUBLIC_KEY_OPS:
        j, b = get(rows, "PublicKeyBenchmark." + jdk), get(rows, "PublicKeyBenchmark." + bc)
        if j and b:
            faster = f"JDK ({b[0] / j[0]:.2f}×)" if j[0] < b[0] else f"BC ({j[0] / b[0]:.2f}×)"
            out.append(f"| {label} | {num(j[0], 1)} | {num(b[0], 1)} | {faster} | {uses[label]} |")


KINDS = ("TLS13_ECDSA", "TLS13_RSA", "TLS12_ECDSA", "TLS12_RSA", "TLS13_ECDSA_RESUMED", "TLS13_RSA_RESUMED",
         "TLS12_ECDSA_RESUMED", "TLS12_RSA_RESUMED")


def handshake_table(rows, out):
    out.append("| Handshake | ours (client + server) /s | SunJSSE pair /s | BCJSSE pair /s | ours/SunJSSE | ours/BCJSSE | ours B/op |")
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    for kind in KINDS:
        r = [get(rows, "HandshakeBenchmark.handshake", client=c, kind=kind) for c in ("TUNSTACK", "JDK", "BCJSSE")]
        if r[0]:
            t = [x[0] if x else None for x in r]
            out.append(f"| {kind} | {num(t[0])} | {num(t[1])} | {num(t[2])} | {ratio(t[0], t[1])} | {ratio(t[0], t[2])} | {num(r[0][3])} |")


def targets(rows, out):
    out.append("| Target | Result |")
    out.append("|---|---|")
    for suite in ("AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"):
        for op in ("seal", "roundTrip"):
            r = [record_row(rows, impl, op, suite, "16384") for impl in RECORD_IMPLS]
            if r[0] and r[1]:
                out.append(f"| record {op} {suite} 16 KiB ≥ 0.9× raw Cipher | {check(r[1][0] / r[0][0], 0.9, True)} |")
            if r[0] and r[2]:
                out.append(f"| record {op} {suite} 16 KiB ≥ 1.5× SSLEngine | {check(r[2][0] / r[0][0], 1.5, True)} |")
    for kind in ("TLS13_ECDSA", "TLS13_RSA"):
        r = [get(rows, "HandshakeBenchmark.handshake", client=c, kind=kind) for c in ("TUNSTACK", "JDK", "BCJSSE")]
        if r[0] and r[1]:
            out.append(f"| {kind} handshakes/s ≥ 1.5× SSLEngine | {check(r[0][0] / r[1][0], 1.5, True)} |")
        if r[0] and r[2]:
            out.append(f"| {kind} handshakes/s ≥ 3× BCJSSE | {check(r[0][0] / r[2][0], 3.0, True)} |")
    base = get(rows, "SegmentBaselineBenchmark.checksum")
    for n in ("1", "10000"):
        r = get(rows, "ReceivePathBenchmark.inOrderSegment", connections=n)
        if r and base:
            out.append(f"| (a) receive, {n} conn., ≤ 1.5× checksum | {check(r[0] / base[0], 1.5, False)} |")
            out.append(f"| (a) receive, {n} conn., ~0 B/op | {'**met**' if (r[3] or 0) < 1 else '**missed**'} ({num(r[3], 1)} B/op) |")


def main(paths):
    out = ["# tunstack benchmark results", "",
           "Generated by `benchmarks/render.py` from " + ", ".join(os.path.basename(p) for p in paths) + ". "
           "Ratios compare results of the same run; for throughput ratios above 1× ours is faster.", ""]
    for path in paths:
        rows = load(path)
        jdk = os.path.splitext(os.path.basename(path))[0].upper()
        for title, table in (("Segment processing", segment_table), ("TLS 1.3 record protection", record_table),
                             ("ChaCha20-Poly1305: JDK vs Bouncy Castle lightweight", chacha_table),
                             ("Public-key operations: JDK vs Bouncy Castle lightweight", public_key_table),
                             ("Full handshakes", handshake_table), ("Targets", targets)):
            out += [f"## {jdk}: {title}", ""]
            table(rows, out)
            out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: render.py RESULT.json...")
    main(sys.argv[1:])
