#!/usr/bin/env python3
"""Two warm forward benchmarks taking turns: ours (`./m3vit bench model --turns`) and the PyTorch eager peer
(`torch_train_step.py --forward --turns`), or two variants of one of them, on the same model, task, input size and
thread count. Both processes are started and warmed up one after the other, then stay alive; each round runs
--passes timed passes in one and then in the other (the order alternates between rounds), so a slow spell of the
machine falls on both sides instead of on whichever process happened to run then. While one side runs, the other
waits on a pipe read and uses no CPU.

Prints per side the median of all timed passes (min, max), the median of the per-round ratios A / B with their
min and max, and the median ratio of each pair of processes (--pairs: fresh processes, one pair after the other). Usage (Debian's /usr/bin/python3 with python3-torch for the peer):

  /usr/bin/python3 benchmarks/forward_turns.py [--model DIR] [--task T] [--threads N] [--rounds R] [--passes P]
      [--pairs K] [--a ours|peer] [--b ours|peer] [--env-a 'K=V ...'] [--env-b 'K=V ...'] [--json OUT]
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", default=os.path.join(ROOT, "model", "bundled", "m3vit-synth"), help="model directory (config.json + model.safetensors)")
    p.add_argument("--task", help="task name (default: the model's first)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--rounds", type=int, default=30)
    p.add_argument("--passes", type=int, default=20, help="timed passes per side and round")
    p.add_argument("--pairs", type=int, default=1, help="pairs of fresh processes, one after the other (a process's speed"
                   " differs from the next one's by a few per cent on both sides; more pairs average that out)")
    p.add_argument("--a", default="ours", choices=["ours", "peer"])
    p.add_argument("--b", default="peer", choices=["ours", "peer"])
    p.add_argument("--env-a", default="", help="extra environment of side A, e.g. 'LD_PRELOAD=...'")
    p.add_argument("--env-b", default="", help="extra environment of side B")
    p.add_argument("--json", help="also write the figures and every pass's time here")
    a = p.parse_args()
    for f in ("config.json", "model.safetensors"):
        if not os.path.isfile(os.path.join(a.model, f)):
            p.error(f"{a.model}: needs {f}")
    if a.rounds < 1 or a.passes < 1 or a.pairs < 1:
        p.error("--rounds, --passes and --pairs must be >= 1")
    with open(os.path.join(a.model, "config.json")) as f:
        tasks = [t["name"] for t in json.load(f)["tasks"]]
    if not a.task:
        a.task = tasks[0]
    if a.task not in tasks:
        p.error(f"--task '{a.task}': {os.path.join(a.model, 'config.json')} has tasks {', '.join(tasks)}")
    return a


def command(kind, a, go, done):
    if kind == "ours":
        return [os.path.join(ROOT, "m3vit"), "bench", "model", "--model", a.model, "--task", a.task,
                "--threads", str(a.threads), "--turns", f"{go},{done}"]
    return ["/usr/bin/python3", os.path.join(ROOT, "benchmarks", "torch_train_step.py"), "--forward",
            "--model-config", os.path.join(a.model, "config.json"), "--weights", os.path.join(a.model, "model.safetensors"),
            "--task", a.task, "--threads", str(a.threads), "--turns", f"{go},{done}"]


class Side:
    """One benchmark process and its two pipes."""

    def __init__(self, name, kind, extra_env, a, work):
        self.name, self.kind = name, kind
        go, done = os.path.join(work, name + ".go"), os.path.join(work, name + ".done")
        os.mkfifo(go)
        os.mkfifo(done)
        env = dict(os.environ)
        for kv in shlex.split(extra_env):
            k, _, v = kv.partition("=")
            env[k] = v
        self.proc = subprocess.Popen(command(kind, a, go, done), env=env, stdout=subprocess.DEVNULL)
        self.done = os.fdopen(self.wait_for_ready(done), "r")
        self.go = os.fdopen(self.open_writer(go), "w", buffering=1)
        self.ms = []
        self.round_medians = []

    def failed(self, what):
        return SystemExit(f"forward_turns: side {self.name} ({self.kind}) {what} (exit code {self.proc.poll()}; "
                          f"its own message is above)")

    def wait_for_ready(self, done):
        """Reads DONE until the side's 'ready' (after its warm-up), without hanging if the process dies first."""
        fd = os.open(done, os.O_RDONLY | os.O_NONBLOCK)
        seen = b""
        while b"\n" not in seen:
            try:
                chunk = os.read(fd, 64)
            except BlockingIOError:
                chunk = None
            if chunk:
                seen += chunk
                continue
            if self.proc.poll() is not None:
                raise self.failed("stopped before it was ready")
            time.sleep(0.2)
        if seen.split(b"\n")[0].strip() != b"ready":
            raise self.failed(f"answered {seen[:60]!r} instead of 'ready'")
        os.set_blocking(fd, True)
        return fd

    def open_writer(self, go):
        """Opens GO for writing once the side reads it, without hanging if the process dies first."""
        while True:
            try:
                fd = os.open(go, os.O_WRONLY | os.O_NONBLOCK)
                os.set_blocking(fd, True)
                return fd
            except OSError:
                if self.proc.poll() is not None:
                    raise self.failed("stopped after its warm-up")
                time.sleep(0.05)

    def turn(self, passes):
        self.go.write(f"{passes}\n")
        reply = self.done.readline().split()
        if not reply or reply[0] != "ok" or len(reply) != passes + 1:
            raise SystemExit(f"forward_turns: side {self.name} ({self.kind}) answered {' '.join(reply)[:80] or 'nothing'}")
        ms = [float(x) for x in reply[1:]]
        self.ms.extend(ms)
        self.round_medians.append(statistics.median(ms))

    def close(self):
        try:
            self.go.write("end\n")
            self.go.close()
        except BrokenPipeError:
            pass
        self.proc.wait(timeout=60)


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def one_pair(a, work, pair):
    """Warms up a fresh A and B, then runs the rounds; returns both sides."""
    sides = [Side(f"A{pair}", a.a, a.env_a, a, work), Side(f"B{pair}", a.b, a.env_b, a, work)]
    try:
        for r in range(a.rounds):
            for s in (sides if r % 2 == 0 else sides[::-1]):
                s.turn(a.passes)
    finally:
        for s in sides:
            s.close()
    return sides


