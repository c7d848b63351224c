#!/usr/bin/env bash
# Requests per second of the four endpoints of PersonalAccessTokens.HttpBenchmarkApp over loopback, measured with
# wrk in alternating rounds, and each one's ratio to the anonymous endpoint and to the no-work scheme.
#   bash benchmarks/http/run.sh            # 3 rounds of 6 s per endpoint, 1 thread, 16 connections
#   ROUNDS=5 DURATION=10 bash benchmarks/http/run.sh
# A round gives each endpoint its DURATION in SLICES runs, in turns (A B C D, D C B A, A B C D): this machine's
# speed drifts by several percent over seconds, and turns spread a slow stretch over every endpoint alike.
set -euo pipefail
cd "$(dirname "$0")/../.."

rounds=${ROUNDS:-3} duration=${DURATION:-6} slices=${SLICES:-3} connections=${CONNECTIONS:-16} threads=${THREADS:-1}
endpoints=(/anonymous /no-work /pat /jwt-bearer)

if ! command -v wrk >/dev/null; then
  echo "Installing wrk..."
  { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } || { echo "wrk is missing and could not be installed." >&2; exit 1; }
fi

dotnet build benchmarks/http/PersonalAccessTokens.HttpBenchmarkApp -c Release -v quiet -nologo >/dev/null

# A free loopback port: one that nothing answers on.
port=
for _ in $(seq 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[[ -n $port ]] || { echo "No free loopback port found." >&2; exit 1; }

work=$(mktemp -d)
app_pid=
cleanup() { [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# The token the requests present is written to a file only this user can read; it is never printed.
(umask 077 && dotnet benchmarks/http/PersonalAccessTokens.HttpBenchmarkApp/bin/Release/net10.0/PersonalAccessTokens.HttpBenchmarkApp.dll \
  --urls "http://127.0.0.1:$port" --token-file "$work/token" >"$work/app.log" 2>&1) &
app_pid=$!
for _ in $(seq 100); do
  [[ -s $work/token ]] && curl -fs "http://127.0.0.1:$port/anonymous" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { echo "The app stopped:" >&2; cat "$work/app.log" >&2; exit 1; }
  sleep 0.1
done
token=$(<"$work/token")
for path in "${endpoints[@]}"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path")
  [[ $status == 200 ]] || { echo "GET $path answered $status, not 200." >&2; exit 1; }
done

load() { # path seconds -> "requests seconds", from wrk's "N requests in Xs" line
  wrk -t"$threads" -c"$connections" -d"$2"s -H "Authorization: Bearer $token" "http://127.0.0.1:$port$1" \
    | awk '/ requests in / { sub(/,$/, "", $4); t = $4; if (t ~ /ms$/) { sub(/ms$/, "", t); t /= 1000 } else if (t ~ /m$/) { sub(/m$/, "", t); t *= 60 } else sub(/s$/, "", t); print $1, t }'
}

slice=$(awk -v d="$duration" -v s="$slices" 'BEGIN { printf "%g", d / s }')
echo "wrk -t$threads -c$connections, ${duration} s per endpoint a round in $slices turns of ${slice} s, on 127.0.0.1, $rounds rounds; $(nproc) cores, .NET SDK $(dotnet --version)"
for path in "${endpoints[@]}"; do load "$path" 2 >/dev/null; done # JIT, connection pools, the token cache

reversed=()
for (( i = ${#endpoints[@]} - 1; i >= 0; i-- )); do reversed+=("${endpoints[i]}"); done

for round in $(seq "$rounds"); do
  declare -A requests=() seconds=()
  for turn in $(seq "$slices"); do
    order=("${endpoints[@]}")
    if (( turn % 2 == 0 )); then order=("${reversed[@]}"); fi
    for path in "${order[@]}"; do
      read -r n t < <(load "$path" "$slice")
      requests[$path]=$(( ${requests[$path]:-0} + n ))
      seconds[$path]=$(awk -v a="${seconds[$path]:-0}" -v b="$t" 'BEGIN { print a + b }')
    done
  done

  printf '\nround %d\n%-12s %12s %14s %14s\n' "$round" endpoint requests/s "vs anonymous" "vs no-work"
  rate() { awk -v n="${requests[$1]}" -v t="${seconds[$1]}" 'BEGIN { print n / t }'; }
  anonymous=$(rate /anonymous) no_work=$(rate /no-work)
  for path in "${endpoints[@]}"; do
    awk -v p="$path" -v r="$(rate "$path")" -v a="$anonymous" -v n="$no_work" \
      'BEGIN { printf "%-12s %12.0f %13.2fx %13.2fx\n", p, r, r / a, r / n }'
  done
  unset requests seconds
done
