"""Kernel-side TCP peers for tunstack's tests (run inside the test's namespace).

  tcp_peer.py echo-server ADDR PORT           echo every connection until EOF, then close
  tcp_peer.py client ADDR PORT NBYTES         send NBYTES random bytes, half-close, read to EOF;
                                              prints 'sent LEN SHA' and 'recv LEN SHA'
  tcp_peer.py reset-server ADDR PORT NBYTES   read NBYTES from the first connection, then reset it
  tcp_peer.py sink-server ADDR PORT           read until EOF or error; prints 'eof LEN' or 'reset LEN'
Servers print 'ready' once listening.
"""
import hashlib
import os
import socket
import struct
import sys
import threading


def listen(addr, port):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((addr, port))
    server.listen(512)
    print("ready", flush=True)
    return server


def echo(conn):
    with conn:
        while True:
            data = conn.recv(1 << 16)
            if not data:
                break
            conn.sendall(data)
        conn.shutdown(socket.SHUT_WR)


def echo_server(addr, port):
    server = listen(addr, port)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=echo, args=(conn,), daemon=True).start()


def client(addr, port, nbytes):
    conn = socket.create_connection((addr, port), timeout=300)
    sent = hashlib.sha256()

    def send():
        left = nbytes
        while left > 0:
            chunk = os.urandom(min(1 << 16, left))
            sent.update(chunk)
            conn.sendall(chunk)
            left -= len(chunk)
        conn.shutdown(socket.SHUT_WR)

    sender = threading.Thread(target=send)
    sender.start()
    received = hashlib.sha256()
    total = 0
    while True:
        data = conn.recv(1 << 16)
        if not data:
            break
        received.update(data)
        total += len(data)
    sender.join()
    conn.close()
    print("sent %d %s" % (nbytes, sent.hexdigest()))
    print("recv %d %s" % (total, received.hexdigest()), flush=True)


def reset_server(addr, port, nbytes):
    server = listen(addr, port)
    conn, _ = server.accept()
    got = 0
    while got < nbytes:
        data = conn.recv(min(1 << 16, nbytes - got))
        if not data:
            break
        got += len(data)
    # SO_LINGER with a zero timeout makes close() send RST (RFC 9293 §3.10.5 ABORT).
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()
    print("reset after %d" % got, flush=True)


def sink_server(addr, port):
    server = listen(addr, port)
    conn, _ = server.accept()
    total = 0
    try:
        while True:
            data = conn.recv(1 << 16)
            if not data:
                print("eof %d" % total, flush=True)
                return
            total += len(data)
    except ConnectionResetError:
        print("reset %d" % total, flush=True)


def main():
    mode, addr, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "echo-server":
        echo_server(addr, port)
    elif mode == "client":
        client(addr, port, int(sys.argv[4]))
    elif mode == "reset-server":
        reset_server(addr, port, int(sys.argv[4]))
    elif mode == "sink-server":
        sink_server(addr, port)
    else:
        sys.exit("unknown mode " + mode)


main()