def main():
    a = parse()
    load_before = load()
    ms = {"A": [], "B": []}
    round_medians = {"A": [], "B": []}
    pair_ratios = []
    with tempfile.TemporaryDirectory() as work:
        for pair in range(a.pairs):
            sa, sb = one_pair(a, work, pair)
            for key, s in (("A", sa), ("B", sb)):
                ms[key].extend(s.ms)
                round_medians[key].extend(s.round_medians)
            pair_ratios.append(statistics.median(x / y for x, y in zip(sa.round_medians, sb.round_medians)))
    load_after = load()
    ratios = [x / y for x, y in zip(round_medians["A"], round_medians["B"])]
    label = {"A": f"{a.a} {a.env_a}".strip(), "B": f"{a.b} {a.env_b}".strip()}
    print(f"model {a.model}, task {a.task}, {a.threads} thread(s), {a.pairs} pair(s) of processes x {a.rounds} rounds x "
          f"{a.passes} passes per side; load {load_before} before, {load_after} after")
    for key in ("A", "B"):
        print(f"{key} = {label[key]}: median {statistics.median(ms[key]):.2f} ms (min {min(ms[key]):.2f}, max {max(ms[key]):.2f})")
    print(f"A / B per round: median {statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f}); "
          f"A faster in {sum(r < 1 for r in ratios)} of {len(ratios)} rounds; per pair of processes: "
          + ", ".join(f"{r:.3f}" for r in pair_ratios))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"model": a.model, "task": a.task, "threads": a.threads, "pairs": a.pairs, "rounds": a.rounds,
                       "passes": a.passes, "load": {"before": load_before, "after": load_after},
                       "sides": {key: {"label": label[key], "medianMs": statistics.median(ms[key]), "minMs": min(ms[key]),
                                       "maxMs": max(ms[key]), "roundMedians": round_medians[key], "ms": ms[key]} for key in ms},
                       "ratioPerRound": {"median": statistics.median(ratios), "min": min(ratios), "max": max(ratios)},
                       "ratioPerPair": pair_ratios}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
