#!/usr/bin/env bash
# The CPU that an application's process spends per request, under the same wrk load as the
# harness in ../shared/bench (wrk -t2 -c32): unlike throughput on a small shared machine, this
# counts only what the application costs, not what the stores, wrk and the kernel's other work
# take from the same cores. Run two builds one after the other, alternating, and compare.
#
#   benchmarks/cpu-per-request.sh NAME JAR PORT "WORKLOADS" [application arguments...]
#   benchmarks/cpu-per-request.sh redis benchmarks/app/target/benchmark-app-plain.jar 8105 \
#     "hello peek visits new" --session.engine=cache --session.cache-alias=redis
#
# Workloads: hello (no cookie), peek and visits (the cookie of one session), new (no cookie, a new
# session per request). Each prints "NAME WORKLOAD req/s=… cpu_us/req=…" (user + system time of
# the process over a measured run, divided by the requests it answered).
# Knobs: WARMUP (s of load per warm-up workload, 20), MEASURE (s measured, 15), JAVA_OPTS.
# "new" leaves hundreds of thousands of sessions in the store: point the application at a Redis or
# database of the benchmark's own (../shared/bench/services.sh starts them on REDIS_PORT, PG_PORT),
# not at one that tests share.
set -euo pipefail
name=$1 jar=$2 port=$3 workloads=$4
shift 4
warmup=${WARMUP:-20}
measure=${MEASURE:-15}
base="http://127.0.0.1:$port"
log=$(mktemp)
cookies=$(mktemp)
# shellcheck disable=SC2086
java ${JAVA_OPTS:--Xms1g -Xmx1g} -jar "$jar" --server.port="$port" --server.address=127.0.0.1 "$@" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log" "$cookies"' EXIT
for _ in $(seq 1 120); do
	curl -sf "$base/api/hello" >/dev/null 2>&1 && break
	kill -0 $pid 2>/dev/null || { echo "$name: the application exited; its log:" >&2; cat "$log" >&2; exit 1; }
	sleep 1
done
curl -sf -c "$cookies" "$base/api/visits" >/dev/null
# curl marks HttpOnly cookies with a #HttpOnly_ prefix in its cookie file
cookie=$(sed 's/^#HttpOnly_//' "$cookies" | awk '!/^#/ && NF >= 7 { print $6 "=" $7 }' | tail -n 1)
[ -n "$cookie" ] || { echo "$name: no session cookie from GET /api/visits" >&2; exit 1; }
load() {
	local workload=$1 seconds=$2 path=/api/$1 header=()
	case $workload in
		hello) ;;
		new) path=/api/visits ;;
		peek | visits) header=(-H "Cookie: $cookie") ;;
		*) echo "unknown workload $workload" >&2; exit 2 ;;
	esac
	wrk -t2 -c32 -d"${seconds}s" "${header[@]}" "$base$path"
}
cpu_ticks() {
	awk '{ print $14 + $15 }' "/proc/$pid/stat"
}
for workload in hello peek visits; do
	load "$workload" "$warmup" >/dev/null
done
ticks_per_second=$(getconf CLK_TCK)
for workload in $workloads; do
	load "$workload" 5 >/dev/null
	before=$(cpu_ticks)
	result=$(load "$workload" "$measure")
	after=$(cpu_ticks)
	if echo "$result" | grep -q 'Non-2xx'; then
		echo "$name $workload: some responses were not 2xx" >&2
		exit 1
	fi
	requests=$(echo "$result" | awk '/requests in/ { print $1 }')
	rate=$(echo "$result" | awk '/Requests\/sec/ { print $2 }')
	awk -v n="$name" -v w="$workload" -v r="$rate" -v t=$((after - before)) -v hz="$ticks_per_second" \
		-v q="$requests" 'BEGIN { printf "%s %s req/s=%s cpu_us/req=%.1f\n", n, w, r, t / hz * 1e6 / q }'
done
