/// A minimal HTTP CONNECT proxy with basic authentication, run by `python3`, standing in for
/// a corporate proxy between the source's tunnel end and the destination. It appends every
/// request line it accepted to the file given as its third argument.
enum TestConnectProxy {
    static let script = #"""
import base64, socket, sys, threading
port, expected, record = int(sys.argv[1]), sys.argv[2], sys.argv[3]
def pipe(a, b):
    try:
        while True:
            data = a.recv(65536)
            if not data: break
            b.sendall(data)
    except OSError: pass
    finally:
        for s in (a, b):
            try: s.shutdown(socket.SHUT_RDWR)
            except OSError: pass
def handle(client):
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = client.recv(4096)
        if not chunk: client.close(); return
        head += chunk
    lines = head.split(b"\r\n\r\n")[0].decode().split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    auth = [l.split(":", 1)[1].split() for l in lines[1:] if l.lower().startswith("proxy-authorization:")]
    valid = len(auth) == 1 and len(auth[0]) == 2 and auth[0][0].lower() == "basic" and base64.b64decode(auth[0][1]).decode() == expected
    if method != "CONNECT" or not valid:
        print("rejected:", lines, file=sys.stderr, flush=True)
        client.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n")
        client.close(); return
    host, target_port = target.rsplit(":", 1)
    upstream = socket.create_connection((host, int(target_port)))
    with open(record, "a") as f: f.write(lines[0] + "\n")
    client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
    threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
    pipe(upstream, client)
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port)); server.listen(16)
while True:
    connection, _ = server.accept()
    threading.Thread(target=handle, args=(connection,), daemon=True).start()
"""#
}
