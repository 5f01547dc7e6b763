#!/usr/bin/env bash
# Starts a single-node Slurm cluster for tests (Debian 12, as root, no systemd needed), unless one
# is already answering. Installs slurmctld, slurmd, slurm-client and munge from Debian when absent.
#
# Usage: scripts/slurm-up.sh [STATE_DIR]        (default: $TAOSIM_SLURM_DIR or /tmp/taosim-slurm)
# Prints a line to eval: `export SLURM_CONF=… TAOSIM_SLURM_STARTED=yes|no` (yes when this call
# started the cluster, so the caller knows whether to stop it).
# Every daemon it starts is listed (as its pid file) in STATE_DIR/started; scripts/slurm-down.sh
# stops exactly those and nothing else. The configuration lives in STATE_DIR, not in /etc/slurm.
set -euo pipefail
state=${1:-${TAOSIM_SLURM_DIR:-/tmp/taosim-slurm}}
log() { echo "slurm-up: $*" >&2; }

# A cluster that already answers (ours from an earlier call, or the machine's own) is used as is.
node_ready() { sinfo -h -o %T 2>/dev/null | grep -Eqx 'idle|mixed|allocated|completing'; }
if [ -s "$state/slurm.conf" ] && SLURM_CONF="$state/slurm.conf" node_ready; then
  log "using the running cluster configured in $state/slurm.conf"
  echo "export SLURM_CONF=$state/slurm.conf TAOSIM_SLURM_STARTED=no"; exit 0
fi
if command -v sinfo >/dev/null && pgrep -x slurmctld >/dev/null && node_ready; then
  log "using the Slurm cluster already running on this machine"
  echo "export SLURM_CONF=${SLURM_CONF:-/etc/slurm/slurm.conf} TAOSIM_SLURM_STARTED=no"; exit 0
fi
if pgrep -x slurmctld >/dev/null || pgrep -x slurmd >/dev/null; then
  log "slurmctld/slurmd are running but no node answers; stop them first (not touching them)"; exit 1
fi

[ "$(id -u)" = 0 ] || { log "must run as root to start the daemons"; exit 1; }
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
   || ! command -v munged >/dev/null; then
  log "installing slurmctld slurmd slurm-client munge from Debian"
  export DEBIAN_FRONTEND=noninteractive
  pkgs=(slurmctld slurmd slurm-client munge)
  apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null; }
fi

mkdir -p "$state/ctld" "$state/d" "$state/log"
: > "$state/started.new"
[ -f "$state/started" ] && cat "$state/started" >> "$state/started.new"

# munge: the key is normally made by the package's postinst; make one if it is missing.
if ! pgrep -x munged >/dev/null; then
  if [ ! -s /etc/munge/munge.key ]; then
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=128 2>/dev/null
    chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key
  fi
  mkdir -p /run/munge && chown munge:munge /run/munge && chmod 755 /run/munge
  runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid
  echo "munged /run/munge/munged.pid" >> "$state/started.new"
  log "started munged"
fi

host=$(hostname -s); ncpu=$(nproc)
mem=$(( $(awk '/MemTotal/{print $2}' /proc/meminfo) / 1024 - 1024 ))
cat > "$state/slurm.conf" <<CONF
# Single-node test cluster written by scripts/slurm-up.sh
ClusterName=taosimtest
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MinJobAge=300
NodeName=$host CPUs=$ncpu RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF

/usr/sbin/slurmctld -c -f "$state/slurm.conf"      # -c: clean state, no stale jobs
echo "slurmctld $state/slurmctld.pid" >> "$state/started.new"
/usr/sbin/slurmd -f "$state/slurm.conf"
echo "slurmd $state/slurmd.pid" >> "$state/started.new"
mv "$state/started.new" "$state/started"
log "started slurmctld and slurmd (state in $state)"

export SLURM_CONF="$state/slurm.conf"
for _ in $(seq 1 60); do node_ready && break; sleep 0.5; done
node_ready || { log "the node did not become idle; see $state/log/"; sinfo >&2 || true; exit 1; }
echo "export SLURM_CONF=$state/slurm.conf TAOSIM_SLURM_STARTED=yes"
