#!/usr/bin/env bash
# Live conformance: runs `vrrp-check conform` on real keepalived for every scenario in examples/,
# and a random batch of 5 (seed VRRP_SEED, else random and printed), two scenarios at a time, then
# up to two more runs, one at a time, of each scenario that did not match.
# Needs root and network namespaces; installs keepalived, iproute2 and tcpdump with apt-get when
# they are missing. Prints one line per scenario and ends with "N passed, N failed". Where it
# cannot run (not root, no namespaces, no apt-get) it says why in one line and ends with
# "0 passed, 0 failed", exit 0. Idempotent; leaves no namespace or process behind.
set -uo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."

skip() {
  echo "conform-live: skipped: $1"
  echo "0 passed, 0 failed"
  exit 0
}

# Namespaces of an earlier run of conform that was killed outright (vck<pid>- with <pid> gone).
sweep_stale() {
  command -v ip >/dev/null 2>&1 || return 0
  local ns pid
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^vck[0-9]+-' || true); do
    pid="${ns#vck}"
    pid="${pid%%-*}"
    [ -d "/proc/${pid}" ] && continue
    for p in $(ip netns pids "${ns}" 2>/dev/null); do kill -KILL "${p}" 2>/dev/null || true; done
    ip netns del "${ns}" 2>/dev/null || true
  done
}

out="test-output/conform"

# Real keepalived is not deterministic at the microsecond (two daemons whose deadlines fall on the
# same instant race, so real runs of one scenario can differ), and two scenarios at a time add
# milliseconds of scheduling jitter: a scenario conforms when one of up to three runs matches, the
# first in the parallel pass and the other two afterwards, one at a time on a quiet machine.
conform_one() { # $1 scenario file, $2 name for the output folder, $3 first attempt, $4 last; prints the last conform line
  local scenario="$1" name="$2" attempt result status line="" err="${out}/${2}.stderr.txt"
  for attempt in $(seq "$3" "$4"); do
    result="$(node bin/vrrp-check.js conform "${scenario}" --keep "${out}/${name}-${attempt}" 2>"${err}")"
    status=$?
    line="$(printf '%s\n' "${result}" | grep -E '^conform: ' | tail -n 1)"
    if [ "${status}" -ne 0 ] && [ "${status}" -ne 1 ]; then
      line="conform: ${name}: cannot run (exit ${status}): $(grep -v '^vrrp-check: note' "${err}" | head -n 1)"
      break
    fi
    [ "${status}" -eq 0 ] && { [ "${attempt}" -gt 1 ] && line="${line} [run ${attempt} of 3]"; break; }
  done
  rm -f "${err}"
  printf '%s\n' "${line}"
}

random_batch() { # $1 seed, $2 retry file; prints one conform line per scenario
  local seed="$1" retry="$2" status line name lines n=0
  node bin/vrrp-check.js conform --random 5 --seed "${seed}" --keep "${out}/random" \
    >"${out}/random.txt" 2>"${out}/random.stderr.txt"
  status=$?
  lines="$(grep -E '^conform: random-' "${out}/random.txt" || true)"
  if [ -z "${lines}" ]; then
    echo "conform: random batch (seed ${seed}): cannot run (exit ${status}): $(head -n 1 "${out}/random.stderr.txt")"
    return
  fi
  while IFS= read -r line; do
    n=$((n + 1))
    printf '%s\n' "${line}"
    case "${line}" in
      *": match "*) ;;
      *)
        # a mismatch is saved with its scenario: it gets the same further runs as an example
        name="$(printf '%s' "${line}" | sed -E 's/^conform: ([^:]+):.*/\1/')"
        name="${name##*/}"
        [ -f "${out}/random/${name}/scenario.json" ] &&
          printf '%s\t%s\t%s\n' "${n}" "${out}/random/${name}/scenario.json" "random-${name}" >>"${retry}"
        ;;
    esac
  done <<<"${lines}"
  grep -E '^agreement: ' "${out}/random.txt" >"${out}/agreement.txt" || true
}

# One task: "random SEED" or "example FILE". Tasks run two at a time (the machines have 2 CPUs and
# the daemons are idle between adverts); each writes its lines to results/NNN.txt, and the lines
# that did not match to results/NNN.retry (line number, scenario, name) for the second pass.
if [ "${1:-}" = --task ]; then # (run by xargs below)
  n="$2" kind="$3" arg="$4"
  case "${kind}" in
    random) random_batch "${arg}" "${out}/results/${n}.retry" >"${out}/results/${n}.txt" ;;
    example)
      name="$(dirname "${arg}")"
      name="${name#examples/}"
      name="${name//\//-}"
      conform_one "${arg}" "${name}" 1 1 >"${out}/results/${n}.txt"
      grep -q ': match ' "${out}/results/${n}.txt" ||
        printf '1\t%s\t%s\n' "${arg}" "${name}" >"${out}/results/${n}.retry"
      ;;
  esac
  sed 's/^/conform-live: done: /' "${out}/results/${n}.txt" # progress; the tally follows at the end
  exit 0
