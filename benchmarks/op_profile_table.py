"""Top-level op time per pass of two Chrome traces (ours from libtorch through DJL, the peer's from torch.autograd.profiler).

An op is top-level when no other op of the same thread encloses it; its time includes the ops it calls.
Usage: op_profile_table.py OURS.json PEER.json PASSES [TOP]
"""
import collections
import json
import sys


def top_level(path):
    data = json.load(open(path))
    events = data if isinstance(data, list) else data["traceEvents"]
    by_thread = collections.defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and "dur" in e:
            by_thread[e.get("tid")].append((float(e["ts"]), float(e["dur"]), e["name"]))
    time, calls = collections.Counter(), collections.Counter()
    for spans in by_thread.values():
        spans.sort(key=lambda s: (s[0], -s[1]))
        open_until = float("-inf")
        for start, dur, name in spans:
            if start >= open_until - 1e-6:
                time[name] += dur
                calls[name] += 1
                open_until = start + dur
    return time, calls


def main():
    ours, peer, passes = top_level(sys.argv[1]), top_level(sys.argv[2]), int(sys.argv[3])
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 25
    ms = lambda us: us / passes / 1000
    print(f"ops' time per pass: ours {ms(sum(ours[0].values())):.2f} ms, PyTorch {ms(sum(peer[0].values())):.2f} ms")
    print("| top-level op | ours ms per pass (calls) | PyTorch ms per pass (calls) |")
    print("|---|---|---|")
    names = sorted(set(ours[0]) | set(peer[0]), key=lambda n: -max(ours[0].get(n, 0), peer[0].get(n, 0)))
    for n in names[:top]:
        print(f"| {n} | {ms(ours[0].get(n, 0)):.3f} ({ours[1].get(n, 0) / passes:.0f}) "
              f"| {ms(peer[0].get(n, 0)):.3f} ({peer[1].get(n, 0) / passes:.0f}) |")


if __name__ == "__main__":
    main()
