#!/usr/bin/env bash
# A throwaway single-node Ceph cluster with an S3 gateway (RGW) on loopback, for tests.
#   start DIR -> stdout: S3_ENDPOINT=..., S3_ACCESS_KEY_ID=..., S3_SECRET_ACCESS_KEY=..., S3_REGION=...
#   stop DIR  -> SIGKILLs the daemons and removes DIR
# One mon, one memstore OSD (objects live in RAM), no mgr, no auth. Logs stay in DIR/log; on a
# failure their tail goes to stderr. Works as root or not. Recipe: /work/shared/FIELD-NOTES.md.
set -euo pipefail

cmd=${1:-}; dir=${2:-}
[[ ( $cmd == start || $cmd == stop ) && -n $dir ]] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

ACCESS_KEY=${THROWAWAY_S3_ACCESS_KEY:-throwawayaccesskey01}
SECRET_KEY=${THROWAWAY_S3_SECRET_KEY:-throwawaysecretkey0000000000000000000001}
TIMEOUT=${THROWAWAY_CEPH_TIMEOUT:-60}   # seconds allowed for each step

kill_daemons() {
  local f pid pids=()
  for f in "$dir"/run/*.pid; do
    [[ -f $f ]] || continue
    pid=$(cat "$f") && kill -9 "$pid" 2>/dev/null && pids+=("$pid") || true
  done
  # Wait until they are dead so nothing writes into DIR while it is removed. A zombie (state Z)
  # counts as dead: daemons are re-parented to PID 1, which may take seconds to reap them.
  for pid in "${pids[@]}"; do
    for _ in {1..50}; do
      [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || echo Z) == Z ]] && break
      sleep 0.1
    done
  done
}

if [[ $cmd == stop ]]; then
  [[ -d $dir ]] || exit 0
  # Refuse to rm -rf a directory this script did not create.
  [[ -f $dir/.throwaway-ceph ]] || { echo "throwaway-ceph: $dir was not made by this script, not removing" >&2; exit 1; }
  kill_daemons
  rm -rf "$dir"
  exit 0
fi

# start
for b in ceph-mon ceph-osd radosgw radosgw-admin ceph monmaptool; do
  command -v $b >/dev/null || { echo "throwaway-ceph: $b not found (run scripts/install-ci-packages.sh)" >&2; exit 1; }
done
if [[ -e $dir && -n $(ls -A "$dir" 2>/dev/null) ]]; then echo "throwaway-ceph: $dir exists and is not empty" >&2; exit 1; fi
mkdir -p "$dir"/{run,log,mon,osd}
dir=$(cd "$dir" && pwd)
touch "$dir/.throwaway-ceph"

fail() {
  echo "throwaway-ceph: $*" >&2
  for f in "$dir"/log/*.log; do [[ -s $f ]] && { echo "--- tail of $f" >&2; tail -n 25 "$f" >&2; }; done
  kill_daemons
  exit 1
}

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
mon_port=$(free_port); rgw_port=$(free_port)
while [[ $rgw_port == "$mon_port" ]]; do rgw_port=$(free_port); done
fsid=$(cat /proc/sys/kernel/random/uuid)

conf=$dir/ceph.conf
cat >"$conf" <<CONF
[global]
fsid = $fsid
mon host = v2:127.0.0.1:$mon_port
mon initial members = a
# without these the OSD listens on 0.0.0.0:6800-6803 (with auth none!)
public addr = 127.0.0.1
cluster addr = 127.0.0.1
# msgr2 only: one port per daemon, no legacy 6789
ms bind msgr1 = false
auth cluster required = none
auth service required = none
auth client required = none
# daemons (radosgw) default to "secure" mode towards the mon, which auth none cannot give: -13 EACCES
ms mon client mode = crc secure
# every path inside DIR, so nothing touches /var/lib/ceph or /var/run/ceph
run dir = $dir/run
pid file = $dir/run/\$name.pid
admin socket = $dir/run/\$name.asok
log file = $dir/log/\$name.log
mon data = $dir/mon/\$id
osd data = $dir/osd/\$id
keyring = $dir/keyring
mon cluster log file = $dir/log/cluster.log
# a one-OSD cluster: allow size-1 pools, few PGs, no autoscaler (there is no mgr)
mon allow pool size one = true
mon warn on pool no redundancy = false
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
# without it every map change waits ~1 s and start-up takes ~12 s
paxos propose interval = 0.1
# a small /tmp must not make the mon refuse to run
mon data avail crit = 1

[osd]
osd objectstore = memstore
memstore device bytes = 1073741824

[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw data = $dir/rgw
# fail instead of waiting 5 minutes for a cluster that will not come up
rgw init timeout = $TIMEOUT
CONF
export CEPH_CONF=$conf   # every ceph tool below reads this config, never /etc/ceph

step() { echo "throwaway-ceph: $*" >&2; }
t() { timeout "$TIMEOUT" "$@"; }   # no step may hang forever

step "mon on 127.0.0.1:$mon_port"
t monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$mon_port]" "$dir/monmap" >/dev/null 2>&1 || fail "monmaptool failed"
t ceph-mon --mkfs -i a --monmap "$dir/monmap" >>"$dir/log/setup.log" 2>&1 || fail "ceph-mon --mkfs failed"
t ceph-mon -i a >>"$dir/log/setup.log" 2>&1 || fail "ceph-mon did not start"

step "osd (memstore)"
osd_uuid=$(cat /proc/sys/kernel/random/uuid)
osd_id=$(t ceph --connect-timeout "$TIMEOUT" osd new "$osd_uuid" 2>>"$dir/log/setup.log") || fail "ceph osd new failed"
mkdir -p "$dir/osd/$osd_id"
t ceph-osd -i "$osd_id" --mkfs --osd-uuid "$osd_uuid" >>"$dir/log/setup.log" 2>&1 || fail "ceph-osd --mkfs failed"
t ceph-osd -i "$osd_id" >>"$dir/log/setup.log" 2>&1 || fail "ceph-osd did not start"

step "S3 user"
# Blocks until the OSD is up and the rgw pools are created, hence the timeout.
t radosgw-admin user create --uid=throwaway --display-name="throwaway CI" \
  --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" >>"$dir/log/setup.log" 2>&1 || fail "radosgw-admin user create failed"

step "radosgw on 127.0.0.1:$rgw_port"
t radosgw -n client.rgw.a >>"$dir/log/setup.log" 2>&1 || fail "radosgw did not start"
endpoint=http://127.0.0.1:$rgw_port
# Node is always there in this project (curl may not be): poll until RGW answers any HTTP status.
t node -e 'const u=process.argv[1];(async()=>{for(;;){try{await fetch(u);return}catch{await new Promise(r=>setTimeout(r,100))}}})()' "$endpoint" \
  || fail "S3 endpoint $endpoint did not answer within ${TIMEOUT}s"

echo "S3_ENDPOINT=$endpoint"
echo "S3_ACCESS_KEY_ID=$ACCESS_KEY"
echo "S3_SECRET_ACCESS_KEY=$SECRET_KEY"
echo "S3_REGION=us-east-1"