fi

[ "$(uname -s)" = Linux ] || skip "not Linux"
[ "$(id -u)" -eq 0 ] || skip "not root (conform creates network namespaces and runs keepalived)"

missing=()
command -v keepalived >/dev/null 2>&1 || missing+=(keepalived)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v tcpdump >/dev/null 2>&1 || missing+=(tcpdump)
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || skip "no apt-get to install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends keepalived iproute2 tcpdump; } \
    >/dev/null 2>&1; then
    skip "apt-get could not install ${missing[*]}"
  fi
fi

probe="vck$$-probe"
ip netns add "${probe}" >/dev/null 2>&1 || skip "network namespaces are not available (ip netns add failed)"
ip netns del "${probe}" >/dev/null 2>&1
sweep_stale

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund >/dev/null 2>&1 || skip "npm ci failed"
fi
npm run --silent build >/dev/null 2>&1 || { echo "FAILED: npm run build"; echo "0 passed, 1 failed"; exit 1; }

rm -rf "${out}"
mkdir -p "${out}/results"

# keepalived --version decides the profile: scenarios written for keepalived-1.2 are compared with
# the keepalived-2.2 model here (conform says so in a note), since 2.2.7 is what Debian packages
echo "conform-live: $(keepalived --version 2>&1 | head -n 1)"

seed="${VRRP_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}"
echo "conform-live: every scenario in examples/, then a random batch of 5 with seed ${seed}, two at a time"
{
  echo "000 random ${seed}" # the longest task first
  i=1
  while IFS= read -r scenario; do
    printf '%03d example %s\n' "${i}" "${scenario}"
    i=$((i + 1))
  done < <(find examples -name scenario.json | sort)
} | xargs -P 2 -L 1 "${self}" --task

# second pass, one at a time: up to two more runs of each scenario that did not match
for retry in "${out}"/results/*.retry; do
  [ -f "${retry}" ] || continue
  results="${retry%.retry}.txt"
  while IFS=$'\t' read -r line scenario name; do
    again="$(conform_one "${scenario}" "${name}" 2 3)"
    echo "conform-live: again: ${again}"
    awk -v n="${line}" -v text="${again}" 'NR == n { print text; next } { print }' "${results}" >"${results}.new"
    mv "${results}.new" "${results}"
  done <"${retry}"
done

# A failure's evidence, for a CI log that is all there is of the machine: the newest run kept for
# it (its report, its scenario with the configs inline, and when each event took effect), enough
# to judge it again with `vrrp-check conform --recorded` once its capture is copied out, or to
# rerun it.
explain() { # $1 a FAIL line
  local name flat base kept
  name="$(printf '%s' "$1" | sed -E 's/^conform: ([^:]+):.*/\1/')"
  flat="${name#examples/}"
  flat="${flat//\//-}" # an example's runs: see --task
  base="${name##*/}"    # a random scenario's: saved by the batch, then its reruns
  kept="$(ls -dt "${out}/${flat}"-[0-9] "${out}/random/${base}" "${out}/random-${base}"-[0-9] 2>/dev/null | head -n 1)"
  [ -n "${kept}" ] && [ -f "${kept}/diff.txt" ] || return 0
  echo "  | kept in ${kept} (vrrp-check conform --recorded ${kept})"
  head -n 80 "${kept}/diff.txt" | sed 's/^/  | /'
  echo "  | scenario: $(node -e 'process.stdout.write(JSON.stringify(require(process.argv[1])))' "$(realpath "${kept}/scenario.json")")"
  [ -f "${kept}/applied.json" ] &&
    echo "  | applied: $(node -e 'process.stdout.write(JSON.stringify(require(process.argv[1])))' "$(realpath "${kept}/applied.json")")"
  return 0
}

passed=0
failed=0
for f in $(cd "${out}/results" && ls -- *.txt | sort); do
  while IFS= read -r line; do
    case "${line}" in
      *": match "*) passed=$((passed + 1)); echo "PASS ${line}" ;;
      *)
        failed=$((failed + 1))
        echo "FAIL ${line}"
        explain "${line}"
        ;;
    esac
  done <"${out}/results/${f}"
done
cat "${out}/agreement.txt" 2>/dev/null || true

sweep_stale
echo "${passed} passed, ${failed} failed"
[ "${failed}" -eq 0 ]
