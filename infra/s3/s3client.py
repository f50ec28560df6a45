#!/usr/bin/env python3
"""Minimal S3 client (Python stdlib only, AWS SigV4, path-style) for infra/s3.sh.

Used by `infra/s3.sh` to probe readiness and create buckets, and by
check-conditional-writes.py. No boto3/awscli needed, so it works on a fresh
machine with nothing but python3.

Environment (all optional):
  ABEP_S3_ENDPOINT           default http://127.0.0.1:${ABEP_S3_PORT:-19000}
  ABEP_S3_ACCESS_KEY_ID      default abeplocal
  ABEP_S3_SECRET_ACCESS_KEY  default abeplocalsecret
  ABEP_S3_REGION             default us-east-1

CLI:
  s3client.py ping                  exit 0 if the endpoint answers a signed ListBuckets with 200
  s3client.py ensure-bucket NAME..  create each bucket unless it already exists
  s3client.py public-read BUCKET KEY_PREFIX
                                    anonymous GET of KEY_PREFIX* only (bucket policy) and CORS GET/HEAD from
                                    any origin; idempotent (both are replaced whole); prints what was set
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import http.client
import os
import sys
import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

DEFAULT_ACCESS_KEY = "abeplocal"
DEFAULT_SECRET_KEY = "abeplocalsecret"


def _quote(s: str, safe: str = "") -> str:
    # RFC 3986 unreserved characters stay as they are; everything else is %XX (uppercase).
    return urllib.parse.quote(s, safe="-_.~" + safe)


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-cased names
    body: bytes

    def header(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name.lower(), default)

    @property
    def error_code(self) -> str | None:
        """S3 <Error><Code> from an XML error body, if any."""
        if not self.body:
            return None
        try:
            root = ET.fromstring(self.body)
        except ET.ParseError:
            return None
        el = root.find("{*}Code")
        if el is None:
            el = root.find("Code")
        return el.text if el is not None else None

    def xml(self) -> ET.Element:
        return ET.fromstring(self.body)


@dataclass
class S3:
    endpoint: str = field(
        default_factory=lambda: (
            os.environ.get("ABEP_S3_ENDPOINT") or f"http://127.0.0.1:{os.environ.get('ABEP_S3_PORT', '19000')}"
        )
    )
    access_key: str = field(default_factory=lambda: os.environ.get("ABEP_S3_ACCESS_KEY_ID", DEFAULT_ACCESS_KEY))
    secret_key: str = field(default_factory=lambda: os.environ.get("ABEP_S3_SECRET_ACCESS_KEY", DEFAULT_SECRET_KEY))
    region: str = field(default_factory=lambda: os.environ.get("ABEP_S3_REGION", "us-east-1"))
    timeout: float = 30.0

    def __post_init__(self) -> None:
        u = urllib.parse.urlsplit(self.endpoint)
        if u.scheme != "http":
            raise ValueError(f"only http:// endpoints are supported, got {self.endpoint!r}")
        self._host = u.hostname or "127.0.0.1"
        self._port = u.port or 80
        self._hosthdr = u.netloc

    # -- signing -----------------------------------------------------------
    def _sign(self, method: str, path: str, query: list[tuple[str, str]], headers: dict[str, str], body: bytes) -> None:
        now = _dt.datetime.now(_dt.UTC)
        amz_date = now.strftime("%Y%m%dT%H%M%SZ")
        date = now.strftime("%Y%m%d")
        payload_hash = hashlib.sha256(body).hexdigest()
        headers["host"] = self._hosthdr
        headers["x-amz-date"] = amz_date
        headers["x-amz-content-sha256"] = payload_hash
        canon_headers = {k.lower(): " ".join(str(v).strip().split()) for k, v in headers.items()}
        signed = ";".join(sorted(canon_headers))
        canon_query = "&".join(f"{_quote(k)}={_quote(v)}" for k, v in sorted(query))
        creq = "\n".join(
            [
                method,
                _quote(path, safe="/"),
                canon_query,
                "".join(f"{k}:{canon_headers[k]}\n" for k in sorted(canon_headers)),
                signed,
                payload_hash,
            ]
        )
        scope = f"{date}/{self.region}/s3/aws4_request"
        sts = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(creq.encode()).hexdigest()])

        def h(key: bytes, msg: str) -> bytes:
            return hmac.new(key, msg.encode(), hashlib.sha256).digest()

        k = h(("AWS4" + self.secret_key).encode(), date)
        k = h(k, self.region)
        k = h(k, "s3")
        k = h(k, "aws4_request")
        sig = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
        headers["authorization"] = (
            f"AWS4-HMAC-SHA256 Credential={self.access_key}/{scope}, SignedHeaders={signed}, Signature={sig}"
        )

    # -- transport ---------------------------------------------------------
    def request(
        self,
        method: str,
        bucket: str = "",
        key: str = "",
        *,
        query: dict[str, str] | list[tuple[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        body: bytes = b"",
    ) -> Response:
        """One signed path-style request: http://host:port/<bucket>/<key>?<query>."""
        path = "/"
        if bucket:
            path += bucket
            if key:
                path += "/" + key
        q = list(query.items()) if isinstance(query, dict) else list(query or [])
        hdrs = {k.lower(): v for k, v in (headers or {}).items()}
        self._sign(method, path, q, hdrs, body)
        url = _quote(path, safe="/")
        if q:
            url += "?" + "&".join(f"{_quote(k)}={_quote(v)}" for k, v in q)
        conn = http.client.HTTPConnection(self._host, self._port, timeout=self.timeout)
        try:
            conn.putrequest(method, url, skip_host=True, skip_accept_encoding=True)
            for k, v in hdrs.items():
                conn.putheader(k, v)
            if body or method in ("PUT", "POST"):
                conn.putheader("content-length", str(len(body)))
            conn.endheaders(body if body else None)
            r = conn.getresponse()
            data = r.read()
            return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, data)
        finally:
            conn.close()

    # -- conveniences --------------------------------------------------------
    def list_buckets(self) -> Response:
        return self.request("GET")

    def ensure_bucket(self, name: str) -> str:
        """Create the bucket unless it exists. Returns 'created' or 'exists'; raises on anything else."""
        head = self.request("HEAD", name)
        if head.status == 200:
            return "exists"
        r = self.request("PUT", name)
        if r.status == 200:
            return "created"
        if r.status == 409 and r.error_code in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
            return "exists"
        raise RuntimeError(f"create bucket {name}: HTTP {r.status} {r.error_code} {r.body[:300]!r}")


