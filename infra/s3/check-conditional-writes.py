#!/usr/bin/env python3
"""Checks that the local S3 server really enforces conditional writes (and a few other things
the object store relies on). Python stdlib only. Run through `infra/s3.sh check`.

MUST (exit 1 if any fails):
  - PutObject If-None-Match: *  -> 200 on a new key, 412 on an existing key (body unchanged)
  - N concurrent create-only puts of one key -> exactly one 2xx, the rest 412 (or 409
    ConditionalRequestConflict), and the stored body is the winner's
  - PutObject If-Match: <etag>  -> 200 with the current etag, 412 with a stale or bogus one
  - If-Match on a missing key   -> not 2xx (and nothing created)
  - N concurrent compare-and-swap puts with the same etag -> exactly one 2xx
  - ListObjectsV2 prefix + delimiter + continuation token, Range GET (206), path-style addressing
INFO (reported, never fails the run):
  - exact status/code for If-Match on a missing key
  - CompleteMultipartUpload with If-None-Match: * / If-Match
  - ETag formats

Prints `s3-check: N passed, N failed` as its last line.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from s3client import S3, Response

BUCKET = os.environ.get("ABEP_S3_CHECK_BUCKET", "abep-test")
CONCURRENCY = int(os.environ.get("ABEP_S3_CHECK_CONCURRENCY", "8"))
ROUNDS = int(os.environ.get("ABEP_S3_CHECK_ROUNDS", "5"))

s3 = S3()
prefix = f"check-conditional-writes/{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}/"
passed = 0
failed = 0
created_keys: set[str] = set()
info_lines: list[str] = []


def desc(r: Response) -> str:
    code = r.error_code
    return f"{r.status}{' ' + code if code else ''}"


def must(ok: bool, what: str, detail: str = "") -> bool:
    global passed, failed
    if ok:
        passed += 1
        print(f"  ok    {what}{'  [' + detail + ']' if detail else ''}")
    else:
        failed += 1
        print(f"  FAIL  {what}{'  [' + detail + ']' if detail else ''}")
    return ok


def info(what: str) -> None:
    info_lines.append(what)
    print(f"  info  {what}")


def put(key: str, body: bytes, **hdrs: str) -> Response:
    created_keys.add(key)
    return s3.request("PUT", BUCKET, key, headers=hdrs, body=body)


def get(key: str, **hdrs: str) -> Response:
    return s3.request("GET", BUCKET, key, headers=hdrs)


def race(n: int, fn) -> list[Response | Exception]:
    """Run fn(i) in n threads released together by a barrier."""
    barrier = threading.Barrier(n)
    results: list[Response | Exception] = [RuntimeError("not run")] * n

    def worker(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = fn(i)
        except Exception as e:  # noqa: BLE001 - report whatever happened
            results[i] = e

    ts = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(timeout=120)
    return results


def summarize(results: list[Response | Exception]) -> str:
    counts: dict[str, int] = {}
    for r in results:
        k = desc(r) if isinstance(r, Response) else f"exc:{type(r).__name__}"
        counts[k] = counts.get(k, 0) + 1
    return ", ".join(f"{k} x{v}" for k, v in sorted(counts.items()))


def is_loser(r: Response | Exception) -> bool:
    return isinstance(r, Response) and (
        r.status == 412 or (r.status == 409 and r.error_code == "ConditionalRequestConflict")
    )


def complete_xml(parts: list[tuple[int, str]]) -> bytes:
    inner = "".join(f"<Part><PartNumber>{n}</PartNumber><ETag>{e}</ETag></Part>" for n, e in parts)
    return f"<CompleteMultipartUpload>{inner}</CompleteMultipartUpload>".encode()


def multipart(key: str, body: bytes, **complete_hdrs: str) -> tuple[Response, str]:
    """Create + one part + complete (with the given headers). Returns (complete response, upload id)."""
    created_keys.add(key)
    r = s3.request("POST", BUCKET, key, query={"uploads": ""})
    if r.status != 200:
        raise RuntimeError(f"CreateMultipartUpload: {desc(r)}")
    upload_id = r.xml().find("{*}UploadId").text  # type: ignore[union-attr]
    p = s3.request("PUT", BUCKET, key, query={"partNumber": "1", "uploadId": upload_id}, body=body)
    if p.status != 200:
        raise RuntimeError(f"UploadPart: {desc(p)}")
    c = s3.request(
        "POST",
        BUCKET,
        key,
        query={"uploadId": upload_id},
        headers={"content-type": "application/xml", **complete_hdrs},
        body=complete_xml([(1, p.header("etag") or "")]),
    )
    # A 200 CompleteMultipartUpload can still carry an <Error> body; treat that as the error.
    if c.status == 200 and c.error_code:
        c = Response(500, c.headers, c.body)
    return c, upload_id


def abort(key: str, upload_id: str) -> None:
    s3.request("DELETE", BUCKET, key, query={"uploadId": upload_id})


def main() -> int:
    print(f"s3-check: endpoint {s3.endpoint}, bucket {BUCKET}, prefix {prefix}")
    try:
        lb = s3.list_buckets()
    except OSError as e:
        print(f"s3-check: cannot reach {s3.endpoint}: {e}", file=sys.stderr)
        print("s3-check: 0 passed, 1 failed")
        return 1
    if lb.status != 200:
        print(f"s3-check: ListBuckets answered {desc(lb)} (credentials?)", file=sys.stderr)
        print("s3-check: 0 passed, 1 failed")
        return 1
    s3.ensure_bucket(BUCKET)
    server = lb.header("server", "?")
    info(f"server header: {server}")

    # -- create-only ---------------------------------------------------------------
    print("create-only (If-None-Match: *)")
    k = prefix + "create-only"
    r1 = put(k, b"first", **{"If-None-Match": "*"})
    must(r1.status == 200, "If-None-Match:* on a new key -> 200", desc(r1))
    etag1 = r1.header("etag") or ""
    r2 = put(k, b"second", **{"If-None-Match": "*"})
    must(r2.status == 412, "If-None-Match:* on an existing key -> 412", desc(r2))
    g = get(k)
    must(
        g.status == 200 and g.body == b"first",
        "existing body untouched after the refused put",
        f"{g.status} {g.body[:20]!r}",
    )
    md5 = hashlib.md5(b"first").hexdigest()
    fmt = "quoted md5 hex" if etag1 == '"' + md5 + '"' else "NOT quoted md5 hex"
    info(f"PutObject ETag {etag1} (md5 of body is {md5}; {fmt})")
    h = s3.request("HEAD", BUCKET, k)
    must(
        h.status == 200 and h.header("etag") == etag1,
        "HEAD returns the same ETag as the PUT",
        f"{h.status} {h.header('etag')}",
    )
    d = s3.request("DELETE", BUCKET, k)
    r3 = put(k, b"third", **{"If-None-Match": "*"})
    must(
        d.status == 204 and r3.status == 200,
        "after DELETE, If-None-Match:* creates again -> 200",
        f"delete {desc(d)}, put {desc(r3)}",
    )

    # -- concurrent create-only ------------------------------------------------------
    print(f"concurrent create-only ({ROUNDS} rounds x {CONCURRENCY} writers)")
    for rnd in range(ROUNDS):
        key = f"{prefix}race-create-{rnd}"
        bodies = [f"writer-{i}-{uuid.uuid4().hex}".encode() * 64 for i in range(CONCURRENCY)]
        res = race(CONCURRENCY, lambda i, key=key, bodies=bodies: put(key, bodies[i], **{"If-None-Match": "*"}))
        winners = [i for i, r in enumerate(res) if isinstance(r, Response) and 200 <= r.status < 300]
        losers = [r for r in res if is_loser(r)]
        ok = len(winners) == 1 and len(losers) == CONCURRENCY - 1
        if ok:
            g = get(key)
            ok = g.status == 200 and g.body == bodies[winners[0]]
            detail = summarize(res) + ("" if ok else f"; stored body is not the winner's ({g.status})")
        else:
            detail = summarize(res)
        must(ok, f"round {rnd}: exactly one create-only put wins, stored body is the winner's", detail)

    # -- compare-and-swap -----------------------------------------------------------
    print("compare-and-swap (If-Match: <etag>)")
    k = prefix + "cas"
    r = put(k, b"v1")
    e1 = r.header("etag") or ""
    r = put(k, b"v2", **{"If-Match": e1})
    e2 = r.header("etag") or ""
    must(r.status == 200 and e2 != e1, "If-Match with the current etag -> 200 (new etag)", f"{desc(r)} {e1} -> {e2}")
    r = put(k, b"v3", **{"If-Match": e1})
    must(r.status == 412, "If-Match with a stale etag -> 412", desc(r))
    r = put(k, b"v3", **{"If-Match": '"00000000000000000000000000000000"'})
    must(r.status == 412, "If-Match with a bogus etag -> 412", desc(r))
    g = get(k)
    must(g.status == 200 and g.body == b"v2", "body untouched after refused CAS puts", f"{g.status} {g.body!r}")
    r = put(k, b"v3", **{"If-Match": e2.strip('"')})
    info(f"If-Match with the current etag WITHOUT quotes -> {desc(r)}")
    if r.status == 200:
        e2 = r.header("etag") or e2

    missing = prefix + "cas-missing"
    r = put(missing, b"x", **{"If-Match": e2})
    h = s3.request("HEAD", BUCKET, missing)
    must(
        not (200 <= r.status < 300) and h.status == 404,
        "If-Match on a missing key -> refused, nothing created",
        f"{desc(r)}; HEAD after: {h.status}",
    )
    info(f"If-Match on a missing key -> {desc(r)}")
    r = put(missing, b"x", **{"If-Match": "*"})
    h = s3.request("HEAD", BUCKET, missing)
    info(f"If-Match: * on a missing key -> {desc(r)} (HEAD after: {h.status})")

    print(f"concurrent compare-and-swap ({ROUNDS} rounds x {CONCURRENCY} writers)")
    cur = s3.request("HEAD", BUCKET, k).header("etag") or ""
    for rnd in range(ROUNDS):
        bodies = [f"cas-{rnd}-{i}-{uuid.uuid4().hex}".encode() * 64 for i in range(CONCURRENCY)]
        res = race(CONCURRENCY, lambda i, bodies=bodies, cur=cur: put(k, bodies[i], **{"If-Match": cur}))
        winners = [i for i, r in enumerate(res) if isinstance(r, Response) and 200 <= r.status < 300]
        losers = [r for r in res if is_loser(r)]
        ok = len(winners) == 1 and len(losers) == CONCURRENCY - 1
        detail = summarize(res)
        if ok:
            g = get(k)
            ok = g.status == 200 and g.body == bodies[winners[0]]
            cur = res[winners[0]].header("etag") or ""  # type: ignore[union-attr]
            if not ok:
                detail += f"; stored body is not the winner's ({g.status})"
        else:
            cur = s3.request("HEAD", BUCKET, k).header("etag") or ""
        must(ok, f"round {rnd}: exactly one CAS put wins, stored body is the winner's", detail)

    # -- multipart (informational) --------------------------------------------------
    print("multipart (informational)")
    try:
        mk = prefix + "mpu"
        c, uid = multipart(mk, b"m" * 1024, **{"If-None-Match": "*"})
        info(
            f"CompleteMultipartUpload If-None-Match:* on a new key -> {desc(c)}; ETag {c.header('etag') or (c.xml().find('{*}ETag').text if c.status == 200 else '-')}"
        )
        if c.status != 200:
            abort(mk, uid)
        c, uid = multipart(mk, b"n" * 1024, **{"If-None-Match": "*"})
        g = get(mk)
        info(
            f"CompleteMultipartUpload If-None-Match:* on an existing key -> {desc(c)}; body after: {'unchanged' if g.body[:1] == b'm' else 'REPLACED'}"
        )
        abort(mk, uid)
        cur_mpu = s3.request("HEAD", BUCKET, mk).header("etag") or ""
        c, uid = multipart(mk, b"o" * 1024, **{"If-Match": '"00000000000000000000000000000000"'})
        info(f"CompleteMultipartUpload If-Match:<wrong etag> -> {desc(c)}")
        abort(mk, uid)
        c, uid = multipart(mk, b"p" * 1024, **{"If-Match": cur_mpu})
        info(f"CompleteMultipartUpload If-Match:<current etag> -> {desc(c)}")
        if c.status != 200:
            abort(mk, uid)
        c, uid = multipart(prefix + "mpu-missing", b"q" * 1024, **{"If-Match": cur_mpu})
        info(f"CompleteMultipartUpload If-Match on a missing key -> {desc(c)}")
        if c.status != 200:
            abort(prefix + "mpu-missing", uid)
    except Exception as e:  # noqa: BLE001
        info(f"multipart checks errored: {type(e).__name__}: {e}")

    # -- listing, range, addressing -------------------------------------------------
    print("ListObjectsV2 / Range GET / path-style")
    lp = prefix + "list/"
    want_keys = [lp + n for n in ("a1", "a2", "a3", "b/x", "b/y", "c/z")]
    for kk in want_keys:
        put(kk, b"0123456789")
    seen_keys: list[str] = []
    seen_prefixes: list[str] = []
    token = None
    pages = 0
    while True:
        q = {"list-type": "2", "prefix": lp, "delimiter": "/", "max-keys": "2"}
        if token:
            q["continuation-token"] = token
        r = s3.request("GET", BUCKET, query=q)
        if r.status != 200:
            break
        pages += 1
        root = r.xml()
        seen_keys += [c.find("{*}Key").text for c in root.findall("{*}Contents")]  # type: ignore[union-attr]
        seen_prefixes += [c.find("{*}Prefix").text for c in root.findall("{*}CommonPrefixes")]  # type: ignore[union-attr]
        trunc = (root.findtext("{*}IsTruncated") or "false") == "true"
        token = root.findtext("{*}NextContinuationToken")
        if not trunc or not token or pages > 10:
            break
    must(
        r.status == 200
        and seen_keys == [lp + "a1", lp + "a2", lp + "a3"]
        and seen_prefixes == [lp + "b/", lp + "c/"]
        and pages >= 3,
        "ListObjectsV2 prefix+delimiter+continuation (max-keys=2)",
        f"{r.status}, {pages} pages, keys={[s[len(lp) :] for s in seen_keys]}, prefixes={[s[len(lp) :] for s in seen_prefixes]}",
    )
    g = get(lp + "a1", Range="bytes=2-5")
    must(
        g.status == 206 and g.body == b"2345" and (g.header("content-range") or "") == "bytes 2-5/10",
        "Range GET bytes=2-5 -> 206",
        f"{g.status} {g.body!r} {g.header('content-range')}",
    )
    g = get(lp + "a1", Range="bytes=-3")
    must(g.status == 206 and g.body == b"789", "Range GET bytes=-3 (suffix) -> 206", f"{g.status} {g.body!r}")
    must(True, "path-style addressing (every request above is http://host:port/bucket/key)")

    # -- cleanup --------------------------------------------------------------------
    for kk in sorted(created_keys, reverse=True):
        s3.request("DELETE", BUCKET, kk)
    r = s3.request("GET", BUCKET, query={"uploads": "", "prefix": prefix})
    if r.status == 200:
        for u in r.xml().findall("{*}Upload"):
            abort(u.findtext("{*}Key") or "", u.findtext("{*}UploadId") or "")

    print(f"s3-check: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    try:
        rc = main()
    except Exception:  # noqa: BLE001 - an unexpected answer is a failed check, with a closing line
        import traceback

        traceback.print_exc()
        print(f"s3-check: {passed} passed, {failed + 1} failed")
        rc = 1
    sys.exit(rc)
