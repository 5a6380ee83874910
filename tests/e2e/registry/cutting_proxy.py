#!/usr/bin/env python3
"""A TCP-level HTTP proxy in front of a registry that drops the connection in
the middle of blob downloads: the first CUTS answers to GET .../blobs/sha256:...
whose body exceeds 64 KiB are cut after half their bytes (CUTS=-1: all of
them). Everything else passes through. One request per connection
(Connection: close is forced), which keeps the proxy a few lines. With LOG,
each request line is appended to that file (the layer cache test counts
blob GETs with CUTS=0).

    cutting_proxy.py LISTEN-PORT REGISTRY-PORT CUTS [LOG]
"""
import socket, sys, threading

listen, upstream, cuts = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
log = sys.argv[4] if len(sys.argv) > 4 else None
lock = threading.Lock()


def take_cut():
    global cuts
    with lock:
        if cuts == 0:
            return False
        if cuts > 0:
            cuts -= 1
        return True


def handle(client):
    with client:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = client.recv(65536)
            if not chunk:
                return
            request += chunk
            if not request[:1].isalpha():
                return  # a TLS ClientHello: this is a plain-http proxy
        head, _, rest = request.partition(b"\r\n\r\n")
        lines = [l for l in head.split(b"\r\n") if not l.lower().startswith(b"connection:")]
        is_blob = lines[0].startswith(b"GET ") and b"/blobs/sha256:" in lines[0]
        if log:
            with lock, open(log, "ab") as f:
                f.write(lines[0] + b"\n")
        lines.append(b"Connection: close")
        with socket.create_connection(("127.0.0.1", upstream)) as up:
            up.sendall(b"\r\n".join(lines) + b"\r\n\r\n" + rest)
            answer = b""
            while True:
                chunk = up.recv(65536)
                if not chunk:
                    break
                answer += chunk
        h, _, body = answer.partition(b"\r\n\r\n")
        if is_blob and len(body) > 65536 and take_cut():
            client.sendall(h + b"\r\n\r\n" + body[: len(body) // 2])
            client.shutdown(socket.SHUT_RDWR)
            return
        client.sendall(answer)


server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", listen))
server.listen(64)
while True:
    conn, _ = server.accept()
    threading.Thread(target=handle, args=(conn,), daemon=True).start()