def public_read_policy(bucket: str, key_prefix: str) -> str:
    import json

    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicReadOfTheRegister",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": ["s3:GetObject"],
                    "Resource": [f"arn:aws:s3:::{bucket}/{key_prefix}*"],
                }
            ],
        }
    )


CORS_RULES = (
    '<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><CORSRule>'
    "<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>"
    "<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><ExposeHeader>Content-Length</ExposeHeader>"
    "<MaxAgeSeconds>3600</MaxAgeSeconds></CORSRule></CORSConfiguration>"
)


def set_public_read(s3: S3, bucket: str, key_prefix: str) -> None:
    import base64

    policy = public_read_policy(bucket, key_prefix).encode()
    r = s3.request("PUT", bucket, query=[("policy", "")], headers={"content-type": "application/json"}, body=policy)
    if r.status not in (200, 204):
        raise RuntimeError(f"put bucket policy {bucket}: HTTP {r.status} {r.error_code} {r.body[:300]!r}")
    cors = CORS_RULES.encode()
    md5 = base64.b64encode(hashlib.md5(cors).digest()).decode()
    r = s3.request(
        "PUT", bucket, query=[("cors", "")], headers={"content-type": "application/xml", "content-md5": md5}, body=cors
    )
    if r.status not in (200, 204):
        raise RuntimeError(f"put bucket cors {bucket}: HTTP {r.status} {r.error_code} {r.body[:300]!r}")


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    s3 = S3(timeout=5.0)
    cmd, args = argv[0], argv[1:]
    if cmd == "ping":
        try:
            r = s3.list_buckets()
        except OSError as e:
            print(f"s3client: ping {s3.endpoint}: {e}", file=sys.stderr)
            return 1
        if r.status == 200:
            return 0
        print(f"s3client: ping {s3.endpoint}: HTTP {r.status} {r.error_code}", file=sys.stderr)
        return 1
    if cmd == "ensure-bucket":
        for name in args:
            try:
                print(f"s3: bucket {name}: {s3.ensure_bucket(name)}")
            except (OSError, RuntimeError) as e:
                print(f"s3client: {e}", file=sys.stderr)
                return 1
        return 0
    if cmd == "public-read" and len(args) == 2:
        try:
            set_public_read(s3, args[0], args[1])
        except (OSError, RuntimeError) as e:
            print(f"s3client: {e}", file=sys.stderr)
            return 1
        print(f"s3: bucket {args[0]}: anonymous GET of {args[1]}* and CORS GET/HEAD from any origin")
        return 0
    print(f"s3client: unknown command {cmd!r}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
