#!/usr/bin/env python3
"""A minimal token server for the distribution registry's Bearer flow
(distribution docs/spec/auth/token.md and jwt.md): GET /token?service=&scope=
returns {"token": JWT}. The JWT is RS256-signed by `openssl dgst` with the key
whose certificate the registry trusts (rootcertbundle), and names that
certificate in its x5c header. Users: alice:pw gets pull and push; anonymous
gets pull on repositories under public/ only; anything else is 401.

    token_server.py PORT KEY.pem CERT.pem ISSUER
"""
import base64, http.server, json, os, subprocess, sys, time, urllib.parse

port, key, cert, issuer = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
der = subprocess.run(["openssl", "x509", "-in", cert, "-outform", "DER"], check=True, capture_output=True).stdout
USERS = {"alice": "pw"}


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign(claims):
    header = {"typ": "JWT", "alg": "RS256", "x5c": [base64.b64encode(der).decode()]}
    signing_input = b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())
    sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=signing_input.encode(),
                         check=True, capture_output=True).stdout
    return signing_input + "." + b64(sig)


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        q = urllib.parse.parse_qs(url.query)
        user = None
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            name, _, password = base64.b64decode(auth[6:]).decode().partition(":")
            if USERS.get(name) != password:
                self.send_response(401)
                self.end_headers()
                return
            user = name
        access = []
        for scope in q.get("scope", []):
            kind, name, actions = scope.split(":")
            granted = [a for a in actions.split(",") if user or (a == "pull" and name.startswith("public/"))]
            if kind == "repository":
                access.append({"type": kind, "name": name, "actions": granted})
        if user is None and not all(a["actions"] for a in access):
            self.send_response(401)
            self.end_headers()
            return
        now = int(time.time())
        claims = {"iss": issuer, "sub": user or "", "aud": q.get("service", [""])[0], "exp": now + 300,
                  "nbf": now - 10, "iat": now, "jti": os.urandom(8).hex(), "access": access}
        body = json.dumps({"token": sign(claims), "expires_in": 300}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
