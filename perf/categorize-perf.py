#!/usr/bin/env python3
# perf script output (with -g) on stdin -> share of samples by component, leaf-first attribution.
import sys, re, collections
cats = [
  ("crypto (AES-GCM, SHA-256, ECDSA; OpenSSL)", re.compile(r"Aes256Gcm|AesGcm|Sha256|SHA256|libcrypto|EVP_|ERR_|CRYPTO_|aesni|gcm_|sha256|ECDsa|ECDiffieHellman|Secp256k1|Keccak")),
  ("journal (append, group commit, fsync)", re.compile(r"SealedJournal|JournalHandler|ActiveSegment|RecordCipher|fsync|fdatasync|ext4_sync|jbd2|FileDataFolder|SafeFileHandle|RandomAccess")),
  ("matching engine", re.compile(r"\[DarkPool\.Engine\]|DarkPool\.Engine\.")),
  ("enclave core (sessions, decode/encode, routing)", re.compile(r"DarkPool\.Enclave\.|DarkPool\.Protocol|MessagePack")),
  ("pipeline ring (publish, wait strategies)", re.compile(r"DarkPool\.Disruptor|EnclavePipeline")),
  ("host event logs", re.compile(r"DarkPool\.Host\.")),
  ("gateway services", re.compile(r"DarkPool\.Gateway\.")),
  ("load generator (client side sealing, planning)", re.compile(r"DarkPool\.LoadGen|Program\+|ClientSession|HdrHistogram")),
  ("gRPC client + HTTP/2 client", re.compile(r"Grpc\.Net\.Client|System\.Net\.Http")),
  ("gRPC server + Kestrel HTTP/2", re.compile(r"Grpc\.AspNetCore|Kestrel|Microsoft\.AspNetCore|System\.IO\.Pipelines")),
  ("protobuf", re.compile(r"Google\.Protobuf")),
  ("sockets and kernel networking", re.compile(r"System\.Net\.Sockets|tcp_|__sys_sendto|__sys_recvfrom|sock_|ip_|__netif|net_rx|skb|loopback|epoll")),
  ("thread pool, tasks, scheduling, waits", re.compile(r"ThreadPool|LowLevelLifoSemaphore|sched_yield|futex|__schedule|finish_task_switch|schedule|Monitor|System\.Threading\.|Task|AsyncTaskMethodBuilder|AsyncStateMachine")),
  ("GC and runtime", re.compile(r"libcoreclr|gc_heap|WKS::|SVR::|JIT_|clear_page|page_fault|memcg")),
]
counts = collections.Counter(); total = 0
frames = []
def flush():
    global total
    if not frames: return
    total += 1
    for f in frames:
        for name, rx in cats:
            if rx.search(f):
                counts[name] += 1; return
    counts["other (libc, kernel, unresolved)"] += 1
for line in sys.stdin:
    if not line.strip():
        flush(); frames = []; continue
    if line[0] in " \t":
        frames.append(line.strip())
    else:
        flush(); frames = []
flush()
print(f"{total} samples")
for name, n in counts.most_common():
    print(f"| {name} | {100*n/total:.1f}% |")
