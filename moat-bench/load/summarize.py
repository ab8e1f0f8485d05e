"""Summarises a run.sh output directory as Markdown: medians over the repeats with [min–max]."""
import shlex
import statistics
import sys
from collections import defaultdict
from pathlib import Path


def read_lines(path):
    rows = []
    if path.exists():
        for line in path.read_text().splitlines():
            row = {}
            for part in shlex.split(line):
                if "=" in part:
                    key, value = part.split("=", 1)
                    row[key] = value
            rows.append(row)
    return rows


def spread(values, digits=0):
    fmt = f"{{:.{digits}f}}"
    if not values:
        return "–"
    return f"{fmt.format(statistics.median(values))} [{fmt.format(min(values))}–{fmt.format(max(values))}]"


def main(out):
    rows = read_lines(out / "raw.txt")
    latency = defaultdict(dict)  # (rate, target) -> rep -> row
    sse = defaultdict(dict)
    saturation = defaultdict(list)
    cpu_per_request = defaultdict(list)
    sustained = defaultdict(list)
    for row in rows:
        label = row.get("label", "")
        rep = label.rsplit("rep", 1)[-1]
        if label.startswith("latency-"):
            latency[(int(row["rate"]), row["target"])][rep] = row
        elif label.startswith("sse-"):
            sse[row["target"]][rep] = row
        elif label.startswith("saturation-") and row.get("rps"):
            saturation[row["target"]].append(float(row["rps"]))
            if row.get("sustained_rps"):
                sustained[row["target"]].append(float(row["sustained_rps"]))
            if row.get("cpu_us_per_request"):
                cpu_per_request[row["target"]].append(float(row["cpu_us_per_request"]))

    print("### Added latency over direct (open loop, µs; median of repeats [min–max])\n")
    print("| rate (req/s) | target | p50 | p99 | p99.9 | added p50 | added p99 | added p99.9 | non-2xx + failed |")
    print("|---|---|---|---|---|---|---|---|---|")
    for rate in sorted({rate for rate, _ in latency}):
        direct = latency.get((rate, "direct"), {})
        for target in ("direct", "nginx", "vertx", "moat", "moat-nopolicy", "moat-baseline"):
            reps = latency.get((rate, target), {})
            if not reps:
                continue
            cells = []
            for key in ("p50_us", "p99_us", "p999_us"):
                cells.append(spread([float(r[key]) for r in reps.values()]))
            for key in ("p50_us", "p99_us", "p999_us"):
                diffs = [float(r[key]) - float(direct[rep][key]) for rep, r in reps.items() if rep in direct]
                cells.append("–" if target == "direct" else spread(diffs))
            errors = sum(int(r["non2xx"]) + int(r["failed"]) + int(r["unanswered"]) for r in reps.values())
            print(f"| {rate} | {target} | " + " | ".join(cells) + f" | {errors} |")

    print("\n### Saturation throughput (wrk, 64 connections, closed loop; req/s, median [min–max])\n")
    print("| target | req/s | share of nginx | sustained req/s (queued work included) | CPU µs per request |")
    print("|---|---|---|---|---|")
    nginx = statistics.median(saturation["nginx"]) if saturation.get("nginx") else None
    for target in ("direct", "nginx", "vertx", "moat", "moat-nopolicy", "moat-baseline"):
        if saturation.get(target):
            share = f"{100 * statistics.median(saturation[target]) / nginx:.0f} %" if nginx else "–"
            cpu = spread(cpu_per_request[target]) if cpu_per_request.get(target) else "–"
            kept = spread(sustained[target]) if sustained.get(target) else "–"
            print(f"| {target} | {spread(saturation[target])} | {share} | {kept} | {cpu} |")

    if sse:
        print("\n### SSE time to first byte (µs, median [min–max])\n")
        print("| target | TTFB p50 | TTFB p99 | TTFB p99.9 | added p50 | added p99 |")
        print("|---|---|---|---|---|---|")
        for target in ("direct", "moat"):
            reps = sse.get(target, {})
            if not reps:
                continue
            cells = [spread([float(r[k]) for r in reps.values()]) for k in ("ttfb_p50_us", "ttfb_p99_us", "ttfb_p999_us")]
            for key in ("ttfb_p50_us", "ttfb_p99_us"):
                diffs = [float(r[key]) - float(sse["direct"][rep][key]) for rep, r in reps.items() if rep in sse.get("direct", {})]
                cells.append("–" if target == "direct" else spread(diffs))
            print(f"| {target} | " + " | ".join(cells) + " |")

    rss = read_lines(out / "memory-rss.txt")
    rss = [r for r in rss if r.get("rss_kb")]
    if rss:
        memory = read_lines(out / "raw.txt")
        print("\n### Resident memory of Moat over the memory run (VmRSS from /proc, every 5 s)\n")
        peak = max(int(r["rss_kb"]) for r in rss)
        step = max(1, len(rss) // 25)
        print("```")
        for r in rss[::step] + ([rss[-1]] if (len(rss) - 1) % step else []):
            kb = int(r["rss_kb"])
            print(f"{int(r['t_s']):5d} s {kb / 1024:7.1f} MiB |" + "#" * round(50 * kb / peak))
        print("```")
    for row in read_lines(out / "raw.txt"):
        if row.get("label") == "memory":
            print(f"\nMemory run: {row['requests']} requests answered in {row['seconds']} s (wrk, 32 connections): "
                  f"{row['ok']} × 200, {row['overloaded_503']} × 503 (usage queue full).")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
