/**
 * JMH benchmarks of tunstack's hot paths (TCP segment processing, TLS record protection) and of full TLS
 * handshakes, each next to its baseline: the Internet checksum and a plain copy for segments, the raw JCA
 * {@code Cipher}, the JDK's {@code SSLEngine} and Bouncy Castle's BCJSSE for TLS. {@code benchmarks/run.sh}
 * runs the suite; docs/BENCHMARKS.md explains each benchmark and records results.
 */
package io.tunstack.bench;
